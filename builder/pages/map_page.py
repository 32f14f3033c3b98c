"""The map of Norway's municipalities (kommuner/kart/): every current municipality a link to its
page, shaded by whether it has examples or took part in a programme (builder/charts/maps.py); the list
by county on kommuner/ is its text alternative."""

from __future__ import annotations

from builder.core.formatting import norwegian_key
from builder.sources.catalog import Catalog
from builder.knowledge.geography import Geography, load_geography
from builder.charts.maps import CREDIT_TEXT, LEGEND, AreaState, legend_swatch, national_map
from builder.pages.front_matter import front_matter
from builder.pages.municipality_pages import MunicipalityPage, build_pages
from builder.pages.templating import render

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
                total=len(states),
                counties=sorted(((c, catalog.vocabularies.label("fylker", c)) for c in (geo.counties if geo else ())),
                                key=lambda item: norwegian_key(item[1])))


def current_municipalities_of_cases(catalog: Catalog) -> dict[str, list[str]]:
    """case id -> the 2024 municipalities (ids) its municipalities are part of now: its own, the one
    a former municipality was merged into, the one a bydel belongs to."""
    pages, _ = build_pages(catalog)
    out: dict[str, set[str]] = {}
    for page in pages:
        if not page.current:
            continue
        for part in (page, *page.formed_from, *page.districts):
            for case in part.cases:
                out.setdefault(case.id, set()).add(page.id)
    return {case_id: sorted(ids) for case_id, ids in out.items()}


def theme_cases_map(catalog: Catalog, cases, theme_label: str) -> str:
    """A small map of where a theme's examples are, with its credit ("" without geography data)."""
    from markupsafe import escape

    from builder.charts.maps import cases_map

    geo = geography_of(catalog)
    if geo is None or not cases:
        return ""
    where = current_municipalities_of_cases(catalog)
    counts: dict[str, int] = {}
    for case in cases:
        for kommune_id in where.get(case.id, []):
            counts[kommune_id] = counts.get(kommune_id, 0) + 1
    if not counts:
        return ""
    names = {m.id: m.navn for m in catalog.municipality_list.municipalities}
    listed = ", ".join(names[i] for i in sorted(counts, key=lambda i: (names[i], i)))
    label = f"Kart over Norge med kommunene som har eksempler på temaet {theme_label}: {listed}"
    return (f'<figure class="eb-cases-map-figure">{cases_map(geo, counts, label)}'
            f'<figcaption>Kommuner med eksempler på temaet (mørke). {escape(CREDIT_TEXT)}</figcaption></figure>\n')
