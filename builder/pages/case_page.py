"""One page per case: eksempler/<id>.md."""

from __future__ import annotations

from builder.core.labels import LABELS
from builder.sources.catalog import Catalog
from builder.sources.freshness import contact_status, is_stale
from builder.sources.model import Case
from builder.knowledge.regions import case_counties_today
from builder.charts.specs import case_chart_specs
from builder.pages.facets import case_facets, near_facet, pagefind_filters
from builder.pages.front_matter import front_matter
from builder.pages.result_cards import card_meta_attributes, sort_keys
from builder.pages.site_search import alternatives_text
from builder.pages.templating import render


def case_page_path(case: Case) -> str:
    return f"eksempler/{case.id}.md"


def short_description(case: Case, catalog: Catalog) -> str:
    vocab = catalog.vocabularies
    themes = ", ".join(vocab.label("temaer", t).lower() for t in case.temaer[:2])
    return f"{case.municipality_names}: {vocab.label('sektorer', case.sektor).lower()}, {themes}."


def search_summary(case: Case, catalog: Catalog, labels: dict) -> str:
    """The facts a reader searches by, as sentences: indexed (hidden) in place of the facts box,
    whose labels and dates would make poor excerpts («KommuneMandal. FylkeVest-Agder.»)."""
    vocab = catalog.vocabularies
    parts = [
        (labels["municipalities" if len(case.kommuner) > 1 else "municipality"], [case.municipality_names]),
        (labels["themes"], [vocab.label("temaer", t) for t in case.temaer]),
        (labels["sector"], [vocab.label("sektorer", case.sektor)] + ([case.enhet] if case.enhet else [])),
        (labels["county"], [vocab.label("fylker", c) for c in case.counties]),
        (labels["programme"], [vocab.label("programmer", case.program)] + ([case.nettverk] if case.nettverk else [])),
    ]
    return " ".join(f"{label}: {', '.join(values)}." for label, values in parts if values)


def render_case_page(case: Case, catalog: Catalog, theme_pages: set[str],
                     related: list[Case] | None = None) -> str:
    labels = LABELS[case.språk]
    charts = {int(spec.id.rsplit("-", 1)[1]): spec for spec in case_chart_specs(case, catalog)}
    context = dict(case=case, vocab=catalog.vocabularies, labels=labels, page_url=case.url,
                   theme_pages=theme_pages, charts=charts,
                   last_changed=catalog.last_changed.get(case.source_file),
                   history_url=catalog.history_url(case.source_file),
                   stale=is_stale(case, catalog.settings, catalog.today),
                   contact_status=lambda c: contact_status(c, catalog.settings, catalog.today),
                   pagefind_filters=pagefind_filters({**case_facets(case, catalog), **near_facet(case, catalog)}),
                   pagefind_meta=card_meta_attributes(case, case_facets(case, catalog)),
                   pagefind_sort=sort_keys(case, catalog),
                   counties_today=case_counties_today(case, catalog.register),
                   municipality_urls=[(m, entry.url if (entry := catalog.register.for_case_municipality(m)) else None)
                                      for m in case.kommuner])
    context["search_summary"] = search_summary(case, catalog, labels)
    parts = [render("case.html", **context)]
    # what the search index holds of this page (not the facts box or the related cases)
    indexed = [case.tittel, case.municipality_names, context["search_summary"], *case.kildemerknader]

    def section(heading: str, html: str, anchor: str) -> None:
        parts.append(f"\n## {heading} {{ #{anchor} }}\n\n{html}")
        indexed.append(html)

    def text(field: str | None) -> str:
        return render("text.html", text=field)

    section(labels["background"], text(case.bakgrunn), "bakgrunn")
    if case.mål:
        section(labels["goals"], text(case.mål), "mal")
    section(labels["measures"], text(case.tiltak), "tiltak")
    section(labels["results"], render("case_results.html", **context), "resultater")
    if case.kunnskapsgrunnlag:
        section(labels["how_known"], render("case_evidence.html", **context), "kunnskapsgrunnlag")
    if case.læringspunkter:
        section(labels["lessons"], text(case.læringspunkter), "laeringspunkter")
    if case.overføringsverdi:
        section(labels["transfer"], render("case_assessment.html", text=case.overføringsverdi, labels=labels), "overforingsverdi")
    if related:  # other cases' titles: kept out of the search index (and its alternatives)
        parts.append(f"\n## {labels['related']} {{ #lignende data-pagefind-ignore=\"all\" }}\n\n"
                     + render("case_related.html", related=related, **context))
    for kind, field, anchor in (("partners", case.samarbeidspartnere, "samarbeidspartnere"),
                                ("prizes", case.priser, "priser"), ("contact", case.kontakt, "kontakt"),
                                ("sources", case.kilder, "kilder")):
        if field:
            section(labels[kind], render("case_lists.html", kind=kind, **context), anchor)
    meta = front_matter({
        "title": case.tittel,
        "description": short_description(case, catalog),
        "lang": case.språk,
        "case_id": case.id,
        "search_alternatives": alternatives_text(catalog.glossary, " ".join(indexed)),
    })
    # Last in the indexed text, after a «⁂» like the other-standard block: an excerpt Pagefind takes
    # from these facts is not a sentence from the case, and the search pages show the case's first
    # sentences instead (content/assets/sok-felles.js).
    parts.append("\n" + render("case_search_summary.html", search_summary=context["search_summary"]))
    return meta + "".join(parts)
