// Shared by «Finn eksempler» (finn.js) and «Søk» (sok.js): loading Pagefind, showing a hit, and
// the Nynorsk ↔ Bokmål glossary for «did you mean» suggestions. Plain DOM; no framework.

export const siteRoot = new URL("..", import.meta.url);

// overrides/main.html indexes each page's other-standard spellings in a hidden block whose words
// are separated by «⁂»; an excerpt taken from that block is not a sentence to show.
const ALTERNATIVES_MARK = "⁂";

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

/** The text to show under a hit: Pagefind's excerpt (escaped, with <mark>), or — when the match
 *  was only in the other-standard block — the page's first words and a note saying so. */
export function excerptNode(item) {
  const p = el("p", "eb-finder__excerpt");
  if (item.excerpt && !item.excerpt.includes(ALTERNATIVES_MARK)) {
    p.innerHTML = item.excerpt; // Pagefind escapes the page text and adds only <mark>
    return p;
  }
  const text = (item.content || "").split(ALTERNATIVES_MARK)[0].trim();
  const title = item.meta && item.meta.title ? item.meta.title : "";
  const body = text.startsWith(title) ? text.slice(title.length).trim() : text;
  const words = body.split(/\s+/).slice(0, 28).join(" ");
  p.textContent = words ? `${words} …` : "";
  p.append(el("span", "eb-muted eb-finder__note", " (treff på ordet skrevet på den andre målformen)"));
  return p;
}

export function hitNode(item, { q, showExcerpt = true } = {}) {
  const li = el("li", "eb-finder__hit");
  const heading = el("h3", "eb-finder__title");
  const link = el("a", null, item.meta.title || item.url);
  link.href = item.url;
  heading.append(link);
  li.append(heading);
  // case pages escape commas in the attribute (Pagefind's separator); show them plainly
  if (item.meta.kommune) li.append(el("p", "eb-muted eb-finder__meta", item.meta.kommune.replace(/\\,/g, ",")));
  if (q && showExcerpt) li.append(excerptNode(item));
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

/** The query with each word in the other written standard (from vocabularies/ordliste.yml),
 *  or null when the glossary knows none of its words. Same matching as builder/glossary.py:
 *  whole and inflected words, then compounds. */
export async function otherStandardQuery(q) {
  const map = await glossary();
  let changed = false;
  const out = q.toLowerCase().replace(WORD, (word) => {
    let forms = map[word];
    for (let cut = 1; !forms && cut <= 4; cut++) {
      if (ENDINGS.includes(word.slice(-cut))) forms = map[word.slice(0, -cut)] || map[word.slice(0, -cut) + "e"];
    }
    if (forms) {
      changed = true;
      return forms[0];
    }
    // a compound: the longest glossary word of 6 letters or more inside it («heiltidskultur»)
    const inside = longWords(map).find((w) => word.includes(w));
    if (!inside) return word;
    changed = true;
    return word.replace(inside, map[inside][0]);
  });
  return changed ? out : null;
}
