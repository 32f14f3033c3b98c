"""Relative links between generated pages, so the site works under any sub-path."""

from __future__ import annotations

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
