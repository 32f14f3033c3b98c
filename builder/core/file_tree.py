"""Copy and remove whole folders with many small files, several at a time.

A built site has thousands of small files in a thousand folders. On disks where each file
operation waits for the device (network block storage, ext4 with ``discard``) doing them one after
another leaves the disk idle most of the time: removing a 1 000-case site took 17 s one by one and
1.8 s with eight threads on the project's build machine. The operations here are the same ones
``shutil`` does, spread over a thread pool; they ignore nothing that shutil would not.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

THREADS = 8


def _folders(root: Path) -> list[Path]:
    """`root` and every real folder below it. os.walk lists a link to a folder among the folders
    (without entering it); it is left out here, so the link itself is removed as a file and what it
    points to is never touched."""
    out = [root]
    for dirpath, dirnames, _ in os.walk(root):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        out.extend(Path(dirpath) / d for d in dirnames)
    return out


def remove_tree(root: Path, *, last: str | None = None) -> None:
    """Like shutil.rmtree(root, ignore_errors=True), with the files removed in parallel. The file
    named `last` at the top (a marker saying whose folder it is) goes only when everything else has
    gone, so a removal that is killed or fails halfway leaves a folder still known by its marker."""
    if root.is_symlink() or not root.is_dir():
        try:
            root.unlink()
        except OSError:
            pass
        return
    folders = _folders(root)

    def remove_files(folder: Path) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if last is not None and folder == root and entry.name == last:
                continue
            if not entry.is_dir(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(remove_files, folders))
    for folder in reversed(folders[1:]):  # deepest first
        try:
            os.rmdir(folder)
        except OSError:
            pass
    if last is not None:
        for rest in _entries(root, but=last):  # could not be removed (permissions, immutable): let shutil try
            shutil.rmtree(rest, ignore_errors=True) if rest.is_dir() and not rest.is_symlink() else _unlink(rest)
        if _entries(root, but=last):
            return  # the marker stays, so the next build knows the folder and tries again
        _unlink(root / last)
    try:
        os.rmdir(root)
    except OSError:
        pass
    if root.exists():  # something could not be removed (permissions, immutable): let shutil try
        shutil.rmtree(root, ignore_errors=True)


def _entries(folder: Path, *, but: str) -> list[Path]:
    try:
        return [folder / name for name in os.listdir(folder) if name != but]
    except OSError:
        return []


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def copy_files(pairs: list[tuple[Path, Path]]) -> None:
    """Copy each (source, target) file, creating the target's folder. Copies, not hard links: a
    tool that edits a built file in place (a minifier, say) must not change the cache behind it."""

    def place(pair: tuple[Path, Path]) -> None:
        src, dst = pair
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(place, pairs))


def copy_tree(source: Path, target: Path) -> None:
    """Recreate `source` at `target` (like shutil.copytree without metadata), in parallel."""
    pairs = []
    for dirpath, _, filenames in os.walk(source):
        rel = Path(dirpath).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        pairs.extend((Path(dirpath) / name, target / rel / name) for name in filenames)
    copy_files(pairs)
