"""«Nyeste eksempler» on the home page: newest added first, cases added the same day in Norwegian
alphabetical order of title (æ, ø, å last), and the page says plainly when days tie (issue 21, item 9)."""

import copy
import re
from html import unescape

import pytest

from builder.core.formatting import norwegian_key
from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.home_page import newest_cases
from conftest import ROOT


@pytest.fixture
def catalog():
    # A copy: load_catalog keeps one catalog per project for the whole process, and the tests below
    # give it made-up added days that must not reach a later build in the same test session.
    return copy.copy(load_catalog(Project(ROOT)))


def _dates(catalog, days):
    """Give the first len(days) cases the given added days, every other case an old day."""
    added = {c.source_file: "2001-01-01" for c in catalog.cases}
    for case, day in zip(catalog.cases, days):
        added[case.source_file] = day
    catalog._first_added = added  # the cache first_added() fills from git
    return catalog.cases[:len(days)]


def test_newest_first_when_days_differ(catalog):
    cases = _dates(catalog, ["2026-11-20", "2026-11-24", "2026-11-22", "2026-11-21", "2026-11-23"])
    shown, ties = newest_cases(catalog)
    assert [c.id for c, _ in shown] == [cases[i].id for i in (1, 4, 2, 3, 0)]
    assert [d for _, d in shown] == ["2026-11-24", "2026-11-23", "2026-11-22", "2026-11-21", "2026-11-20"]
    assert ties == []


@pytest.mark.parametrize("tied", [2, 3, 5, 7])
def test_ties_are_alphabetical_and_said(catalog, tied):
    cases = _dates(catalog, ["2026-11-25"] + ["2026-11-24"] * tied)
    shown, ties = newest_cases(catalog)
    assert shown[0][0].id == cases[0].id
    tied_titles = sorted((c.tittel for c in cases[1:]), key=norwegian_key)
    n = min(tied, 4)
    assert [c.tittel for c, _ in shown[1:1 + n]] == tied_titles[:n]
    assert ties[:1] == [f"{tied} eksempler lagt inn samme dag, 24. november 2026; vist i alfabetisk rekkefølge."]


def test_all_on_one_day_is_alphabetical_with_aeoeaa_last(catalog):
    catalog._first_added = {c.source_file: "2026-11-24" for c in catalog.cases}
    shown, ties = newest_cases(catalog, limit=len(catalog.cases))
    titles = [c.tittel for c, _ in shown]
    assert titles == sorted(titles, key=norwegian_key)
    assert ties == [f"{len(catalog.cases)} eksempler lagt inn samme dag, 24. november 2026; "
                    "vist i alfabetisk rekkefølge."]


def test_norwegian_key_puts_aeoeaa_after_z():
    assert sorted(["Åsnes", "Zeta", "Ørsta", "Ærøy", "alta"], key=norwegian_key) == ["alta", "Zeta", "Ærøy", "Ørsta", "Åsnes"]


def test_home_page_orders_and_explains_ties(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    section = html.split('id="nyeste"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<li><a href="[^"]+"[^>]*>([^<]+)</a>.*?<time datetime="([\d-]+)">([^<]+)</time>', section)
    assert len(items) == 5
    days = [day for _, day, _ in items]
    assert days == sorted(days, reverse=True)
    for day in set(days):
        titles = [unescape(title) for title, d, _ in items if d == day]
        assert titles == sorted(titles, key=norwegian_key)
        if len(titles) > 1:
            shown = next(text for _, d, text in items if d == day)
            assert re.search(rf"<p class=\"eb-muted eb-ties\">\d+ eksempler lagt inn samme dag, {shown}; "
                             "vist i alfabetisk rekkefølge.</p>", section)
