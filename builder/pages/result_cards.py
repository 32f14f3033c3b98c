"""What a search hit shows and sorts by: the facts of a case for the finder's result cards.

Case pages carry them for Pagefind (builder/templates/case.html): ``data-pagefind-meta`` for the
municipality, size band, period, result and evidence type (content/assets/sok-felles.js shows them
under the title), and two sort keys for «Finn eksempler»: ``nyest`` (the last year of the period,
zero-padded) and ``evidens`` (strength of the strongest kind of evidence, the vocabulary's order:
the first kind is the strongest).
"""

from __future__ import annotations

from builder.sources.catalog import Catalog
from builder.sources.model import Case
from builder.pages.facets import UNKNOWN, NOT_ASSESSED

CARD_FIELDS = ("kommune", "storrelse", "periode", "resultat", "evidens")


def _escape(value: str) -> str:
    """Pagefind splits a meta or sort attribute on commas; a backslash keeps one."""
    return value.replace("\\", "").replace(",", "\\,")


def card_facts(case: Case, facets: dict[str, list[str]]) -> dict[str, str]:
    """The facts a result card shows, as text («Under 5 000», «2009–2011», «Forbedring» …)."""
    return {
        "kommune": case.municipality_names,
        "storrelse": ", ".join(v for v in facets["kommunestorrelse"] if v != UNKNOWN) or "Ukjent størrelse",
        "periode": case.period_label or "Ukjent periode",
        "resultat": ", ".join(v for v in facets["resultat"] if v != NOT_ASSESSED) or "Ikke vurdert",
        "evidens": ", ".join(v for v in facets["evidenstype"] if v != UNKNOWN) or "Ukjent kunnskapsgrunnlag",
    }


def card_meta_attributes(case: Case, facts_by_facet: dict[str, list[str]]) -> list[str]:
    """One ``data-pagefind-meta`` value per element: Pagefind 1.6 reads one «key:value» from an
    attribute (a second pair after a comma stays part of the first value)."""
    facts = card_facts(case, facts_by_facet)
    return [f"{name}:{_escape(facts[name])}" for name in CARD_FIELDS]


def sort_keys(case: Case, catalog: Catalog) -> dict[str, str]:
    """{"nyest": "2011", "evidens": "06"}: larger means newer / stronger; «0000» / «00» when unknown."""
    years = [y for y in (case.periode_til, case.periode_fra) if y]
    newest = max((int(str(y)[:4]) for y in years if str(y)[:4].isdigit()), default=0)
    order = catalog.vocabularies["kunnskapsgrunnlag"].ids
    ranks = [order.index(e) for e in case.kunnskapsgrunnlag if e in order]
    strength = len(order) - min(ranks) if ranks else 0
    return {"nyest": f"{newest:04d}", "evidens": f"{strength:02d}"}
