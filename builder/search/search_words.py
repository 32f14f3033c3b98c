"""Which words each indexed page really contains: the search's word list (``data/sokeord.json``).

Pagefind shortens words with the Norwegian Snowball stemmer and then extends the stem to every
indexed word that starts with it, and when a word is not in its index it falls back to the longest
prefix that is (Pagefind issues #231, #291 and pull request #315). So «demens» (stem «dem») finds
pages that only say «dem», «skule» finds «skulle», «hverdagsrehabilitering» finds «hverdagen».
Pagefind has no option to turn this off except dropping stemming altogether.

The search pages therefore ask Pagefind only among the pages that contain the query word itself,
an inflection of it or its glossary partner (content/assets/sok-felles.js decides which words
those are). This module lists, after the site is built, the words each indexed page shows in its
searchable text — what Pagefind indexes (``data-pagefind-body``) minus what it is told to ignore
and minus the hidden other-standard block — and numbers the pages by the Pagefind filter ``side``
that overrides/main.html gives every indexed page (its address below the site root).

The same list is the vocabulary for «Mente du …?»: a misspelt word is compared with words that
really occur on the site. The output is sorted, so the same site gives the same bytes.

Parsing every page is most of the list's cost (about 10 s for 1 430 pages), so the words of a page
are remembered by the sha256 of its bytes: in memory within a process, in the preview's own folder
between its search processes, and in ``.cache/search-words.json`` between builds. A page whose
bytes are known is not parsed again; the output does not depend on what was remembered.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from builder.core.build_cache import JsonStore, cache_root, code_fingerprint, digest, reuse_enabled

OUTPUT = "data/sokeord.json"
WORD = re.compile(r"[a-zæøåéèêóòôüäö]+")
NOT_TEXT = {"script", "style", "template", "noscript", "svg"}  # Pagefind indexes none of these
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _PageText(HTMLParser):
    """The searchable text of one page and its ``side`` filter value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, opens body, opens ignored)
        self.body_depth = 0
        self.ignore_depth = 0
        self.side: str | None = None
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        filt = a.get("data-pagefind-filter") or ""
        if filt.startswith("side:"):
            self.side = filt[len("side:"):]
        if tag in VOID:
            return
        body = "data-pagefind-body" in a
        ignored = (tag in NOT_TEXT or "data-pagefind-ignore" in a
                   or "eb-search-alternatives" in (a.get("class") or "").split())
        self.stack.append((tag, body, ignored))
        self.body_depth += body
        self.ignore_depth += ignored

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:  # tolerate unclosed elements: close up to the matching tag
            open_tag, body, ignored = self.stack.pop()
            self.body_depth -= body
            self.ignore_depth -= ignored
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.body_depth and not self.ignore_depth:
            self.parts.append(data)


def page_words(html: str) -> tuple[str | None, set[str]]:
    """(the page's ``side`` filter value or None, the lower-case words of its searchable text)."""
    parser = _PageText()
    parser.feed(html[_searchable_start(html):])
    parser.close()
    return parser.side, set(WORD.findall(" ".join(parser.parts).lower()))


_MARKS = ("data-pagefind-body", 'data-pagefind-filter="side:')


def _searchable_start(html: str) -> int:
    """Where parsing may start: the tag that holds the first of the searchable body and the ``side``
    filter. Nothing before it is collected (no body is open there), and more than half of a page's
    bytes are the theme's head and navigation before it. 0 (parse everything) unless that tag is
    plainly a start tag in the markup: no «>» between its «<» and the mark, not inside a comment,
    script, style or other text the parser does not read as tags, and no element before it that tells
    Pagefind to ignore what it holds (it might hold the body). tests/search/test_search_words.py
    checks that every page of the built site gives the same words either way."""
    found = [i for i in (html.find(mark) for mark in _MARKS) if i >= 0]
    if not found:
        return 0
    mark = min(found)
    start = html.rfind("<", 0, mark)
    if start < 0 or ">" in html[start:mark] or not html[start + 1:start + 2].isalpha():
        return 0
    if html.find("data-pagefind-ignore", 0, start) >= 0 or html.find("eb-search-alternatives", 0, start) >= 0:
        return 0
    for opening, closing in _UNPARSED:
        at = html.rfind(opening, 0, start)
        if at >= 0 and html.find(closing, at, start) < 0:  # the mark would be inside it
            return 0
    return start


# Where a «<» is not a tag: text the parser does not read as markup, or Pagefind does not index.
_UNPARSED = (("<!--", "-->"), ("<script", "</script"), ("<style", "</style"), ("<template", "</template"),
             ("<noscript", "</noscript"), ("<svg", "</svg"), ("<textarea", "</textarea"), ("<title", "</title"))


# The words of the pages of the last word_index() call, by the sha256 of each page's bytes: a rebuild
# under `mkdocs serve` changes a few pages, and parsing all ~460 again took most of a rebuild.
_LAST: dict[bytes, tuple[str | None, set[str]]] = {}


def word_index(site_dir: Path) -> dict:
    """{"sider": [side, …], "ord": {word: [page number, …]}}, everything sorted."""
    global _LAST
    found: dict[str, set[str]] = {}
    seen: dict[bytes, tuple[str | None, set[str]]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        if path.relative_to(site_dir).parts[0] == "pagefind":
            continue
        data = path.read_bytes()
        if b"data-pagefind-body" not in data:
            continue
        key = hashlib.sha256(data).digest()
        side, words = seen[key] = _LAST.get(key) or page_words(data.decode("utf-8"))
        if side:
            found[side] = words
    _LAST = seen
    pages = sorted(found)
    number = {side: i for i, side in enumerate(pages)}
    by_word: dict[str, list[int]] = {}
    for side in pages:
        for word in found[side]:
            by_word.setdefault(word, []).append(number[side])
    return {"sider": pages, "ord": {w: by_word[w] for w in sorted(by_word)}}


def _known(entries) -> dict[bytes, tuple[str | None, set[str]]]:
    """Remembered words as stored ({sha256 hex: [side or null, [word, …]]}); anything of another
    shape makes the whole store count as empty."""
    try:
        return {bytes.fromhex(key): (side, set(words)) for key, (side, words) in entries.items()
                if (side is None or isinstance(side, str)) and all(isinstance(w, str) for w in words)}
    except (ValueError, TypeError, AttributeError):
        return {}


def _stored(known: dict[bytes, tuple[str | None, set[str]]]) -> dict[str, list]:
    return {key.hex(): [side, sorted(words)] for key, (side, words) in known.items()}


def load_known_words(path: Path) -> None:
    """Start from the words a preview's earlier search process found (``save_known_words``; a file
    in the preview's own temporary folder). A file that is missing or not of that shape is ignored."""
    global _LAST
    try:
        _LAST = _known(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        _LAST = {}


def save_known_words(path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(_stored(_LAST), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _build_store(project_root: Path) -> JsonStore:
    return JsonStore(cache_root(project_root) / "search-words.json", digest("search-words", code_fingerprint()))


def write_word_index(site_dir: Path, project_root: Path | None = None) -> Path:
    """Write ``data/sokeord.json``. With `project_root` (a build, when reuse is on) the words of the
    pages are kept in the project's cache for the next build, and only the pages it does not know
    are parsed."""
    global _LAST
    store = _build_store(project_root) if project_root is not None and reuse_enabled() else None
    if store is not None:
        _LAST = {**_known(store.entries), **_LAST}
    index = word_index(site_dir)
    if store is not None:
        stored = _stored(_LAST)
        for name, entry in stored.items():
            store.put(name, entry)
        store.keep_only(set(stored))
        store.save()
    target = site_dir / OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return target
