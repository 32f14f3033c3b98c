"""The map of Norway's municipalities (kommuner/kart/): every current municipality a link to its
page, shaded by whether it has examples or took part in a programme (builder/map_svg.py); the list
by county on kommuner/ is its text alternative."""

from __future__ import annotations

from ..catalog import Catalog
from ..geography import Geography, load_geography
from ..map_svg import CREDIT_TEXT, LEGEND, AreaState, legend_swatch, national_map
from ..templating import render
from .front_matter import front_matter
from .municipality_pages import MunicipalityPage, build_pages

MAP_PAGE = "kommuner/kart.md"
MAP_URL = "kommuner/kart/"


def area_states(pages: list[MunicipalityPage]) -> dict[str, AreaState]:
    """What the map shows of each current municipality, by id."""
    return {p.id: AreaState(p.id, p.navn, p.current.kommunenummer, len(p.all_cases), bool(p.participation))
            for p in pages if p.current}


def geography_of(catalog: Catalog) -> Geography | None:
    return load_geography(catalog.project.vocabularies_dir)


def render_map_page(catalog: Catalog) -> str:
    geo = geography_of(catalog)
    pages, _ = build_pages(catalog)
    states = area_states(pages)
    shared = sorted((split, into) for split in states if (into := geo and geo.shares_area_with(split)))
    counts = {kind: sum(1 for s in states.values() if s.kind == kind) for kind, _ in LEGEND}
    svg = national_map(geo, list(states.values()), MAP_URL, "Kart over Norges kommuner") if geo else ""
    return front_matter({
        "title": "Kart over kommunene",
        "description": "Kart over alle kommuner i Norge: hvilke som har eksempler i Erfaringsbanken, og hvilke som deltok i programmer og nettverk.",
    }) + render("map_page.html", svg=svg, legend=[(kind, text, counts[kind], legend_swatch(kind)) for kind, text in LEGEND],
                shared=[(states[a], states[b]) for a, b in shared], credit=CREDIT_TEXT, page_url=MAP_URL,
                total=len(states))
