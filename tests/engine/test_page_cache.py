"""Rebuilds reuse finished pages, data files and the search index, and only what did not change
(builder/engine/page_cache.py, builder/pages/page_inputs.py, builder/pages/generate.py, builder/search/search_index_cache.py),
through the real CLI, MkDocs and Pagefind. One project goes through the states an editor's
project goes through, in order (each build of the real project costs tens of seconds)."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest

from builder.core.build_cache import read_entry, write_entry
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
    from builder.core.project import Project
    from builder.sources.catalog import load_catalog
    from builder.knowledge.related import related_cases

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
    municipality_pages = {k for k in first if k.startswith("kommuner/") and k.count("/") == 2
                          and not k.startswith("kommuner/kart/")}  # the map page is made from all cases
    showing_municipality = {k for k in municipality_pages if f"eksempler/{EDITED}/".encode() in first[k]}
    assert len(municipality_pages) > 300 and showing_municipality
    made_after, reused_after, index_after = _build(project_dir)
    # the case page, the case pages and municipality pages that show it, the pages made from all cases
    expected = 1 + len(showing) + len(showing_municipality) + (made - n_cases - len(municipality_pages))
    assert (made_after, reused_after) == (expected, made - expected)
    assert index_after == "laget"
    assert "Nesten halvert sjukefråvær" in (site / "eksempler" / EDITED / "index.html").read_text(encoding="utf-8")
    assert b"# fra hurtigbufferen" not in (site / "robots.txt").read_bytes()

    # 3b. a long text only the case page shows: only that page is made (the exports change too)
    case_file.write_text(case_file.read_text(encoding="utf-8").replace(
        "bakgrunn: |\n", "bakgrunn: |\n  Bakgrunnen er endret.\n", 1), encoding="utf-8")
    assert _build(project_dir)[:2] == (1, made - 1)
    assert "Bakgrunnen er endret." in (site / "eksempler" / EDITED / "index.html").read_text(encoding="utf-8")
    assert "Bakgrunnen er endret." in (site / "data" / "cases.json").read_text(encoding="utf-8")

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


# --- every input in the key (issue 19, item 7) ------------------------------------------------

def _git(project: Path, *args: str, date: str | None = None) -> None:
    import os
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00Z", GIT_COMMITTER_DATE=f"{date}T12:00:00Z")
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)


def _history(project: Path, first_added: str) -> None:
    """A git history whose first commit (adding every case) is dated `first_added`, and whose
    second commit (changing every case file) is dated 2025-06-02: the «lagt inn» dates change with
    `first_added`, the «sist endret» dates do not."""
    import shutil

    shutil.rmtree(project / ".git", ignore_errors=True)
    cases = sorted((project / "cases").glob("*.yml"))
    final = {p: p.read_bytes() for p in cases}
    for p in cases:
        p.write_bytes(final[p].replace(b"\n# lagt til i andre innsjekk\n", b"\n"))
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "cases", "content")
    _git(project, "commit", "-q", "-m", "første", date=first_added)
    for p in cases:
        p.write_bytes(final[p])
    _git(project, "add", "cases")
    _git(project, "commit", "-q", "-m", "andre", date="2025-06-02")


def _same_as_fresh(project: Path) -> dict[str, bytes]:
    """Build reusing the cache and with --fresh; the two sites must be byte-identical."""
    _build(project)
    _build(project, "--fresh", site="site-fresh")
    reused, fresh = _tree(project / "site"), _tree(project / "site-fresh")
    assert _differing(reused, fresh) == []
    return reused


def test_code_and_git_date_changes_are_in_every_key(project_dir):
    """The drawing code (a colour in charts.py), the number format (formatting.py) and git's
    first-added date each change once after a build that filled the cache; each reusing build is
    byte for byte what --fresh makes. The builder is copied into the project, where
    `python -m builder` (run from the project) imports it."""
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "builder", project_dir / "builder", ignore=shutil.ignore_patterns("__pycache__"))
    (project_dir / "node_modules").symlink_to(ROOT / "node_modules")  # the same Pagefind
    for case in (project_dir / "cases").glob("*.yml"):
        case.write_bytes(case.read_bytes() + b"\n# lagt til i andre innsjekk\n")
    _history(project_dir, "2024-01-03")
    _build(project_dir)
    home = (project_dir / "site" / "index.html").read_text(encoding="utf-8")
    assert "lagt inn <time datetime=\"2024-01-03\">" in home

    charts = project_dir / "builder" / "charts" / "drawing.py"
    charts.write_text(charts.read_text(encoding="utf-8").replace('"#0072B2"', '"#0072B3"'), encoding="utf-8")
    site = _same_as_fresh(project_dir)
    assert any(b"#0072b3" in data for path, data in site.items() if path.endswith(".svg"))

    formatting = project_dir / "builder" / "core" / "formatting.py"
    formatting.write_text(formatting.read_text(encoding="utf-8").replace(
        '.replace(".", ",")', '.replace(".", "\u2396")'), encoding="utf-8")
    site = _same_as_fresh(project_dir)
    assert any("\u2396".encode() in data for path, data in site.items() if path.endswith(".svg"))

    _history(project_dir, "2024-02-05")
    site = _same_as_fresh(project_dir)
    assert b"lagt inn <time datetime=\"2024-02-05\">" in site["index.html"]


@pytest.fixture(scope="module")
def fresh_site(tmp_path_factory) -> dict[str, bytes]:
    """The files of a --fresh build of an unchanged copy of the project (built once per module)."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("fresh") / "project")
    _build(project, "--fresh")
    return _tree(project / "site")


# --- a cache that is damaged or tampered with (issue 19, item 8) ------------------------------

def _page_entries(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "pages").glob("*/*.html"))


def _entry_of(project: Path, marker: bytes) -> Path:
    return next(p for p in _page_entries(project) if marker in p.read_bytes())


def _truncate_page(project: Path) -> None:
    page = _entry_of(project, f"eksempler/{EDITED}/".encode())
    page.write_bytes(page.read_bytes()[:len(page.read_bytes()) // 2])


def _edit_page(project: Path) -> None:
    page = _entry_of(project, b"<h1")
    page.write_bytes(page.read_bytes().replace(b"</h1>", b" INJISERT</h1>", 1))


def _page_as_folder(project: Path) -> None:
    page = _page_entries(project)[0]
    page.unlink()
    (page / "x").mkdir(parents=True)


def _page_group_as_link(project: Path) -> None:
    import shutil

    group = _page_entries(project)[0].parent
    elsewhere = project.parent / "elsewhere-pages"
    shutil.move(group, elsewhere)
    for page in elsewhere.iterdir():
        page.write_bytes(page.read_bytes().replace(b"</h1>", b" INJISERT</h1>", 1))
    group.symlink_to(elsewhere)


def _search_entry(project: Path) -> Path:
    return next((project / ".cache" / "search-index").iterdir())


def _empty_search_entry(project: Path) -> None:
    import shutil

    entry = _search_entry(project)
    shutil.rmtree(entry)
    entry.mkdir()


def _delete_search_file(project: Path) -> None:
    next(p for p in sorted(_search_entry(project).rglob("*")) if p.is_file() and p.name != "manifest").unlink()


def _inject_validation(project: Path) -> None:
    store = project / ".cache" / "validated-cases.json"
    stored = json.loads(read_entry(store.parent, store.name))
    stored["entries"][f"{EDITED}.yml"] = [stored["entries"][f"{EDITED}.yml"],
                                          {"id": EDITED, "tittel": "INJISERT"}]
    store.write_bytes(store.read_bytes().replace(b"Nesten halvert", b"INJISERT"))
    assert write_entry(store.parent, store.name, json.dumps(stored).encode()) is None


def _delete_validation(project: Path) -> None:
    (project / ".cache" / "validated-cases.json").unlink()


def _edit_data_files(project: Path) -> None:
    store = project / ".cache" / "data-files.json"
    store.write_bytes(store.read_bytes().replace(b"User-agent", b"INJISERT"))


def _chart_to_passwd(project: Path) -> None:
    chart = sorted((project / ".cache" / "charts").glob("*.svg"))[0]
    chart.unlink()
    chart.symlink_to("/etc/passwd")


def _charts_folder_to_link(project: Path) -> None:
    import shutil

    charts = project / ".cache" / "charts"
    elsewhere = project.parent / "elsewhere-charts"
    shutil.move(charts, elsewhere)
    for chart in elsewhere.glob("*.svg"):
        chart.write_bytes(chart.read_bytes().replace(b"<title>", b"<title>INJISERT ", 1))
    charts.symlink_to(elsewhere)


TAMPERING = [_truncate_page, _edit_page, _page_as_folder, _page_group_as_link, _empty_search_entry,
             _delete_search_file, _inject_validation, _delete_validation, _edit_data_files,
             _chart_to_passwd, _charts_folder_to_link]


def test_a_tampered_cache_is_never_published(project_dir, fresh_site):
    """Each way of damaging the cache, one after the other: the next build is byte for byte the
    fresh build, and neither the injected text nor a link's target reaches the site."""
    fresh = fresh_site
    _build(project_dir)
    passwd = Path("/etc/passwd").read_bytes()[:40]
    for tamper in TAMPERING:
        tamper(project_dir)
        result = run_cli(project_dir, "build", timeout=900)
        assert result.returncode == 0, (tamper.__name__, result.stderr)
        assert "Intern feil" not in result.stderr and "Traceback" not in result.stderr
        site = _tree(project_dir / "site")
        assert _differing(site, fresh) == [], tamper.__name__
        assert not any(b"INJISERT" in data or passwd in data for data in site.values()), tamper.__name__


# --- a cache that cannot be used (issue 19, item 9) -------------------------------------------

NOTICE = "Merk: hurtigbufferen i "


def _cache_is_a_file(project: Path) -> Path:
    (project / ".cache").write_text("ikke en mappe\n", encoding="utf-8")
    return project / ".cache"


def _cache_is_a_dangling_link(project: Path) -> Path:
    (project / ".cache").symlink_to(project.parent / "finnes-ikke")
    return project / ".cache"


def _cache_is_a_link_to_proc(project: Path) -> Path:
    (project / ".cache").symlink_to("/proc/self")
    return project / ".cache"


def _folders_inside_are_wrong(project: Path) -> None:
    cache = project / ".cache"
    cache.mkdir()
    (cache / "charts").write_text("ikke en mappe\n", encoding="utf-8")
    (cache / "pages").symlink_to(project.parent / "finnes-ikke")
    (cache / "search-index").symlink_to("/etc")
    (cache / "validated-cases.json").mkdir()
    return None


CACHE_TROUBLE = [(_cache_is_a_file, ()), (_cache_is_a_dangling_link, ()),
                 (_cache_is_a_link_to_proc, ("--fresh", "--site-dir", "ut")),
                 (_folders_inside_are_wrong, ())]


def test_a_cache_that_cannot_be_used_is_said_once_and_the_build_goes_on(tmp_path, fresh_site):
    """`.cache` a file, a dangling link, a link elsewhere (also with --fresh and another output
    folder); links and files where the cache's own folders belong. Each build succeeds with the
    fresh build's bytes, says once which folder it could not use, and shows no «Intern feil»."""
    from conftest import copy_project

    fresh = fresh_site
    for trouble, extra in CACHE_TROUBLE:
        project = copy_project(tmp_path / trouble.__name__)
        folder = trouble(project)
        site = "ut" if extra else "site"
        result = run_cli(project, "build", *(extra or ("--site-dir", str(project / site))), timeout=900)
        assert result.returncode == 0, (trouble.__name__, result.stderr)
        assert "Intern feil" not in result.stderr and "Traceback" not in result.stderr
        if folder is not None:
            assert result.stderr.count(NOTICE) == 1, (trouble.__name__, result.stderr)
            assert f"{NOTICE}{folder} kan ikke brukes" in result.stderr
        else:
            assert NOTICE not in result.stderr, result.stderr  # replaced: the cache works
            assert (project / ".cache" / "charts").is_dir() and not (project / ".cache" / "pages").is_symlink()
        assert _differing(_tree(project / site), fresh) == [], trouble.__name__
        assert not (Path("/etc") / "pagefind").exists()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_disk_or_read_only_cache_is_said_once_and_the_build_goes_on(tmp_path, monkeypatch, capsys, code,
                                                                          fresh_site):
    """Every write to the cache fails (the disk is full, or the folder is read-only: injected at the
    caches' one write function, since tests run as root): the build, in this process and its chart
    workers, succeeds with the fresh build's bytes and says so once."""
    from conftest import copy_project

    import builder.core.build_cache
    from builder.core.project import Project
    from builder.build.site_build import build_site

    project = copy_project(tmp_path / "project")
    fresh = fresh_site

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(builder.core.build_cache, "write_file", fail)
    monkeypatch.setattr(builder.core.build_cache, "_NOTICED", [])
    problems = []
    assert build_site(Project(project), report=problems.extend, quiet=True) == 0, problems
    err = capsys.readouterr().err
    assert err.count(NOTICE) == 1, err
    assert ("disken er full" if code == errno.ENOSPC else "skrivebeskyttet") in err
    assert _differing(_tree(project / "site"), fresh) == []


def _all_keys(project: Path) -> dict[str, str]:
    """Every key a build looks its cached output up by: pages (with the shell around them), the
    data files (the site key) and charts."""
    from builder.core.project import Project
    from builder.sources.catalog import _load_catalog
    from builder.sources.freshness import git_last_changed
    from builder.knowledge.related import related_cases
    from builder.pages.generate import all_chart_specs
    from builder.pages.municipality_pages import municipality_page_jobs
    from builder.pages.page_inputs import all_cases_key, case_page_key, municipality_page_key
    from builder.engine.page_cache import shell_fingerprint

    git_last_changed.cache_clear()
    catalog = _load_catalog(Project(project))
    related = related_cases(catalog)
    shell = shell_fingerprint(project / "mkdocs.yml", project / "overrides", {})
    keys = {"site": all_cases_key(catalog, "site-pages")}
    keys.update({f"eksempler/{c.id}": case_page_key(c, catalog, related[c.id]) for c in catalog.cases})
    keys.update({j.path: municipality_page_key(catalog, j.shows, j.cases) for j in municipality_page_jobs(catalog)})
    keys = {path: f"{shell}/{key}" for path, key in keys.items()}
    keys.update({f"figur {s.id}": s.cache_key() for s in all_chart_specs(catalog)})
    return keys


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edit_case(project, monkeypatch):
    _replace(project / "cases" / f"{EDITED}.yml", "tittel: Nesten halvert sykefravær", "tittel: Nesten halvert")


def _edit_vocabulary(project, monkeypatch):
    _replace(project / "vocabularies" / "fylker.yml", "\n", "\n# endret\n")


def _edit_content(project, monkeypatch):
    (project / "content" / "om" / "ny.md").write_text("# Ny side\n", encoding="utf-8")


def _edit_schema(project, monkeypatch):
    _replace(project / "schema" / "case.source.json", "{", "{\n")


def _edit_overrides(project, monkeypatch):
    _replace(project / "overrides" / "main.html", "{%", "{# endret #}{%")


def _copy_builder(project, monkeypatch) -> Path:
    import shutil

    import builder.core.build_cache as build_cache

    copy = project.parent / "builder-kopi"
    shutil.copytree(build_cache.BUILDER_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build_cache, "BUILDER_DIR", copy)
    build_cache.code_fingerprint.cache_clear()
    return copy


def _edit_template(project, monkeypatch):
    _replace(_copy_builder(project, monkeypatch) / "templates" / "home.html", "lagt inn", "lagt  inn")


def _edit_chart_colour(project, monkeypatch):
    _replace(_copy_builder(project, monkeypatch) / "charts" / "drawing.py", '"#0072B2"', '"#0072B3"')


def _edit_decimal_separator(project, monkeypatch):
    _replace(_copy_builder(project, monkeypatch) / "core" / "formatting.py", '.replace(".", ",")', '.replace(".", ".")')


def _env(name, value):
    def change(project, monkeypatch):
        monkeypatch.setenv(name, value)
    change.__name__ = f"_set_{name}"
    return change


def _first_added_later(project, monkeypatch):
    _history(project, "2024-02-05")


EVERYTHING, PAGES = "every key", "every page"
INPUTS = [(_edit_case, {"site", f"eksempler/{EDITED}"}), (_edit_vocabulary, PAGES), (_edit_content, PAGES),
          (_edit_schema, PAGES), (_edit_overrides, PAGES), (_edit_template, EVERYTHING),
          (_edit_chart_colour, EVERYTHING), (_edit_decimal_separator, EVERYTHING),
          (_env("SITE_URL", "https://eksempel.no/"), PAGES), (_env("REPO_URL", "https://github.com/a/b"), PAGES),
          (_env("SOURCE_DATE_EPOCH", "1799999999"), PAGES), (_first_added_later, {"site"})]


@pytest.mark.parametrize("change,changes", INPUTS, ids=[c.__name__.strip("_") for c, _ in INPUTS])
def test_every_input_changes_the_keys_of_what_shows_it(project_dir, monkeypatch, change, changes):
    """Each input changed once: the keys of everything made from it change (the builds above show
    that then the output is the fresh build's), and a case edit leaves other cases' pages alone."""
    import builder.core.build_cache as build_cache

    for name in ("SITE_URL", "REPO_URL", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)
    for case in (project_dir / "cases").glob("*.yml"):
        case.write_bytes(case.read_bytes() + b"\n# lagt til i andre innsjekk\n")
    _history(project_dir, "2024-01-03")
    before = _all_keys(project_dir)
    try:
        change(project_dir, monkeypatch)
        after = _all_keys(project_dir)
    finally:
        build_cache.code_fingerprint.cache_clear()
    changed = {k for k in before if before[k] != after.get(k)}
    pages = {k for k in before if not k.startswith("figur ")}
    if changes == EVERYTHING:
        assert changed == set(before)
    elif changes == PAGES:
        assert changed >= pages
    else:
        assert changed >= changes
    if change is _edit_case:
        showing = {f"eksempler/{cid}" for cid in _pages_showing(project_dir, EDITED)}
        unrelated = {k for k in pages if k.startswith("eksempler/")} - changes - showing
        assert unrelated and not unrelated & changed, "only what shows the change is made again"


def _read_only(*folders: Path) -> list[str]:
    """A command prefix that runs the build with `folders` mounted read-only (a private mount
    namespace: chmod does not stop root, a read-only mount does)."""
    mounts = " && ".join(f"mount --bind {f} {f} && mount -o remount,bind,ro {f}" for f in folders)
    return ["unshare", "-m", "sh", "-c", f'{mounts} && exec "$@"', "sh"]


def _can_mount_read_only(tmp_path: Path) -> bool:
    import subprocess

    probe = tmp_path / "probe"
    probe.mkdir()
    try:
        result = subprocess.run([*_read_only(probe), "sh", "-c", f"! touch {probe}/x 2>/dev/null"],
                                capture_output=True, timeout=30)
    except OSError:
        return False
    return result.returncode == 0


@pytest.mark.parametrize("where", ["cache", "checkout"])
def test_a_read_only_cache_or_checkout_builds_and_says_so_once(tmp_path, where, fresh_site):
    """A read-only `.cache` (the site in the project), or a read-only checkout built elsewhere
    (also with --fresh): the build succeeds with the fresh build's bytes and says once which
    folder it could not use."""
    import subprocess
    import sys

    from conftest import copy_project

    if not _can_mount_read_only(tmp_path):
        pytest.skip("read-only bind mounts are not available here")
    fresh = fresh_site
    project = copy_project(tmp_path / "project")
    if where == "cache":
        (project / ".cache").mkdir()
        prefix, runs, site = _read_only(project / ".cache"), [()], project / "site"
    else:
        prefix, runs, site = _read_only(project), [(), ("--fresh",)], tmp_path / "ut" / "site"
    for extra in runs:
        result = subprocess.run([*prefix, sys.executable, "-m", "builder", "--project", str(project), "build",
                                 "--site-dir", str(site), *extra], capture_output=True, text=True, timeout=900,
                                cwd=project)
        assert result.returncode == 0, result.stderr
        assert "Intern feil" not in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.count(NOTICE) == 1, result.stderr
        assert f"{NOTICE}{project / '.cache'} kan ikke brukes (mappen er skrivebeskyttet)" in result.stderr
        assert _differing(_tree(site), fresh) == []
