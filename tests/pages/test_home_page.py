"""The home page starts the journey: search, «find examples from municipalities like yours» with a
type-ahead to the municipality's page, theme tiles with grade and case count, newest and updated
cases, and one honest sentence on where the material comes from."""

import re
from urllib.parse import unquote

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.home_page import municipality_choices, origin_sentence
from conftest import ROOT

CATALOG = load_catalog(Project(ROOT))
CHOICES = dict(municipality_choices(CATALOG))


def test_every_municipality_page_can_be_chosen_and_labels_are_unique():
    assert len(CHOICES) == len(municipality_choices(CATALOG))
    assert {"Herøy (Møre og Romsdal)", "Herøy (Nordland)", "Våler (Østfold)", "Våler (Innlandet)"} <= set(CHOICES)
    assert CHOICES["Åseral"] == "kommuner/aseral/" and CHOICES["Nesset (nå Molde)"] == "kommuner/nesset/"
    assert sum(1 for url in CHOICES.values()) >= 357 + 40


def test_origin_sentence_counts_the_cases_by_programme():
    text = origin_sentence(CATALOG)
    kvp = sum(1 for c in CATALOG.cases if c.program == "kvalitetskommuneprogrammet")
    assert f"Alle {len(CATALOG.cases)} eksemplene" in text and f"{kvp} kommer fra Kvalitetskommuneprogrammet" in text
    assert "ingen fra Saman om ein betre kommune" in text  # no case comes from that programme


def test_theme_tiles_show_grade_and_case_count(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for theme in CATALOG.themes:
        count = len(CATALOG.cases_with_theme(theme.tema))
        grade = CATALOG.vocabularies.label("evidensgrader", theme.evidensgrad)
        tile = re.search(rf'<a href="{theme.url}"><span class="eb-tile__title">.*?</a>', html, re.S)
        assert tile, theme.tema
        assert grade in tile.group(0) and f">{count} eksemp" in tile.group(0), theme.tema
    for href in re.findall(r'<li class="eb-tile"><a href="([^"]+)"', html):
        target = unquote(href.split("?")[0])
        assert (built_site / target / "index.html").is_file(), href


@pytest.mark.browser
def test_search_box_goes_to_the_search_page(page, site_url):
    page.goto(f"{site_url}/")
    page.fill("#eb-home-q", "turnus")
    page.press("#eb-home-q", "Enter")
    page.wait_for_url("**/finn/?q=turnus")


@pytest.mark.browser
@pytest.mark.parametrize("typed, lands_on", [
    ("Åseral", "kommuner/aseral/"), ("åseral ", "kommuner/aseral/"), ("Herøy (Nordland)", "kommuner/heroy-nordland/"),
    ("Molde", "kommuner/molde/"), ("Nesset", "kommuner/nesset/"),
])
def test_municipality_type_ahead_goes_to_its_page(page, site_url, typed, lands_on):
    page.goto(f"{site_url}/")
    assert page.locator("#eb-kommunevalg option").count() == len(CHOICES)
    page.fill("#eb-home-kommune", typed)
    page.press("#eb-home-kommune", "Enter")
    page.wait_for_url(f"{site_url}/{lands_on}")
    assert page.locator("#lignende").count() == 1


@pytest.mark.browser
def test_an_unclear_name_lands_on_the_filtered_list(page, site_url):
    for typed, expected in (("Herøy", ["Herøy", "Herøy"]), ("Åser", ["Åseral"])):
        page.goto(f"{site_url}/")
        page.fill("#eb-home-kommune", typed)
        page.press("#eb-home-kommune", "Enter")
        page.wait_for_url("**/kommuner/?q=*")
        assert page.input_value("#eb-kommunefilter") == typed
        visible = page.eval_on_selector_all(
            ".eb-municipality-list li", "l => l.filter(x => x.offsetParent).map(x => x.querySelector('a').textContent)")
        assert visible == expected


@pytest.mark.browser
def test_newest_and_updated_cases_link_to_cases(page, site_url):
    page.goto(f"{site_url}/")
    for section in ("nyeste", "oppdatert"):
        links = page.eval_on_selector_all(f"section[aria-labelledby={section}] li a", "l => l.map(a => a.href)")
        assert len(links) == 5 and all("/eksempler/" in link for link in links)
