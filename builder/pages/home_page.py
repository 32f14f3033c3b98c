"""The home page's generated part: search, «find examples from municipalities like yours», theme
tiles (evidence grade and number of cases), newest and recently updated cases, and one sentence
on where the material comes from. content/index.md places it with HOME_MARKER."""

from __future__ import annotations

from collections import Counter

from builder.core.formatting import format_date, norwegian_key
from builder.sources.catalog import Catalog
from builder.sources.model import Case
from builder.pages.feeds import case_updated
from builder.pages.municipality_pages import build_pages
from builder.pages.page_inputs import first_added
from builder.pages.templating import render

HOME_MARKER = "<!-- erfaringsbanken:forside -->"
LATEST = 5
NUMBER_WORDS = {1: "én", 2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "sju", 8: "åtte", 9: "ni",
                10: "ti", 11: "elleve", 12: "tolv"}


def municipality_choices(catalog: Catalog) -> list[tuple[str, str]]:
    """(label, url) for the type-ahead: every page, names used twice told apart by county."""
    pages, _ = build_pages(catalog)
    vocab = catalog.vocabularies
    names = Counter(p.navn for p in pages)
    choices = []
    for p in pages:
        if p.kind == "tidligere" and p.merged_into:
            label = f"{p.navn} (nå {p.merged_into.navn})"
        elif names[p.navn] > 1:
            label = f"{p.navn} ({vocab.label('fylker', p.county)})"
        else:
            label = p.navn
        choices.append((label, p.url))
    labels = Counter(label for label, _ in choices)
    choices = [(label if labels[label] == 1 else f"{label} – {url.split('/')[1]}", url) for label, url in choices]
    return sorted(choices, key=lambda c: (norwegian_key(c[0]), c[1]))


def origin_sentence(catalog: Catalog) -> str:
    documents = catalog.vocabularies["kilder"].terms
    years = sorted(t.get("år") for t in documents if t.get("år"))
    kvp = sum(1 for c in catalog.cases if c.program == "kvalitetskommuneprogrammet")
    saman = sum(1 for c in catalog.cases if c.program == "saman-om-ein-betre-kommune")
    saman_text = (f"{saman} fra Saman om ein betre kommune" if saman else
                  "ingen fra Saman om ein betre kommune, som i stedet er med i temasidenes kunnskapsstatus")
    span = f" ({years[0]}–{years[-1]})" if years else ""
    count = NUMBER_WORDS.get(len(documents), str(len(documents)))
    return (f"Alle {len(catalog.cases)} eksemplene er skrevet med egne ord ut fra {count} offentlige "
            f"rapporter{span}: {kvp} kommer fra Kvalitetskommuneprogrammet, resten fra nettverk og "
            f"utviklingsarbeid i kommunene, og {saman_text}.")


def newest_cases(catalog: Catalog, limit: int = LATEST) -> tuple[list[tuple[Case, str]], list[str]]:
    """The `limit` newest cases by the day they were added (git's first commit of the file, else
    sist_vurdert), newest first; cases added the same day in Norwegian alphabetical order of title.
    Also one sentence per shown day that more than one case shares, so the reader knows why."""
    added = first_added(catalog)
    day = {c.id: added.get(c.source_file, c.sist_vurdert) for c in catalog.cases}
    by_title = sorted(catalog.cases, key=lambda c: (norwegian_key(c.tittel), c.id))
    ordered = sorted(by_title, key=lambda c: day[c.id], reverse=True)[:limit]
    per_day = Counter(day.values())
    ties = []
    for d in dict.fromkeys(day[c.id] for c in ordered):
        if per_day[d] > 1:
            ties.append(f"{per_day[d]} eksempler lagt inn samme dag, {format_date(d)}; vist i alfabetisk rekkefølge.")
    return [(c, day[c.id]) for c in ordered], ties


def render_home_block(catalog: Catalog) -> str:
    vocab = catalog.vocabularies
    pages = {t.tema: t for t in catalog.themes}
    tiles = [(term, pages.get(term.id), len(catalog.cases_with_theme(term.id))) for term in vocab["temaer"].terms
             if term.id in pages or catalog.cases_with_theme(term.id)]
    newest, ties = newest_cases(catalog)
    updated = sorted(catalog.cases, key=lambda c: (case_updated(c, catalog), c.id), reverse=True)
    return render("home.html", page_url="", vocab=vocab, tiles=tiles, choices=municipality_choices(catalog),
                  newest=newest, newest_ties=ties,
                  updated=[(c, case_updated(c, catalog)) for c in updated[:LATEST]],
                  origin=origin_sentence(catalog), current_count=len(catalog.municipality_list.municipalities))
