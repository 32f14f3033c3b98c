"""builder/search/serve_search.py: the preview's search index in its own process — every state: nothing
started, finished, failed, stopped while running, and started again."""

from __future__ import annotations

import json

from builder.search.serve_search import SearchProcess
from test_search_words import PAGE


def _site(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(PAGE, encoding="utf-8")
    return site


def test_nothing_started():
    search = SearchProcess()
    assert search.stop() is None and search.wait() is None


def test_a_finished_process_wrote_both_parts_and_the_known_words(tmp_path):
    site, words = _site(tmp_path), tmp_path / "words.json"
    search = SearchProcess()
    search.start(site, tmp_path, words)
    assert search.wait() is None
    assert json.loads((site / "data" / "sokeord.json").read_text(encoding="utf-8"))["sider"] == ["eksempler/a/"]
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert len(json.loads(words.read_text(encoding="utf-8"))) == 1
    assert search.wait() is None  # once


def test_a_failure_is_reported_in_words_not_a_traceback(tmp_path):
    search = SearchProcess()
    search.start(tmp_path / "missing", tmp_path)
    error = search.wait()
    assert error and "Traceback" not in error


def test_a_running_process_is_stopped_and_a_new_one_can_start(tmp_path):
    site = _site(tmp_path)
    search = SearchProcess()
    search.start(site, tmp_path)
    process = search._process
    assert search.stop() is None  # stopped, not failed
    assert process.poll() is not None
    search.start(site, tmp_path)
    search.start(site, tmp_path)  # a start stops the one before
    assert search.wait() is None
    assert (site / "pagefind" / "pagefind.js").is_file()
