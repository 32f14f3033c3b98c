"""The site-wide «Tall og oversikt» page: counts of cases per theme, county, programme and year."""

from __future__ import annotations

from builder.sources.catalog import Catalog
from builder.charts.specs import overview_specs
from builder.pages.front_matter import front_matter
from builder.pages.templating import render

PAGE_URL = "tall/"


def render_overview(catalog: Catalog) -> str:
    return front_matter({
        "title": "Tall og oversikt",
        "description": "Hvor mange eksempler Erfaringsbanken har per tema, fylke, program, sektor og år.",
    }) + render("overview.html", specs=overview_specs(catalog), page_url=PAGE_URL,
                total=len(catalog.cases))
