"""Rebuilds reuse finished pages, and only those whose inputs did not change (builder/page_cache.py,
builder/page_inputs.py), through the real CLI, MkDocs and Pagefind."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import run_cli

EDITED = "haegebostad-sykefravaer"


def _build(project: Path, *extra: str, site: str = "site") -> tuple[int, int, str]:
    result = run_cli(project, "build", "--site-dir", str(project / site), *extra, timeout=900)
    assert result.returncode == 0, result.stderr
    made, reused = map(int, re.search(r"sider: (\d+) laget, (\d+) fra hurtigbuffer", result.stderr).groups())
    index = re.search(r"søkeindeksen: (.*)", result.stderr).group(1)
    return made, reused, index


def _tree(root: Path, skip: str | None = None) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not (skip and p.relative_to(root).parts[0] == skip)}


def _differing(a: dict, b: dict) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def _pages_showing(project: Path, case_id: str) -> set[str]:
    """Case pages that list `case_id` among their related cases (computed from the project)."""
    from builder.catalog import load_catalog
    from builder.project import Project
    from builder.related import related_cases

    related = related_cases(load_catalog(Project(project)))
    return {cid for cid, shown in related.items() if any(c.id == case_id for c in shown)}


def test_a_rebuild_reuses_every_page_and_writes_the_same_site(project_dir):
    made, reused, index = _build(project_dir)
    assert made > 400 and reused == 0 and index == "laget"  # 35 cases, ~400 municipality pages
    first = _tree(project_dir / "site")
    made_again, reused_again, index_again = _build(project_dir)
    assert (made_again, reused_again, index_again) == (0, made, "fra hurtigbuffer")
    assert _differing(first, _tree(project_dir / "site")) == []  # pagefind/ included: it was reused
    page = project_dir / "site" / "eksempler" / EDITED / "index.html"
    assert page.stat().st_nlink >= 2, "a reused page is a hard link to its cache entry"


def test_an_edit_renders_again_exactly_the_pages_that_show_it(project_dir):
    made, _, _ = _build(project_dir)
    case_file = project_dir / "cases" / f"{EDITED}.yml"
    case_file.write_text(case_file.read_text(encoding="utf-8").replace(
        "tittel: Nesten halvert sykefravær", "tittel: Nesten halvert sjukefråvær"), encoding="utf-8")
    showing = _pages_showing(project_dir, EDITED)
    n_cases = len(list((project_dir / "cases").glob("*.yml")))
    made_after, reused_after, index = _build(project_dir)
    # the case itself, the case pages that show it as related, and every page made from all cases
    assert made_after == 1 + len(showing) + (made - n_cases)
    assert reused_after == n_cases - 1 - len(showing)
    assert index == "laget"
    html = (project_dir / "site" / "eksempler" / EDITED / "index.html").read_text(encoding="utf-8")
    assert "Nesten halvert sjukefråvær" in html
    # ... and the partly reused site is exactly what a build from scratch makes
    _build(project_dir, "--fresh", site="site-fresh")
    assert _differing(_tree(project_dir / "site", skip="pagefind"),
                      _tree(project_dir / "site-fresh", skip="pagefind")) == []


def test_a_change_to_the_page_shell_renders_everything_again(project_dir):
    made, _, _ = _build(project_dir)
    config = project_dir / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: Erfaringsbanken", "site_name: Erfaringsbanken test"), encoding="utf-8")
    made_after, reused_after, _ = _build(project_dir)
    assert (made_after, reused_after) == (made, 0)
    assert "Erfaringsbanken test" in (project_dir / "site" / "eksempler" / EDITED / "index.html").read_text()


def test_a_build_that_warns_leaves_nothing_to_reuse(project_dir):
    """Strict mode fails a build with a warning only after every page was made; none of its pages
    may be reused, or the next build would pass without the warning."""
    (project_dir / "content" / "om" / "lenke.md").write_text("# Lenke\n\n[Borte](finnes-ikke.md)\n",
                                                             encoding="utf-8")
    result = run_cli(project_dir, "build", timeout=900)
    assert result.returncode == 1 and "finnes-ikke.md" in result.stderr
    pages = project_dir / ".cache" / "pages"
    assert not pages.exists() or list(pages.rglob("*.html")) == []


def test_fresh_builds_use_no_cache(project_dir):
    _build(project_dir)
    shutil.rmtree(project_dir / ".cache" / "pages")
    made, reused, index = _build(project_dir, "--fresh")
    assert reused == 0 and index == "laget"
    assert not (project_dir / ".cache" / "pages").exists(), "a fresh build writes no cache either"


def test_data_files_are_taken_from_the_cache_only_under_the_same_key(project_dir):
    import json

    _build(project_dir)
    store_path = project_dir / ".cache" / "data-files.json"
    store = json.loads(store_path.read_text(encoding="utf-8"))
    assert store["entries"]["//complete"] is True and "data/cases.json" in store["entries"]
    store["entries"]["robots.txt"] = "User-agent: *\nAllow: /\n# fra hurtigbufferen\n"
    store_path.write_text(json.dumps(store), encoding="utf-8")
    _build(project_dir)
    assert "# fra hurtigbufferen" in (project_dir / "site" / "robots.txt").read_text(encoding="utf-8")
    case_file = project_dir / "cases" / f"{EDITED}.yml"  # any case edit changes the key
    case_file.write_text(case_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _build(project_dir)
    assert "# fra hurtigbufferen" not in (project_dir / "site" / "robots.txt").read_text(encoding="utf-8")
