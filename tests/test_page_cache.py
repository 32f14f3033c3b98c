"""Rebuilds reuse finished pages, data files and the search index, and only what did not change
(builder/page_cache.py, builder/page_inputs.py, builder/generate.py, builder/search_index_cache.py),
through the real CLI, MkDocs and Pagefind. One project goes through the states an editor's
project goes through, in order (each build of the real project costs tens of seconds)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from builder.build_cache import read_entry, write_entry
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


def _cache_files(project: Path) -> set[str]:
    return {p.relative_to(project / ".cache").as_posix() for p in (project / ".cache").rglob("*") if p.is_file()
            and p.name != "bygging.lock"}


def test_rebuilds_reuse_exactly_what_did_not_change(project_dir):
    site = project_dir / "site"
    n_cases = len(list((project_dir / "cases").glob("*.yml")))

    # 1. the first build makes everything
    made, reused, index = _build(project_dir)
    assert made > 400 and reused == 0 and index == "laget"  # 35 cases, ~400 municipality pages
    first = _tree(site)

    # 2. nothing changed: every page, the data files and the index are reused, the site is the same
    store = json.loads(read_entry(project_dir / ".cache", "data-files.json"))
    assert store["entries"]["//complete"] is True and "data/cases.json" in store["entries"]
    store["entries"]["robots.txt"] += "# fra hurtigbufferen\n"  # shows that the stored copy is used
    assert write_entry(project_dir / ".cache", "data-files.json", json.dumps(store).encode()) is None
    assert _build(project_dir) == (0, made, "fra hurtigbuffer")
    again = _tree(site)
    assert _differing(first, again) == ["robots.txt"]  # pagefind/ included: it was reused
    assert again["robots.txt"].endswith(b"# fra hurtigbufferen\n")
    page = site / "eksempler" / EDITED / "index.html"
    page.write_text("endret på stedet", encoding="utf-8")  # a tool editing the built site in place
    assert _build(project_dir)[:2] == (0, made)
    assert page.read_bytes() == first[f"eksempler/{EDITED}/index.html"], "the cache was not changed"

    # 3. one case edited: that case, the pages that show it and the pages made from all cases
    case_file = project_dir / "cases" / f"{EDITED}.yml"
    case_file.write_text(case_file.read_text(encoding="utf-8").replace(
        "tittel: Nesten halvert sykefravær", "tittel: Nesten halvert sjukefråvær"), encoding="utf-8")
    showing = _pages_showing(project_dir, EDITED)
    assert showing
    municipality_pages = {k for k in first if k.startswith("kommuner/") and k.count("/") == 2}
    showing_municipality = {k for k in municipality_pages if f"eksempler/{EDITED}/".encode() in first[k]}
    assert len(municipality_pages) > 300 and showing_municipality
    made_after, reused_after, index_after = _build(project_dir)
    # the case page, the case pages and municipality pages that show it, the pages made from all cases
    expected = 1 + len(showing) + len(showing_municipality) + (made - n_cases - len(municipality_pages))
    assert (made_after, reused_after) == (expected, made - expected)
    assert index_after == "laget"
    assert "Nesten halvert sjukefråvær" in (site / "eksempler" / EDITED / "index.html").read_text(encoding="utf-8")
    assert b"# fra hurtigbufferen" not in (site / "robots.txt").read_bytes()

    # 4. the partly reused site is exactly what a build from scratch makes; --fresh writes no cache
    cache_before = _cache_files(project_dir)
    fresh_made, fresh_reused, fresh_index = _build(project_dir, "--fresh", site="site-fresh")
    assert (fresh_made, fresh_reused, fresh_index) == (made, 0, "laget")
    assert _differing(_tree(site, skip="pagefind"), _tree(project_dir / "site-fresh", skip="pagefind")) == []
    assert _cache_files(project_dir) == cache_before

    # 5. a change to what wraps every page (mkdocs.yml) makes every page again
    config = project_dir / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: Erfaringsbanken", "site_name: Erfaringsbanken test"), encoding="utf-8")
    assert _build(project_dir)[:2] == (made, 0)
    assert "Erfaringsbanken test" in (site / "eksempler" / EDITED / "index.html").read_text(encoding="utf-8")


def test_a_build_that_warns_leaves_no_page_to_reuse(project_dir):
    """Strict mode fails a build with a warning only after every page was made; none of its pages
    may be reused, or the next build would pass without the warning."""
    (project_dir / "content" / "om" / "lenke.md").write_text("# Lenke\n\n[Borte](finnes-ikke.md)\n",
                                                             encoding="utf-8")
    result = run_cli(project_dir, "build", timeout=900)
    assert result.returncode == 1 and "finnes-ikke.md" in result.stderr
    pages = project_dir / ".cache" / "pages"
    assert not pages.exists() or list(pages.rglob("*.html")) == []
