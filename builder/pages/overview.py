"""The site-wide «Tall og oversikt» page: counts of cases per theme, county, programme and year."""

from __future__ import annotations

from ..catalog import Catalog
from ..chart_specs import overview_specs
from ..templating import render
from .front_matter import front_matter

PAGE_URL = "tall/"


def render_overview(catalog: Catalog) -> str:
    return front_matter({
        "title": "Tall og oversikt",
        "description": "Hvor mange eksempler Erfaringsbanken har per tema, fylke, program, sektor og år.",
    }) + render("overview.html", specs=overview_specs(catalog), page_url=PAGE_URL,
                total=len(catalog.cases))
