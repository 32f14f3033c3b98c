"""The preview: `mkdocs serve` with the real server and real HTTP, and the helpers that move the
slow parts of a rebuild out of the editor's way (builder/engine/serve_mode.py).

No time is asserted here (speed is measured by bench/run.py); the deadlines below only stop a test
that would otherwise wait for ever."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.error import URLError

import pytest

from builder.engine.serve_mode import (BackgroundWork, MemoryBytecodeCache, PreviewState, move_aside,
                                       remove_soon, take_back)

# --- the helpers, every state ------------------------------------------------------------------


def _outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not ours")
    return outside


def _files_and_folders(folder: Path, tmp_path: Path) -> None:
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "index.html").write_text("x")
    (folder / "top.html").write_text("y")


def _link_to_outside_folder(folder: Path, tmp_path: Path) -> None:
    (folder / "link").symlink_to(_outside(tmp_path), target_is_directory=True)


def _link_to_outside_file(folder: Path, tmp_path: Path) -> None:
    (folder / "file-link").symlink_to(_outside(tmp_path) / "keep.txt")


def _dangling_link(folder: Path, tmp_path: Path) -> None:
    (folder / "gone").symlink_to(tmp_path / "nothing-here")


def _odd_names(folder: Path, tmp_path: Path) -> None:
    for name in ("-rf", ".hidden", "sp ace", "æøå", "line\nbreak", "..."):
        (folder / name).write_text(name)


def _empty(folder: Path, tmp_path: Path) -> None:
    pass


@pytest.mark.parametrize("make", [_files_and_folders, _link_to_outside_folder, _link_to_outside_file,
                                  _dangling_link, _odd_names, _empty])
def test_the_old_output_is_gone_and_nothing_outside_is_touched(tmp_path, make):
    site = tmp_path / "site"
    site.mkdir()
    make(site, tmp_path)
    work = BackgroundWork()
    remove_soon(move_aside(site), work)
    assert list(site.iterdir()) == []  # at once, before the background removal ends
    assert work.wait() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["site"] + (["outside"] if (tmp_path / "outside").exists() else []))  # no trash left
    if (tmp_path / "outside").exists():
        assert (tmp_path / "outside" / "keep.txt").read_text() == "not ours"


def test_a_missing_folder_is_left_alone(tmp_path):
    work = BackgroundWork()
    remove_soon(move_aside(tmp_path / "absent"), work)
    assert work.wait() == [] and list(tmp_path.iterdir()) == []


def test_background_errors_are_reported_once_and_work_is_waited_for(tmp_path):
    work = BackgroundWork()
    done = []

    def slow():
        time.sleep(0.2)
        done.append(1)

    def fails():
        raise RuntimeError("Pagefind feilet")

    work.start(slow, "slow")
    work.start(fails, "fails")
    errors = work.wait()
    assert done == [1]
    assert [str(e) for e in errors] == ["Pagefind feilet"]
    assert work.wait() == []


def _site_with_pages(folder: Path) -> None:
    for rel in ("eksempler/a/index.html", "eksempler/b/index.html", "kommuner/molde/index.html", "index.html"):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(f"page {rel}")


def test_pages_served_before_are_taken_back_and_the_rest_removed(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    _site_with_pages(site)
    trash = move_aside(site)
    assert list(site.iterdir()) == [] and trash is not None and trash.parent == tmp_path
    back = take_back(trash, site, ["eksempler/a/index.html", "kommuner/molde/index.html", "eksempler/gone/index.html"])
    assert back == {"eksempler/a/index.html", "kommuner/molde/index.html"}
    assert (site / "eksempler/a/index.html").read_text() == "page eksempler/a/index.html"
    assert not (site / "eksempler/b").exists() and not (site / "index.html").exists()
    # a page with something beside it in its folder comes back alone
    (trash / "eksempler/b/bilde.svg").write_text("other")
    assert take_back(trash, site, ["eksempler/b/index.html"]) == {"eksempler/b/index.html"}
    assert sorted(p.name for p in (site / "eksempler/b").iterdir()) == ["index.html"]
    work = BackgroundWork()
    remove_soon(trash, work)
    assert work.wait() == [] and not trash.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _link_file(trash: Path, outside: Path) -> str:
    (trash / "eksempler" / "c").mkdir(parents=True)
    (trash / "eksempler" / "c" / "index.html").symlink_to(outside / "keep.txt")
    return "eksempler/c/index.html"


def _link_folder(trash: Path, outside: Path) -> str:
    (trash / "eksempler").mkdir(parents=True, exist_ok=True)
    (trash / "eksempler" / "d").symlink_to(outside, target_is_directory=True)
    return "eksempler/d/keep.txt"


def _a_folder(trash: Path, outside: Path) -> str:
    (trash / "eksempler" / "e" / "index.html").mkdir(parents=True)
    return "eksempler/e/index.html"


def _climbs_out(trash: Path, outside: Path) -> str:
    return "../outside/keep.txt"


def _absolute(trash: Path, outside: Path) -> str:
    return str(outside / "keep.txt")


def _empty_path(trash: Path, outside: Path) -> str:
    return ""


def _target_taken(trash: Path, outside: Path) -> str:
    (trash / "taken.html").write_text("old")
    (trash.parent / "site" / "taken.html").write_text("new")
    return "taken.html"


def _site_folder_is_a_link(trash: Path, outside: Path) -> str:
    (trash / "linked" / "x").mkdir(parents=True)
    (trash / "linked" / "x" / "index.html").write_text("old")
    (trash.parent / "site" / "linked").symlink_to(outside, target_is_directory=True)
    return "linked/x/index.html"


@pytest.mark.parametrize("make", [_link_file, _link_folder, _a_folder, _climbs_out, _absolute, _empty_path,
                                  _target_taken, _site_folder_is_a_link])
def test_taking_back_refuses_what_is_not_a_page_file_of_the_old_output(tmp_path, make):
    """Hostile or odd entries: nothing is taken back, nothing outside either folder changes."""
    outside = _outside(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    trash = tmp_path / ".site.removed-x"
    trash.mkdir()
    rel = make(trash, outside)
    assert take_back(trash, site, [rel]) == set()
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert (outside / "keep.txt").read_text() == "not ours"
    if (site / "taken.html").exists():
        assert (site / "taken.html").read_text() == "new"


def test_nothing_to_take_back_when_nothing_was_moved(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    assert move_aside(site) is None
    assert take_back(None, site, ["index.html"]) == set()
    remove_soon(None, BackgroundWork())  # no trash: no work


def _has(entries: set):
    return lambda path, key: (path, key) in entries


def test_the_preview_defers_only_after_a_complete_rebuild_and_only_once(tmp_path):
    """Every state of the deferral: before the first build, after a complete build, during a
    deferring rebuild, after it (the refresh file is written), after a failed rebuild, and when
    the refresh file cannot be written."""
    state = PreviewState()
    cache = {("eksempler/a.md", "a1"), ("kommuner/molde.md", "m1")}
    edited = {"eksempler/a.md"}.__contains__
    # before any build, and with no refresh file (no livereload): never defers
    assert not state.may_defer()
    state.finish({"eksempler/a.md": "a1", "kommuner/molde.md": "m1"}, {"cases/a.yml": "sha1"})
    assert state.complete and not state.may_defer()  # no refresh file yet
    state.refresh_file = tmp_path / "refresh"
    state.refresh_file.write_text("")
    assert state.may_defer()
    assert state.changed("cases/a.yml", "sha2") and not state.changed("cases/a.yml", "sha1")
    assert state.changed("cases/new.yml", "sha") and state.changed("content/x.md", None)
    # a deferring rebuild: the edited page is never kept; a listing page keeps its served version
    state.begin()
    reuse = state.reuse(_has(cache), edited)
    assert reuse("kommuner/molde.md", "m1")  # same key: reused, not stale
    assert state.stale == {}
    assert not reuse("eksempler/a.md", "a2")  # the edited page is made
    assert reuse("kommuner/molde.md", "m2") and state.stale == {"kommuner/molde.md": "m1"}
    assert not reuse("kommuner/new.md", "n1")  # never served: made
    assert not state.keep(_has(set()), edited)("kommuner/molde.md")  # its old version is gone from the cache
    state.finish({"eksempler/a.md": "a2", "kommuner/molde.md": "m1"}, {"cases/a.yml": "sha2"})
    assert not state.complete and not state.may_defer()  # the next rebuild makes everything
    assert state.refresh_file.read_text() != ""  # the server sees a change and rebuilds
    first = state.refresh_file.stat()
    # the refresh rebuild: no deferral, complete again; a second deferral changes the file again
    state.begin()
    state.finish({"eksempler/a.md": "a2", "kommuner/molde.md": "m2"}, {"cases/a.yml": "sha2"})
    assert state.complete and state.may_defer()
    state.begin()
    state.keep(_has({("kommuner/molde.md", "m2")}), edited)("kommuner/molde.md")
    state.finish({"kommuner/molde.md": "m2"}, {})
    assert (state.refresh_file.stat().st_size, state.refresh_file.stat().st_mtime_ns) != (first.st_size, first.st_mtime_ns)
    # a failed rebuild: nothing is known about the folder
    state.failed()
    assert state.served == {} and not state.complete and not state.may_defer()
    # the refresh file cannot be written: deferral stops for good, the next rebuild is complete
    state.finish({"kommuner/molde.md": "m2"}, {})
    state.refresh_file = tmp_path / "no-such-folder" / "refresh"
    state.begin()
    state.keep(_has({("kommuner/molde.md", "m2")}), edited)("kommuner/molde.md")
    state.finish({"kommuner/molde.md": "m2"}, {})
    assert state.refresh_file is None and not state.may_defer()


def test_the_data_files_are_reused_by_key_and_deferred_only_when_deferring():
    state = PreviewState()
    state.begin()
    assert state.data_files("k1", defer=True) is None  # nothing served yet: make them
    state.finish({}, {}, {"data/cases.json": "v1"}, "k1")
    state.begin()
    assert state.data_files("k1", defer=False) == {"data/cases.json": "v1"}  # same inputs
    assert not state.stale_data
    assert state.data_files("k2", defer=False) is None  # changed, not deferring: make them
    assert state.data_files("k2", defer=True) == {"data/cases.json": "v1"} and state.stale_data
    state.finish({}, {}, {"data/cases.json": "v1"}, "k2")
    assert not state.complete and state.data_key == "k1"  # the old key stays with the old files
    state.begin()
    state.finish({}, {}, {"data/cases.json": "v2"}, "k2")
    assert state.complete and state.data == {"data/cases.json": "v2"} and state.data_key == "k2"
    state.failed()
    assert state.data is None and state.data_files("k2", defer=True) is None


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again():
    from jinja2 import DictLoader, Environment

    cache = MemoryBytecodeCache()
    sources = {"page.html": "A {{ x }}"}

    def render() -> str:  # a new environment per build, as MkDocs makes one
        env = Environment(loader=DictLoader(sources), bytecode_cache=cache)
        return env.get_template("page.html").render(x=1)

    assert render() == "A 1"
    assert len(cache._code) == 1
    assert render() == "A 1"  # from the kept code
    sources["page.html"] = "B {{ x }}"
    assert render() == "B 1"


# --- the real preview server -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=300) as response:
        return response.read().decode("utf-8")


def _until(what: str, check, seconds: float = 300.0):
    """Poll `check` until it returns something true; fail (not a timing claim) after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            result = check()
        except URLError:
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {seconds:.0f} s")
        time.sleep(0.1)


@pytest.fixture
def preview(project_dir):
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    log = (project_dir.parent / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        _until("the first build", lambda: server.poll() is None and _get(base), 900)
        yield project_dir, base
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=120)
        log.close()
    print((project_dir.parent / "serve.log").read_text(errors="replace")[-3000:])


def _search_finds(browser, base: str, word: str) -> bool:
    page = browser.new_page()
    try:
        page.goto(f"{base}sok/?q={word}")
        # the answer, not the «Søker …» shown while it searches
        page.wait_for_function("""() => {
            const status = document.querySelector('#eb-status').textContent.trim();
            return status !== '' && !status.startsWith('Søker');
        }""", timeout=60000)
        return word in page.inner_text("#eb-status") and not page.inner_text("#eb-status").startswith("Ingen")
    finally:
        page.close()


@pytest.mark.browser
def test_an_edit_shows_on_its_pages_and_in_search_under_mkdocs_serve(preview, browser):
    project, base = preview
    case = sorted((project / "cases").glob("*.yml"))[3]
    case_page, list_page = f"{base}eksempler/{case.stem}/", f"{base}eksempler/"
    municipality = re.search(r'href="\.\./\.\./kommuner/([a-z0-9-]+)/"', _get(case_page)).group(1)
    municipality_page = f"{base}kommuner/{municipality}/"
    before = _get(case_page)
    assert 'rel="canonical"' not in before and "127.0.0.1" not in before.split("</head>")[0], \
        "the preview shows what a build without SITE_URL makes, not the dev server's address"
    assert not _search_finds(browser, base, "Forhandsvisningsprove")

    marker = "Forhandsvisningsprove"
    text = case.read_text(encoding="utf-8")
    case.write_text(re.sub(r"^tittel: ", f"tittel: {marker} ", text, count=1, flags=re.M), encoding="utf-8")
    _until("the case page showing the new title", lambda: marker in _get(case_page))
    # the pages that list it follow in the next rebuild, which the first one starts by itself
    _until("the list of all cases showing the new title", lambda: marker in _get(list_page))
    _until("its municipality's page showing it", lambda: marker in _get(municipality_page))
    log = project.parent / "serve.log"
    assert "oppdateres i neste runde" in log.read_text(errors="replace")
    _until("search finding the new title", lambda: _search_finds(browser, base, marker))

    # a second edit, back again: the old title is gone from the pages and from search
    case.write_text(text, encoding="utf-8")
    _until("the case page without the marker", lambda: marker not in _get(case_page))
    _until("the list without the marker", lambda: marker not in _get(list_page))
    _until("the municipality page without the marker", lambda: marker not in _get(municipality_page))
    _until("search no longer finding it", lambda: not _search_finds(browser, base, marker))

    # an edit of a text only the case's own page shows: that page, no page deferred; the exports
    # (which carry every field) follow
    deferred_pages = log.read_text(errors="replace").count("sider som bare viser")
    case.write_text(text.replace("bakgrunn: |\n", f"bakgrunn: |\n  {marker} i bakgrunnen.\n", 1), encoding="utf-8")
    _until("the case page showing the new background", lambda: f"{marker} i bakgrunnen" in _get(case_page))
    _until("the export showing it", lambda: f"{marker} i bakgrunnen" in _get(f"{base}data/cases.json"))
    assert log.read_text(errors="replace").count("sider som bare viser") == deferred_pages
