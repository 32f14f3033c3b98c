"""builder/pages/generate.py: what a rebuild may skip — municipality pages kept by the preview (`keep`)
and municipality page keys known from the last build under the same site key."""

from __future__ import annotations

import re

import pytest

import builder.pages.generate as generate
from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.generate import generate_site
from builder.pages.municipality_pages import municipality_page_jobs, nearby_municipalities
from builder.pages.page_inputs import municipality_page_key

KEPT = "kommuner/molde.md"


@pytest.fixture
def charts(tmp_path_factory):
    return tmp_path_factory.mktemp("charts")


def _site(project_dir, charts, **kw):
    return generate_site(load_catalog(Project(project_dir)), cache_dir=charts, **kw)


def test_a_kept_municipality_page_is_neither_keyed_nor_made(project_dir, charts):
    """Before any choice (no keep), with a keep that keeps one page, and with one that keeps none.
    A key known from the last build under the same site key is used before `keep` is asked."""
    plain = _site(project_dir, charts, reuse=lambda path, key: False)
    assert plain.files[KEPT].startswith("---") and KEPT in plain.page_keys
    generate._MUNICIPALITY_KEYS.clear()  # keys unknown, as after an edit of what lists show
    asked = []
    kept = _site(project_dir, charts, reuse=lambda path, key: False,
                 keep=lambda path: asked.append(path) or path == KEPT)
    assert kept.files[KEPT] == "" and KEPT not in kept.page_keys and KEPT not in kept.reused
    assert {p for p in asked} == {p for p in plain.page_keys if p.startswith("kommuner/") and p not in ("kommuner/index.md", "kommuner/kart.md")}
    others = {p: f for p, f in kept.files.items() if p != KEPT}
    assert others == {p: f for p, f in plain.files.items() if p != KEPT}
    generate._MUNICIPALITY_KEYS.clear()
    none_kept = _site(project_dir, charts, reuse=lambda path, key: False, keep=lambda path: False)
    assert none_kept.files == plain.files and none_kept.page_keys == plain.page_keys
    _site(project_dir, charts, reuse=lambda path, key: False)  # a build that keeps nothing: keys known
    known = _site(project_dir, charts, reuse=lambda path, key: False, keep=lambda path: True)
    assert known.files == plain.files  # every key known: nothing kept, nothing asked


def test_municipality_keys_are_known_under_the_same_site_key_and_worked_out_after_a_change(
        project_dir, charts, monkeypatch):
    generate._MUNICIPALITY_KEYS.clear()
    first = _site(project_dir, charts, reuse=lambda path, key: False)
    catalog = load_catalog(Project(project_dir))
    truth = {j.path: municipality_page_key(catalog, j.shows, j.cases)
             for j in municipality_page_jobs(catalog, nearby=nearby_municipalities(catalog))}
    assert {p: k for p, k in first.page_keys.items() if p in truth} == truth

    # the same inputs: the keys come from the last build, no page's contents are worked out
    def never(*args):
        raise AssertionError("a municipality page key was worked out again")

    monkeypatch.setattr(generate, "municipality_page_key", never)
    again = _site(project_dir, charts, reuse=lambda path, key: True)
    assert {p: k for p, k in again.page_keys.items() if p in truth} == truth
    assert all(again.files[p] == "" for p in truth)

    # a title edit changes the site key: keys are worked out again, and match a fresh computation
    monkeypatch.undo()
    case = sorted((project_dir / "cases").glob("*.yml"))[0]
    case.write_text(re.sub(r"^tittel: ", "tittel: Endret ", case.read_text(encoding="utf-8"), count=1,
                           flags=re.M), encoding="utf-8")
    edited = _site(project_dir, charts, reuse=lambda path, key: False)
    catalog = load_catalog(Project(project_dir))
    fresh = {j.path: municipality_page_key(catalog, j.shows, j.cases)
             for j in municipality_page_jobs(catalog, nearby=nearby_municipalities(catalog))}
    assert {p: k for p, k in edited.page_keys.items() if p in fresh} == fresh
    assert fresh != truth
