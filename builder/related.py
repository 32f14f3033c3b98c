"""Related cases and similar municipalities, computed at build time without comparing all pairs.

Cases are put in buckets keyed by (main theme, sector, size band, region) and by coarser keys. For
each case the most specific buckets are read first, until enough related cases are found. Work is
linear in the number of cases times the bucket keys, not quadratic.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from .catalog import Catalog
from .model import Case

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
