// Shared by «Finn eksempler» (finn.js) and «Søk» (sok.js): loading Pagefind, showing a hit, and
// the Nynorsk ↔ Bokmål glossary for «did you mean» suggestions. Plain DOM; no framework.

export const siteRoot = new URL("..", import.meta.url);

// overrides/main.html indexes each page's other-standard spellings in a hidden block whose words
// are separated by «⁂», and case pages end with a hidden summary of their facts that starts with
// «⁂» (builder/pages/case_page.py); an excerpt taken from either is not a sentence to show.
const ALTERNATIVES_MARK = "⁂";
// Material's heading permalinks («¶») are indexed with the heading text.
const PERMALINK = /\s*¶/g;

/** The meta fields of a result card (builder/pages/result_cards.py), in the order shown. */
const CARD_LINE = ["kommune", "storrelse", "periode"];
const CARD_LABELS = [["resultat", "Resultat"], ["evidens", "Kunnskapsgrunnlag"]];

export async function loadPagefind() {
  const pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
  await pagefind.options({ baseUrl: siteRoot.pathname });
  await pagefind.init();
  return pagefind;
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function numberWord(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** The text to show under a hit: Pagefind's excerpt (escaped, with <mark>) when it marks a real
 *  form of the query's words; else the words around the first real form in the page's own text
 *  (Pagefind centres its excerpt on any word its stem matches: «dem» for «demens»); else, when the
 *  match was only in the hidden blocks, the page's first sentences. */
export function excerptNode(item, q) {
  const p = el("p", "eb-finder__excerpt");
  const forms = q ? FORMS_OF_QUERY.get(q) : undefined;
  const fromPagefind = item.excerpt && !item.excerpt.includes(ALTERNATIVES_MARK) && inPageText(item);
  if (fromPagefind && (!forms || markedWords(item.excerpt).some((w) => forms.has(w)))) {
    p.innerHTML = item.excerpt.replace(PERMALINK, ""); // Pagefind escapes the page text and adds only <mark>
    return p;
  }
  if (forms && appendExcerptAround(p, item, forms)) return p;
  if (fromPagefind) p.innerHTML = item.excerpt.replace(PERMALINK, "");
  else p.textContent = firstSentences(item);
  return p;
}

// query -> the real forms of its words found on the site (set by pagesWithWords, which the search
// pages call before they show the hits)
const FORMS_OF_QUERY = new Map();
const EXCERPT_WORDS = 30;

function markedWords(excerpt) {
  return [...excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].flatMap((m) => m[1].toLowerCase().match(WORD) || []);
}

/** About 30 words of the page's own text around the first real form, each real form marked;
 *  built as text nodes (nothing from the page is parsed as HTML). False when there is none. */
function appendExcerptAround(p, item, forms) {
  const text = squash((item.content || "").split(ALTERNATIVES_MARK)[0].replace(PERMALINK, ""));
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const first = tokens.findIndex((t) => forms.has(t[0].toLowerCase()));
  if (first < 0) return false;
  const from = Math.max(0, Math.min(first - 8, tokens.length - EXCERPT_WORDS));
  const to = Math.min(tokens.length, from + EXCERPT_WORDS);
  let at = from === 0 ? 0 : tokens[from].index;
  if (from > 0) p.append("… ");
  for (const t of tokens.slice(from, to)) {
    if (!forms.has(t[0].toLowerCase())) continue;
    p.append(text.slice(at, t.index), el("mark", null, t[0]));
    at = t.index + t[0].length;
  }
  const end = to === tokens.length ? text.length : tokens[to - 1].index + tokens[to - 1][0].length;
  p.append(text.slice(at, end));
  if (to < tokens.length) p.append(" …");
  return true;
}

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };
const squash = (text) => text.replace(/\s+/g, " ").trim();

/** Whether Pagefind's excerpt comes from the page's own text, not from the hidden blocks after
 *  the first «⁂» (an excerpt may start after the mark and so not contain it). */
function inPageText(item) {
  const own = squash((item.content || "").split(ALTERNATIVES_MARK)[0]);
  const plain = item.excerpt.replace(/<\/?mark>/g, "").replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]);
  const words = squash(plain).split(" ");
  const inner = words.length > 4 ? words.slice(1, -1) : words; // the ends may be cut mid-word
  return own.includes(inner.join(" "));
}

/** The start of the page's own text (before the hidden blocks), without its title and permalinks,
 *  cut after a sentence when one ends within about 30 words. */
export function firstSentences(item) {
  const text = (item.content || "").split(ALTERNATIVES_MARK)[0].replace(PERMALINK, "").trim();
  const title = item.meta && item.meta.title ? item.meta.title : "";
  const body = (text.startsWith(title) ? text.slice(title.length) : text).replace(/^[\s.]+/, "");
  const words = body.split(/\s+/).filter(Boolean);
  const start = words.slice(0, 30).join(" ");
  const end = start.search(/[.!?](?=\s[A-ZÆØÅ«])[^.!?]*$/);
  if (words.length <= 30) return start;
  return end > 40 ? start.slice(0, end + 1) : `${start} …`;
}

function unescapeMeta(value) {
  return value.replace(/\\,/g, ",");
}

/** The facts under a case hit's title: municipality · size · period, then result and evidence. */
function cardFacts(meta) {
  const nodes = [];
  const line = CARD_LINE.map((k) => meta[k]).filter(Boolean).map(unescapeMeta);
  if (line.length) nodes.push(el("p", "eb-muted eb-finder__meta", line.join(" · ")));
  const labelled = CARD_LABELS.filter(([k]) => meta[k]);
  if (labelled.length) {
    const dl = el("dl", "eb-finder__facts");
    for (const [key, label] of labelled) {
      const div = el("div");
      div.append(el("dt", null, `${label}:`), el("dd", null, unescapeMeta(meta[key])));
      dl.append(div);
    }
    nodes.push(dl);
  }
  return nodes;
}

export function hitNode(item, { q, showExcerpt = true } = {}) {
  const li = el("li", "eb-finder__hit");
  const heading = el("h3", "eb-finder__title");
  const link = el("a", null, item.meta.title || item.url);
  link.href = item.url;
  heading.append(link);
  li.append(heading);
  // case pages escape commas in the attribute (Pagefind's separator); show them plainly
  li.append(...cardFacts(item.meta));
  if (q && showExcerpt) li.append(excerptNode(item, q));
  return li;
}

let glossaryPromise;
const WORD = /[a-zæøåéèêóòôü]+/g;
const ENDINGS = ["e", "a", "t", "s", "n", "en", "et", "er", "ar", "as", "es", "te", "de", "ne",
  "ene", "ane", "ast", "ens", "ets", "ers", "ars", "ete", "ende", "ande"];

async function glossary() {
  if (!glossaryPromise) {
    glossaryPromise = fetch(new URL("data/ordliste.json", siteRoot))
      .then((r) => (r.ok ? r.json() : {}))
      .catch(() => ({}));
  }
  return glossaryPromise;
}

let sortedLongWords;
function longWords(map) {
  if (!sortedLongWords) sortedLongWords = Object.keys(map).filter((w) => w.length >= 6).sort((a, b) => b.length - a.length);
  return sortedLongWords;
}

/** One word's forms in the other written standard (first the main one), or [] when the
 *  glossary does not know it. */
function otherWords(map, word) {
  let forms = map[word];
  for (let cut = 1; !forms && cut <= 4; cut++) {
    if (ENDINGS.includes(word.slice(-cut))) forms = map[word.slice(0, -cut)] || map[word.slice(0, -cut) + "e"];
  }
  if (forms) return forms;
  // a compound: the longest glossary word of 6 letters or more inside it («heiltidskultur»)
  const inside = longWords(map).find((w) => word.includes(w));
  return inside ? map[inside].map((form) => word.replace(inside, form)) : [];
}

/** The query with each word in the other written standard (from vocabularies/ordliste.yml),
 *  or null when the glossary knows none of its words. Same matching as builder/sources/glossary.py:
 *  whole and inflected words, then compounds. */
export async function otherStandardQuery(q) {
  const map = await glossary();
  let changed = false;
  const out = q.toLowerCase().replace(WORD, (word) => {
    const other = otherWords(map, word);
    if (!other.length) return word;
    changed = true;
    return other[0];
  });
  return changed ? out : null;
}

// --- Precise matching ----------------------------------------------------------------------------
// Pagefind stems a query word and extends the stem to every indexed word that starts with it, and
// falls back to shorter prefixes when nothing matches («demens» → «dem», «skule» → «skulle»,
// «hverdagsrehabilitering» → «hverdagen»). So the search pages ask Pagefind only among the pages
// that contain, for every query word, one of its real forms (builder/search/search_words.py lists each
// page's words): the word itself; the word plus an inflection ending; when the word has 5 letters
// or more, any word that starts with it (inflections and compounds: «demens» → «demensomsorg»); the
// same for the word's base (the word minus one ending, keeping at least 4 letters: «leiarar» →
// «leiar», «leiaren»); and all of that for the word's other-standard partners from the glossary
// and the word family its glossary entry lists on the word's own side.

const MIN_BASE = 4;
const MIN_PREFIX = 5;
let wordsPromise;
let synonymsPromise;

function fetchJson(path, fallback) {
  return fetch(new URL(path, siteRoot)).then((r) => (r.ok ? r.json() : fallback)).catch(() => fallback);
}

export function searchWords() {
  if (!wordsPromise) wordsPromise = fetchJson("data/sokeord.json", { sider: [], ord: {} });
  return wordsPromise;
}

export function synonymGroups() {
  if (!synonymsPromise) synonymsPromise = fetchJson("data/synonymer.json", { grupper: [] }).then((d) => d.grupper || []);
  return synonymsPromise;
}

export function queryWords(q) {
  return q.toLowerCase().match(WORD) || [];
}

function bases(word) {
  const out = [word];
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_BASE) out.push(word.slice(0, -ending.length));
  }
  return out;
}

/** Whether the indexed word `candidate` is a real form of the query word with these `bases`. */
export function isForm(candidate, word, wordBases) {
  if (candidate === word) return true;
  if (word.length >= MIN_PREFIX && candidate.startsWith(word)) return true;
  return wordBases.some((base) => candidate === base
    || (base.length >= MIN_BASE && candidate.startsWith(base) && ENDINGS.includes(candidate.slice(base.length))));
}

/** The indexed words that are real forms of `word` or of its other-standard partner. */
async function realForms(word, index) {
  const map = await glossary();
  // the partner's forms, and the word's own family on its side of the same glossary entry
  // (nb [ledelse, leder] ↔ nn [leiing, leiar]: «ledelse» also finds «leder»)
  const others = otherWords(map, word);
  const family = others.flatMap((other) => map[other] || []);
  const targets = [...new Set([word, ...others, ...family])];
  const tests = targets.map((t) => [t, bases(t)]);
  return Object.keys(index.ord).filter((candidate) => tests.some(([t, b]) => isForm(candidate, t, b)));
}

/** The pages (their «side» filter values) that contain a real form of every word of `q`, and the
 *  query words that occur nowhere on the site. */
export async function pagesWithWords(q) {
  const index = await searchWords();
  let pages = null;
  const unknown = [];
  const allForms = new Set();
  for (const word of queryWords(q)) {
    const found = new Set();
    for (const form of await realForms(word, index)) {
      allForms.add(form);
      for (const n of index.ord[form]) found.add(n);
    }
    if (!found.size) unknown.push(word);
    pages = pages === null ? found : new Set([...pages].filter((n) => found.has(n)));
  }
  FORMS_OF_QUERY.set(q, allForms);
  return { pages: [...(pages || [])].map((n) => index.sider[n]), unknown };
}

/** The synonym groups (vocabularies/synonymer.yml) whose word or phrase the query contains, each
 *  with the phrase found and the query rewritten with every other member of the group. */
export async function synonymMatches(q) {
  const text = ` ${queryWords(q).join(" ")} `;
  const out = [];
  for (const group of await synonymGroups()) {
    const phrase = group.ord.find((p) => text.includes(` ${p} `));
    if (!phrase) continue;
    const rewrites = group.ord.filter((p) => p !== phrase).map((p) => text.replace(` ${phrase} `, ` ${p} `).trim());
    out.push({ group, phrase, rewrites });
  }
  return out;
}

function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length];
}

/** «Mente du …?»: the site's word closest to `word` (edit distance 1, or 2 for words of 6 letters
 *  or more); ties go to the word on most pages, then alphabetical order. Null when none is close. */
export async function closestWord(word) {
  const index = await searchWords();
  const limit = word.length >= 6 ? 2 : word.length >= 4 ? 1 : 0;
  if (!limit) return null;
  let best = null;
  for (const [candidate, pages] of Object.entries(index.ord)) {
    if (candidate.length < 3) continue;
    const d = editDistance(word, candidate, limit);
    if (d > limit) continue;
    const score = [d, -pages.length, candidate];
    if (!best || score[0] < best[0] || (score[0] === best[0] && (score[1] < best[1]
        || (score[1] === best[1] && score[2] < best[2])))) best = score;
  }
  return best ? best[2] : null;
}
