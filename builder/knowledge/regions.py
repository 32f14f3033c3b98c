"""Counties of today and landsdeler (regions) for case municipalities.

A case names the county its municipality lay in when the work was done (Vest-Agder, Hordaland …);
that is a historical fact shown on the case page. Finding, filtering and «kommuner som ligner» use
the county of today (the 2024 division: the register's `fylke_i_dag`, else its `fylke`) and its
landsdel (`landsdel` of the county in vocabularies/fylker.yml, one of vocabularies/landsdeler.yml,
checked by `vocabularies.landsdel_problems`).
"""

from __future__ import annotations

from builder.sources.model import Case, Municipality
from builder.sources.municipalities import Register, RegisterEntry
from builder.sources.vocabularies import Vocabularies


def county_today(entry: RegisterEntry) -> str:
    return entry.fylke_i_dag or entry.fylke


def landsdel_of(county: str | None, vocabularies: Vocabularies) -> str | None:
    fylker = vocabularies["fylker"]
    return fylker[county].get("landsdel") if county in fylker else None


def case_counties_today(case: Case, register: Register) -> list[str]:
    """The counties of today of the case's municipalities, in the case's order, without repeats.
    A municipality missing from the register (not possible after validation) falls back to the
    county the case names."""
    seen: dict[str, None] = {}
    for m in case.kommuner:
        entry = register.for_case_municipality(m)
        county = county_today(entry) if entry is not None else m.fylke
        if county:
            seen.setdefault(county)
    return list(seen)


def case_landsdeler(case: Case, register: Register, vocabularies: Vocabularies) -> list[str]:
    seen: dict[str, None] = {}
    for county in case_counties_today(case, register):
        landsdel = landsdel_of(county, vocabularies)
        if landsdel:
            seen.setdefault(landsdel)
    return list(seen)


def counties_changed(case: Case, register: Register) -> bool:
    """True when the counties the case names are not the counties of today (the case page then
    shows both: «Fylke da» and «Fylke i dag»)."""
    return list(case.counties) != case_counties_today(case, register)


def member_county(m: Municipality, register: Register) -> str | None:
    entry = register.for_case_municipality(m)
    return county_today(entry) if entry is not None else m.fylke
