"""«Finn eksempler» and site search in a real browser: Pagefind index, facets, URL state, links."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from builder.catalog import load_catalog
from builder.facets import FACETS, case_facets
from builder.project import Project
from conftest import ROOT

pytestmark = pytest.mark.browser
CATALOG = load_catalog(Project(ROOT))


def _results(page) -> list[str]:
    """Case ids shown in the result list (waits for the search to finish)."""
    page.wait_for_function(
        "() => { const s = document.querySelector('#eb-status').textContent;"
        " return s.includes('funnet'); }", timeout=15000)
    page.wait_for_timeout(300)
    status = page.inner_text("#eb-status")
    expected = 0 if status.startswith("Ingen") else int(re.match(r"(\d+)", status).group(1))
    page.wait_for_function(f"() => document.querySelectorAll('#eb-results li').length >= {min(expected, 20)}", timeout=15000)
    for _ in range(200):  # bounded: «Vis flere» disappears when everything is shown
        if not page.is_visible("#eb-more"):
            break
        page.click("#eb-more")
        page.wait_for_timeout(200)
    else:
        raise AssertionError("«Vis flere treff» never disappeared")
    hrefs = page.eval_on_selector_all("#eb-results a", "els => els.map(e => e.getAttribute('href'))")
    return sorted({h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs})


def _expected(**wanted) -> list[str]:
    out = []
    for case in CATALOG.cases:
        facets = case_facets(case, CATALOG)
        if all(set(values) & set(facets[name]) for name, values in wanted.items()):
            out.append(case.id)
    return sorted(out)


def test_inflected_word_finds_the_case(page, site_url):
    page.goto(f"{site_url}/finn/?q=arbeidsmilj%C3%B8unders%C3%B8kelsene")
    assert "haegebostad-sykefravaer" in _results(page)


def test_bokmal_query_finds_nynorsk_case(page, site_url):
    page.goto(f"{site_url}/finn/?q=minoritetsspr%C3%A5klige")
    assert "gloppen-barnehage-minoritetsspraklige-foreldre" in _results(page)


def test_header_search_goes_to_the_finder(page, site_url):
    page.goto(f"{site_url}/temaer/")
    page.fill("#eb-header-q", "sykefravær")
    page.press("#eb-header-q", "Enter")
    page.wait_for_url(re.compile(r"/finn/\?q="))
    assert len(_results(page)) > 3


def test_two_filters_show_exactly_the_expected_cases_and_survive_reload(page, site_url):
    page.goto(f"{site_url}/finn/")
    assert len(_results(page)) == len(CATALOG.cases)
    page.check("input[name=tema][value='Sykefravær og nærvær']")
    page.check("input[name=sektor][value='Hele kommunen']")
    expected = _expected(tema=["Sykefravær og nærvær"], sektor=["Hele kommunen"])
    assert expected and len(expected) < len(CATALOG.cases)
    page.wait_for_function("() => location.search.includes('sektor')")
    assert _results(page) == expected
    query = parse_qs(urlparse(page.url).query)
    assert query == {"tema": ["Sykefravær og nærvær"], "sektor": ["Hele kommunen"]}
    page.reload()
    assert _results(page) == expected
    assert page.is_checked("input[name=sektor][value='Hele kommunen']")
    count = page.inner_text("label[for] >> text=Hele kommunen")
    assert f"({len(expected)})" in count


def test_values_within_a_facet_are_combined_with_or(page, site_url):
    page.goto(f"{site_url}/finn/?sektor=Barnehage&sektor=Skole+og+SFO")
    assert _results(page) == _expected(sektor=["Barnehage", "Skole og SFO"])


def test_reset_and_keyboard(page, site_url):
    page.goto(f"{site_url}/finn/?sektor=Barnehage")
    assert _results(page) == _expected(sektor=["Barnehage"])
    page.focus("input[name=sektor][value='Helse']")
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search.includes('Helse')")
    assert _results(page) == _expected(sektor=["Barnehage", "Helse"])
    page.click("#eb-reset")
    page.wait_for_function("() => location.search === ''")
    assert page.evaluate("document.activeElement.id") == "eb-q"
    assert len(_results(page)) == len(CATALOG.cases)
    # «Vis flere» moved focus to the first new result, not to the page body
    assert page.evaluate("document.activeElement.closest('#eb-results') !== null")


def test_every_facet_is_offered(page, site_url):
    page.goto(f"{site_url}/finn/")
    legends = page.eval_on_selector_all("fieldset.eb-facet legend", "els => els.map(e => e.textContent)")
    assert legends == [heading for _, heading in FACETS]


def test_municipality_and_related_links_work(page, site_url):
    case = next(c for c in CATALOG.cases if len(c.kommuner) == 1 and not c.kommuner[0].bydel)
    page.goto(f"{site_url}/{case.url}")
    page.click(f".eb-facts a:text-is('{case.kommuner[0].navn}')")
    assert page.inner_text("h1") == case.kommuner[0].navn
    assert page.locator(f"a[href$='{case.id}/']").count() >= 1
    page.goto(f"{site_url}/{case.url}")
    related = page.locator("#lignende + .eb-related a").first
    title = related.inner_text()
    related.click()
    assert page.inner_text("h1") == title


def test_result_meta_shows_municipalities_plainly(page, site_url):
    case = next(c for c in CATALOG.cases if len(c.kommuner) > 1)
    page.goto(f"{site_url}/finn/?q={case.id.split('-')[0]}")
    _results(page)
    metas = page.eval_on_selector_all(".eb-finder__meta", "els => els.map(e => e.textContent)")
    assert metas and not any("\\" in m for m in metas)
