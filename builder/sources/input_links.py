"""Symbolic links among the files the site is made from are refused, before anything is built.

MkDocs publishes every file under ``content/`` (its docs_dir) and the theme's static files under
``overrides/`` (custom_dir), and it follows symbolic links: ``content/assets/x.txt ->
../../.git/config`` would publish the checkout's git configuration (in CI it can hold the token of
the checkout, and the pull-request preview uploads ``site/``). Case files are read without following
links one by one (``yaml_loader.read_input_file``); this scan covers the folders whose files are
used as they are: ``content/``, ``overrides/``, ``vocabularies/`` and ``schema/``, at any depth. A
link to a file or to a folder, and a dangling link, are all refused; so is anything that is neither
a plain file nor a folder (a named pipe would hang the build). Nothing is followed during the scan.
"""

from __future__ import annotations

import os
from pathlib import Path

from builder.core.problems import Problem

SCANNED_FOLDERS = ("content", "overrides", "vocabularies", "schema")


def input_link_problems(project) -> list[Problem]:
    """One problem per symbolic link (or special file) in the scanned folders, sorted by path."""
    problems = []
    root = project.root
    for name in SCANNED_FOLDERS:
        folder = root / name
        if folder.is_symlink():
            problems.append(_link_problem(project, folder, is_folder=True))
            continue
        if not folder.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
            here = Path(dirpath)
            for entry in sorted(dirnames + filenames):
                path = here / entry
                if path.is_symlink():
                    problems.append(_link_problem(project, path, is_folder=entry in dirnames))
                elif entry in filenames and not path.is_file():
                    problems.append(Problem(
                        _display(project, path), 1, 1, "", "dette er ikke en vanlig fil (men for eksempel "
                        "en navngitt rør- eller enhetsfil), og slike brukes ikke",
                        "Slett den, eller legg en vanlig fil her"))
    return sorted(problems)


def _link_problem(project, path: Path, *, is_folder: bool) -> Problem:
    try:
        points_to = os.readlink(path)
    except OSError:
        points_to = "?"
    kind = "mappen" if is_folder else "filen"
    return Problem(
        _display(project, path), 1, 1, "",
        f"{kind} er en symbolsk lenke (symlink, peker til {points_to}), og slike følges ikke: "
        "innholdet kunne blitt publisert fra et annet sted enn prosjektet",
        f"Legg selve {'mappen' if is_folder else 'filen'} her i stedet for en lenke til den, eller slett lenken")


def _display(project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)
