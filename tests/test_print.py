"""Print (real Chromium, A4): a case with one chart prints on at most three pages with the facts and
the first text on page 1; the paper names the site, the page's address and the print date; theme
tables keep all their columns."""

import re

import pytest

from builder.catalog import load_catalog
from builder.chart_specs import case_chart_specs
from builder.project import Project
from conftest import ROOT

pytestmark = pytest.mark.browser

CATALOG = load_catalog(Project(ROOT))
ONE_CHART = [c for c in CATALOG.cases if len(case_chart_specs(c, CATALOG)) == 1]
# A4 with the print margins (14 mm sides, 14 mm top, 16 mm bottom) at 96 px per inch
PAGE_WIDTH, PAGE_HEIGHT = round(182 / 25.4 * 96), round(267 / 25.4 * 96)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture
def paper(browser):
    context = browser.new_context(locale="nb-NO", viewport={"width": PAGE_WIDTH, "height": PAGE_HEIGHT})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("case", ONE_CHART, ids=lambda c: c.id)
def test_a_case_with_one_chart_prints_on_at_most_three_a4_pages(page, site_url, case):
    assert ONE_CHART
    page.goto(f"{site_url}/{case.url}")
    assert pdf_pages(page.pdf(format="A4")) <= 3


@pytest.mark.parametrize("case", ONE_CHART, ids=lambda c: c.id)
def test_facts_and_the_first_text_are_on_page_one(paper, site_url, case):
    paper.goto(f"{site_url}/{case.url}")
    paper.emulate_media(media="print")
    bottom = paper.evaluate("""() => {
        const heading = document.getElementById('bakgrunn');
        let text = heading.nextElementSibling;
        return {facts: document.querySelector('.eb-facts').getBoundingClientRect().bottom + scrollY,
                text: text.getBoundingClientRect().bottom + scrollY,
                forced: [...document.querySelectorAll('article *')].filter(e =>
                    ['page', 'always', 'left', 'right'].includes(getComputedStyle(e).breakBefore)).length};
    }""")
    assert bottom["forced"] == 0
    assert bottom["facts"] < bottom["text"] <= PAGE_HEIGHT


def test_the_paper_names_the_site_the_address_and_the_print_date(paper, site_url):
    case = ONE_CHART[0] if ONE_CHART else CATALOG.cases[0]
    paper.goto(f"{site_url}/{case.url}")
    assert paper.is_hidden(".eb-print-info")  # not on screen
    paper.emulate_media(media="print")
    assert paper.is_visible(".eb-print-info")
    text = paper.inner_text(".eb-print-info")
    assert text.startswith("Erfaringsbanken · ") and f"{site_url}/{case.url}" in text
    assert re.search(r"skrevet ut \d{1,2}\. [a-zæøå]+ \d{4}$", text)  # a Norwegian date, whatever day
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert paper.is_hidden(hidden)


@pytest.mark.parametrize("theme", [t.tema for t in CATALOG.themes])
def test_theme_tables_keep_all_their_columns_on_paper(paper, site_url, theme):
    paper.goto(f"{site_url}/temaer/{theme}/")
    paper.emulate_media(media="print")
    clipped = paper.evaluate("""() => {
        const right = document.querySelector('article').getBoundingClientRect().right + 1;
        return [...document.querySelectorAll('article table')].filter(t =>
            t.getBoundingClientRect().right > right ||
            [...t.querySelectorAll('th, td')].some(c => c.getBoundingClientRect().right > right)).map(t => t.className);
    }""")
    assert paper.locator("article table").count() > 0
    assert clipped == []
