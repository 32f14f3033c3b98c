"""Which folder a build may write and replace: the marker file every built site holds, and the
rules that refuse any other folder before anything is touched (``output_dir_problem``).

Used by the build (``site_build``), which replaces the whole output folder, and by the MkDocs
plugin, which refuses a bad ``site_dir`` when MkDocs runs without the builder's CLI.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from builder.core.problems import Problem

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


def is_ours(folder: Path) -> bool:
    """A folder this builder wrote (marker, nothing foreign): safe to remove or put back."""
    return folder.is_dir() and not folder.is_symlink() and has_marker(folder) and foreign_entry(folder) is None
