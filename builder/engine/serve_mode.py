"""What `mkdocs serve` does differently after an edit, so the changed page is served sooner.

MkDocs serves no page while a rebuild runs, and a rebuild starts by emptying the output folder
file by file; our build ends with Pagefind reading every page. In the preview both move out of
the editor's way: the old output is moved aside with one rename per top-level entry and removed in
a background thread, and the search index is made in a background thread after the pages are
written (the next rebuild waits for it before it touches the folder). After an edit the edited
file's page is made first and the pages that only list it follow in a second rebuild
(``PreviewState``); pages served before with the same key are renamed back (``take_back``) rather
than copied from the cache. What is built in the end is the same as before; only the order in
time changes (docs/architecture.md, «The preview»).
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from builder.core.file_tree import remove_tree


class BackgroundWork:
    """Work that runs after a rebuild has been served; the next rebuild waits for it first."""

    def __init__(self) -> None:
        self._threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []

    def start(self, work: Callable[[], None], name: str) -> None:
        def run() -> None:
            try:
                work()
            except BaseException as exc:  # reported by the next wait(), never lost silently
                self.errors.append(exc)

        thread = threading.Thread(target=run, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def wait(self) -> list[BaseException]:
        """Wait for everything started so far; the errors it raised, once."""
        for thread in self._threads:
            thread.join()
        self._threads.clear()
        errors, self.errors = self.errors, []
        return errors


def move_aside(folder: Path) -> Path | None:
    """Leave `folder` empty: each top-level entry is renamed into a new sibling folder, which is
    returned (None when there was nothing to move). An entry that cannot be moved stays (MkDocs'
    own cleaning removes it as before)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return None
    if not entries:
        return None
    try:
        trash = Path(tempfile.mkdtemp(prefix=f".{folder.name}.removed-", dir=folder.parent))
    except OSError:
        return None
    for entry in entries:
        try:
            os.rename(entry.path, trash / entry.name)
        except OSError:
            pass
    return trash


def take_back(trash: Path | None, folder: Path, paths: list[str]) -> set[str]:
    """Rename each of `paths` (relative, as in `folder`) from the moved-aside `trash` back into
    `folder`; the ones that came back. Only regular files are taken (never a link), and a path
    that would leave either folder is refused. A page alone in its own folder (``x/index.html``)
    comes back with its folder in one rename."""
    back: set[str] = set()
    if trash is None:
        return back
    made: set[tuple[str, ...]] = {()}  # folders below `folder` known to be real folders
    for rel in paths:
        parts = Path(rel).parts
        if not parts or Path(rel).is_absolute() or ".." in parts:
            continue
        old, new = trash.joinpath(*parts), folder.joinpath(*parts)
        try:
            if not stat.S_ISREG(os.lstat(old).st_mode) or _has_link_between(trash, old.parent):
                continue
            if len(parts) >= 2 and parts[:-1] not in made and _alone(old) \
                    and _make_folders(folder, parts[:-2], made) and not os.path.lexists(new.parent):
                os.rename(old.parent, new.parent)
                made.add(parts[:-1])
            elif _make_folders(folder, parts[:-1], made) and not os.path.lexists(new):
                os.rename(old, new)
            else:
                continue
        except OSError:
            continue
        back.add(rel)
    return back


def _alone(file: Path) -> bool:
    """Whether `file` is the only entry of its folder."""
    return os.listdir(file.parent) == [file.name]


def _make_folders(top: Path, parts: tuple[str, ...], made: set[tuple[str, ...]]) -> bool:
    """Make the folders `parts` below `top`, one level at a time; False when one exists as
    something other than a real folder (a link is never followed). `made` holds the levels known
    to be real folders already."""
    for depth in range(1, len(parts) + 1):
        level = parts[:depth]
        if level in made:
            continue
        path = top.joinpath(*level)
        try:
            os.mkdir(path)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                return False
        made.add(level)
    return True


def _has_link_between(top: Path, folder: Path) -> bool:
    """Whether a folder between `top` (excluded) and `folder` (included) is a symbolic link."""
    while folder != top and top in folder.parents:
        if folder.is_symlink():
            return True
        folder = folder.parent
    return False


def remove_soon(trash: Path | None, background: BackgroundWork) -> None:
    if trash is not None:
        background.start(lambda: remove_tree(trash), "eb-remove-old-output")


class MemoryBytecodeCache(BytecodeCache):
    """Compiled theme templates kept across the rebuilds of `mkdocs serve`: MkDocs makes a new
    Jinja environment for every build, which would compile Material's templates again each time.
    Jinja keys each entry by the template's name and checks it against a hash of its source, so an
    edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class PreviewState:
    """What one `mkdocs serve` process remembers between rebuilds, so an edit is served first and
    the pages that only list the edited case follow in a second rebuild.

    After an edit the page of the edited file (a case's page, or the hand-written page itself) is
    made at once. Every other page whose inputs changed (lists, home, theme and municipality pages,
    related cases) is *deferred*: the version the previous rebuild served is kept for this rebuild,
    and a second rebuild, started by writing `refresh_file` (which the server watches), makes them
    all. Only a rebuild after a complete one defers, so at most one rebuild shows older pages."""

    def __init__(self) -> None:
        self.served: dict[str, str] = {}  # site path of a page -> the key of its output in the folder
        self.sources: dict[str, str] = {}  # input file -> sha256 of the bytes the served pages were made from
        self.complete = False  # the pages served were all made from the current inputs
        self.stale: dict[str, str] = {}  # this rebuild: deferred pages -> the key of the version kept
        self.data: dict | None = None  # the exports, feeds and other data files served, and their key
        self.data_key: str | None = None
        self.stale_data = False  # this rebuild publishes the data files of the one before
        self.static: dict[str, tuple] = {}  # static file's site path -> (source, size, time) served
        self.trash: Path | None = None  # the previous output, moved aside during this rebuild
        self.folder: Path | None = None  # the preview's own temporary folder (refresh file, known words)
        self.refresh_file: Path | None = None  # set while the server watches it
        self._refreshes = 0

    def begin(self) -> None:
        self.stale, self.stale_data = {}, False

    def data_files(self, key: str | None, defer: bool) -> dict | None:
        """The data files served before, when they were made from the same inputs (`key`), or, in a
        deferring rebuild, whatever their inputs (``stale_data``); else None (make them)."""
        if self.data is None:
            return None
        if key is not None and key == self.data_key:
            return self.data
        if defer:
            self.stale_data = True
            return self.data
        return None

    def may_defer(self) -> bool:
        return self.refresh_file is not None and self.complete and bool(self.served)

    def changed(self, source: str, sha: str | None) -> bool:
        return sha is None or self.sources.get(source) != sha

    def keep(self, has: Callable[[str, str], bool], fresh: Callable[[str], bool]) -> Callable[[str], bool]:
        """Whether a page that is not `fresh` keeps the version served before (recorded in `stale`)."""
        def keep(path: str) -> bool:
            old = self.served.get(path)
            if old is not None and not fresh(path) and has(path, old):
                self.stale[path] = old
                return True
            return False
        return keep

    def reuse(self, has: Callable[[str, str], bool], fresh: Callable[[str], bool]) -> Callable[[str, str], bool]:
        """`has` extended by deferral: a page whose current inputs have no finished page yet may
        keep its previous version (``keep``)."""
        keep = self.keep(has, fresh)
        return lambda path, key: has(path, key) or keep(path)

    def finish(self, served: dict[str, str], sources: dict[str, str], data: dict | None = None,
               data_key: str | None = None) -> None:
        """After a rebuild was written: what the folder now holds; asks for the second rebuild when
        pages or data files were deferred."""
        self.served, self.sources = served, sources
        if not self.stale_data:
            self.data, self.data_key = data, data_key
        self.complete = not (self.stale or self.stale_data)
        if not self.complete and self.refresh_file is not None:
            self._refreshes += 1
            try:  # a new size and time: the server's polling sees a change
                self.refresh_file.write_text(f"{self._refreshes}\n" * (1 + self._refreshes % 2), encoding="utf-8")
            except OSError:
                self.refresh_file = None  # never defer again; the next edit's rebuild makes all

    def failed(self) -> None:
        """A rebuild stopped half-way: the folder's pages are unknown, so nothing is taken back."""
        self.served, self.sources, self.complete, self.static = {}, {}, False, {}
        self.data = self.data_key = None
