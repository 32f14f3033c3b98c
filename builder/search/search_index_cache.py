"""Reuse the previous build's Pagefind index when the pages it indexes have not changed.

Pagefind reads every HTML file of the site and nothing else, so its output is a function of those
files (and of its own version and options, covered by ``code_fingerprint``). The key is a hash of
every HTML file's path and bytes; on a hit the stored ``pagefind/`` folder is copied into the site,
on a miss Pagefind runs and its output replaces the stored one. One index is kept.

A stored index is a folder with the index's files and ``manifest`` (an entry with its own sha256:
each file's path and sha256). It is used only when every file it lists is there, a regular file
(no links, on no level) and matches its digest; files it does not list are never copied.
Otherwise Pagefind runs again and the stored index is replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from builder.core.build_cache import (cache_folder, cache_root, code_fingerprint, notice, read_entry, read_file,
                                      reuse_enabled, write_entry)
from builder.core.file_tree import THREADS, remove_tree
from builder.search.search_index import npm_binary, run_pagefind

INDEX_DIR = "pagefind"


def indexed_pages_key(site_dir: Path) -> str:
    pages = sorted(p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] != INDEX_DIR)

    def page_digest(path: Path) -> bytes:  # read and hashed in threads: both release the GIL
        data = path.read_bytes()
        return f"{path.relative_to(site_dir).as_posix()}\0{len(data)}\0".encode() + hashlib.sha256(data).digest()

    h = hashlib.sha256(code_fingerprint().encode() + _pagefind_identity().encode())
    with ThreadPoolExecutor(THREADS) as pool:
        for part in pool.map(page_digest, pages):
            h.update(part)
    return h.hexdigest()[:40]


def _pagefind_identity() -> str:
    """Which Pagefind would run: the npm binary's package version, or the PyPI one (whose version
    is part of code_fingerprint)."""
    binary = npm_binary()
    if binary is None:
        return "pypi"
    try:
        return f"npm {(binary.parent.parent / 'package.json').read_text(encoding='utf-8')}"
    except OSError:
        return f"npm {binary}"


MANIFEST = "manifest"


def build_search_index(site_dir: Path, project_root: Path) -> bool:
    """Write ``site_dir/pagefind``; True when it was taken from the cache."""
    store = cache_folder(cache_root(project_root) / "search-index", project_root) if reuse_enabled() else None
    if store is None:
        run_pagefind(site_dir)
        return False
    key = indexed_pages_key(site_dir)
    if _restore(store, key, site_dir / INDEX_DIR):
        return True
    remove_tree(site_dir / INDEX_DIR)  # a half-restored index
    run_pagefind(site_dir)
    _store(site_dir / INDEX_DIR, store, key)
    return False


def _restore(store: Path, key: str, target: Path) -> bool:
    """Copy the stored index for `key` to `target` when every file checks out."""
    manifest = read_entry(store, f"{key}/{MANIFEST}", key)
    try:
        listed = json.loads(manifest.decode("utf-8")) if manifest is not None else None
    except ValueError:
        return False
    if not isinstance(listed, dict) or not listed or not all(
            isinstance(rel, str) and isinstance(sha, str) and _plain(rel) for rel, sha in listed.items()):
        return False

    def load(item: tuple[str, str]) -> bytes | None:
        data = read_file(store, f"{key}/{INDEX_DIR}/{item[0]}")
        return data if data is not None and hashlib.sha256(data).hexdigest() == item[1] else None

    with ThreadPoolExecutor(THREADS) as pool:
        files = list(pool.map(load, listed.items()))
        if any(data is None for data in files):
            return False

        def place(item: tuple[str, bytes]) -> None:
            path = target / item[0]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(item[1])

        list(pool.map(place, zip(listed, files)))
    return True


def _plain(rel: str) -> bool:
    """A relative path with no «..», «.» or empty parts."""
    parts = rel.split("/")
    return not PurePosixPath(rel).is_absolute() and all(p not in ("", ".", "..") for p in parts)


def _store(index: Path, store: Path, key: str) -> None:
    """Keep a copy as the one stored index (written beside it first, so a killed build never
    leaves a half-copied index under a valid key; the manifest is written last)."""
    files = {p.relative_to(index).as_posix(): p for p in sorted(index.rglob("*")) if p.is_file()}
    tmp = f".{key}.{os.getpid()}.{secrets.token_hex(4)}"

    def copy(item: tuple[str, Path]) -> tuple[str, OSError | None]:
        data = item[1].read_bytes()
        return hashlib.sha256(data).hexdigest(), write_entry(store, f"{tmp}/{INDEX_DIR}/{item[0]}", data, raw=True)

    with ThreadPoolExecutor(THREADS) as pool:
        copied = list(pool.map(copy, files.items()))
    error = next((e for _, e in copied if e is not None), None)
    if error is None:
        manifest = json.dumps(dict(zip(files, (sha for sha, _ in copied))), sort_keys=True).encode()
        error = write_entry(store, f"{tmp}/{MANIFEST}", manifest, key)
    if error is None:
        remove_tree(store / key)  # an entry that failed its check
        try:
            os.replace(store / tmp, store / key)
        except OSError as exc:
            error = exc
    if error is not None:  # a read-only checkout or a full disk: the build goes on without the cache
        notice(store, error)
    try:
        others = [Path(e.path) for e in os.scandir(store) if e.name != key]
    except OSError:
        others = []
    for old in others:  # older indexes, and copies a killed build left
        remove_tree(old)
