"""Reuse the previous build's Pagefind index when the pages it indexes have not changed.

Pagefind reads every HTML file of the site and nothing else, so its output is a function of those
files (and of its own version and options, covered by ``code_fingerprint``). The key is a hash of
every HTML file's path and bytes; on a hit the stored ``pagefind/`` folder is copied into the site,
on a miss Pagefind runs and its output replaces the stored one. One index is kept.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .build_cache import cache_root, code_fingerprint, reuse_enabled
from .file_tree import THREADS, copy_tree, remove_tree
from .search_index import npm_binary, run_pagefind

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


def build_search_index(site_dir: Path, project_root: Path) -> bool:
    """Write ``site_dir/pagefind``; True when it was taken from the cache."""
    if not reuse_enabled():
        run_pagefind(site_dir)
        return False
    store = cache_root(project_root) / "search-index"
    key = indexed_pages_key(site_dir)
    cached = store / key
    if (cached / "pagefind.js").is_file():
        copy_tree(cached, site_dir / INDEX_DIR)
        return True
    run_pagefind(site_dir)
    _store(site_dir / INDEX_DIR, store, key)
    return False


def _store(index: Path, store: Path, key: str) -> None:
    """Keep a copy as the one stored index (written beside it first, so a killed build never
    leaves a half-copied index under a valid key)."""
    try:
        store.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}.{os.getpid()}.", dir=store))
        copy_tree(index, tmp / INDEX_DIR)
        if not (store / key).exists():
            os.replace(tmp / INDEX_DIR, store / key)
        remove_tree(tmp)
        for old in store.iterdir():
            if old.name != key:  # older indexes, and copies a killed build left
                remove_tree(old)
    except OSError:  # a read-only checkout still builds, just without the cache
        pass
