"""Knowledge-status pages: the hand-written body, framed by generated parts.

Before the body: title, summary, evidence grade, review dates (with an overdue note). After it: the
figures, «Eksempler fra kommunene» (generated from the case files, never hand-listed) and sources.
"""

from __future__ import annotations

from datetime import date

from builder.core.formatting import format_number
from builder.core.labels import LABELS
from builder.sources.catalog import Catalog
from builder.sources.model import Case
from builder.sources.themes import Theme
from builder.charts.specs import theme_count_specs, theme_figure_spec
from builder.pages.templating import render


def result_line(case: Case) -> str:
    """One line on what a case achieved: the first numeric series, or the overall assessment."""
    if case.resultater.tall:
        s = case.resultater.tall[0]
        first, last = s.verdier[0], s.verdier[-1]
        if len(s.verdier) == 1:
            return f"{s.indikator}: {format_number(first.verdi)} {s.enhet} ({first.periode})"
        return (f"{s.indikator}: {format_number(first.verdi)} → {format_number(last.verdi)} {s.enhet} "
                f"({first.periode}–{last.periode})")
    return ""


def decorate_theme_page(theme: Theme, markdown: str, catalog: Catalog, *, on: date | None = None) -> str:
    page_url = theme.url
    cases = sorted(catalog.cases_with_theme(theme.tema),
                   key=lambda c: (c.temaer.index(theme.tema) != 0, c.kommuner[0].navn.lower(), c.id))
    context = dict(theme=theme, vocab=catalog.vocabularies, page_url=page_url, cases=cases,
                   result_line=result_line, overdue=theme.is_overdue(on or catalog.today))
    head = render("theme_head.html", **context)
    figures = "".join(render("chart.html", spec=theme_figure_spec(theme, f, catalog), page_url=page_url) +
                      render("figure_quote.html", kilde=f.kilde, labels=LABELS["nb"])
                      for f in theme.figurer)
    counts = "".join(render("chart.html", spec=spec, page_url=page_url)
                     for spec in theme_count_specs(theme, catalog))
    examples = render("theme_examples.html", **context)
    from builder.pages.map_page import theme_cases_map  # where the examples are (builder/charts/maps.py)
    examples = theme_cases_map(catalog, cases, catalog.vocabularies.label("temaer", theme.tema)) + examples
    sources = render("theme_sources.html", labels=LABELS["nb"], **context)
    parts = [head, markdown.strip(), ""]
    if figures:
        parts.append(f"## Tall fra kildene {{ #tall }}\n\n{figures}")
    parts.append(f"## Eksempler fra kommunene {{ #eksempler }}\n\n{examples}{counts}")
    parts.append(f"## Kilder {{ #kilder }}\n\n{sources}")
    return "\n".join(parts)


def render_theme_index(catalog: Catalog) -> str:
    from builder.pages.front_matter import front_matter

    themes = {t.tema: t for t in catalog.themes}
    rows = []
    for term in catalog.vocabularies["temaer"].terms:
        rows.append(dict(term=term, page=themes.get(term.id), count=len(catalog.cases_with_theme(term.id))))
    return front_matter({"title": "Temaer", "description": "Kunnskapsstatus og eksempler per tema."}) + \
        render("theme_index.html", rows=rows, vocab=catalog.vocabularies, page_url="temaer/")


EVIDENCE_SCALE_MARKER = "<!-- evidensgrader -->"


def render_evidence_scale(catalog: Catalog) -> str:
    """The declared evidence-grade scale and evidence types, from the vocabularies (for om/kunnskapsgrunnlaget)."""
    return render("evidence_scale.html", grades=catalog.vocabularies["evidensgrader"].terms,
                  findings=catalog.vocabularies["funn"].terms,
                  types=catalog.vocabularies["kunnskapsgrunnlag"].terms)


def insert_evidence_scale(markdown: str, catalog: Catalog) -> str:
    scale = render_evidence_scale(catalog)
    if EVIDENCE_SCALE_MARKER in markdown:
        return markdown.replace(EVIDENCE_SCALE_MARKER, scale, 1)
    return f"{markdown.rstrip()}\n\n## Skalaen for kunnskapsgrunnlag {{ #skala }}\n\n{scale}"
