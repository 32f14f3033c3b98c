"""The Pagefind index is reused when the pages it indexes are unchanged
(builder/search/search_index_cache.py), with the real Pagefind."""

from __future__ import annotations

import shutil

from builder.search.search_index_cache import build_search_index, indexed_pages_key


def _site(tmp_path, name="site"):
    site = tmp_path / name
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<html lang="nb"><body data-pagefind-body><h1>Forside</h1>'
                                     "<p>Sykefravær i kommunen.</p></body></html>", encoding="utf-8")
    (site / "a" / "index.html").write_text('<html lang="nb"><body data-pagefind-body><h1>Heltid</h1>'
                                           "<p>Heltidskultur i omsorgen.</p></body></html>", encoding="utf-8")
    return site


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_index_is_reused_only_for_the_same_pages(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    first = _site(tmp_path, "first")
    assert build_search_index(first, project) is False
    assert (first / "pagefind" / "pagefind.js").is_file()
    second = _site(tmp_path, "second")
    assert indexed_pages_key(second) == indexed_pages_key(first)
    assert build_search_index(second, project) is True
    assert _files(second / "pagefind") == _files(first / "pagefind")
    # one changed page: Pagefind runs again, and the new index replaces the stored one
    third = _site(tmp_path, "third")
    (third / "a" / "index.html").write_text('<html lang="nb"><body data-pagefind-body><h1>Heltid</h1>'
                                            "<p>Noe annet.</p></body></html>", encoding="utf-8")
    assert indexed_pages_key(third) != indexed_pages_key(first)
    assert build_search_index(third, project) is False
    assert [p.name for p in (project / ".cache" / "search-index").iterdir()] == [indexed_pages_key(third)]


def test_a_damaged_entry_is_not_used(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    first = _site(tmp_path, "first")
    build_search_index(first, project)
    entry = project / ".cache" / "search-index" / indexed_pages_key(first)
    (entry / "pagefind" / "pagefind.js").unlink()  # an entry is complete only with every file
    second = _site(tmp_path, "second")
    assert build_search_index(second, project) is False
    assert (second / "pagefind" / "pagefind.js").is_file()


def test_files_outside_the_index_do_not_change_the_key(tmp_path):
    site = _site(tmp_path)
    key = indexed_pages_key(site)
    (site / "data.json").write_text("{}", encoding="utf-8")
    (site / "pagefind").mkdir()
    (site / "pagefind" / "old.html").write_text("x", encoding="utf-8")
    assert indexed_pages_key(site) == key
    shutil.rmtree(site / "pagefind")


# --- a stored index is checked file by file, never through a link (issue 19, item 8) -----------

import pytest  # noqa: E402


def _empty(entry):
    shutil.rmtree(entry)
    entry.mkdir()


def _delete_one(entry):
    sorted(p for p in (entry / "pagefind").rglob("*") if p.is_file())[0].unlink()


def _edit_one(entry):
    path = entry / "pagefind" / "pagefind.js"
    path.write_bytes(path.read_bytes() + b"\nalert('INJISERT');\n")


def _link_one(entry):
    path = entry / "pagefind" / "pagefind.js"
    path.unlink()
    path.symlink_to("/etc/passwd")


def _link_folder(entry, tmp_path=None):
    inner = entry / "pagefind"
    moved = entry.parent.parent / "moved-index"
    shutil.move(inner, moved)
    inner.symlink_to(moved)


def _edit_manifest(entry):
    path = entry / "manifest"
    path.write_bytes(path.read_bytes().replace(b'"pagefind.js"', b'"../../../../etc/passwd"'))


def _extra_file(entry):
    (entry / "pagefind" / "INJISERT.html").write_text("<script>INJISERT</script>", encoding="utf-8")


def _entry_is_a_link(entry):
    moved = entry.parent.parent / "moved-entry"
    shutil.move(entry, moved)
    entry.symlink_to(moved)


@pytest.mark.parametrize("damage", [_empty, _delete_one, _edit_one, _link_one, _link_folder, _edit_manifest,
                                    _extra_file, _entry_is_a_link])
def test_a_damaged_stored_index_is_never_copied(tmp_path, damage):
    project = tmp_path / "project"
    project.mkdir()
    first = _site(tmp_path, "first")
    build_search_index(first, project)
    entry = project / ".cache" / "search-index" / indexed_pages_key(first)
    damage(entry)
    second = _site(tmp_path, "second")
    reused = build_search_index(second, project)
    assert reused is (damage is _extra_file)  # a file the manifest does not list is left where it is
    assert _files(second / "pagefind") == _files(first / "pagefind")
    third = _site(tmp_path, "third")
    assert build_search_index(third, project) is True, "the entry was replaced by a good one"
    assert _files(third / "pagefind") == _files(first / "pagefind")
