"""Related cases and similar municipalities, computed at build time without comparing all pairs.

Cases are put in buckets keyed by (main theme, sector, size band, region) and by coarser keys. For
each case the most specific buckets are read first, until enough related cases are found. Work is
linear in the number of cases times the bucket keys, not quadratic.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from builder.sources.catalog import Catalog
from builder.sources.model import Case

MIN_RELATED, MAX_RELATED = 3, 5


def case_profile(case: Case, catalog: Catalog) -> tuple[str | None, str | None]:
    """(size band, region) of the case's first municipality found in the register."""
    for m in case.kommuner:
        entry = catalog.register.for_case_municipality(m)
        if entry is not None:
            return entry.storrelse, catalog.register.landsdel(entry, catalog.vocabularies)
    fylke = case.counties[0] if case.counties else None
    region = catalog.vocabularies["fylker"][fylke].get("landsdel") if fylke else None
    return None, region


def _keys(case: Case, size: str | None, region: str | None) -> list[tuple]:
    main = case.temaer[0]
    keys = [("t-s-z-r", main, case.sektor, size, region), ("t-s-z", main, case.sektor, size),
            ("t-s", main, case.sektor), ("t", main)]
    keys += [("t", theme) for theme in case.temaer[1:]]
    keys += [("s-z", case.sektor, size), ("s", case.sektor)]
    return keys


def _rotation(case_id: str, n: int) -> int:
    """A stable per-case starting point, so big buckets do not always yield the same cases."""
    return int(hashlib.sha1(case_id.encode()).hexdigest()[:8], 16) % n if n else 0


def related_cases(catalog: Catalog, limit: int = MAX_RELATED) -> dict[str, list[Case]]:
    profiles = {c.id: case_profile(c, catalog) for c in catalog.cases}
    buckets: dict[tuple, list[Case]] = defaultdict(list)
    for case in catalog.cases:  # catalog.cases is sorted by id: buckets are deterministic
        for key in _keys(case, *profiles[case.id]):
            buckets[key].append(case)
    result: dict[str, list[Case]] = {}
    for case in catalog.cases:
        chosen: list[Case] = []
        seen = {case.id}
        for key in _keys(case, *profiles[case.id]):
            bucket = buckets.get(key, [])
            start = _rotation(case.id, len(bucket))
            for i in range(len(bucket)):  # stops as soon as enough are found
                other = bucket[(start + i) % len(bucket)]
                if other.id not in seen:
                    seen.add(other.id)
                    chosen.append(other)
                    if len(chosen) >= limit:
                        break
            if len(chosen) >= limit:
                break
        result[case.id] = chosen
    return result


# --- «Kommuner som ligner» on municipality pages ------------------------------------------------
#
# The rule (docs/architecture.md, «Similar municipalities»): for a size band B, a case is an
# example only through its *matching members*, the municipalities of the case whose own band is B
# and that are not the reader's own municipality (itself, a former municipality now part of it, or
# one of its bydeler).
# A case without a matching member is not an example for B, however large the network. Cases with
# one municipality come first (tier 0), then networks (tier 1); within each tier a case whose
# matching member is nearby comes first, then one in the same county of today, then the same
# landsdel, then the rest; within that, networks with a larger share of members in B first, then
# fewer members, then case id. «All sizes» (band None) treats every member as matching.

SINGLE, NETWORK = 0, 1
NEARBY, SAME_COUNTY, SAME_REGION, ELSEWHERE = 0, 1, 2, 3


@dataclass(frozen=True)
class Member:
    """One municipality of a case, as «kommuner som ligner» sees it."""
    navn: str
    place: str | None      # the id of the municipality of today it is (part of), for «nearby»
    band: str | None       # size band around 2010 (None: not sourced)
    county: str | None     # county of today
    region: str | None     # landsdel


@dataclass(frozen=True)
class SimilarExample:
    case: Case
    tier: int                      # SINGLE or NETWORK
    proximity: int                 # NEARBY … ELSEWHERE, of the closest matching member
    matching: tuple[Member, ...]   # the members that make the case an example, closest first
    members: int                   # how many municipalities the case has
    reason: str                    # why it is listed, in Norwegian


@dataclass(frozen=True)
class Home:
    """Where the reader's municipality is: its id of today, county of today and landsdel."""
    place: str | None
    county: str | None
    region: str | None


def case_members(catalog: Catalog) -> dict[str, tuple[Member, ...]]:
    """case id -> its municipalities as Members, in the case's order."""
    from builder.knowledge.regions import county_today, landsdel_of

    register, vocab = catalog.register, catalog.vocabularies
    current = catalog.municipality_list.by_id
    by_name_county = {(m.navn, m.fylke): m.id for m in catalog.municipality_list.municipalities}
    out = {}
    for case in catalog.cases:
        members = []
        for m in case.kommuner:
            entry = register.for_case_municipality(m)
            if entry is None:
                members.append(Member(m.display_name, None, None, m.fylke, landsdel_of(m.fylke, vocab)))
                continue
            county = county_today(entry)
            if entry.bydel_av:
                place = entry.bydel_av
            elif entry.id in current:
                place = entry.id
            elif entry.slatt_sammen:
                place = by_name_county.get((entry.slatt_sammen["til"], county))
            else:
                place = None
            members.append(Member(m.display_name if m.bydel else entry.navn, place, entry.storrelse,
                                  county, landsdel_of(county, vocab)))
        out[case.id] = tuple(members)
    return out


def _proximity(member: Member, home: Home, nearby: frozenset[str]) -> int:
    if member.place is not None and member.place in nearby:
        return NEARBY
    if home.county and member.county == home.county:
        return SAME_COUNTY
    if home.region and member.region == home.region:
        return SAME_REGION
    return ELSEWHERE


def _names(members: tuple[Member, ...], shown: int = 3) -> str:
    names = list(dict.fromkeys(m.navn for m in members))
    if len(names) > shown:
        return ", ".join(names[:shown]) + f" og {len(names) - shown} til"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def _where(proximity: int, member: Member, vocab) -> str:
    if proximity == NEARBY:
        return "i nærheten"
    if proximity == SAME_COUNTY:
        return vocab.label("fylker", member.county)
    if proximity == SAME_REGION:
        return f"samme landsdel ({vocab.label('landsdeler', member.region)})"
    return f"annen landsdel ({vocab.label('landsdeler', member.region)})" if member.region else "annen landsdel"


_COUNT_WORDS = {1: "én", 2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "sju", 8: "åtte", 9: "ni",
                10: "ti", 11: "elleve", 12: "tolv"}


def _reason(tier: int, proximity: int, matching: tuple[Member, ...], members: int, band: str | None,
            vocab) -> str:
    where = _where(proximity, matching[0], vocab)
    if band is None:  # «all sizes»: say the size, since the reader did not choose one
        if tier == SINGLE:
            size = matching[0].band
            return (f"{vocab.label('kommunestorrelser', size)}, {where}" if size else where)
        return f"nettverk av {members} kommuner; nærmest: {matching[0].navn}, {where}"
    if tier == SINGLE:
        return f"samme størrelse, {where}"
    count = _COUNT_WORDS.get(len(matching), str(len(matching)))
    which = "én" if len(matching) == 1 else count
    return f"nettverk av {members} kommuner; {which} av samme størrelse: {_names(matching)}; {where}"


@dataclass(frozen=True)
class _Candidate:
    case: Case
    tier: int
    matching: tuple[Member, ...]   # members in the band (every member for «all sizes»)
    members: int


class SimilarIndex:
    """The examples of every band, sorted once by what does not depend on the reader (tier, share
    of members in the band, number of members, id), with buckets by municipality, county and
    landsdel of the matching members. A page then reads only the first few of its buckets, so
    making every municipality page costs about pages × bands × shown examples, not × cases."""

    def __init__(self, catalog: Catalog, members: dict | None = None):
        self.catalog = catalog
        members = members if members is not None else case_members(catalog)
        self.bands: list[str | None] = [None, *catalog.vocabularies["kommunestorrelser"].ids]
        self.ordered: dict[tuple, list[_Candidate]] = {}
        self.position: dict[tuple, dict[str, int]] = {}  # (band, tier) -> case id -> place in ordered
        self.buckets: dict[tuple, list[int]] = defaultdict(list)
        for band in self.bands:
            for tier in (SINGLE, NETWORK):
                listed = []
                for case in catalog.cases:
                    all_members = members[case.id]
                    if (len(all_members) == 1) != (tier == SINGLE):
                        continue
                    matching = tuple(m for m in all_members if band is None or m.band == band)
                    if matching:
                        listed.append(((tier, -len(matching) / len(all_members), len(all_members), case.id),
                                       _Candidate(case, tier, matching, len(all_members))))
                listed.sort(key=lambda pair: pair[0])
                ordered = self.ordered[(band, tier)] = [c for _, c in listed]
                self.position[(band, tier)] = {c.case.id: i for i, c in enumerate(ordered)}
                for i, candidate in enumerate(ordered):
                    for key in dict.fromkeys(k for m in candidate.matching for k in
                                             (("place", m.place), ("county", m.county), ("region", m.region))):
                        if key[1] is not None:
                            self.buckets[(band, tier, *key)].append(i)

    def examples(self, home: Home, band: str | None, *, exclude: frozenset[str] = frozenset(),
                 nearby: frozenset[str] = frozenset(), limit: int | None = None) -> tuple[list[SimilarExample], int]:
        """(the first `limit` examples, how many there are in all) for similar_examples."""
        vocab = self.catalog.vocabularies
        out: list[SimilarExample] = []
        total = 0
        for tier in (SINGLE, NETWORK):
            ordered = self.ordered[(band, tier)]
            home_bucket = set(self.buckets.get((band, tier, "place", home.place), ())) if home.place else set()

            def example(i: int) -> SimilarExample | None:
                candidate = ordered[i]
                if candidate.case.id in exclude:
                    return None
                matching = candidate.matching
                if i in home_bucket:
                    matching = tuple(m for m in matching if m.place != home.place)
                    if not matching:
                        return None
                closeness = {id(m): _proximity(m, home, nearby) for m in matching}
                matching = tuple(sorted(matching, key=lambda m: (closeness[id(m)], m.navn)))
                proximity = closeness[id(matching[0])]
                return SimilarExample(candidate.case, tier, proximity, matching, candidate.members,
                                      _reason(tier, proximity, matching, candidate.members, band, vocab))

            position = self.position[(band, tier)]
            dropped = {i for i in home_bucket if example(i) is None}
            dropped |= {position[case_id] for case_id in exclude if case_id in position}
            total += len(ordered) - len(dropped)
            if limit is not None and len(out) >= limit:
                continue
            levels = [sorted({i for place in nearby for i in self.buckets.get((band, tier, "place", place), ())})]
            levels += [self.buckets.get((band, tier, "county", home.county), []) if home.county else [],
                       self.buckets.get((band, tier, "region", home.region), []) if home.region else [],
                       range(len(ordered))]
            seen: set[int] = set()
            for level, indices in enumerate(levels):
                wanted = []
                for i in indices:
                    if limit is not None and len(out) + len(wanted) >= limit:
                        break
                    if i in seen or i in dropped:
                        continue
                    found = example(i)
                    if found.proximity == level:
                        seen.add(i)
                        wanted.append(found)
                out += wanted
        return out, total


def similar_examples(catalog: Catalog, home: Home, band: str | None, *, exclude: frozenset[str] = frozenset(),
                     nearby: frozenset[str] = frozenset(), index: SimilarIndex | None = None,
                     limit: int | None = None) -> list[SimilarExample]:
    """The examples for a reader whose municipality is at `home`, in size band `band` (None: all
    sizes), ranked by the rule above. `exclude`: case ids not to list (the page's own cases).
    `nearby`: ids of municipalities of today near the reader's (neighbours from map data; empty
    when not known): their cases come first within each tier. `index`: a SimilarIndex of the
    catalog, passed in when called for many pages. `limit`: the first so many."""
    index = index or SimilarIndex(catalog)
    return index.examples(home, band, exclude=exclude, nearby=nearby, limit=limit)[0]
