"""Pages that read on a phone and on a desktop (real Chromium): at 390 px no page is wider than
the screen; at 1280 px no word in a table cell is wider than its cell (words never break inside)."""

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from conftest import ROOT

pytestmark = pytest.mark.browser

CATALOG = load_catalog(Project(ROOT))
WITH_CHART = next(c for c in CATALOG.cases if c.resultater.tall)
NYNORSK = next((c for c in CATALOG.cases if c.språk == "nn"), CATALOG.cases[0])
EVERY_PAGE_TYPE = {
    "forside": "", "eksempler": "eksempler/", "eksempel": WITH_CHART.url, "eksempel-nynorsk": NYNORSK.url,
    "temaer": "temaer/", "tema": "temaer/sykefravaer-og-naervaer/", "tema-ledelse": "temaer/ledelse/",
    "tall": "tall/", "kommuner": "kommuner/", "kommune": "kommuner/molde/",
    "kommune-uten-eksempler": "kommuner/aseral/", "tidligere-kommune": "kommuner/nesset/",
    "bydel": "kommuner/bydel-alna/", "kommunenavn-flere": "kommuner/heroy/", "finn": "finn/?q=ledelse",
    "data": "data/", "om": "om/", "kunnskapsgrunnlaget": "om/kunnskapsgrunnlaget/",
    "tilgjengelighet": "om/tilgjengelighet/", "redaktorer": "redaktorer/", "felt": "redaktorer/felt/",
    "status": "redaktorer/status/", "404": "404.html",
}
WITH_TABLES = ["eksempler", "temaer", "tema", "tema-ledelse", "tall", "kommune", "eksempel", "felt", "status"]
WORDS_IN_CELLS = (ROOT / "tests" / "words_in_cells.js").read_text(encoding="utf-8")


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", EVERY_PAGE_TYPE)
def test_no_page_is_wider_than_a_phone(phone, site_url, name):
    phone.goto(f"{site_url}/{EVERY_PAGE_TYPE[name]}")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("name", WITH_TABLES)
def test_no_word_is_wider_than_its_table_cell_at_desktop_width(desktop, site_url, name):
    desktop.goto(f"{site_url}/{EVERY_PAGE_TYPE[name]}")
    assert desktop.locator("article table").count() > 0
    assert desktop.evaluate(WORDS_IN_CELLS) == []


def test_the_word_check_finds_squeezed_words(desktop, site_url):
    """Control: squeeze the table the way the theme's default styles used to, and the check fails."""
    desktop.goto(f"{site_url}/eksempler/")
    desktop.add_style_tag(content=".md-typeset table[class^='eb-'] td, .md-typeset table[class^='eb-'] a "
                                  "{ overflow-wrap: anywhere !important; min-width: 0 !important; }"
                                  ".md-typeset table.eb-case-table { width: 300px !important; }")
    assert len(desktop.evaluate(WORDS_IN_CELLS)) > 10
