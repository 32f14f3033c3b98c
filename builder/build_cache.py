"""What a rebuild may reuse from the previous build, and the keys that decide it.

Every cache under ``.cache/`` is keyed by a hash of *all* inputs of the thing cached, so a hit is
always exactly what the build would have produced again:

    code_fingerprint()   the builder's own code and templates, and the versions of the tools it runs
    digest(*parts)       a short hash of any JSON-able parts (file bytes are hashed by the caller)
    JsonStore            one JSON file of {name: entry}, read once, written atomically

Caches are an optimisation only: a missing, unreadable or foreign cache file is ignored and
rebuilt. Nothing in a cache is executed (JSON and HTML text only, no pickle).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

BUILDER_DIR = Path(__file__).resolve().parent
# The tools whose output ends up in cached results.
TOOL_DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pyyaml",
                      "jsonschema", "matplotlib", "pagefind_bin", "properdocs")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of every file of the builder package (code and templates), Python's and the tools'
    versions."""
    h = hashlib.sha256()
    for path in sorted(BUILDER_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(BUILDER_DIR).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    h.update(f"python={sys.version}\0".encode())
    for name in TOOL_DISTRIBUTIONS:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name}={version}\0".encode())
    return h.hexdigest()


def digest(*parts) -> str:
    """A hash of JSON-able parts and bytes, in order."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            h.update(b"b%d:" % len(part) + part)
        else:
            data = json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode()
            h.update(b"j%d:" % len(data) + data)
    return h.hexdigest()


REUSE_VARIABLE = "ERFARINGSBANKEN_GJENBRUK"  # "nei": build everything from scratch (build --fresh)


def reuse_enabled() -> bool:
    """Whether this build may read and write the caches (validation, pages, search index,
    charts). ``python -m builder build --fresh`` turns it off."""
    return os.environ.get(REUSE_VARIABLE, "ja") != "nei"


def cache_root(project_root: Path) -> Path:
    return project_root / ".cache"


class JsonStore:
    """One JSON file holding entries for one purpose, valid for one ``key`` (e.g. the schema and
    code fingerprint): when the key differs, the store starts empty."""

    def __init__(self, path: Path, key: str):
        self.path, self.key = path, key
        self.entries: dict = {}
        self.changed = False
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("key") == key and isinstance(stored.get("entries"), dict):
            self.entries = stored["entries"]

    def get(self, name: str):
        return self.entries.get(name)

    def put(self, name: str, entry) -> None:
        if self.entries.get(name) != entry:
            self.entries[name] = entry
            self.changed = True

    def forget(self, name: str) -> None:
        if self.entries.pop(name, None) is not None:
            self.changed = True

    def keep_only(self, names: set[str]) -> None:
        """Forget entries of inputs that are gone, so the store does not grow with every edit."""
        for name in [n for n in self.entries if n not in names]:
            del self.entries[name]
            self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(prefix=f"{self.path.name}.{os.getpid()}.", suffix=".tmp",
                                           dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"key": self.key, "entries": self.entries}, out, ensure_ascii=False,
                          separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:  # a read-only checkout still builds, just without the cache
            if tmp:
                Path(tmp).unlink(missing_ok=True)
        self.changed = False


_KNOWN_VALID: dict[Path, JsonStore] = {}


def known_valid_documents(project_root: Path) -> JsonStore:
    """Documents other than cases (theme pages, the municipality register and list, the glossary)
    found valid under a schema before: {digest of schema and data: true}. One store per project
    and process; ``save_known_valid`` writes it and forgets entries this process did not use."""
    if project_root not in _KNOWN_VALID:
        store = JsonStore(cache_root(project_root) / "validated-documents.json",
                          digest("documents", code_fingerprint()))
        store.used = set()
        _KNOWN_VALID[project_root] = store
    return _KNOWN_VALID[project_root]


def save_known_valid(project_root: Path, *, prune: bool = False) -> None:
    """Write the store; with `prune` (after a run that validated everything), without the entries
    this process did not use."""
    store = _KNOWN_VALID.get(project_root)
    if store is not None:
        if prune:
            store.keep_only(store.used)
        store.save()
