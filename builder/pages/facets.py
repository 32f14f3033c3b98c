"""Facets for «Finn eksempler»: the filter values of each case, as Pagefind filters.

One place decides what a facet value is, so the case pages (data-pagefind-filter), the finder page
and the tests agree. Values are the Norwegian labels users see.
"""

from __future__ import annotations

from builder.sources.catalog import Catalog
from builder.sources.model import Case
from builder.knowledge.regions import case_counties_today, case_landsdeler

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


# --- «Nær meg» (issue 22): the examples of one municipality and its neighbours ------------------
# Not one of FACETS (357 values are a choice list, not checkboxes): each case page carries one
# Pagefind filter value `naer:<id>` for every 2024 municipality the case is in or next to
# (builder/knowledge/geography.py), so choosing a municipality on the finder gives its own and its
# neighbours' examples; content/assets/finn.js keeps it in the URL (?naer=<id>).

NEAR_FACET = "naer"


def _near_index(catalog: Catalog) -> dict[str, list[str]]:
    """case id -> the 2024 municipality ids it is near (its own and their neighbours); once per catalog."""
    cached = getattr(catalog, "_near_index", None)
    if cached is not None:
        return cached
    from builder.knowledge.geography import load_geography
    from builder.pages.map_page import current_municipalities_of_cases

    geo = load_geography(catalog.project.vocabularies_dir)
    index = {}
    for case_id, own in current_municipalities_of_cases(catalog).items():
        near = set(own)
        for kommune_id in own:
            near.update(n.id for n in (geo.neighbours(kommune_id) if geo else []))
        index[case_id] = sorted(near)
    catalog._near_index = index
    return index


def near_facet(case: Case, catalog: Catalog) -> dict[str, list[str]]:
    """{"naer": [ids]} for a case page's filters ({} when the case is in no current municipality)."""
    near = _near_index(catalog).get(case.id, [])
    return {NEAR_FACET: near} if near else {}


def near_choices(catalog: Catalog) -> list[tuple[str, str]]:
    """[(id, label)] of every current municipality, alphabetical; a shared name gets its county."""
    from collections import Counter

    municipalities = catalog.municipality_list.municipalities
    names = Counter(m.navn for m in municipalities)
    vocab = catalog.vocabularies
    out = [(m.id, m.navn if names[m.navn] == 1 else f"{m.navn} ({vocab.label('fylker', m.fylke)})")
           for m in municipalities]
    return sorted(out, key=lambda item: (norwegian_sort_key(item[1]), item[0]))


def near_counts(catalog: Catalog) -> dict[str, int]:
    """id -> number of cases near it (what the finder shows before JavaScript updates it)."""
    counts: dict[str, int] = {}
    for near in _near_index(catalog).values():
        for kommune_id in near:
            counts[kommune_id] = counts.get(kommune_id, 0) + 1
    return counts
