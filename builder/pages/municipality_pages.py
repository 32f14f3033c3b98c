"""Municipality pages: kommuner/index.md and kommuner/<id>.md for every register entry.

Each page shows the municipality's cases, its programme participation (from the participant lists,
with source lines), and cases from similar municipalities (same size band and region, then the
themes it worked on).
"""

from __future__ import annotations

from collections import defaultdict

from ..catalog import Catalog
from ..model import Case
from ..municipalities import RegisterEntry
from ..templating import render
from .front_matter import front_matter

MAX_SIMILAR = 5


def similar_cases(entry: RegisterEntry, catalog: Catalog, by_profile, by_theme) -> list[Case]:
    own = {c.id for c in entry.cases}
    region = catalog.register.landsdel(entry, catalog.vocabularies)
    chosen: list[Case] = []
    themes = [t for c in entry.cases for t in c.temaer] + [t for d in entry.deltakelse for t in d.temaer]
    for pool in (by_profile.get((entry.storrelse, region), []),
                 *[by_theme.get(t, []) for t in dict.fromkeys(themes)]):
        for case in pool:
            if case.id not in own and case not in chosen:
                chosen.append(case)
                if len(chosen) >= MAX_SIMILAR:
                    return chosen
    return chosen


def municipality_pages(catalog: Catalog, related=None) -> dict[str, str]:
    register = catalog.register
    by_profile: dict[tuple, list[Case]] = defaultdict(list)
    by_theme: dict[str, list[Case]] = defaultdict(list)
    for entry in register.entries:
        region = register.landsdel(entry, catalog.vocabularies)
        for case in sorted(entry.cases, key=lambda c: c.id):
            if case not in by_profile[(entry.storrelse, region)]:
                by_profile[(entry.storrelse, region)].append(case)
    for case in catalog.cases:
        for t in case.temaer:
            by_theme[t].append(case)
    files = {}
    vocab = catalog.vocabularies
    for entry in register.entries:
        url = entry.url
        parent = register.by_id.get(entry.bydel_av) if entry.bydel_av else None
        files[f"kommuner/{entry.id}.md"] = front_matter({
            "title": entry.navn,
            "description": f"{entry.navn}: eksempler og deltakelse i utviklingsprogrammer.",
        }) + render("municipality.html", entry=entry, parent=parent, vocab=vocab, page_url=url,
                    cases=sorted(entry.cases, key=lambda c: c.tittel),
                    similar=similar_cases(entry, catalog, by_profile, by_theme),
                    region=register.landsdel(entry, vocab))
    entries = sorted(register.entries, key=lambda e: e.navn)
    files["kommuner/index.md"] = front_matter({
        "title": "Kommuner",
        "description": "Kommuner med eksempler eller deltakelse i utviklingsprogrammene.",
    }) + render("municipality_index.html", entries=entries, vocab=vocab, page_url="kommuner/")
    return files
