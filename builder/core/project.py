"""Where the project's inputs live. One object, passed around, so tests can point at fixtures."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def cases_dir(self) -> Path:
        return self.root / "cases"

    @property
    def vocabularies_dir(self) -> Path:
        return self.root / "vocabularies"

    @property
    def schema_dir(self) -> Path:
        return self.root / "schema"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def themes_dir(self) -> Path:
        return self.content_dir / "temaer"

    @cached_property
    def _resolved_root(self) -> Path:  # for display only (never for a safety check)
        return self.root.resolve()

    def display(self, path: Path) -> str:
        """A path as editors see it: relative to the project root when possible."""
        # A symlink is shown where it stands, not where it points.
        where = Path(os.path.abspath(path.parent.resolve() / path.name))
        try:
            return where.relative_to(self._resolved_root).as_posix()
        except ValueError:
            return str(path)

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The project whose root holds mkdocs.yml, from `start` (default: cwd) upwards."""
        here = (start or Path.cwd()).resolve()
        for candidate in (here, *here.parents):
            if (candidate / "mkdocs.yml").is_file() and (candidate / "cases").is_dir():
                return cls(candidate)
        return cls(here)
