"""Render the site navigation once for all pages that are not in it and link to it alike.

Material renders the whole navigation tree into every page; at 3 000 cases that was the largest
single cost of the page template. Case and municipality pages are not in the navigation, so
nothing in it is marked active for them, and the only page-dependent part left is the relative
URL of each link. The cache key is exactly that: the relative URLs of all navigation links as
seen from the page (plus `base_url` for the logo), so two pages share a rendering only when
their navigation HTML would be identical. Pages in the navigation are always rendered normally.

Used from overrides/partials/nav.html as
``{% call eb_nav_cache(page, base_url, nav) %}…{% endcall %}``.
"""

from __future__ import annotations

from mkdocs.utils import normalize_url


class NavCache:
    def __init__(self) -> None:
        self._html: dict[tuple, str] = {}
        self._links: list[str] | None = None
        self.hits = 0

    def __call__(self, page, base_url, nav, caller) -> str:
        if not _outside_nav(page):
            return caller()
        if self._links is None:
            self._links = list(_link_urls(nav.items))
        key = (str(base_url), *(normalize_url(url, page=page) for url in self._links))
        if key in self._html:
            self.hits += 1
        else:
            self._html[key] = caller()
        return self._html[key]


def _outside_nav(page) -> bool:
    inclusion = getattr(getattr(page, "file", None), "inclusion", None)
    return inclusion is not None and not inclusion.is_in_nav()


def _link_urls(items):
    for item in items:
        url = getattr(item, "url", None)
        if url is not None:
            yield url
        yield from _link_urls(getattr(item, "children", None) or [])
