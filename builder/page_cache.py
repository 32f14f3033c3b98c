"""Finished HTML of generated detail pages, reused by the next build when nothing they show changed.

A page's entry is keyed by its site path, its input key (``page_inputs``) and the *shell*: what the
site generator and theme wrap around every page (mkdocs.yml with the values the environment puts
into it, the theme overrides, the theme's and the builder's versions). Entries are files under
``.cache/pages/``; the build writes the page it rendered and removes entries no page used.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .build_cache import cache_root, code_fingerprint, digest


def shell_fingerprint(config_file: Path, overrides_dir: Path | None, config_values: dict) -> str:
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(config_file.read_bytes())
    h.update(digest(config_values).encode())
    if overrides_dir and overrides_dir.is_dir():
        for path in sorted(p for p in overrides_dir.rglob("*") if p.is_file()):
            h.update(path.relative_to(overrides_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class PageCache:
    def __init__(self, project_root: Path, shell: str):
        self.folder = cache_root(project_root) / "pages"
        self.shell = shell
        self.used: set[str] = set()

    def _path(self, site_path: str, key: str) -> Path:
        name = digest(self.shell, site_path, key)[:40]
        return self.folder / name[:2] / f"{name}.html"

    def has(self, site_path: str, key: str) -> bool:
        return self._path(site_path, key).is_file()

    def get(self, site_path: str, key: str) -> str | None:
        path = self._path(site_path, key)
        try:
            html = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None
        self.used.add(path.name)
        return html

    def put(self, site_path: str, key: str, html: str) -> None:
        path = self._path(site_path, key)
        self.used.add(path.name)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(html)
            os.replace(tmp, path)
        except OSError:  # a read-only checkout still builds, just without the cache
            if tmp:
                Path(tmp).unlink(missing_ok=True)

    def prune(self) -> None:
        """Remove entries this build did not use (and temporary files a killed build left)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)
