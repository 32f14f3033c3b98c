"""Inline SVG maps drawn from the committed geography (builder/geography.py).

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

from .geography import CREDIT, Geography
from .urls import relative_url


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


def _pattern(prefix: str, size: int) -> str:
    """The hatching of «deltok» (not colour alone), sized for the map's scale."""
    return (f'<defs><pattern id="{prefix}-deltok" patternUnits="userSpaceOnUse" width="{size}" height="{size}" '
            f'patternTransform="rotate(45)"><rect width="{size}" height="{size}" fill="#e3ebf3"/>'
            f'<rect width="{max(1, size * 2 // 5)}" height="{size}" fill="#1d4f80"/></pattern></defs>')


def _fill(kind: str, prefix: str) -> str:
    return {"eksempler": "#1d4f80", "deltok": f"url(#{prefix}-deltok)", "ingen": "#f4f4f1"}[kind]


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


def locator_map(geo: Geography, kommune_id: str, county: str, label: str) -> str:
    """A small decorative-with-a-name picture: the county's municipalities, this one dark."""
    county_data = geo.counties.get(county)
    own = geo.municipalities.get(kommune_id)
    if county_data is None or own is None:
        return ""
    box = county_data["boks"]
    pad = max(4, (box[2] - box[0]) // 30)
    view_box, width, height = _view_box(box, pad)
    highlighted = geo.shares_area_with(kommune_id) or kommune_id
    parts = [f'<svg class="eb-locator" viewBox="{view_box}" width="{min(320, width)}" '
             f'height="{min(320, width) * height // max(width, 1)}" role="img" aria-label="{escape(label)}" '
             'xmlns="http://www.w3.org/2000/svg">']
    for other_id, entry in sorted(geo.municipalities.items()):
        if "lite_kart" not in entry or other_id == highlighted or not _in_box(box, entry["boks"], pad):
            continue
        parts.append(f'<path d="{entry["lite_kart"]}" fill="#f4f4f1" stroke="#8a8a8a"/>')
    parts.append(f'<path d="{county_data["kart"]}" fill="none" stroke="#3d3d3d" class="eb-locator__county"/>')
    parts.append(f'<path d="{geo.area_path(highlighted, small=True)}" fill="#1d4f80" stroke="#1d4f80"/>')
    if highlighted != kommune_id:  # Haram: its marker on the shared area
        x, y = own["punkt"]
        parts.append(f'<circle cx="{x}" cy="{y}" r="{max(3, pad)}" fill="#ffffff" stroke="#1d4f80"/>')
    parts.append("</svg>")
    return "".join(parts)


def cases_map(geo: Geography, with_cases: dict[str, int], label: str) -> str:
    """A small map of Norway with the municipalities (2024 ids) that have examples, dark."""
    view_box, width, height = _view_box(geo.box, 10)
    parts = [f'<svg class="eb-cases-map" viewBox="{view_box}" width="240" height="{240 * height // width}" '
             f'role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">']
    for county, data in sorted(geo.counties.items()):
        parts.append(f'<path d="{data["kart"]}" fill="#f4f4f1" stroke="#767676"/>')
    for kommune_id in sorted(with_cases):
        if kommune_id in geo.municipalities:
            parts.append(f'<path d="{geo.area_path(kommune_id, small=True)}" fill="#1d4f80" stroke="#1d4f80"/>')
            x, y = geo.municipalities[kommune_id]["punkt"]
            parts.append(f'<circle cx="{x}" cy="{y}" r="14" fill="#1d4f80" stroke="#ffffff" stroke-width="4"/>')
    parts.append("</svg>")
    return "".join(parts)


def legend_swatch(kind: str) -> str:
    prefix = f"eb-tegn-{kind}"
    return (f'<svg class="eb-map-legend__swatch" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" '
            f'focusable="false" xmlns="http://www.w3.org/2000/svg">{_pattern(prefix, 6) if kind == "deltok" else ""}'
            f'<rect x="0.5" y="0.5" width="23" height="15" fill="{_fill(kind, prefix)}" stroke="#595959"/></svg>')


CREDIT_TEXT = f"Kartgrunnlag: {CREDIT}, kommunegrensene fra 2020–2023, forenklet."
