"""Relative links between generated pages, so the site works under any sub-path."""

from __future__ import annotations

import os
import posixpath


def relative_url(from_page: str, to: str) -> str:
    """Link from the directory URL `from_page` (e.g. 'eksempler/x/') to the site path `to`.

    >>> relative_url("eksempler/x/", "temaer/ledelse/")
    '../../temaer/ledelse/'
    >>> relative_url("", "eksempler/")
    'eksempler/'
    """
    base = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page) + "/"
    target, slash = to.rstrip("/"), to.endswith("/")
    rel = _relpath(target or ".", base.rstrip("/") or ".")
    if rel == ".":
        return "./"
    return rel + ("/" if slash else "")


def _relpath(target: str, base: str) -> str:
    """posixpath.relpath for site paths, without its two calls to os.getcwd() (a build makes
    tens of thousands of links); paths that leave the site root or are absolute go to relpath."""
    if target.startswith(("/", "..")) or base.startswith(("/", "..")):
        return posixpath.relpath(target, base)
    t = [p for p in posixpath.normpath(target).split("/") if p not in ("", ".")]
    b = [p for p in posixpath.normpath(base).split("/") if p not in ("", ".")]
    if ".." in t or ".." in b:
        return posixpath.relpath(target, base)
    common = 0
    while common < min(len(t), len(b)) and t[common] == b[common]:
        common += 1
    return "/".join([".."] * (len(b) - common) + t[common:]) or "."


def edit_url(source_file: str) -> str | None:
    """The «suggest a change» address of a source file in the repository (REPO_URL), or None."""
    repo = os.environ.get("REPO_URL")
    return f"{repo.rstrip('/')}/edit/main/{source_file}" if repo else None
