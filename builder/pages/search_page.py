"""«Søk»: one search box for the whole site (cases, theme pages, municipality pages, about pages).

The header's search form sends its query here. content/assets/sok.js runs Pagefind once per kind
of page (builder/pages/site_search.py) and shows the hits grouped by kind; «Finn eksempler» stays the
case finder with filters, linked from the case group with the same query.
"""

from __future__ import annotations

from builder.sources.catalog import Catalog
from builder.pages.front_matter import front_matter
from builder.pages.site_search import SEARCH_KINDS
from builder.pages.templating import render

PAGE_URL = "sok/"


def render_search_page(catalog: Catalog) -> str:
    return front_matter({
        "title": "Søk",
        "description": "Søk i eksempler, temasider, kommunesider og sidene om Erfaringsbanken.",
        "hide": ["toc"],
    }) + render("search_page.html", kinds=SEARCH_KINDS, page_url=PAGE_URL)
