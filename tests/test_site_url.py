"""Publishable by default: without SITE_URL the build writes no made-up host (no sitemap, canonical
or Open Graph URL; relative feed links); with SITE_URL they all use the given address."""

import os
import re

import pytest

from builder.project import Project
from builder.site_build import build_site
from conftest import ROOT

PUBLISHED = "https://kommune.example.org/erfaringsbanken/"
TEXT = (".html", ".xml", ".txt", ".json", ".csv", ".js", ".css", ".svg", ".webmanifest")


def _build(tmp_path_factory, monkeypatch_env: dict) -> "Path":
    site = tmp_path_factory.mktemp("site-url") / "site"
    old = {k: os.environ.get(k) for k in monkeypatch_env}
    try:
        for key, value in monkeypatch_env.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        problems = []
        assert build_site(Project(ROOT), site_dir=site, report=problems.extend, quiet=True) == 0, problems
    finally:
        for key, value in old.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    return site


@pytest.fixture(scope="module")
def plain_site(built_site, tmp_path_factory):
    return _build(tmp_path_factory, {"SITE_URL": None}) if os.environ.get("SITE_URL") else built_site


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    return _build(tmp_path_factory, {"SITE_URL": PUBLISHED})


def _vendored(path) -> bool:
    """A file of the editing form copied byte for byte from Decap's npm package."""
    original = ROOT / "node_modules" / "decap-cms" / "dist" / path.name
    return path.parent.name == "rediger" and original.is_file() and original.read_bytes() == path.read_bytes()


def test_a_build_without_site_url_names_no_local_address(plain_site):
    found = []
    for path in plain_site.rglob("*"):
        # Material's source maps quote its own source code, whose comments mention «localhost»;
        # Decap's bundle, copied unchanged for /rediger/, holds its local-backend default address
        if path.is_file() and path.suffix in TEXT and "pagefind" not in path.parts and not _vendored(path):
            text = path.read_text(encoding="utf-8", errors="replace")
            if "127.0.0.1" in text or "localhost" in text:
                found.append(str(path.relative_to(plain_site)))
    assert found == []
    assert not (plain_site / "sitemap.xml").exists() and not (plain_site / "sitemap.xml.gz").exists()
    assert "Sitemap:" not in (plain_site / "robots.txt").read_text(encoding="utf-8")
    home = (plain_site / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home and 'property="og:url"' not in home


def test_a_build_with_site_url_uses_it_for_sitemap_canonical_open_graph_and_feeds(published_site):
    case_page = next((published_site / "eksempler").glob("*/index.html"))
    html = case_page.read_text(encoding="utf-8")
    address = PUBLISHED + case_page.parent.relative_to(published_site).as_posix() + "/"
    assert f'<link rel="canonical" href="{address}">' in html
    assert f'<meta property="og:url" content="{address}">' in html
    assert address in (published_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLISHED}sitemap.xml" in (published_site / "robots.txt").read_text(encoding="utf-8")
    assert f'href="{address}"' in (published_site / "feed" / "eksempler.xml").read_text(encoding="utf-8")
    not_found = (published_site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'href="/erfaringsbanken/eksempler/"', not_found)
