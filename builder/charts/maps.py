"""Inline SVG maps drawn from the committed geography (builder/knowledge/geography.py).

- `national_map`: every current municipality as a link to its page, shaded by what the sources show
  (has examples: solid; took part in a programme, network or development centre: hatched; neither:
  light), with a <title> for hover and an accessible name («Tynset – ingen eksempler ennå»).
  Haram shares Ålesund's area (the outlines are from 2020) and is a round marker on it.
- `locator_map`: a small picture of a municipality in its county (neighbouring areas in grey).
- `cases_map`: a small picture of Norway with the municipalities that have examples of a theme.

Every text is escaped; output is deterministic (areas in kommunenummer order, no ids from counters).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from builder.core.urls import relative_url
from builder.knowledge.geography import CREDIT, Geography


@dataclass(frozen=True)
class AreaState:
    """What the map shows of one municipality."""
    id: str
    navn: str
    kommunenummer: str
    cases: int
    took_part: bool

    @property
    def kind(self) -> str:
        return "eksempler" if self.cases else ("deltok" if self.took_part else "ingen")

    @property
    def label(self) -> str:
        count = ("ingen eksempler ennå" if not self.cases
                 else "1 eksempel" if self.cases == 1 else f"{self.cases} eksempler")
        return f"{self.navn} – {count}" + (", deltok i program eller nettverk" if self.took_part else "")


LEGEND = (("eksempler", "Har eksempler i Erfaringsbanken"),
          ("deltok", "Deltok i et program, nettverk eller utviklingssenter, men har ingen eksempler ennå"),
          ("ingen", "Ingen eksempler og ingen deltakelse i kildene"))


DARK, LIGHT, HATCH_GROUND = "#0b2e50", "#f4f4f1", "#e3ebf3"
BORDER = "#7a7a7a"  # the areas' outline, in erfaringsbanken.css (≥ 3:1 against all three)


def _pattern(prefix: str, size: int) -> str:
    """The hatching of «deltok» (not colour alone), sized for the map's scale."""
    return (f'<defs><pattern id="{prefix}-deltok" patternUnits="userSpaceOnUse" width="{size}" height="{size}" '
            f'patternTransform="rotate(45)"><rect width="{size}" height="{size}" fill="#e3ebf3"/>'
            f'<rect width="{max(1, size * 2 // 5)}" height="{size}" fill="#0b2e50"/></pattern></defs>')


def _fill(kind: str, prefix: str) -> str:
    return {"eksempler": "#0b2e50", "deltok": f"url(#{prefix}-deltok)", "ingen": "#f4f4f1"}[kind]


def _view_box(box, pad: int) -> tuple[str, int, int]:
    x0, y0, x1, y1 = box
    width, height = x1 - x0 + 2 * pad, y1 - y0 + 2 * pad
    return f"{x0 - pad} {y0 - pad} {width} {height}", width, height


def national_map(geo: Geography, states: list[AreaState], page_url: str, label: str) -> str:
    """The map of Norway: one link per current municipality (states in any order)."""
    prefix = "eb-kart"
    view_box, width, height = _view_box(geo.box, 10)
    parts = [f'<svg class="eb-map__svg" viewBox="{view_box}" width="{width // 4}" height="{height // 4}" '
             f'role="group" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">', _pattern(prefix, 16)]
    markers = []
    for s in sorted(states, key=lambda s: (s.kommunenummer, s.id)):
        href = escape(relative_url(page_url, f"kommuner/{s.id}/"))
        shared = geo.shares_area_with(s.id)
        title = f"<title>{escape(s.label)}</title>"
        if shared:
            x, y = geo.municipalities[s.id]["punkt"]
            markers.append(f'<a href="{href}" aria-label="{escape(s.label)} (vist som punkt i '
                           f'{escape(next(o.navn for o in states if o.id == shared))}s område)" class="eb-map__marker">'
                           f'{title}<circle cx="{x}" cy="{y}" r="9" fill="{_fill(s.kind, prefix)}"/></a>')
        else:
            parts.append(f'<a href="{href}" aria-label="{escape(s.label)}">{title}'
                         f'<path d="{geo.area_path(s.id)}" fill="{_fill(s.kind, prefix)}"/></a>')
    parts += markers
    parts.append("</svg>")
    return "".join(parts)


def _in_box(box, other, margin: int = 0) -> bool:
    return not (other[2] < box[0] - margin or other[0] > box[2] + margin or
                other[3] < box[1] - margin or other[1] > box[3] + margin)


def county_file(county: str) -> str:
    """The site path of a county's background picture (shared by its municipalities' pages)."""
    return f"kommuner/kart/{county}.svg"


def county_svg(geo: Geography, county: str) -> str:
    """A standalone SVG of a county's municipalities (small-map detail), for locator maps."""
    box = geo.counties[county]["boks"]
    view_box, width, height = _view_box(box, _pad(box))
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n',
             f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" width="{width}" height="{height}">',
             f"<title>{escape(CREDIT_TEXT)}</title>",
             '<g fill="#f4f4f1" stroke="#8a8a8a" stroke-width="0.5" vector-effect="non-scaling-stroke">']
    county_of = geo.county_of
    for kommune_id, entry in sorted(geo.municipalities.items()):
        if "lite_kart" in entry and county_of.get(kommune_id) == county:
            parts.append(f'<path d="{entry["lite_kart"]}" vector-effect="non-scaling-stroke"/>')
    parts.append("</g>")
    parts.append(f'<path d="{geo.counties[county]["kart"]}" fill="none" stroke="#3d3d3d" stroke-width="1.5" '
                 'vector-effect="non-scaling-stroke"/>')
    parts.append("</svg>\n")
    return "".join(parts)


def _pad(box) -> int:
    return max(4, (box[2] - box[0]) // 30)


def locator_map(geo: Geography, kommune_id: str, county: str, label: str, page_url: str) -> str:
    """A municipality in its county: the county's picture (county_svg, one file per county, so the
    browser fetches it once) with this municipality drawn dark on top, in the same view box."""
    county_data = geo.counties.get(county)
    own = geo.municipalities.get(kommune_id)
    if county_data is None or own is None:
        return ""
    box = county_data["boks"]
    pad = _pad(box)
    view_box, width, height = _view_box(box, pad)
    shown_width = 320
    shown_height = shown_width * height // max(width, 1)
    highlighted = geo.shares_area_with(kommune_id) or kommune_id
    marker = ""
    if highlighted != kommune_id:  # Haram: its marker on the shared area
        x, y = own["punkt"]
        marker = f'<circle cx="{x}" cy="{y}" r="{pad}" fill="#ffffff" stroke="#0b2e50" stroke-width="{max(1, pad // 3)}"/>'
    return (f'<div class="eb-locator"><img src="{escape(relative_url(page_url, county_file(county)))}" alt="" '
            f'width="{shown_width}" height="{shown_height}" loading="lazy">'
            f'<svg viewBox="{view_box}" width="{shown_width}" height="{shown_height}" role="img" '
            f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
            f'<path d="{geo.area_path(highlighted, small=True)}" fill="#0b2e50" stroke="#0b2e50" '
            f'vector-effect="non-scaling-stroke"/>{marker}</svg></div>')


def map_files(geo: Geography | None) -> dict[str, str]:
    """The counties' pictures: {site path: SVG}."""
    if geo is None:
        return {}
    return {county_file(county): county_svg(geo, county) for county in sorted(geo.counties)}


def cases_map(geo: Geography, with_cases: dict[str, int], label: str) -> str:
    """A small map of Norway with the municipalities (2024 ids) that have examples, dark."""
    view_box, width, height = _view_box(geo.box, 10)
    parts = [f'<svg class="eb-cases-map" viewBox="{view_box}" width="240" height="{240 * height // width}" '
             f'role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">']
    for county, data in sorted(geo.counties.items()):
        parts.append(f'<path d="{data["kart"]}" fill="#f4f4f1" stroke="#767676"/>')
    for kommune_id in sorted(with_cases):
        if kommune_id in geo.municipalities:
            parts.append(f'<path d="{geo.area_path(kommune_id, small=True)}" fill="#0b2e50" stroke="#0b2e50"/>')
            x, y = geo.municipalities[kommune_id]["punkt"]
            parts.append(f'<circle cx="{x}" cy="{y}" r="14" fill="#0b2e50" stroke="#ffffff" stroke-width="4"/>')
    parts.append("</svg>")
    return "".join(parts)


def legend_swatch(kind: str) -> str:
    prefix = f"eb-tegn-{kind}"
    return (f'<svg class="eb-map-legend__swatch" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" '
            f'focusable="false" xmlns="http://www.w3.org/2000/svg">{_pattern(prefix, 6) if kind == "deltok" else ""}'
            f'<rect x="0.5" y="0.5" width="23" height="15" fill="{_fill(kind, prefix)}" stroke="#595959"/></svg>')


CREDIT_TEXT = f"Kartgrunnlag: {CREDIT}, kommunegrensene fra 2020–2023, forenklet."
