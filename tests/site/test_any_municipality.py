"""Any municipality (issue 20, item 4): a case may name any municipality of the complete list
(vocabularies/kommuner-2024.yml, by name, other official name, and its county then or now), not
only those of the participation register (vocabularies/kommuner.yml); no vocabulary edit needed."""

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.municipality_pages import build_pages
from conftest import run_cli

CASE = "cases/askim-skole-kvalitetssystem.yml"
OLD = "  - navn: Askim\n    fylke: ostfold\n"


def _name(project_dir, block: str) -> None:
    path = project_dir / CASE
    text = path.read_text(encoding="utf-8")
    assert OLD in text
    path.write_text(text.replace(OLD, block, 1), encoding="utf-8")


@pytest.mark.parametrize("block, page_id", [
    ("  - navn: Sokndal\n    fylke: rogaland\n", "sokndal"),   # not in the register, county then = now
    ("  - navn: Sokndal\n", "sokndal"),                        # no county: the name is unique
    ("  - navn: Evenes\n    fylke: nordland\n", "evenes"),     # in the list only
    ("  - navn: Evenášši\n    fylke: nordland\n", "evenes"),   # another official name
    ("  - navn: Asker\n    fylke: viken\n", "asker"),          # county 2020–2023
    ("  - navn: Tjeldsund\n    fylke: troms-og-finnmark\n", "tjeldsund"),
])
def test_a_municipality_only_in_the_complete_list_is_valid_and_has_a_page(project_dir, block, page_id):
    _name(project_dir, block)
    result = run_cli(project_dir, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    catalog = load_catalog(Project(project_dir))
    pages, _ = build_pages(catalog)
    page = next(p for p in pages if p.id == page_id)
    assert "askim-skole-kvalitetssystem" in [c.id for c in page.all_cases]
    assert page.kind == "kommune"


@pytest.mark.parametrize("block, message", [
    ("  - navn: Sokndall\n    fylke: rogaland\n", "Mente du «Sokndal»?"),
    ("  - navn: Sokndal\n    fylke: nordland\n", "«Sokndal» (fylke: nordland) finnes ikke i listen over kommuner"),
    ("  - navn: Atlantis\n    fylke: rogaland\n", "«Atlantis» (fylke: rogaland) finnes ikke i listen over kommuner"),
])
def test_an_unknown_municipality_is_refused_without_asking_for_a_vocabulary_edit(project_dir, block, message):
    _name(project_dir, block)
    result = run_cli(project_dir, "validate")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out
    assert f"{CASE}:5:11:" in out and "kommuner[1].navn" in out and message in out
    assert "vocabularies/kommuner.yml" not in out and "Legg kommunen til" not in out
