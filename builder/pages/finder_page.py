"""«Finn eksempler»: full-text search and facet filters (Pagefind in the browser).

The facet checkboxes are rendered here, with counts, inside an ordinary GET form; the form's
fields are the URL state (?q=…&tema=…), so a filtered view can be shared and survives reload.
content/assets/finn.js runs the Pagefind queries and keeps counts and results up to date.
"""

from __future__ import annotations

from builder.sources.catalog import Catalog
from builder.pages.facets import FACETS, facet_counts, near_choices, near_counts
from builder.pages.front_matter import front_matter
from builder.pages.templating import render

PAGE_URL = "finn/"


def render_finder_page(catalog: Catalog) -> str:
    return front_matter({
        "title": "Finn eksempler",
        "description": "Søk i eksemplene og avgrens etter tema, sektor, fylke, landsdel, kommunestørrelse og mer.",
        "hide": ["toc"],
    }) + render("finder.html", facets=FACETS, counts=facet_counts(catalog), page_url=PAGE_URL,
                total=len(catalog.cases), near_choices=near_choices(catalog), near_counts=near_counts(catalog))
