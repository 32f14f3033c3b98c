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
    rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if rel == ".":
        return "./"
    return rel + ("/" if slash else "")


def edit_url(source_file: str) -> str | None:
    """The «suggest a change» address of a source file in the repository (REPO_URL), or None."""
    repo = os.environ.get("REPO_URL")
    return f"{repo.rstrip('/')}/edit/main/{source_file}" if repo else None
