// Municipality pages and the municipality index (progressive enhancement: without JavaScript every
// list is shown).
// - A municipality page: the reader picks a size band; only the examples for that band are shown.
// - /kommuner/: a filter box narrows the lists by name or kommunenummer, hiding empty counties.

const sizeband = document.querySelector("[data-eb-sizeband]");
if (sizeband) {
  const sections = [...document.querySelectorAll(".eb-similar[data-band]")];
  const show = (band) => {
    for (const section of sections) section.hidden = section.dataset.band !== band;
  };
  sizeband.hidden = false;
  sizeband.addEventListener("change", (event) => show(event.target.value));
  show(sizeband.querySelector("input:checked").value);
}

const filter = document.querySelector("[data-eb-filter]");
if (filter) {
  const input = filter.querySelector("input");
  const status = filter.querySelector("[role=status]");
  const empty = document.getElementById("eb-kommunefilter-empty");
  const groups = [...document.querySelectorAll("[data-eb-group]")];
  const fold = (text) => text.toLocaleLowerCase("nb").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "a").trim();
  const apply = () => {
    const query = fold(input.value);
    let shown = 0;
    for (const group of groups) {
      let inGroup = 0;
      for (const list of group.querySelectorAll("ul")) {
        let inList = 0;
        for (const item of list.children) {
          const hit = !query || fold(item.dataset.ebName).includes(query);
          item.hidden = !hit;
          inList += hit;
        }
        list.hidden = inList === 0;
        const heading = list.previousElementSibling;
        if (heading && heading.tagName === "H3") heading.hidden = inList === 0;
        inGroup += inList;
      }
      group.hidden = inGroup === 0;
      shown += inGroup;
    }
    empty.hidden = shown > 0;
    status.textContent = query ? `${shown} treff for «${input.value.trim()}».` : "";
  };
  filter.hidden = false;
  input.addEventListener("input", apply);
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) input.value = initial;
  apply();
}

// Home page: «Finn eksempler fra kommuner som din» goes straight to the municipality's page when
// the name matches one in the list; otherwise the form falls back to /kommuner/?q=… (the filter).
const jump = document.querySelector("[data-eb-municipality-jump]");
if (jump) {
  const input = jump.querySelector("input");
  const options = [...jump.querySelectorAll("datalist option")];
  const fold = (text) => text.toLocaleLowerCase("nb").replace(/\s+/g, " ").trim();
  jump.addEventListener("submit", (event) => {
    const wanted = fold(input.value);
    const exact = options.filter((o) => fold(o.value) === wanted);
    const byName = exact.length ? exact : options.filter((o) => fold(o.value).split(" (")[0] === wanted);
    if (byName.length === 1) {
      event.preventDefault();
      location.href = byName[0].dataset.url;
    }
  });
}
