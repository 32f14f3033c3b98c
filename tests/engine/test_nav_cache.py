"""The navigation cache changes how fast pages are made, never what they contain."""

from builder.core.build_cache import REUSE_VARIABLE
from builder.core.project import Project
from builder.engine import nav_cache
from builder.build.site_build import build_site
from conftest import ROOT
from test_site_build import _diff_trees


def test_pages_are_identical_with_and_without_the_nav_cache(built_site, tmp_path, monkeypatch):
    monkeypatch.setenv(REUSE_VARIABLE, "nei")  # every page rendered, none taken from the page cache
    uncached = tmp_path / "site"
    monkeypatch.setattr(nav_cache.NavCache, "__call__",
                        lambda self, page, base_url, nav, caller: caller())
    assert build_site(Project(ROOT), site_dir=uncached, report=lambda p: None, quiet=True) == 0
    assert _diff_trees(built_site, uncached) == []


def test_the_cache_is_used_for_pages_outside_the_navigation(monkeypatch, tmp_path):
    used = []
    original = nav_cache.NavCache.__call__

    def spy(self, page, base_url, nav, caller):
        html = original(self, page, base_url, nav, caller)
        used.append(self.hits)
        return html

    monkeypatch.setattr(nav_cache.NavCache, "__call__", spy)
    monkeypatch.setenv(REUSE_VARIABLE, "nei")
    assert build_site(Project(ROOT), site_dir=tmp_path / "site", report=lambda p: None, quiet=True) == 0
    # cases and municipalities share a handful of renderings; nearly every one is a hit
    assert used[-1] > 200
