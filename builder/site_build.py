"""Build the whole site atomically: validate, run MkDocs into a fresh folder, then swap it in.

A failed build (bad input, a MkDocs error) leaves the previous ``site/`` untouched and writes
nothing half-finished: the new site is built in ``site.tmp-*`` next to it and swapped in only when
everything succeeded.

The swap: one build per project at a time (``build_lock``); on Linux the new and the old folder
are exchanged in one atomic ``renameat2(RENAME_EXCHANGE)``, so ``site/`` is at every instant the
old or the new complete site. Elsewhere the old folder is renamed to ``site.old-*`` and the new one
into place; a build killed between those two renames leaves no ``site/``, and the next build puts
the old one back before it starts. Leftovers of a killed build (``site.tmp-*``, ``site.old-*``)
are removed by the next build.

Only a folder this builder wrote may be replaced or removed: every site it builds holds the marker
file ``.erfaringsbanken-site`` (fixed bytes), and ``output_dir_problem`` refuses any other folder
before anything is touched (see there for the exact rule).
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .build_lock import project_lock
from .catalog import load_catalog
from .engine_compat import engine_logger_name, select_engine
from .file_tree import remove_tree
from .problems import Problem, ProblemsFound
from .site_address import address_problems

Reporter = Callable[[list[Problem]], None]


def build_site(project, site_dir: Path | None = None, *, report: Reporter, quiet: bool = False) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    addresses = address_problems()  # before anything is written
    if addresses:
        report(addresses)
        return 1
    target = output_path(site_dir or project.root / "site")
    refused = output_dir_problem(project, target)
    if refused is not None:
        report([refused])
        return 1
    with project_lock(project.root):
        recover_interrupted_swap(target)
        remove_leftovers(target)
        return _build_locked(project, target, report=report, quiet=quiet)


def _build_locked(project, target: Path, *, report: Reporter, quiet: bool) -> int:
    # Validate first, so editors get the Norwegian list of problems without MkDocs noise.
    try:
        load_catalog(project)
    except ProblemsFound as exc:
        report(exc.problems)
        return 1

    select_engine()  # MkDocs 1.x, or ProperDocs where MkDocs is missing or 2.x (engine_compat.py)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{target.name}.tmp-", dir=target.parent))
    write_marker(staging)  # a leftover of a killed build is then known as ours, and removed next time
    _configure_mkdocs_logging(logging.WARNING if quiet else logging.INFO)
    try:
        config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(staging))
        build(config)
    except (Abort, ConfigurationError, PluginError, SystemExit) as exc:
        remove_tree(staging, last=SITE_MARKER)
        message = str(exc) or "MkDocs-byggingen feilet (se meldingene over)"
        report([Problem("mkdocs.yml", 1, 1, "", message, "Rett feilen og bygg på nytt")])
        return 1
    except BaseException:
        remove_tree(staging, last=SITE_MARKER)
        raise
    refused = output_dir_problem(project, target)  # again: something may have moved in meanwhile
    if refused is not None:
        remove_tree(staging, last=SITE_MARKER)
        report([refused])
        return 1
    _swap_in(staging, target)
    print(f"Nettstedet er bygd i {target}")
    return 0


# What a build may never replace: the project's inputs, its tools and its history.
PROJECT_PARTS = ("cases", "vocabularies", "schema", "content", "overrides", "builder", "tests", "docs",
                 "bench", ".git", ".github", ".ci", ".cache", ".venv", "node_modules")

# Written into every site this builder makes (published with it: a static host serves it as a small
# text file, Pagefind indexes only HTML). Fixed bytes, so builds stay byte-identical.
SITE_MARKER = ".erfaringsbanken-site"
MARKER_BYTES = ("Denne mappen er et nettsted bygd av Erfaringsbanken (python -m builder build).\n"
                "Neste bygging erstatter hele mappen. Legg ikke egne filer her.\n").encode("utf-8")


def write_marker(folder: Path) -> None:
    (folder / SITE_MARKER).write_bytes(MARKER_BYTES)


def has_marker(folder: Path) -> bool:
    marker = folder / SITE_MARKER
    try:
        info = marker.lstat()
        return stat.S_ISREG(info.st_mode) and info.st_size == len(MARKER_BYTES) and marker.read_bytes() == MARKER_BYTES
    except OSError:
        return False


def foreign_entry(folder: Path) -> str | None:
    """The first entry (relative path, in sorted order) of `folder` that this builder never writes:
    a name starting with «.» other than the marker at the top (``.git``, ``.env``, ``.nojekyll`` …),
    a symbolic link, or anything that is neither a plain file nor a folder. None if there is none."""
    stack = [Path()]
    while stack:
        rel = stack.pop()
        try:
            entries = sorted(os.scandir(folder / rel), key=lambda e: e.name, reverse=True)
        except OSError:
            return rel.as_posix() if rel.parts else "."
        for entry in entries:
            path = rel / entry.name
            if entry.name.startswith(".") and not (not rel.parts and entry.name == SITE_MARKER):
                return path.as_posix()
            if entry.is_symlink():
                return path.as_posix()
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif not entry.is_file(follow_symlinks=False):
                return path.as_posix()
    return None


def output_path(given: Path) -> Path:
    """The absolute output folder as given: «..» and the folders above it resolved, but the last
    name kept, so that a symbolic link there is seen (and refused), not followed."""
    absolute = Path(os.path.abspath(given))
    if absolute == Path(absolute.anchor):
        return absolute
    return absolute.parent.resolve() / absolute.name


def output_dir_problem(project, target: Path) -> Problem | None:
    """Why `target` (from ``output_path``) may not be the output folder, or None. A build replaces
    the whole folder, so it may be replaced only when it is

    - missing, or an empty folder, or
    - a folder this builder wrote: the marker file ``.erfaringsbanken-site`` with its exact bytes at
      the top, and nothing the builder never writes anywhere in it (``foreign_entry``: no other
      name starting with «.», such as ``.git``, no symbolic link, no special file), or
    - the project's own ``site/`` (the default output, ignored by git) built by a version before
      the marker (upgrade): an ``index.html``, and nothing foreign either.

    It may never be a symbolic link or a file, the project root or a folder above it (``/``
    included), the home folder or a folder above it, a folder inside any ``.git``, or the project's
    inputs, tools and history (``PROJECT_PARTS``). A file added to a built site by hand (a CNAME,
    say) is replaced with the rest: keep such files in ``content/``, which the build publishes."""
    root = project.root.resolve()
    hint = "Velg en egen mappe for nettstedet, for eksempel site/ (standard) eller en ny mappe utenfor prosjektet"

    def refuse(message: str, advice: str = hint) -> Problem:
        return Problem(project.display(target), 1, 1, "--site-dir",
                       f"{message}; byggingen erstatter hele utdatamappen og ville slettet det som er der", advice)

    if target == root or root.is_relative_to(target):
        return refuse("utdatamappen er prosjektmappen eller en mappe som inneholder den")
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError, OSError):  # no home folder known
        home = None
    if home is not None and home.is_relative_to(target):
        return refuse("utdatamappen er hjemmemappen din eller en mappe som inneholder den")
    if target.is_relative_to(root):
        first = target.relative_to(root).parts[0]
        if first in PROJECT_PARTS or (root / first).is_file():
            return refuse(f"utdatamappen er eller ligger i prosjektets «{first}»")
    if ".git" in target.parts:
        return refuse("utdatamappen ligger i en git-mappe (.git)")
    if target.is_symlink():
        return refuse(f"utdatamappen er en symbolsk lenke (til {os.readlink(target)})",
                      "Oppgi en vanlig mappe (ikke en lenke), for eksempel en ny mappe; lenken og det den "
                      "peker til blir stående")
    if target.exists() and not target.is_dir():
        return refuse("utdatamappen er en fil, ikke en mappe")
    if not target.is_dir():
        return None
    try:
        if not any(target.iterdir()):
            return None
    except OSError as exc:
        return refuse(f"utdatamappen kan ikke leses ({exc.strerror})", "Velg en mappe du har tilgang til")
    start_over = ("Velg en ny eller tom mappe. Er mappen et nettsted som Erfaringsbanken har bygd, "
                  "slett det du selv har lagt dit")
    foreign = foreign_entry(target)
    if foreign is not None:
        return refuse(f"utdatamappen inneholder «{foreign}», som byggingen aldri lager", start_over)
    if has_marker(target) or (target == root / "site" and _old_build(target)):
        return None
    return refuse(f"utdatamappen finnes og inneholder noe annet enn et bygd nettsted (merkefilen {SITE_MARKER}, "
                  "som byggingen skriver i hvert nettsted, mangler)",
                  "Velg en ny eller tom mappe. Er mappen et nettsted bygd av en eldre versjon av "
                  "Erfaringsbanken, slett den selv og bygg på nytt")


def _old_build(folder: Path) -> bool:
    """The project's site/ as a build before the marker left it (what that version accepted)."""
    return (folder / "index.html").is_file()


def _ours(folder: Path) -> bool:
    """A folder this builder wrote (marker, nothing foreign): safe to remove or put back."""
    return folder.is_dir() and not folder.is_symlink() and has_marker(folder) and foreign_entry(folder) is None


def _configure_mkdocs_logging(level: int) -> None:
    logger = logging.getLogger(engine_logger_name())
    if not any(getattr(h, "_erfaringsbanken", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._erfaringsbanken = True
        logger.addHandler(handler)
    logger.setLevel(level)


def recover_interrupted_swap(target: Path) -> None:
    """A build killed between its two renames left no site, only ``site.old-*``: put it back."""
    if target.exists() or target.is_symlink():
        return
    backups = sorted((p for p in target.parent.glob(f"{target.name}.old-*") if _ours(p)),
                     key=lambda p: p.stat().st_mtime_ns)
    if backups and (backups[-1] / "index.html").is_file():
        backups[-1].rename(target)


def remove_leftovers(target: Path) -> None:
    """Folders a killed or failed build left beside the site (run under the project lock): removed
    when they hold the marker and nothing foreign (a build writes it first thing), or are empty.
    Anything else with such a name is someone's own folder and stays; if its name has the exact
    shape of ours (an older version's leftover), the build says so."""
    ours = re.compile(rf"{re.escape(target.name)}\.(tmp|old)-[a-z0-9_]{{8}}")
    for pattern in (f"{target.name}.tmp-*", f"{target.name}.old-*"):
        for path in sorted(target.parent.glob(pattern)):
            if _ours(path):
                _remove(path)
                continue
            try:
                path.rmdir()  # killed before the marker was written: still empty
            except OSError:
                if ours.fullmatch(path.name) and path.is_dir() and not path.is_symlink():
                    print(f"MERK: {path} ser ut som en rest etter en avbrutt bygging, men mangler merkefilen "
                          f"{SITE_MARKER} og blir derfor ikke slettet. Slett den selv hvis du ikke trenger den.",
                          file=sys.stderr)


def _remove(path: Path) -> None:
    remove_tree(path, last=SITE_MARKER)
    if path.exists():
        if path.is_dir() and not path.is_symlink() and not has_marker(path):
            try:  # an old site from before the marker: mark what is left, so the next build removes it
                write_marker(path)
            except OSError:
                pass
        print(f"ADVARSEL: kunne ikke slette {path} helt (en fil der er låst eller skrivebeskyttet). "
              "Nettstedet er likevel bygd; slett mappen for hånd.", file=sys.stderr)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE); False if the
    system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _swap_in(staging: Path, target: Path) -> None:
    staging.chmod(0o755)  # mkdtemp creates 0700; a web server needs to read it
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        old = staging  # now holds the previous site
    else:
        old = Path(tempfile.mkdtemp(prefix=f"{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
        staging.rename(target)  # killed before this line: the next build renames `old` back
    _remove(old)
