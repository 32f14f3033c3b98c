"""Which charts the site has: one per numeric case series, theme figures, and counts of cases.

Each spec carries its alt text (stating the finding), its source line, and the data for the
table shown beside it. Drawing is in drawing.py; pages show the
SVG beside its table through the templates chart.html, chart_image.html and chart_table.html.
"""

from __future__ import annotations

import re
from collections import Counter

from builder.core.formatting import format_number
from builder.sources.catalog import Catalog
from builder.sources.model import Case
from builder.sources.themes import Figure, Theme
from builder.charts.drawing import ChartSpec, Point, Series

_YEAR = re.compile(r"(19|20)\d{2}")
MIN_CHART_VALUES = 2  # a series with fewer values is shown as its table only
THEME_KINDS = {"linje": "line", "stolpe": "bar", "liggende-stolpe": "hbar", "estimat": "estimate"}


def case_chart_specs(case: Case, catalog: Catalog) -> list[ChartSpec]:
    specs = []
    for index, s in enumerate(case.resultater.tall, start=1):
        if len(s.verdier) < MIN_CHART_VALUES:
            continue
        years = all(_YEAR.fullmatch(v.periode) for v in s.verdier)
        first, last = s.verdier[0], s.verdier[-1]
        alt = (f"{s.indikator} i {case.municipality_names}: fra {format_number(first.verdi)} {s.enhet} "
               f"({first.periode}) til {format_number(last.verdi)} {s.enhet} ({last.periode}).")
        extreme = max(s.verdier, key=lambda v: v.verdi)
        if extreme not in (first, last):
            alt += f" Høyest var {format_number(extreme.verdi)} {s.enhet} i {extreme.periode}."
        specs.append(ChartSpec(
            id=f"eksempel-{case.id}-{index}", kind="line" if years else "bar",
            title=s.indikator, unit=s.enhet,
            series=(Series(s.indikator, tuple(Point(v.periode, v.verdi) for v in s.verdier)),),
            alt=alt, source=f"Datakilde: {s.datakilde}", caveat=s.merknad,
        ))
    return specs


def theme_figure_spec(theme: Theme, figure: Figure, catalog: Catalog) -> ChartSpec:
    doc = catalog.vocabularies["kilder"][figure.kilde["dokument"]]
    where = figure.kilde.get("linjer")
    many = where and any(mark in where for mark in "–-,")
    source = f"Kilde: {doc.navn} ({doc.get('år')})" + \
        (f", {'linjene' if many else 'linje'} {where} i tekstversjonen" if where else "") + \
        (f", side {figure.kilde['sider']}" if figure.kilde.get("sider") else "")
    return ChartSpec(
        id=f"tema-{theme.tema}-{figure.id}", kind=THEME_KINDS[figure.type], title=figure.tittel,
        unit=figure.enhet,
        series=tuple(Series(s["navn"], tuple(Point(v["etikett"], v["verdi"], v.get("lav"), v.get("hoy"))
                                             for v in s["verdier"])) for s in figure.serier),
        alt=figure.alt, source=source, caveat=figure.forbehold,
        zero_line=figure.type == "estimat" or any(v["verdi"] < 0 for s in figure.serier for v in s["verdier"]),
    )


def count_spec(chart_id: str, title: str, counts: Counter, label_of, what: str,
               source: str = "Kilde: eksempelfilene i Erfaringsbanken") -> ChartSpec | None:
    if not counts:
        return None
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], label_of(kv[0])))
    points = tuple(Point(label_of(k), v) for k, v in ordered)
    top = ", ".join(f"{p.label} ({p.value})" for p in points[1:3])
    alt = f"Flest eksempler {what} {points[0].label} ({points[0].value})."
    if top:
        alt += f" Deretter følger {top}."
    return ChartSpec(id=chart_id, kind="hbar", title=title, unit="antall eksempler",
                     series=(Series("Antall eksempler", points),), alt=alt, source=source,
                     integer_values=True)


def theme_count_specs(theme: Theme, catalog: Catalog) -> list[ChartSpec]:
    cases = catalog.cases_with_theme(theme.tema)
    vocab = catalog.vocabularies
    specs = [
        count_spec(f"tema-{theme.tema}-sektor", "Eksempler etter sektor",
                   Counter(c.sektor for c in cases), lambda k: vocab.label("sektorer", k), "gjelder"),
        count_spec(f"tema-{theme.tema}-kunnskapsgrunnlag", "Eksempler etter kunnskapsgrunnlag",
                   Counter(e for c in cases for e in c.kunnskapsgrunnlag),
                   lambda k: vocab.label("kunnskapsgrunnlag", k), "bygger på"),
    ]
    return [s for s in specs if s is not None]


def overview_specs(catalog: Catalog) -> list[ChartSpec]:
    vocab = catalog.vocabularies
    cases = catalog.cases
    specs = [
        count_spec("oversikt-tema", "Eksempler per tema", Counter(t for c in cases for t in c.temaer),
                   lambda k: vocab.label("temaer", k), "har temaet"),
        count_spec("oversikt-fylke", "Eksempler per fylke (fylket da prosjektet pågikk)",
                   Counter(f for c in cases for f in c.counties), lambda k: vocab.label("fylker", k),
                   "kommer fra"),
        count_spec("oversikt-program", "Eksempler per program", Counter(c.program for c in cases),
                   lambda k: vocab.label("programmer", k), "hører til"),
        count_spec("oversikt-sektor", "Eksempler per sektor", Counter(c.sektor for c in cases),
                   lambda k: vocab.label("sektorer", k), "gjelder"),
    ]
    years = Counter(c.periode_fra[:4] for c in cases if c.periode_fra)
    if years:
        points = tuple(Point(y, n) for y, n in sorted(years.items()))
        busiest = max(points, key=lambda p: (p.value, p.label))
        specs.append(ChartSpec(
            id="oversikt-startar", kind="bar", title="Eksempler etter startår", unit="antall eksempler",
            series=(Series("Antall eksempler", points),), integer_values=True,
            alt=f"Flest eksempler startet i {busiest.label} ({busiest.value}). "
                f"{sum(years.values())} av {len(cases)} eksempler oppgir startår.",
            source="Kilde: eksempelfilene i Erfaringsbanken (bare eksempler der kilden oppgir startår)",
        ))
    return [s for s in specs if s is not None]
