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
"""

from __future__ import annotations

import ctypes
import logging
import os
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
    target = (site_dir or project.root / "site").resolve()
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
    _configure_mkdocs_logging(logging.WARNING if quiet else logging.INFO)
    try:
        config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(staging))
        build(config)
    except (Abort, ConfigurationError, PluginError, SystemExit) as exc:
        remove_tree(staging)
        message = str(exc) or "MkDocs-byggingen feilet (se meldingene over)"
        report([Problem("mkdocs.yml", 1, 1, "", message, "Rett feilen og bygg på nytt")])
        return 1
    except BaseException:
        remove_tree(staging)
        raise
    _swap_in(staging, target)
    print(f"Nettstedet er bygd i {target}")
    return 0


# What a build may never replace: the project's inputs, its tools and its history.
PROJECT_PARTS = ("cases", "vocabularies", "schema", "content", "overrides", "builder", "tests", "docs",
                 "bench", ".git", ".github", ".ci", ".cache", ".venv", "node_modules")


def output_dir_problem(project, target: Path) -> Problem | None:
    """Why `target` may not be the output folder, or None. A build replaces the whole folder, so it
    must not be, contain or lie inside the project root's inputs, and an existing folder must be
    empty or hold a previous site (an index.html), never someone's other files."""
    root = project.root.resolve()
    hint = "Velg en egen mappe for nettstedet, for eksempel site/ (standard) eller en ny mappe utenfor prosjektet"

    def refuse(message: str) -> Problem:
        return Problem(project.display(target), 1, 1, "--site-dir",
                       f"{message}; byggingen erstatter hele utdatamappen og ville slettet det som er der", hint)

    if target == root or root.is_relative_to(target):
        return refuse("utdatamappen er prosjektmappen eller en mappe som inneholder den")
    if target.is_relative_to(root):
        first = target.relative_to(root).parts[0]
        if first in PROJECT_PARTS or (root / first).is_file():
            return refuse(f"utdatamappen er eller ligger i prosjektets «{first}»")
    if target.is_file() or (target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file()):
        return refuse("utdatamappen finnes og inneholder noe annet enn et bygd nettsted")
    return None


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
    backups = sorted(target.parent.glob(f"{target.name}.old-*"), key=lambda p: p.stat().st_mtime_ns)
    if backups and (backups[-1] / "index.html").is_file():
        backups[-1].rename(target)


def remove_leftovers(target: Path) -> None:
    """Folders a killed or failed build left beside the site (run under the project lock)."""
    for pattern in (f"{target.name}.tmp-*", f"{target.name}.old-*"):
        for path in target.parent.glob(pattern):
            _remove(path)


def _remove(path: Path) -> None:
    remove_tree(path)
    if path.exists():
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
