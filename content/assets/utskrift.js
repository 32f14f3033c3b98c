// On paper: every page names the site and the page's address at the top, and the print date and
// «Side N av M» at the bottom (CSS page-margin boxes; the address is only known in the browser, so
// the rule is written here). The date is set when the page loads and again just before printing.
// Hidden on screen: the rule is in a print-only style sheet.
const cssString = (text) => `"${text.replace(/[\\"]/g, "\\$&").replace(/[\u0000-\u001f\u007f]/g, " ")}"`;
const style = document.createElement("style");
style.media = "print";
const fill = () => {
  const date = new Intl.DateTimeFormat("nb-NO", {day: "numeric", month: "long", year: "numeric"}).format(new Date());
  style.textContent = `@page {
  @top-left { content: ${cssString(`Erfaringsbanken · ${location.href}`)}; }
  @bottom-left { content: ${cssString(`Skrevet ut ${date}`)}; }
  @bottom-right { content: "Side " counter(page) " av " counter(pages); }
}`;
};
fill();
document.head.append(style);
window.addEventListener("beforeprint", fill);
