"""Page keys follow what a page shows (builder/pages/page_inputs.py): pages that list a case do not
depend on the long texts only the case's own page shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.knowledge.related import related_cases
from builder.pages.municipality_pages import municipality_page_jobs
from builder.pages.page_inputs import CASE_PAGE_ONLY, all_cases_key, case_page_key, municipality_page_key

BUILDER = Path(__file__).resolve().parent.parent.parent / "builder"
# Modules that may read the long texts: the case page itself, the feeds (keyed by every byte), the
# model that holds them and the modules that check or write case files (no page shows them).
MAY_READ = {"pages/case_page.py", "pages/feeds.py", "sources/model.py", "sources/validation.py",
            "editing/new_case.py", "editing/cms_config.py", "pages/page_inputs.py", "engine/skeleton_render.py"}
# The whole raw case: exports (keyed by every byte), the model and the keys; the loader, validation
# and theme pages read `Position.raw` (a YAML value's source text), not a case.
MAY_READ_RAW = {"pages/exports.py", "sources/model.py", "pages/page_inputs.py", "sources/catalog.py",
                "sources/yaml_loader.py", "sources/validation.py", "sources/themes.py"}


def test_no_listing_page_reads_the_case_page_only_texts():
    fields = "|".join(CASE_PAGE_ONLY)
    readers, raw_readers = set(), set()
    for path in sorted(BUILDER.rglob("*")):
        if path.suffix not in (".py", ".html", ".js") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(BUILDER).as_posix()
        text = path.read_text(encoding="utf-8")
        if re.search(rf"\.({fields})\b|\[[\"']({fields})[\"']\]|get\([\"']({fields})[\"']", text):
            readers.add(rel)
        if re.search(r"\.raw\b", text):
            raw_readers.add(rel)
    assert readers <= MAY_READ, readers - MAY_READ
    assert raw_readers <= MAY_READ_RAW, raw_readers - MAY_READ_RAW


def _keys(project: Path, case_id: str) -> dict[str, str]:
    catalog = load_catalog(Project(project))
    related = related_cases(catalog)
    case = next(c for c in catalog.cases if c.id == case_id)
    jobs = [j for j in municipality_page_jobs(catalog) if case in j.cases]
    return {"listed": all_cases_key(catalog, "site-pages", listed=True),
            "every byte": all_cases_key(catalog, "data-files"),
            "case page": case_page_key(case, catalog, related[case.id]),
            "municipality": municipality_page_key(catalog, jobs[0].shows, jobs[0].cases)}


EDITED = "haegebostad-sykefravaer"


@pytest.mark.parametrize("edit, changed", [
    (lambda t: t.replace("bakgrunn: ", "bakgrunn: Endret. ", 1) if "bakgrunn: |" not in t
     else t.replace("bakgrunn: |\n", "bakgrunn: |\n  Endret.\n", 1), {"every byte", "case page"}),
    (lambda t: t.replace("tiltak: |\n", "tiltak: |\n  Endret.\n", 1), {"every byte", "case page"}),
    (lambda t: re.sub(r"^tittel: ", "tittel: Endret ", t, count=1, flags=re.M),
     {"every byte", "case page", "listed", "municipality"}),
    (lambda t: t + "\n# bare en kommentar\n", {"every byte", "case page"}),
])
def test_a_long_text_edit_changes_only_the_case_page_key(project_dir, edit, changed):
    before = _keys(project_dir, EDITED)
    case_file = project_dir / "cases" / f"{EDITED}.yml"
    text = case_file.read_text(encoding="utf-8")
    assert edit(text) != text
    case_file.write_text(edit(text), encoding="utf-8")
    after = _keys(project_dir, EDITED)
    assert {k for k in before if before[k] != after[k]} == changed
