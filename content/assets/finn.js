// «Finn eksempler»: full-text search and facet filters with Pagefind.
//
// The form on the page is the state: its fields (q, tema, sektor, …) are mirrored in the URL, so
// a filtered view can be shared and survives reload. Within one facet the values are OR-ed,
// across facets AND-ed.
//
// Counts mean one thing: the number beside a value that is not ticked is exactly the number of
// hits the reader gets by ticking it, given everything else chosen; beside a ticked value, how
// many of the current hits have it. A facet with ticked values therefore needs its own searches:
// one without that facet's choices, one for the pages that facet's choices do not already give
// («none»), whose counts are added to the current hits. Pagefind only reports counts for filter
// indexes it has loaded, so all of them are loaded once at start (pagefind.filters()).

import { closestWord, el, hitNode, loadPagefind, numberWord, otherStandardQuery, pagesWithWords, queryWords,
  siteRoot, synonymMatches } from "./sok-felles.js";

const PAGE_SIZE = 10; // results shown at a time: each needs its page fragment fetched
const CASES = { type: "eksempel" };
const SORTS = ["nyest", "evidens"]; // Pagefind sort keys on case pages (builder/pages/result_cards.py), largest first
const NO_PAGE = "-"; // a «side» filter value no page has: the search then finds nothing

const form = document.getElementById("eb-finder");
const statusEl = document.getElementById("eb-status");
const list = document.getElementById("eb-results");
const moreButton = document.getElementById("eb-more");
const resetButton = document.getElementById("eb-reset");
const toggle = document.getElementById("eb-filter-toggle");
const panel = document.getElementById("eb-filters");
const applyButton = document.getElementById("eb-apply");
const suggestions = document.getElementById("eb-suggestions");
const skipLink = document.getElementById("eb-skip-results");
const themeOffer = document.getElementById("eb-theme-offer");
const fieldsets = [...form.querySelectorAll("fieldset[data-facet]")];
const facetNames = fieldsets.map((f) => f.dataset.facet);
const facetHeadings = Object.fromEntries(fieldsets.map((f) => [f.dataset.facet, f.querySelector("legend").textContent]));

// --- «Nær meg» (issue 22): one municipality and its neighbours ---------------------------------
// Each case page has a filter value naer:<id> for every 2024 municipality it is in or next to
// (builder/pages/facets.py, near_facet). The choice list is one more AND-ed filter, kept in the URL as
// ?naer=<id>; the number beside each municipality is the hits choosing it would give, given
// everything else chosen (a search without this filter, counted by its naer values).
const NEAR = "naer";
const nearSelect = document.getElementById("eb-naer");

function nearValue() {
  return nearSelect ? nearSelect.value : "";
}

function nearFilter() {
  return nearValue() ? { [NEAR]: nearValue() } : {};
}

function readNear(params) {
  if (!nearSelect) return;
  const wanted = params.get(NEAR) || "";
  nearSelect.value = [...nearSelect.options].some((o) => o.value === wanted) ? wanted : "";
}

async function showNearCounts(term, selection, id) {
  if (!nearSelect) return;
  const options = { filters: { ...CASES, ...Object.fromEntries(Object.entries(selection).map(([k, v]) => [k, { any: v }])) } };
  const without = await pagefind.search(term, options);
  if (id !== runId) return;
  const counts = without.filters[NEAR] || {};
  for (const option of nearSelect.options) {
    if (option.value) option.textContent = `${option.dataset.label} (${counts[option.value] || 0})`;
  }
}
// --- end of «Nær meg» ------------------------------------------------------------------------------

let pagefind;
let current = { results: [], shown: 0 };
let runId = 0;
let base = CASES; // the current search's own filters (kind of page, the pages with the query's words)

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  form.elements.q.value = params.get("q") || "";
  const sort = params.get("sort") || "";
  form.elements.sort.value = SORTS.includes(sort) ? sort : "";
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
  readNear(params);
}

function formState() {
  const data = new FormData(form);
  const q = (data.get("q") || "").trim();
  const selection = {};
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  const sort = SORTS.includes(data.get("sort")) ? data.get("sort") : "";
  if (sort) params.set("sort", sort);
  let active = 0;
  for (const name of facetNames) {
    const values = data.getAll(name);
    if (values.length) {
      selection[name] = values;
      values.forEach((v) => params.append(name, v));
      active += values.length;
    }
  }
  if (nearValue()) {
    params.set(NEAR, nearValue());
    active += 1;
  }
  return { q, selection, params, active, sort };
}

/** Pagefind filters for a selection, leaving out one facet (`except`) when given. */
function filtersFor(selection, except) {
  const filters = { ...base, ...nearFilter() };
  for (const [name, values] of Object.entries(selection)) {
    if (name !== except) filters[name] = { any: values };
  }
  return filters;
}

function writeUrl(params) {
  const query = params.toString();
  const url = `${window.location.pathname}${query ? "?" + query : ""}`;
  window.history.replaceState(null, "", url);
}

/** {facet: {value: count}} as defined at the top of this file. */
async function facetCounts(term, selection, main) {
  const counts = {};
  const hitsNow = main.results.length;
  for (const name of facetNames) {
    const chosen = selection[name] || [];
    if (!chosen.length) {
      counts[name] = main.filters[name] || {};
      continue;
    }
    const others = filtersFor(selection, name);
    const without = await pagefind.search(term, { filters: others });
    const added = await pagefind.search(term, { filters: { ...others, [name]: { none: chosen } } });
    counts[name] = {};
    for (const box of form.querySelectorAll(`input[name="${CSS.escape(name)}"]`)) {
      counts[name][box.value] = chosen.includes(box.value)
        ? (without.filters[name] || {})[box.value] || 0
        : hitsNow + ((added.filters[name] || {})[box.value] || 0);
    }
  }
  return counts;
}

function showCounts(counts) {
  for (const fieldset of fieldsets) {
    const facetCounts = counts[fieldset.dataset.facet] || {};
    for (const span of fieldset.querySelectorAll("[data-count-for]")) {
      const n = facetCounts[span.dataset.countFor] || 0;
      span.textContent = `(${n})`;
      span.closest(".eb-facet__option").classList.toggle("eb-facet__option--empty", n === 0);
    }
  }
}

function showSelectionSize(active, hits) {
  toggle.querySelector("[data-selected]").textContent = `(${active} valgt)`;
  applyButton.textContent = `Vis ${numberWord(hits, "eksempel", "eksempler")}`;
}

async function renderMore(event) {
  const fromButton = event && event.type === "click";
  const firstNew = list.children.length;
  const slice = current.results.slice(current.shown, current.shown + PAGE_SIZE);
  const id = runId;
  const data = await Promise.all(slice.map((r) => r.data()));
  if (id !== runId) return; // a newer search has started
  for (const item of data) list.append(hitNode(item, { q: current.q }));
  current.shown += slice.length;
  moreButton.hidden = current.shown >= current.results.length;
  if (fromButton && list.children[firstNew]) {
    list.children[firstNew].querySelector("a").focus(); // keep keyboard users in place
  }
}

function suggestionButton(text, onClick) {
  const button = el("button", "md-button eb-suggestion", text);
  button.type = "button";
  button.addEventListener("click", onClick);
  return button;
}

/** Zero hits is not a dead end: the other written standard's words, matching theme pages, and
 *  which single ticked value to drop to get hits. */
async function suggest(q, term, selection, id, plan) {
  const items = [];
  for (const word of plan.unknown) { // «Mente du …?» from the site's own words
    const close = await closestWord(word);
    if (!close) continue;
    const corrected = queryWords(q).map((w) => (w === word ? close : w)).join(" ");
    const count = casePages((await pagesWithWords(corrected)).pages).length;
    if (count) items.push(suggestionButton(`Mente du «${corrected}»? (${numberWord(count, "eksempel", "eksempler")})`, () => {
      form.elements.q.value = corrected;
      run();
    }));
  }
  if (q && !plan.none) {
    const other = await otherStandardQuery(q);
    if (other && other !== q.toLowerCase()) {
      const count = (await pagefind.search(other, { filters: filtersFor(selection) })).results.length;
      if (count) items.push(suggestionButton(`Søk etter «${other}» (${numberWord(count, "eksempel", "eksempler")})`, () => {
        form.elements.q.value = other;
        run();
      }));
    }
  }
  const drops = [];
  for (const [name, values] of Object.entries(selection)) {
    for (const value of values) {
      const rest = { ...selection, [name]: values.filter((v) => v !== value) };
      if (!rest[name].length) delete rest[name];
      const count = (await pagefind.search(term, { filters: filtersFor(rest) })).results.length;
      if (count) drops.push({ name, value, count });
    }
  }
  drops.sort((a, b) => b.count - a.count);
  for (const { name, value, count } of drops) {
    items.push(suggestionButton(
      `Fjern «${value}» (${facetHeadings[name].toLowerCase()}): ${numberWord(count, "eksempel", "eksempler")}`, () => {
        const box = [...form.querySelectorAll(`input[name="${CSS.escape(name)}"]`)].find((b) => b.value === value);
        box.checked = false;
        run();
      }));
  }
  let themes = [];
  const themePages = q ? (await pagesWithWords(q)).pages.filter((p) => p.startsWith("temaer/")) : [];
  if (term && themePages.length) { // theme pages that really have the words
    const found = await pagefind.search(term, { filters: { type: "tema", side: { any: themePages } } });
    themes = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
  }
  if (id !== runId) return;
  suggestions.replaceChildren();
  if (!items.length && !themes.length && !plan.none) {
    suggestions.hidden = true;
    return;
  }
  if (items.length) {
    suggestions.append(el("p", "eb-suggestions__heading", "Prøv dette:"));
    const ul = el("ul", "eb-suggestions__list");
    for (const item of items) {
      const li = el("li");
      li.append(item);
      ul.append(li);
    }
    suggestions.append(ul);
  }
  if (plan.none) {
    // no case has the words: say so plainly, and how to suggest one
    suggestions.append(el("p", "eb-suggestions__heading", `Det finnes ingen eksempler om «${q}» ennå.`));
    const how = el("p");
    const link = el("a", null, "Slik foreslår eller legger du inn et eksempel");
    link.href = new URL("redaktorer/", siteRoot).href;
    const formLink = el("a", null, "skjemaet for nye eksempler");
    formLink.href = new URL("rediger/", siteRoot).href;
    how.append("Kjenner du til et? ", link, " (eller gå rett til ", formLink, ").");
    suggestions.append(how);
  }
  if (themes.length) {
    suggestions.append(el("p", "eb-suggestions__heading", `Temasider som handler om «${q}»:`));
    const ul = el("ul", "eb-suggestions__list");
    for (const item of themes) {
      const li = el("li");
      const a = el("a", null, item.meta.title);
      a.href = item.url;
      li.append(a);
      ul.append(li);
    }
    suggestions.append(ul);
  }
  suggestions.hidden = false;
}

const casePages = (pages) => pages.filter((p) => p.startsWith("eksempler/"));

/** What to ask Pagefind for the reader's words (see «Precise matching» in sok-felles.js): the
 *  term, the case pages to search among, the themes the words belong to (vocabularies/synonymer.yml)
 *  and, when the words themselves are in no case, what stands in for them (`instead`). */
async function searchPlan(q) {
  if (!q) return { term: null, base: CASES, themes: [], unknown: [] };
  const synonyms = await synonymMatches(q);
  const themes = [];
  for (const { group } of synonyms) {
    if (group.tema && !themes.some((t) => t.url === group.tema.url)) themes.push(group.tema);
  }
  const own = await pagesWithWords(q);
  const pages = casePages(own.pages);
  if (pages.length) return { term: await rankingTerm(q, pages), base: { ...CASES, side: { any: pages } }, themes, unknown: [] };
  for (const { rewrites } of synonyms) {
    for (const rewrite of rewrites) {
      const found = casePages((await pagesWithWords(rewrite)).pages);
      if (found.length) return { term: await rankingTerm(rewrite, found), base: { ...CASES, side: { any: found } }, themes, unknown: [], instead: `«${rewrite}»` };
    }
  }
  if (themes.length) {
    return { term: null, base: { ...CASES, side: { any: themes[0].sider.length ? themes[0].sider : [NO_PAGE] } },
      themes, unknown: [], instead: `temaet «${themes[0].navn}»` };
  }
  return { term: q, base: { ...CASES, side: { any: [NO_PAGE] } }, themes, unknown: own.unknown, none: true };
}

/** The term Pagefind ranks the pages by; null (title order) when Pagefind's own matching of the
 *  words misses some of the pages that have them, so that every such page is counted and shown. */
async function rankingTerm(term, pages) {
  const found = await pagefind.search(term, { filters: { ...CASES, side: { any: pages } } });
  return found.results.length === pages.length ? term : null;
}

function showThemeOffer(q, themes) {
  themeOffer.replaceChildren();
  themeOffer.hidden = !themes.length;
  if (!themes.length) return;
  themeOffer.append(el("p", "eb-suggestions__heading", `«${q}» hører til ${themes.length === 1 ? "temaet" : "temaene"}:`));
  const ul = el("ul", "eb-suggestions__list");
  for (const theme of themes) {
    const li = el("li");
    const page = el("a", null, `Temasiden «${theme.navn}»`);
    page.href = new URL(theme.url, siteRoot).href;
    const all = el("a", null, `alle ${numberWord(theme.sider.length, "eksempel", "eksempler")} i temaet`);
    all.href = `${window.location.pathname}?${new URLSearchParams({ tema: theme.navn })}`;
    li.append(page, document.createTextNode(" – "), all);
    ul.append(li);
  }
  themeOffer.append(ul);
}

async function run() {
  const id = ++runId;
  const { q, selection, params, active, sort } = formState();
  writeUrl(params);
  statusEl.textContent = "Søker …";
  const plan = await searchPlan(q);
  if (id !== runId) return;
  base = plan.base;
  const term = plan.term;
  const options = { filters: filtersFor(selection) };
  if (sort) options.sort = { [sort]: "desc" };
  else if (!term) options.sort = { tittel: "asc" };
  const main = await pagefind.search(term, options);
  const counts = await facetCounts(term, selection, main);
  if (id !== runId) return;
  showThemeOffer(q, plan.themes);
  current = { results: main.results, shown: 0, q };
  list.replaceChildren();
  suggestions.hidden = true;
  suggestions.replaceChildren();
  showCounts(counts);
  await showNearCounts(term, selection, id);
  showSelectionSize(active, main.results.length);
  const hits = numberWord(main.results.length, "eksempel", "eksempler");
  const what = [q ? `«${q}»` : "", active ? numberWord(active, "filter", "filtre") : ""].filter(Boolean);
  if (plan.instead) what[0] = plan.instead;
  const note = plan.instead ? ` Ingen eksempler bruker «${q}».` : "";
  statusEl.textContent = main.results.length
    ? `${hits} funnet${what.length ? " for " + what.join(" og ") : ""}.${note}`
    : `Ingen eksempler funnet${what.length ? " for " + what.join(" og ") : ""}.${note}`;
  if (!main.results.length) await suggest(q, term, selection, id, plan);
  await renderMore();
  return id === runId;
}

let timer;
function scheduleRun() {
  clearTimeout(timer);
  timer = setTimeout(run, 120);
}

function setPanel(open, { focus = true } = {}) {
  toggle.setAttribute("aria-expanded", String(open));
  form.classList.toggle("eb-finder--filters-open", open);
  if (!focus) return;
  if (open) panel.querySelector("h2").focus();
  else toggle.focus();
}

async function start() {
  pagefind = await loadPagefind();
  await pagefind.filters(); // load every filter index once, so each search counts every facet
  readUrl();
  // While typing the count is only announced (the status is a polite live region); after Enter or
  // «Søk» focus moves to the count, so the next Tab reaches the first result.
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    if (await run()) statusEl.focus();
  });
  skipLink.addEventListener("click", (event) => {
    event.preventDefault(); // no #fragment in the address: it holds the reader's choices
    statusEl.focus();
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox" || event.target === nearSelect || event.target === form.elements.sort) scheduleRun();
  });
  form.elements.q.addEventListener("input", scheduleRun);
  resetButton.addEventListener("click", () => {
    for (const box of form.querySelectorAll("input[type=checkbox]")) box.checked = false;
    if (nearSelect) nearSelect.value = "";
    form.elements.q.value = "";
    form.elements.sort.value = "";
    run();
    form.elements.q.focus();
  });
  toggle.addEventListener("click", () => setPanel(toggle.getAttribute("aria-expanded") !== "true"));
  applyButton.addEventListener("click", () => {
    setPanel(false, { focus: false });
    statusEl.focus();
  });
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && form.classList.contains("eb-finder--filters-open")) setPanel(false);
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
