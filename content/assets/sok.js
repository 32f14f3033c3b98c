// «Søk»: the whole site's search, hits grouped by kind of page (cases, theme pages, municipality
// pages, about pages). One Pagefind search per kind, filtered on the «type» every indexed page
// carries (overrides/main.html). The query is the URL's ?q=, so the header form can send it here.

import { closestWord, el, hitNode, loadPagefind, numberWord, otherStandardQuery, pagesWithWords, queryWords } from "./sok-felles.js";

const FIRST = { eksempel: 5, tema: 10, kommune: 10, side: 5 };
const KIND_OF_FOLDER = { eksempler: "eksempel", temaer: "tema", kommuner: "kommune" }; // builder/pages/site_search.py
const NO_PAGE = "-"; // a «side» filter value no page has

const form = document.getElementById("eb-search");
const input = form.elements.q;
const statusEl = document.getElementById("eb-status");
const suggestions = document.getElementById("eb-suggestions");
const finderLink = document.getElementById("eb-finder-link");
const finderBase = finderLink.getAttribute("href");
const groups = [...document.querySelectorAll(".eb-search-group")];

let pagefind;
let runId = 0;

function writeUrl(q) {
  const url = `${window.location.pathname}${q ? "?" + new URLSearchParams({ q }) : ""}`;
  window.history.replaceState(null, "", url);
  finderLink.setAttribute("href", q ? `${finderBase}?${new URLSearchParams({ q })}` : finderBase);
}

async function appendHits(group, results, q, from, to) {
  const list = group.querySelector("ol");
  const data = await Promise.all(results.slice(from, to).map((r) => r.data()));
  for (const item of data) list.append(hitNode(item, { q }));
  return list.children[from];
}

async function showGroup(group, search, q) {
  const kind = group.dataset.kind;
  const n = search.results.length;
  group.querySelector("ol").replaceChildren();
  const more = group.querySelector(".eb-search-group__more");
  more.replaceChildren();
  group.hidden = n === 0;
  if (!n) return;
  group.querySelector(".eb-search-group__count").textContent = `(${n})`;
  await appendHits(group, search.results, q, 0, FIRST[kind]);
  if (n <= FIRST[kind]) return;
  if (kind === "eksempel") {
    const a = el("a", null, `Se alle ${n} eksemplene i «Finn eksempler», der du også kan bruke filtre`);
    a.href = finderLink.getAttribute("href");
    more.append(a);
    return;
  }
  const button = el("button", "md-button", `Vis alle ${numberWord(n, group.dataset.one, group.dataset.many)}`);
  button.type = "button";
  button.addEventListener("click", async () => {
    const first = await appendHits(group, search.results, q, FIRST[kind], n);
    more.replaceChildren();
    if (first) first.querySelector("a").focus(); // keep keyboard users in place
  });
  more.append(button);
}

/** One kind's hits: Pagefind's ranking among the pages that really have the query's words
 *  (sok-felles.js, «Precise matching»); all of them in Pagefind's order without a term when its own
 *  word matching misses some. */
async function kindSearch(q, kind, pages) {
  const mine = pages.filter((p) => (KIND_OF_FOLDER[p.split("/")[0]] || "side") === kind);
  const filters = { type: kind, side: { any: mine.length ? mine : [NO_PAGE] } };
  const found = await pagefind.search(q, { filters });
  return found.results.length >= mine.length ? found : pagefind.search(null, { filters });
}

async function suggest(q, id, unknown) {
  suggestions.replaceChildren();
  for (const word of unknown) { // «Mente du …?» from the site's own words
    const close = await closestWord(word);
    if (id !== runId || !close) continue;
    const corrected = queryWords(q).map((w) => (w === word ? close : w)).join(" ");
    const button = el("button", "md-button eb-suggestion", `Mente du «${corrected}»?`);
    button.type = "button";
    button.addEventListener("click", () => {
      input.value = corrected;
      run();
    });
    suggestions.append(el("p", "eb-suggestions__heading", "Prøv dette:"), button);
    suggestions.hidden = false;
    return;
  }
  const other = await otherStandardQuery(q);
  if (id !== runId || !other || other === q.toLowerCase()) return;
  const count = (await pagesWithWords(other)).pages.length; // pages that really have the words
  if (id !== runId || !count) return;
  const button = el("button", "md-button eb-suggestion", `Søk etter «${other}» (${numberWord(count, "treff", "treff")})`);
  button.type = "button";
  button.addEventListener("click", () => {
    input.value = other;
    run();
  });
  suggestions.append(el("p", "eb-suggestions__heading", "Prøv dette:"), button);
  suggestions.hidden = false;
}

async function run() {
  const id = ++runId;
  const q = input.value.trim();
  writeUrl(q);
  suggestions.hidden = true;
  if (!q) {
    groups.forEach((g) => (g.hidden = true));
    statusEl.textContent = "Skriv ett eller flere ord i søkefeltet.";
    return;
  }
  statusEl.textContent = "Søker …";
  const { pages, unknown } = await pagesWithWords(q);
  const searches = [];
  for (const group of groups) searches.push(await kindSearch(q, group.dataset.kind, pages));
  if (id !== runId) return;
  const parts = [];
  let total = 0;
  groups.forEach((group, i) => {
    const n = searches[i].results.length;
    total += n;
    if (n) parts.push(numberWord(n, group.dataset.one, group.dataset.many));
  });
  for (let i = 0; i < groups.length; i++) await showGroup(groups[i], searches[i], q);
  if (id !== runId) return;
  statusEl.textContent = total
    ? `${numberWord(total, "treff", "treff")} for «${q}»: ${parts.join(", ")}.`
    : `Ingen treff for «${q}». Prøv et annet ord, eller færre ord.`;
  if (!total) await suggest(q, id, unknown);
}

async function start() {
  pagefind = await loadPagefind();
  input.value = new URLSearchParams(window.location.search).get("q") || "";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  window.addEventListener("popstate", () => {
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    run();
  });
  form.classList.add("eb-finder--ready");
  await run();
}

start().catch((error) => {
  statusEl.textContent = "Søket kunne ikke lastes. Se alle eksemplene under «Alle eksempler».";
  console.error(error);
});
