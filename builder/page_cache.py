"""Finished HTML of generated detail pages, reused by the next build when nothing they show changed.

A page's entry is keyed by its site path, its input key (``page_inputs``) and the *shell*: what the
site generator and theme wrap around every page (mkdocs.yml with the values the environment puts
into it, the theme overrides, the theme's and the builder's versions). Entries are files under
``.cache/pages/``; a successful build writes the pages it rendered and removes entries no page
used. Reused pages are copied into the site (not linked: a tool that edits a built file in place
must not change the cache).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .build_cache import cache_root, code_fingerprint, digest, reuse_enabled
from .file_tree import THREADS, copy_files


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
        self.pending: dict[Path, str] = {}
        self.enabled = reuse_enabled()

    def _path(self, site_path: str, key: str) -> Path:
        name = digest(self.shell, site_path, key)[:40]
        return self.folder / name[:2] / f"{name}.html"

    def has(self, site_path: str, key: str) -> bool:
        if not self.enabled:
            return False
        path = self._path(site_path, key)
        if path.is_file():
            self.used.add(path.name)
            return True
        return False

    def put(self, site_path: str, key: str, html: str) -> None:
        if not self.enabled:
            return
        path = self._path(site_path, key)
        self.used.add(path.name)
        self.pending[path] = html

    def place(self, targets: dict[str, tuple[str, str]]) -> str | None:
        """Copy each reused page to its place in the site: {target path: (site path, key)}.
        Returns the site path of a page whose entry has gone, else None."""
        jobs = [(self._path(site_path, key), Path(target), site_path)
                for target, (site_path, key) in targets.items()]
        for source, _, site_path in jobs:
            if not source.is_file():
                return site_path
        copy_files([(source, target) for source, target, _ in jobs])
        return None

    def commit(self) -> None:
        """Write the pages this build rendered, and remove entries no page of this build used."""
        if not self.enabled:  # a fresh build leaves the cache as it found it
            return
        def write(item) -> None:
            path, html = item
            tmp = None
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(html)
                os.chmod(tmp, 0o644)
                os.replace(tmp, path)
            except OSError:  # a read-only checkout still builds, just without the cache
                if tmp:
                    Path(tmp).unlink(missing_ok=True)

        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(write, self.pending.items()))
            if self.folder.is_dir():
                stale = [p for p in self.folder.glob("*/*") if p.name not in self.used]
                list(pool.map(lambda p: p.unlink(missing_ok=True), stale))
        self.pending.clear()
