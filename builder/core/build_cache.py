"""What a rebuild may reuse from the previous build, and the keys that decide it.

Every cache under ``.cache/`` is keyed by a hash of *all* inputs of the thing cached, so a hit is
always exactly what the build would have produced again:

    code_fingerprint()   the builder's own code and templates, and the versions of the tools it runs
    digest(*parts)       a short hash of any JSON-able parts (file bytes are hashed by the caller)
    JsonStore            one JSON file of {name: entry}, read once, written atomically
    cache_folder()       a folder under .cache/ that is a real folder (no link), or None
    read_entry()         an entry's bytes when its stored sha256 matches, else None
    write_entry()        an entry with its sha256, written atomically through write_file()

Caches are an optimisation only: a missing, unreadable, foreign or damaged cache file is ignored
and rebuilt. Every entry carries a sha256 of its name and bytes, checked when it is read; links
are never followed below the cache folder (``O_NOFOLLOW`` on every component), and a link or a
file where a folder should be is replaced. When the cache cannot be used at all (``.cache`` is a
file, a link, read-only, or the disk is full) the build goes on without it and says so once.
Nothing in a cache is executed (JSON and HTML text only, no pickle).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import shutil
import stat
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

BUILDER_DIR = Path(__file__).resolve().parent.parent
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


# --- safe access to cache files ------------------------------------------------------------------

ENTRY_MAGIC = b"eb-sha256 "
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_NOTICED: list[str] = []


def _reason(error: BaseException | str) -> tuple[str, str]:
    """What is wrong, in plain Norwegian, and what to do."""
    if isinstance(error, str):
        return error, "Slett eller flytt den; neste bygging lager en ny mappe"
    code = getattr(error, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "disken er full", "Frigjør plass på disken"
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "mappen er skrivebeskyttet", "Gjør mappen skrivbar, eller bygg med --fresh"
    if code == errno.ELOOP:
        return "den er en lenke", "Slett lenken; neste bygging lager en ny mappe"
    if code in (errno.ENOTDIR, errno.EEXIST):
        return "den er en fil, ikke en mappe", "Slett eller flytt filen; neste bygging lager en ny mappe"
    return (f"den kan ikke brukes: {getattr(error, 'strerror', None) or error}",
            "Slett den; neste bygging lager en ny mappe")


def notice(folder: Path, error: BaseException | str) -> None:
    """Say once per process that the build goes on without (part of) the cache, naming the folder
    and what to do."""
    if _NOTICED:
        return
    _NOTICED.append(str(folder))
    reason, hint = _reason(error)
    print(f"Merk: hurtigbufferen i {folder} kan ikke brukes ({reason}). Byggingen fortsetter uten den "
          f"og blir derfor tregere. {hint}.", file=sys.stderr, flush=True)


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _remove_entry(path: Path) -> None:
    """Remove a file, a link (never its target) or a folder."""
    if _is_real_dir(path):
        shutil.rmtree(path)  # does not follow links inside
    else:
        os.unlink(path)


def cache_folder(folder: Path, trusted: Path | None = None, *, create: bool = True) -> Path | None:
    """`folder` when every component of it below `trusted` (default: the folder's parent's parent,
    the project root for ``.cache/x``) is a real folder, creating what is missing. The first
    component (``.cache`` itself) is never replaced: when it is a link or a file the cache is not
    used, with a notice. Deeper components that are links or files are cache entries gone wrong,
    and are replaced by a folder. None (after a notice) when the folder cannot be used."""
    trusted = trusted if trusted is not None else folder.parent.parent
    try:
        parts = folder.relative_to(trusted).parts
    except ValueError:
        parts = ()
    current = trusted
    for depth, part in enumerate(parts):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            if not create:
                return None
            try:
                os.mkdir(current)
            except OSError as exc:
                notice(current, exc)
                return None
            continue
        except OSError as exc:
            notice(current, exc)
            return None
        if stat.S_ISDIR(mode):
            continue
        if depth == 0:
            notice(current, "den er en lenke" if stat.S_ISLNK(mode) else "den er en fil, ikke en mappe")
            return None
        try:
            _remove_entry(current)
            os.mkdir(current)
        except OSError as exc:
            notice(current, exc)
            return None
    return folder


def _open_parent(folder: Path, rel: str, *, create: bool) -> tuple[int, str]:
    """A descriptor of the folder that holds `rel` inside `folder`, reached without following a
    link, and the entry's name in it. With `create`, missing folders are made and links or files
    in their place replaced."""
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise OSError(errno.EINVAL, f"bad cache path {rel!r}")
    fd = os.open(folder, _DIR_FLAGS)
    try:
        for part in parts[:-1]:
            try:
                child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                if not create or exc.errno not in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
                    raise
                if exc.errno != errno.ENOENT:
                    try:
                        os.unlink(part, dir_fd=fd)  # a link or a file where a folder belongs
                    except OSError:  # replaced by another thread meanwhile
                        pass
                try:
                    os.mkdir(part, dir_fd=fd)
                except FileExistsError:  # made by another thread meanwhile
                    pass
                child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd, parts[-1]


def read_file(folder: Path, rel: str, limit: int = 1 << 30) -> bytes | None:
    """The bytes of a regular file at `rel` below `folder`, never through a link; None when it is
    missing, a link, not a regular file or larger than `limit`."""
    try:
        parent, name = _open_parent(folder, rel, create=False)
    except OSError:
        return None
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, dir_fd=parent)
    except OSError:
        return None
    finally:
        os.close(parent)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _entry_digest(name: str, data: bytes) -> bytes:
    return hashlib.sha256(name.encode("utf-8") + b"\0" + data).hexdigest().encode()


def read_entry(folder: Path, rel: str, name: str | None = None) -> bytes | None:
    """An entry's bytes when its stored sha256 (of `name`, default the file name, and the bytes)
    matches; None when it is missing, damaged, edited or a link."""
    raw = read_file(folder, rel)
    if raw is None or not raw.startswith(ENTRY_MAGIC):
        return None
    header, sep, data = raw.partition(b"\n")
    if not sep or header[len(ENTRY_MAGIC):] != _entry_digest(name or rel.rsplit("/", 1)[-1], data):
        return None
    return data


def write_file(parent_fd: int, name: str, data: bytes) -> None:
    """Write a new file in an open folder: the one place where the caches write file contents."""
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644,
                 dir_fd=parent_fd)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def write_entry(folder: Path, rel: str, data: bytes, name: str | None = None, *,
                raw: bool = False) -> OSError | None:
    """Write an entry (with its sha256 header, or `raw`) atomically: into a temporary file beside
    it, then renamed into place, replacing a link, a file or a folder that was there. Returns the
    error instead of raising it: the caller goes on without the cache (see ``notice``)."""
    try:
        parent, last = _open_parent(folder, rel, create=True)
    except OSError as exc:
        return exc
    tmp = f".{last}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        body = data if raw else ENTRY_MAGIC + _entry_digest(name or last, data) + b"\n" + data
        write_file(parent, tmp, body)
        try:
            os.replace(tmp, last, src_dir_fd=parent, dst_dir_fd=parent)
        except OSError as exc:
            if exc.errno not in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST):
                raise
            shutil.rmtree(last, dir_fd=parent)  # a folder where the entry belongs
            os.replace(tmp, last, src_dir_fd=parent, dst_dir_fd=parent)
        return None
    except OSError as exc:
        try:
            os.unlink(tmp, dir_fd=parent)
        except OSError:
            pass
        return exc
    finally:
        os.close(parent)


class JsonStore:
    """One JSON file holding entries for one purpose, valid for one ``key`` (e.g. the schema and
    code fingerprint): when the key differs, or the file's sha256 does not match, the store starts
    empty."""

    def __init__(self, path: Path, key: str):
        self.path, self.key = path, key
        self.entries: dict = {}
        self.changed = False
        folder = cache_folder(path.parent, create=False) if _is_real_dir(path.parent) else None
        data = read_entry(folder, path.name) if folder else None
        try:
            stored = json.loads(data.decode("utf-8")) if data is not None else None
        except ValueError:
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
        self.changed = False
        folder = cache_folder(self.path.parent)
        if folder is None:  # a read-only checkout still builds, just without the cache
            return
        data = json.dumps({"key": self.key, "entries": self.entries}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        error = write_entry(folder, self.path.name, data)
        if error is not None:
            notice(folder, error)


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
