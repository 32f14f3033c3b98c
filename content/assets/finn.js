// «Finn eksempler»: full-text search and facet filters with Pagefind.
//
// The form on the page is the state: its fields (q, tema, sektor, …) are mirrored in the URL, so
// a filtered view can be shared and survives reload. Within one facet the values are OR-ed,
// across facets AND-ed. Everything is plain DOM; no framework.

const PAGE_SIZE = 20;
const siteRoot = new URL("..", import.meta.url);

const form = document.getElementById("eb-finder");
const statusEl = document.getElementById("eb-status");
const list = document.getElementById("eb-results");
const moreButton = document.getElementById("eb-more");
const resetButton = document.getElementById("eb-reset");
const facetNames = [...form.querySelectorAll("fieldset[data-facet]")].map((f) => f.dataset.facet);

let pagefind;
let current = { results: [], shown: 0 };
let runId = 0;

function numberWord(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  form.elements.q.value = params.get("q") || "";
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
}

function formState() {
  const data = new FormData(form);
  const q = (data.get("q") || "").trim();
  const filters = { type: "eksempel" };
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  let active = 0;
  for (const name of facetNames) {
    const values = data.getAll(name);
    if (values.length) {
      filters[name] = { any: values };
      values.forEach((v) => params.append(name, v));
      active += values.length;
    }
  }
  return { q, filters, params, active };
}

function writeUrl(params) {
  const query = params.toString();
  const url = `${window.location.pathname}${query ? "?" + query : ""}`;
  window.history.replaceState(null, "", url);
}

function updateCounts(filterCounts) {
  for (const fieldset of form.querySelectorAll("fieldset[data-facet]")) {
    const counts = filterCounts[fieldset.dataset.facet] || {};
    for (const span of fieldset.querySelectorAll("[data-count-for]")) {
      const n = counts[span.dataset.countFor] || 0;
      span.textContent = `(${n})`;
      span.closest(".eb-facet__option").classList.toggle("eb-facet__option--empty", n === 0);
    }
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function renderMore(event) {
  const fromButton = event && event.type === "click";
  const firstNew = list.children.length;
  const slice = current.results.slice(current.shown, current.shown + PAGE_SIZE);
  const id = runId;
  const data = await Promise.all(slice.map((r) => r.data()));
  if (id !== runId) return; // a newer search has started
  for (const item of data) {
    const li = el("li", "eb-finder__hit");
    const heading = el("h3", "eb-finder__title");
    const link = el("a", null, item.meta.title || item.url);
    link.href = item.url;
    heading.append(link);
    li.append(heading);
    // the page escapes commas in the attribute (Pagefind's separator); show them plainly
    if (item.meta.kommune) li.append(el("p", "eb-muted eb-finder__meta", item.meta.kommune.replace(/\\,/g, ",")));
    if (current.q && item.excerpt) {
      const excerpt = el("p", "eb-finder__excerpt");
      excerpt.innerHTML = item.excerpt; // Pagefind escapes the text and adds only <mark>
      li.append(excerpt);
    }
    list.append(li);
  }
  current.shown += slice.length;
  moreButton.hidden = current.shown >= current.results.length;
  if (fromButton && list.children[firstNew]) {
    list.children[firstNew].querySelector("a").focus(); // keep keyboard users in place
  }
}

async function run() {
  const id = ++runId;
  const { q, filters, params, active } = formState();
  writeUrl(params);
  statusEl.textContent = "Søker …";
  const options = { filters };
  if (!q) options.sort = { tittel: "asc" };
  const search = await pagefind.search(q || null, options);
  if (id !== runId) return;
  current = { results: search.results, shown: 0, q };
  list.replaceChildren();
  updateCounts(search.filters || {});
  const hits = numberWord(search.results.length, "eksempel", "eksempler");
  const what = [q ? `«${q}»` : "", active ? numberWord(active, "filter", "filtre") : ""].filter(Boolean);
  statusEl.textContent = search.results.length
    ? `${hits} funnet${what.length ? " for " + what.join(" og ") : ""}.`
    : `Ingen eksempler funnet${what.length ? " for " + what.join(" og ") : ""}. Prøv færre filtre eller et annet ord.`;
  await renderMore();
}

let timer;
function scheduleRun() {
  clearTimeout(timer);
  timer = setTimeout(run, 120);
}

async function start() {
  pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
  await pagefind.options({ baseUrl: siteRoot.pathname });
  await pagefind.init();
  readUrl();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox") scheduleRun();
  });
  form.elements.q.addEventListener("input", scheduleRun);
  resetButton.addEventListener("click", () => {
    for (const box of form.querySelectorAll("input[type=checkbox]")) box.checked = false;
    form.elements.q.value = "";
    run();
    form.elements.q.focus();
  });
  moreButton.addEventListener("click", renderMore);
  window.addEventListener("popstate", () => {
    readUrl();
    run();
  });
  form.classList.add("eb-finder--ready");
  await run();
}

start().catch((error) => {
  statusEl.textContent = "Søket kunne ikke lastes. Se alle eksemplene i tabellen under «Alle eksempler».";
  console.error(error);
});
