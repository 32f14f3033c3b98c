"""Everything a generated detail page is made from, as one key per page.

A case page is made from its own case file, the cases shown as related to it, and what every page
shares: vocabularies, schemas, the municipality register and lists, the glossary, hand-written
content (theme pages), settings, the builder's code, the date (freshness notes) and the
environment that changes links (REPO_URL, SITE_URL). Each case's part holds both git dates a page
can show: when its file last changed (case pages, feeds) and when it was first added (the home
page's «lagt inn»). Pages that only list a case (lists, home,
theme and municipality pages, a case page's related cases) are keyed by the case without the long
texts only its own page shows (``CASE_PAGE_ONLY``).

These keys let a rebuild reuse a page's finished HTML (``page_cache``) without rendering it. A key
must change whenever the page could: when in doubt, a part belongs in ``shared_inputs_digest``.
"""

from __future__ import annotations

import hashlib
import os

from builder.core.build_cache import code_fingerprint, digest
from builder.sources.catalog import Catalog
from builder.sources.freshness import git_first_added
from builder.sources.model import Case

ENVIRONMENT = ("REPO_URL", "SITE_URL", "SOURCE_DATE_EPOCH")


def shared_inputs_digest(catalog: Catalog) -> str:
    cached = getattr(catalog, "_shared_inputs_digest", None)
    if cached:
        return cached
    root = catalog.project
    h = hashlib.sha256(code_fingerprint().encode())
    folders = (root.vocabularies_dir, root.schema_dir, root.content_dir)
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else ():
            h.update(path.relative_to(root.root).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    pyproject = root.root / "pyproject.toml"
    if pyproject.is_file():
        h.update(pyproject.read_bytes())
    h.update(digest([(name, os.environ.get(name)) for name in ENVIRONMENT], str(catalog.today),
                    catalog.repo_url).encode())
    catalog._shared_inputs_digest = h.hexdigest()
    return catalog._shared_inputs_digest


def first_added(catalog: Catalog) -> dict[str, str]:
    """Git's first-added date of every case file (one `git log` per catalog)."""
    if getattr(catalog, "_first_added", None) is None:
        catalog._first_added = git_first_added(catalog.project.root)
    return catalog._first_added


# The long texts that only a case's own page shows (and the feeds and exports, which are keyed by
# every byte: ``all_cases_key(..., listed=False)``). Pages that list a case (lists, home, theme,
# municipality pages, related cases) do not depend on them, so an edit of «bakgrunn» makes the
# case page again and not the pages that list it. tests/pages/test_page_inputs.py checks that no other
# page module reads these fields.
CASE_PAGE_ONLY = ("bakgrunn", "mål", "tiltak", "læringspunkter", "overføringsverdi")


def _case_part(case: Case, catalog: Catalog) -> list:
    return [case.id, catalog.file_digests.get(case.source_file), catalog.last_changed.get(case.source_file),
            first_added(catalog).get(case.source_file)]


def _listed_part(case: Case, catalog: Catalog) -> list:
    """What a page that lists `case` is made from: the case's data without the long texts only its
    own page shows (None in place of the data when the file's digest is unknown)."""
    part = _case_part(case, catalog)
    if part[1] is not None:
        part[1] = _listed_digest(case, catalog)
    return part


def _listed_digest(case: Case, catalog: Catalog) -> str:
    """The digest of what lists show of `case`, once per case data and catalog: 405 municipality
    pages list about 12 000 cases in all, and hashing each again was most of the page keys' time in
    a preview rebuild. Keyed by the data object itself (kept in the entry, so its id is not reused)."""
    memo = getattr(catalog, "_listed_digests", None)
    if memo is None:
        memo = catalog._listed_digests = {}
    entry = memo.get(id(case.raw))
    if entry is None or entry[0] is not case.raw:
        entry = memo[id(case.raw)] = (case.raw, digest("listed", {k: v for k, v in case.raw.items()
                                                                  if k not in CASE_PAGE_ONLY}))
    return entry[1]


def case_page_key(case: Case, catalog: Catalog, related: list[Case]) -> str | None:
    """None when a file's digest is unknown (then the page is always rendered). The page shows all
    of its own case and the related cases as a list."""
    parts = [_case_part(case, catalog), *(_listed_part(c, catalog) for c in related)]
    if any(p[1] is None for p in parts):
        return None
    return digest("case-page", shared_inputs_digest(catalog), parts)


def municipality_page_key(catalog: Catalog, shows: list, cases: list[Case]) -> str | None:
    """`shows`: what the page lists, as ids ([page id, own case ids, [(band, [(case id, reason)],
    number of examples in the band)], the «vis alle» links with their counts] or, for a shared-name
    page, [slug, page ids]); `cases`: every case in it, whose file digest and date join the key."""
    parts = [_listed_part(c, catalog) for c in cases]
    if any(p[1] is None for p in parts):
        return None
    return digest("municipality-page", shared_inputs_digest(catalog), shows, parts)


def all_cases_key(catalog: Catalog, purpose: str, *, listed: bool = False) -> str | None:
    """A key over every case: its whole file, or with `listed` only what pages that list cases show."""
    part = _listed_part if listed else _case_part
    parts = [part(c, catalog) for c in catalog.cases]
    if any(p[1] is None for p in parts):
        return None
    return digest(purpose, shared_inputs_digest(catalog), parts)
