"""The list of all cases: eksempler/index.md."""

from __future__ import annotations

from builder.core.formatting import norwegian_key
from builder.sources.catalog import Catalog
from builder.pages.front_matter import front_matter
from builder.pages.templating import render

PAGE_URL = "eksempler/"


def render_case_index(catalog: Catalog) -> str:
    # Sorted by the «Kommune» column as shown (a joint body first, then its municipalities).
    cases = sorted(catalog.cases, key=lambda c: (norwegian_key(c.municipality_names), norwegian_key(c.tittel), c.id))
    return front_matter({
        "title": "Alle eksempler",
        "hide": ["toc"],  # the page has no sections; the table gets the room
        "description": f"{len(cases)} eksempler på utviklingsarbeid i norske kommuner.",
    }) + render("case_index.html", cases=cases, vocab=catalog.vocabularies, page_url=PAGE_URL)
