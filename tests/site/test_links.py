"""Internal link check of the whole built site: every relative link and anchor resolves."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if name in attrs and attrs[name] is not None and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(attrs[name])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(page: Path, site: Path, href: str) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    base = page.parent
    target = (base / path).resolve() if path else page
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_no_broken_internal_links_or_anchors(built_site):
    site = built_site.resolve()
    pages = sorted(site.rglob("*.html"))
    parsed = {p.resolve(): _parse(p) for p in pages if "pagefind" not in p.parts}
    broken = []
    for page, links in parsed.items():
        # 404.html: its links are relative to the site's top level, where it is stored (a host
        # serving it deeper down gets a <base>, tested in test_subpath.py)
        for href in links.links:
            resolved = _target(page, site, href)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif fragment and target.suffix == ".html":
                ids = parsed.get(target) or _parse(target)
                if fragment not in ids.ids:
                    broken.append(f"{page.relative_to(site)} -> {href} (anchor)")
    assert broken == [], "\n".join(broken[:50])


def test_external_links_are_only_where_expected(built_site):
    """No third-party assets (fonts, scripts): everything the pages load is on the site itself."""
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "cdn.jsdelivr" not in html and "unpkg.com" not in html
