"""The preview: `mkdocs serve` with the real server and real HTTP, and the helpers that move the
slow parts of a rebuild out of the editor's way (builder/serve_mode.py).

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

from builder.serve_mode import BackgroundWork, empty_folder_soon

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
    empty_folder_soon(site, work)
    assert list(site.iterdir()) == []  # at once, before the background removal ends
    assert work.wait() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["site"] + (["outside"] if (tmp_path / "outside").exists() else []))  # no trash left
    if (tmp_path / "outside").exists():
        assert (tmp_path / "outside" / "keep.txt").read_text() == "not ours"


def test_a_missing_folder_is_left_alone(tmp_path):
    work = BackgroundWork()
    empty_folder_soon(tmp_path / "absent", work)
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
    before = _get(case_page)
    assert 'rel="canonical"' not in before and "127.0.0.1" not in before.split("</head>")[0], \
        "the preview shows what a build without SITE_URL makes, not the dev server's address"
    assert not _search_finds(browser, base, "Forhandsvisningsprove")

    marker = "Forhandsvisningsprove"
    text = case.read_text(encoding="utf-8")
    case.write_text(re.sub(r"^tittel: ", f"tittel: {marker} ", text, count=1, flags=re.M), encoding="utf-8")
    _until("the case page showing the new title", lambda: marker in _get(case_page))
    assert marker in _get(list_page), "the list of all cases shows the new title in the same rebuild"
    _until("search finding the new title", lambda: _search_finds(browser, base, marker))

    # a second edit, back again: the old title is gone from the page and from search
    case.write_text(text, encoding="utf-8")
    _until("the case page without the marker", lambda: marker not in _get(case_page))
    assert marker not in _get(list_page)
    _until("search no longer finding it", lambda: not _search_finds(browser, base, marker))
