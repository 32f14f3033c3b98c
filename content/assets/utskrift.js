// On paper: the site name, the page's address and the print date above the content (hidden on
// screen). The date is set when the page loads and again just before printing.
const article = document.querySelector("article.md-content__inner");
if (article) {
  const info = document.createElement("p");
  info.className = "eb-print-info";
  info.setAttribute("aria-hidden", "true");
  const fill = () => {
    const date = new Intl.DateTimeFormat("nb-NO", {day: "numeric", month: "long", year: "numeric"}).format(new Date());
    info.textContent = `Erfaringsbanken · ${location.href} · skrevet ut ${date}`;
  };
  fill();
  article.prepend(info);
  window.addEventListener("beforeprint", fill);
}
