"""Print (real Chromium, A4, the PDF read back with pypdf): every case prints on at most five pages
and nine in ten on at most three, with no half-empty page left behind a block that moved on; every
printed page names the site and the page's address at the top and the print date and «Side N av M»
at the bottom; a chart is printed without its data table (a table without a chart is printed); the
facts and the first text are on page 1; theme tables keep all their columns."""

import io
import re

import pypdf
import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.charts.specs import case_chart_specs
from conftest import ROOT

pytestmark = pytest.mark.browser

CATALOG = load_catalog(Project(ROOT))
ONE_CHART = [c for c in CATALOG.cases if len(case_chart_specs(c, CATALOG)) == 1]


# The text area of an A4 page in PDF points (origin bottom left): inside the 16 mm top and bottom
# margins, where the site, address, date and page number are printed.
TOP, BOTTOM = 842 - 16 / 25.4 * 72, 16 / 25.4 * 72
CASE_PAGES = {}  # case id -> [how full each printed page is, 0..1]
# A4 with the print margins (14 mm sides, 16 mm top and bottom) at 96 px per inch
PAGE_WIDTH, PAGE_HEIGHT = round(182 / 25.4 * 96), round(265 / 25.4 * 96)


@pytest.fixture
def paper(browser):
    context = browser.new_context(locale="nb-NO", viewport={"width": PAGE_WIDTH, "height": PAGE_HEIGHT})
    page = context.new_page()
    yield page
    context.close()


def printed(page, url: str) -> pypdf.PdfReader:
    """The page at `url` as Chromium prints it on A4, read back."""
    page.goto(url)
    return pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))


def lines(pdf: pypdf.PdfReader) -> list[list[tuple[float, str]]]:
    """Each page's pieces of text with their height on the page (PDF points from the bottom)."""
    out = []
    for pdf_page in pdf.pages:
        found = []
        def visit(text, cm, tm, font, size):
            if text.strip():
                found.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text))
        pdf_page.extract_text(visitor_text=visit)
        out.append(found)
    return out


def fills(pdf: pypdf.PdfReader) -> list[float]:
    """How far down each page's text area the lowest line of text reaches (1.0 = to the bottom)."""
    return [(TOP - min([TOP] + [y for y, _ in page if BOTTOM < y < TOP])) / (TOP - BOTTOM) for page in lines(pdf)]


def margins(pdf: pypdf.PdfReader) -> list[str]:
    """The text printed in each page's top and bottom margins."""
    return ["".join(text for y, text in page if not BOTTOM < y < TOP) for page in lines(pdf)]


@pytest.mark.parametrize("case", CATALOG.cases, ids=lambda c: c.id)
def test_every_printed_page_has_the_address_its_number_and_the_date(page, site_url, case):
    pdf = printed(page, f"{site_url}/{case.url}")
    CASE_PAGES[case.id] = fills(pdf)
    total = len(pdf.pages)
    assert total <= 5
    for number, text in enumerate(margins(pdf), start=1):
        assert text.startswith(f"Erfaringsbanken · {site_url}/{case.url}"), (number, text)
        assert f"Side {number} av {total}" in text, (number, text)
        assert re.search(r"Skrevet ut \d{1,2}\. [a-zæøå]+ \d{4}", text), (number, text)
    # a page before the last is at least half full: no block (chart, table, box) leaves a
    # half-empty page behind it by moving to the next one
    assert all(fill >= 0.5 for fill in CASE_PAGES[case.id][:-1]), CASE_PAGES[case.id]


def test_nine_in_ten_cases_print_on_at_most_three_pages():
    """Read from the page test above (run in the same session, in file order)."""
    assert len(CASE_PAGES) == len(CATALOG.cases), "run with the page test"
    short = [case_id for case_id, pages in CASE_PAGES.items() if len(pages) <= 3]
    assert len(short) >= 0.9 * len(CASE_PAGES), sorted((len(p), c) for c, p in CASE_PAGES.items())


@pytest.mark.parametrize("address", ["temaer/sykefravaer-og-naervaer/", "kommuner/oslo/", "finn/", ""])
def test_other_pages_name_the_address_and_number_every_page_too(page, site_url, address):
    pdf = printed(page, f"{site_url}/{address}")
    total = len(pdf.pages)
    for number, text in enumerate(margins(pdf), start=1):
        assert text.startswith(f"Erfaringsbanken · {site_url}/{address}") and f"Side {number} av {total}" in text


def test_the_margin_rule_is_for_paper_only_and_survives_hostile_addresses(page, site_url):
    """The rule is a print-only style sheet that leaves the page's content alone; an address with quotes, backslashes or a closing
    brace stays one CSS string (location.href is percent-encoded, but the rule escapes anyway)."""
    case = CATALOG.cases[0]
    for suffix in ("", '?q="};body{display:none}', "#\\\"x", "?q=%22%7D"):
        page.goto(f"{site_url}/{case.url}{suffix}")
        sheet = page.evaluate("""() => [...document.styleSheets].filter(s => s.media.mediaText === 'print'
            && s.ownerNode.tagName === 'STYLE').map(s => [...s.cssRules].map(r => r.cssText).join(' '))""")
        assert len(sheet) == 1 and sheet[0].startswith("@page") and sheet[0].count("@page") == 1, sheet
        assert page.is_visible("article h1")
        page.emulate_media(media="screen")
        assert page.is_visible("article h1")
        page.emulate_media(media="print")
        assert page.is_visible("article h1")
        for hidden in (".md-header", ".md-sidebar--primary", ".md-footer"):  # no site chrome on paper
            assert page.is_hidden(hidden)
        text = margins(pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))))[0]
        assert text.startswith(f"Erfaringsbanken · {page.url}") and "Side 1 av" in text, (suffix, text)


@pytest.mark.parametrize("case", [c for c in CATALOG.cases if case_chart_specs(c, CATALOG)], ids=lambda c: c.id)
def test_paper_shows_a_chart_or_its_table_never_both(paper, site_url, case):
    paper.goto(f"{site_url}/{case.url}")
    def shown():
        return paper.evaluate("""() => [...document.querySelectorAll('figure.eb-chart, figure.eb-series')]
            .map(f => [f.className, f.previousElementSibling?.matches('figure.eb-chart') ?? false,
                       getComputedStyle(f).display !== 'none'])""")
    on_screen = shown()
    assert on_screen and all(visible for _, _, visible in on_screen)  # the screen shows both
    paper.emulate_media(media="print")
    for kind, after_chart, visible in shown():
        assert visible == (kind == "eb-chart" or not after_chart), (kind, after_chart, visible)


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
