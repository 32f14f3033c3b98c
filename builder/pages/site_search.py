"""What the site search indexes: which pages, of which kind, and each page's other-standard spellings.

Every indexed page carries a Pagefind filter ``type`` (its kind, below), so the header search can
group hits by kind and «Finn eksempler» can ask for case pages only. Lists and tools (the case
table, the finder, figures, data, field reference) are left out: they repeat what the detail pages
say and would crowd the hits. The kinds' order here is the order of the groups on the search page.
"""

from __future__ import annotations

import re

from builder.sources.catalog import Catalog
from builder.sources.glossary import Glossary
from builder.sources.yaml_loader import load_yaml_file

# kind -> (heading on the search page, singular, plural)
SEARCH_KINDS = {
    "eksempel": ("Eksempler", "eksempel", "eksempler"),
    "tema": ("Temasider", "temaside", "temasider"),
    "kommune": ("Kommuner", "kommuneside", "kommunesider"),
    "side": ("Om nettstedet", "side", "sider"),
}
ABOUT_PAGES = ("om/", "redaktorer/index.md")
DETAIL_FOLDERS = {"eksempler": "eksempel", "temaer": "tema", "kommuner": "kommune"}


NOT_INDEXED = ("kommuner/kart.md",)  # the map: 357 names in links, not a municipality's page


def search_kind(src_uri: str) -> str | None:
    """The kind of a page for the search index, or None when the page is not indexed."""
    if src_uri.startswith(ABOUT_PAGES):
        return "side"
    folder, _, name = src_uri.partition("/")
    if name in ("", "index.md") or src_uri in NOT_INDEXED:
        return None
    return DETAIL_FOLDERS.get(folder)


_MARKUP = re.compile(r"<[^>]*>|&[a-z]+;|\]\([^)]*\)|https?://\S+")


def alternatives_text(glossary: Glossary, text: str) -> str:
    """The other written standard's forms of the words in `text` (markup and addresses removed),
    as one space-separated line for the hidden search block; '' when there are none."""
    return " ".join(glossary.alternative_forms(_MARKUP.sub(" ", text)))


def _strings(node, key: str = ""):
    """Every text value of a case file except identifiers and addresses."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str) and key not in ("id", "url", "epost", "dokument", "fil"):
        yield node


def texts_by_standard(catalog: Catalog) -> tuple[dict[str, str], dict[str, str]]:
    """Editor-written texts by written standard: (Nynorsk, Bokmål), each {file: text}.
    Cases say their standard in `språk`; hand-written pages are Bokmål."""
    root = catalog.project.root
    nn: dict[str, str] = {}
    nb: dict[str, str] = {}
    for case in catalog.cases:
        data = load_yaml_file(root / case.source_file, case.source_file).data
        (nn if case.språk == "nn" else nb)[case.source_file] = "\n".join(_strings(data))
    content = catalog.project.content_dir
    for path in sorted(content.rglob("*.md")):
        nb[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
    return nn, nb
