"""The list of all cases: eksempler/index.md."""

from __future__ import annotations

from ..catalog import Catalog
from ..templating import render
from .front_matter import front_matter

PAGE_URL = "eksempler/"


def render_case_index(catalog: Catalog) -> str:
    cases = sorted(catalog.cases, key=lambda c: (c.kommuner[0].navn.lower(), c.tittel.lower(), c.id))
    return front_matter({
        "title": "Alle eksempler",
        "description": f"{len(cases)} eksempler på utviklingsarbeid i norske kommuner.",
    }) + render("case_index.html", cases=cases, vocab=catalog.vocabularies, page_url=PAGE_URL)
