"""Parallel folder removal and linking (builder/core/file_tree.py)."""

from __future__ import annotations

import os

import pytest

from builder.core.file_tree import _folders, copy_tree, remove_tree


def _make(root, n=60):
    for i in range(n):
        folder = root / f"d{i % 7}" / f"e{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{i}.html").write_text(f"side {i} æøå", encoding="utf-8")
    (root / "tom").mkdir()


def test_remove_tree_removes_everything_and_never_follows_links(tmp_path):
    outside = tmp_path / "utenfor"
    outside.mkdir()
    (outside / "behold.txt").write_text("x", encoding="utf-8")
    site = tmp_path / "site"
    _make(site)
    (site / "lenke").symlink_to(outside, target_is_directory=True)
    (site / "d0" / "fil-lenke").symlink_to(outside / "behold.txt")
    remove_tree(site)
    assert not site.exists()
    assert (outside / "behold.txt").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("where", ["", "d0", "d3/e1", "tom"])
def test_a_link_to_a_folder_is_never_a_folder_to_empty(tmp_path, where):
    """The removal empties folders in parallel; a link to a folder outside listed as a folder
    would have its target's files removed whenever its thread ran before the link was unlinked
    (seen in the preview's removal of the old site). Deterministic: the link is not listed."""
    outside = tmp_path / "utenfor"
    outside.mkdir()
    for i in range(20):
        (outside / f"behold-{i}.txt").write_text("x", encoding="utf-8")
    site = tmp_path / "site"
    _make(site)
    link = site / where / "lenke"
    link.symlink_to(outside, target_is_directory=True)
    assert link not in _folders(site) and site / "d0" in _folders(site)
    for _ in range(20):  # and the removal, many times over, leaves every file outside alone
        remove_tree(site)
        assert not site.exists() and len(list(outside.iterdir())) == 20
        _make(site)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(outside, target_is_directory=True)


def test_remove_tree_of_missing_or_a_file(tmp_path):
    remove_tree(tmp_path / "finnes-ikke")
    single = tmp_path / "fil.txt"
    single.write_text("x", encoding="utf-8")
    remove_tree(single)
    assert not single.exists()


def test_copy_tree_recreates_the_tree_with_independent_files(tmp_path):
    source, target = tmp_path / "kilde", tmp_path / "mål"
    _make(source)
    copy_tree(source, target)
    def listing(root):
        return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None) for p in root.rglob("*")}
    assert listing(target) == listing(source)
    some = next(target.rglob("*.html"))
    assert not os.path.samefile(some, source / some.relative_to(target))
    some.write_text("endret", encoding="utf-8")  # editing the copy leaves the source alone
    assert (source / some.relative_to(target)).read_text(encoding="utf-8") != "endret"
