"""Finished HTML of generated detail pages, reused by the next build when nothing they show changed.

A page's entry is keyed by its site path, its input key (``page_inputs``) and the *shell*: what the
site generator and theme wrap around every page (mkdocs.yml with the values the environment puts
into it, the theme overrides, the theme's and the builder's versions). Entries are files under
``.cache/pages/``, each with a sha256 of its name and bytes (``build_cache.write_entry``): an
entry that was cut short, edited, replaced by a link or a folder is a miss, rendered again and
replaced. A successful build writes the pages it rendered and removes entries no page used.
Reused pages are written into the site from the checked bytes (not linked: a tool that edits a
built file in place must not change the cache).
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from builder.core.build_cache import (cache_folder, cache_root, code_fingerprint, digest, notice, read_entry,
                                      reuse_enabled, write_entry)
from builder.core.file_tree import THREADS, remove_tree


def shell_fingerprint(config_file: Path, overrides_dir: Path | None, config_values: dict) -> str:
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(config_file.read_bytes())
    h.update(digest(config_values).encode())
    if overrides_dir and overrides_dir.is_dir():
        for path in sorted(p for p in overrides_dir.rglob("*") if p.is_file()):
            h.update(path.relative_to(overrides_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class PageCache:
    """``has`` answers from the folder; pages rendered by this build are kept in memory (``put``) and
    written by ``commit``, which the build calls only when it succeeded without warnings, so a page
    that gave a warning is never reused. ``place`` puts reused pages into the site."""

    def __init__(self, project_root: Path, shell: str):
        self.folder = cache_root(project_root) / "pages"
        self.shell = shell
        self.used: set[str] = set()
        self.pending: dict[str, bytes] = {}  # entry path below the folder -> page
        self.checked: set[str] = set()  # entries this build found intact and reuses
        self.enabled = reuse_enabled() and cache_folder(self.folder, project_root) is not None

    def _rel(self, site_path: str, key: str) -> str:
        name = digest(self.shell, site_path, key)[:40]
        return f"{name[:2]}/{name}.html"

    def has(self, site_path: str, key: str) -> bool:
        if not self.enabled:
            return False
        rel = self._rel(site_path, key)
        if rel not in self.checked:
            if read_entry(self.folder, rel) is None:
                return False
            self.checked.add(rel)
        self.used.add(rel)
        return True

    def put(self, site_path: str, key: str, html: str) -> None:
        if not self.enabled:
            return
        rel = self._rel(site_path, key)
        self.used.add(rel)
        self.pending[rel] = html.encode("utf-8")

    def place(self, targets: dict[str, tuple[str, str]]) -> str | None:
        """Write each reused page to its place in the site, from its entry checked again (pages
        are not kept in memory): {target path: (site path, key)}. Returns the site path of a page
        whose entry is gone or changed during the build, else None."""
        def write(job: tuple[str, tuple[str, str]]) -> str | None:
            target, (site_path, key) = job
            rel = self._rel(site_path, key)
            data = read_entry(self.folder, rel) if rel in self.checked else None
            if data is None:
                return site_path
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_bytes(data)
            return None

        with ThreadPoolExecutor(THREADS) as pool:
            return next((gone for gone in pool.map(write, targets.items()) if gone), None)

    def commit(self) -> None:
        """Write the pages this build rendered, and remove entries no page of this build used."""
        if not self.enabled:  # a fresh build leaves the cache as it found it
            return
        errors = []

        def write(item: tuple[str, bytes]) -> None:
            error = write_entry(self.folder, *item)
            if error is not None:
                errors.append(error)

        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(write, self.pending.items()))
            list(pool.map(remove_tree, self._stale()))
        if errors:  # a read-only checkout or a full disk: the build goes on without the cache
            notice(self.folder, errors[0])
        self.pending.clear()

    def _stale(self) -> list[Path]:
        """Entries no page of this build used, and anything that is not an entry (links too)."""
        stale = []
        try:
            groups = list(os.scandir(self.folder))
        except OSError:
            return []
        for group in groups:
            if not group.is_dir(follow_symlinks=False):
                stale.append(Path(group.path))
                continue
            try:
                stale += [Path(e.path) for e in os.scandir(group.path)
                          if f"{group.name}/{e.name}" not in self.used
                          or not e.is_file(follow_symlinks=False)]
            except OSError:
                continue
        return stale
