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

from builder.core.file_tree import remove_tree
from builder.core.problems import Problem, ProblemsFound
from builder.sources.catalog import load_catalog
from builder.sources.site_address import address_problems
from builder.engine.engine_compat import engine_logger_name, select_engine
from builder.engine.output_folder import SITE_MARKER, has_marker, is_ours, output_dir_problem, output_path, write_marker
from builder.build.build_lock import project_lock

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
    backups = sorted((p for p in target.parent.glob(f"{target.name}.old-*") if is_ours(p)),
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
            if is_ours(path):
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
