"""Parallel folder removal and linking (builder/file_tree.py)."""

from __future__ import annotations

import os

from builder.file_tree import copy_tree, remove_tree


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
