"""The real MkDocs + Material build of the real cases."""

import filecmp
import re
import shutil
from html import unescape
from pathlib import Path

from builder.catalog import load_catalog
from builder.project import Project
from builder.site_build import build_site
from conftest import ROOT, run_cli

CATALOG = load_catalog(Project(ROOT))


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_all_real_cases_validate():
    result = run_cli(ROOT, "validate")
    assert result.returncode == 0, result.stderr
    assert len(CATALOG.cases) >= 30


def test_every_case_page_has_title_facts_results_and_sources(built_site):
    for case in CATALOG.cases:
        html = _page(built_site, case.url)
        assert f">{_escape(case.tittel)}</h1>" in html, case.id
        assert 'class="eb-facts"' in html
        assert 'id="kilder"' in html and 'class="eb-sources"' in html
        first_source = CATALOG.vocabularies["kilder"][case.kilder[0].dokument].navn
        assert _escape(first_source) in html
        for series in case.resultater.tall:
            assert f"<caption>{_escape(series.indikator)} ({_escape(series.enhet)})</caption>" in html
        assert f'<html lang="{case.språk}"' in html


def test_nynorsk_cases_get_nynorsk_page_language(built_site):
    nynorsk = [c for c in CATALOG.cases if c.språk == "nn"]
    assert nynorsk, "at least one case is written in Nynorsk"
    html = _page(built_site, nynorsk[0].url)
    assert '<html lang="nn"' in html
    assert "Kjelder" in html  # section labels follow the case's language


def test_case_pages_stay_out_of_the_sidebar(built_site):
    # The home page links to the newest cases in its text; the sidebar is the same on every page,
    # so look at a page whose text links to no case.
    about = (built_site / "om" / "index.html").read_text(encoding="utf-8")
    for case in CATALOG.cases:
        assert f'href="../../{case.url}"' not in about and f'href="../{case.url}"' not in about
    assert len(about) < 80_000
    assert len((built_site / "index.html").read_text(encoding="utf-8")) < 80_000


def test_case_index_lists_every_case(built_site):
    html = _page(built_site, "eksempler")
    for case in CATALOG.cases:
        assert f'href="{case.id}/"' in html
    assert f"Alle eksempler ({len(CATALOG.cases)})" in html


def test_numbers_use_decimal_comma(built_site):
    html = _page(built_site, "eksempler/haegebostad-sykefravaer")
    for value in ("9,4", "10,9", "8,5", "5,7"):
        assert f'<td class="eb-num">{value}</td>' in html


def test_two_builds_are_byte_identical(built_site, tmp_path):
    """Everything we generate (pages, charts, data, feeds) is byte-identical. Pagefind 1.5.2 writes
    its filter shards with hash-map order, so pagefind/ is compared by shape (same files per folder
    kind) rather than bytes; see docs/architecture.md."""
    second = tmp_path / "site"
    assert build_site(Project(ROOT), site_dir=second, report=lambda p: None, quiet=True) == 0
    differences = _diff_trees(built_site, second, skip="pagefind")
    assert differences == []
    for folder in ("filter", "fragment", "index"):
        assert len(list((built_site / "pagefind" / folder).iterdir())) == \
            len(list((second / "pagefind" / folder).iterdir()))


def test_failed_build_keeps_previous_site_and_leaves_nothing_half_written(project_dir):
    assert run_cli(project_dir, "build").returncode == 0
    site = project_dir / "site"
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    (project_dir / "cases" / "haegebostad-sykefravaer.yml").write_text(
        (project_dir / "cases" / "haegebostad-sykefravaer.yml").read_text().replace(
            'sist_vurdert: "2026-11-24"', "sist_vurdert: 24.11.2026"), encoding="utf-8")
    result = run_cli(project_dir, "build")
    assert result.returncode == 1
    assert "cases/haegebostad-sykefravaer.yml:" in result.stderr and "sist_vurdert" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert [p.name for p in project_dir.iterdir() if p.name.startswith("site.")] == []


def test_plain_mkdocs_build_fails_on_bad_input_without_touching_site(project_dir):
    import subprocess, sys
    (project_dir / "cases" / "ny.yml").write_text("id: ny\ntittel: no\n", encoding="utf-8")
    (project_dir / "site").mkdir()
    (project_dir / "site" / "keep.txt").write_text("old")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project_dir / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=project_dir)
    assert result.returncode != 0
    assert "cases/ny.yml:2:9: tittel:" in result.stderr
    assert (project_dir / "site" / "keep.txt").read_text() == "old"


def _escape(text: str) -> str:
    from markupsafe import escape
    return str(escape(text))


def _diff_trees(a: Path, b: Path, skip: str | None = None) -> list[str]:
    out = []

    def files(root):
        return sorted(p.relative_to(root) for p in root.rglob("*")
                      if p.is_file() and not (skip and p.relative_to(root).parts[0] == skip))

    files_a, files_b = files(a), files(b)
    if files_a != files_b:
        return [f"file lists differ: {set(files_a) ^ set(files_b)}"]
    for rel in files_a:
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            out.append(str(rel))
    return out
