"""Facets for «Finn eksempler»: the filter values of each case, as Pagefind filters.

One place decides what a facet value is, so the case pages (data-pagefind-filter), the finder page
and the tests agree. Values are the Norwegian labels users see.
"""

from __future__ import annotations

from .catalog import Catalog
from .model import Case
from .regions import case_counties_today, case_landsdeler

# (filter name, heading on the finder page) in display order
FACETS = (
    ("tema", "Tema"),
    ("sektor", "Sektor"),
    ("fylke", "Fylke"),
    ("landsdel", "Landsdel"),
    ("kommunestorrelse", "Kommunestørrelse"),
    ("program", "Program"),
    ("evidenstype", "Kunnskapsgrunnlag"),
    ("resultat", "Resultat"),
    ("status", "Status"),
    ("periode", "Periode"),
)
NOT_ASSESSED = "Ikke vurdert"
UNKNOWN = "Ikke oppgitt"


def period_band(case: Case) -> str:
    if not case.periode_fra:
        return UNKNOWN
    year = int(case.periode_fra[:4])
    if year < 2007:
        return "Før 2007"
    if year <= 2010:
        return "2007–2010"
    if year <= 2015:
        return "2011–2015"
    return "Etter 2015"


def case_facets(case: Case, catalog: Catalog) -> dict[str, list[str]]:
    vocab = catalog.vocabularies
    sizes = []
    for m in case.kommuner:
        entry = catalog.register.for_case_municipality(m)
        if entry is not None and entry.storrelse:
            sizes.append(vocab.label("kommunestorrelser", entry.storrelse))
    return {
        "tema": [vocab.label("temaer", t) for t in case.temaer],
        "sektor": [vocab.label("sektorer", case.sektor)],
        # the counties of today (2024); the case page also shows the county at the time
        "fylke": [vocab.label("fylker", f) for f in case_counties_today(case, catalog.register)] or [UNKNOWN],
        "landsdel": [vocab.label("landsdeler", r) for r in
                     case_landsdeler(case, catalog.register, vocab)] or [UNKNOWN],
        "kommunestorrelse": list(dict.fromkeys(sizes)) or [UNKNOWN],
        "program": [vocab.label("programmer", case.program)],
        "evidenstype": [vocab.label("kunnskapsgrunnlag", e) for e in case.kunnskapsgrunnlag] or [UNKNOWN],
        "resultat": [vocab.label("resultattyper", case.resultater.vurdering)
                     if case.resultater.vurdering else NOT_ASSESSED],
        "status": [vocab.label("status", case.status) if case.status else UNKNOWN],
        "periode": [period_band(case)],
    }


def _escape(value: str) -> str:
    return value.replace(",", "\\,")


def pagefind_meta_attribute(case: Case) -> str:
    return f"kommune:{_escape(case.municipality_names)}"


def pagefind_filters(facets: dict[str, list[str]]) -> list[str]:
    """One data-pagefind-filter value per filter ("tema:Ledelse"): one element each, so values
    with commas or colons need no escaping rules. (The page's kind, ``type``, is written by
    overrides/main.html for every indexed page.)"""
    out = []
    for name, values in facets.items():
        out += [f"{name}:{value}" for value in values]
    return out


# The order of each facet's values on the finder page: what a reader scans for.
ALPHABETICAL = ("tema", "sektor", "fylke")          # Norwegian alphabetical order
VOCABULARY_ORDER = {                                # the vocabulary's own (natural) order
    "kommunestorrelse": "kommunestorrelser",      # smallest first
    "program": "programmer",                      # oldest programme first
    "evidenstype": "kunnskapsgrunnlag",           # strongest kind of evidence first
    "resultat": "resultattyper",
    "status": "status",
    "landsdel": "landsdeler",                     # south-east to north, as in the vocabulary
}
PERIODS = ("Før 2007", "2007–2010", "2011–2015", "Etter 2015")  # time order
LAST = (UNKNOWN, NOT_ASSESSED)                      # always at the end of their facet
_NORWEGIAN = str.maketrans({"æ": "{", "ø": "|", "å": "}", "é": "e"})


def norwegian_sort_key(text: str) -> str:
    """Sorts æ, ø, å after z, as Norwegian readers expect."""
    return text.lower().translate(_NORWEGIAN)


def facet_value_order(name: str, catalog: Catalog):
    """A sort key for the values of one facet (see ALPHABETICAL, VOCABULARY_ORDER, PERIODS)."""
    if name in VOCABULARY_ORDER:
        labels = [t.navn for t in catalog.vocabularies[VOCABULARY_ORDER[name]].terms]
        position = {label: i for i, label in enumerate(labels)}
        return lambda value: (value in LAST, position.get(value, len(labels)), value)
    if name == "periode":
        return lambda value: (value in LAST, PERIODS.index(value) if value in PERIODS else len(PERIODS))
    return lambda value: (value in LAST, norwegian_sort_key(value))


def facet_counts(catalog: Catalog) -> dict[str, list[tuple[str, int]]]:
    """Every facet value that some case has, with its number of cases, in reading order."""
    from collections import Counter

    counters = {name: Counter() for name, _ in FACETS}
    for case in catalog.cases:
        for name, values in case_facets(case, catalog).items():
            counters[name].update(set(values))
    return {name: sorted(counters[name].items(), key=lambda kv, key=facet_value_order(name, catalog): key(kv[0]))
            for name, _ in FACETS}
