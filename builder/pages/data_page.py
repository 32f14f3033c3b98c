"""The «Data» page: downloads of all cases as open data, and the data dictionary."""

from __future__ import annotations

from builder.sources.catalog import Catalog
from builder.pages.front_matter import front_matter
from builder.pages.templating import render

PAGE_URL = "data/"


def render_data_page(catalog: Catalog) -> str:
    return front_matter({
        "title": "Åpne data",
        "description": "Last ned alle eksemplene som JSON eller CSV, med datakatalog.",
    }) + render("data_page.html", cases=catalog.cases, page_url=PAGE_URL)
