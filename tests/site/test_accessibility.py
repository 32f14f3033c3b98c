"""axe-core (WCAG 2.0/2.1 A and AA rules) in headless Chromium on every page type: zero violations."""

import json

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CATALOG = load_catalog(Project(ROOT))
NYNORSK = next((c for c in CATALOG.cases if c.språk == "nn"), CATALOG.cases[0])
WITH_NUMBERS = next(c for c in CATALOG.cases if c.resultater.tall)

PAGES = {
    "forside": "",
    "eksempler": "eksempler/",
    "eksempel": WITH_NUMBERS.url,
    "eksempel-nynorsk": NYNORSK.url,
    "temaer": "temaer/",
    "tema": "temaer/sykefravaer-og-naervaer/",
    "tall": "tall/",
    "felt": "redaktorer/felt/",
    "kunnskapsgrunnlaget": "om/kunnskapsgrunnlaget/",
    "finn": "finn/?tema=Ledelse",
    "finn-ingen-treff": "finn/?q=sjukefr%C3%A5v%C3%A6r&sektor=Barnehage",
    "sok": "sok/?q=sykefrav%C3%A6r",
    "kommuner": "kommuner/",
    "kart": "kommuner/kart/",
    "kommune": "kommuner/molde/",
    "kommune-uten-eksempler": "kommuner/aseral/",
    "tidligere-kommune": "kommuner/nesset/",
    "kommunenavn-flere": "kommuner/heroy/",
    "data": "data/",
    "status": "redaktorer/status/",
    "404": "404.html",
}


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations(name, page, site_url):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test`, which runs `npm ci`")
    page.goto(f"{site_url}/{PAGES[name]}")
    if name.startswith(("finn", "sok")):
        page.wait_for_function("/funnet|treff/.test(document.querySelector('#eb-status').textContent)")
        page.wait_for_timeout(300)
    # Collapsed parts (quotes from the sources, figure data) are checked as a reader sees them opened.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations']})""")
    violations = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


@pytest.mark.browser
def test_finder_filter_panel_on_a_phone_has_no_axe_violations(browser, site_url):
    context = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/finn/?q=sykefrav%C3%A6r")
    page.wait_for_function("document.querySelector('#eb-status').textContent.includes('funnet')")
    page.click("#eb-filter-toggle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations']})""")
    context.close()
    assert [v["id"] for v in result["violations"]] == []


@pytest.mark.browser
def test_page_language_follows_the_case(page, site_url):
    page.goto(f"{site_url}/{NYNORSK.url}")
    assert page.get_attribute("html", "lang") == NYNORSK.språk
    page.goto(f"{site_url}/eksempler/")
    assert page.get_attribute("html", "lang") == "nb"
