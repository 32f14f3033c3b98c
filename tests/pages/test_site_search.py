"""The whole site's search: which pages are indexed, of which kind, and «Søk» in a real browser."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from builder.pages.site_search import SEARCH_KINDS, search_kind


def test_search_kinds_of_pages():
    assert search_kind("eksempler/molde-barnehage-ledelse.md") == "eksempel"
    assert search_kind("temaer/ledelse.md") == "tema"
    assert search_kind("kommuner/molde.md") == "kommune"
    assert search_kind("om/index.md") == search_kind("om/kunnskapsgrunnlaget.md") == "side"
    assert search_kind("redaktorer/index.md") == "side"
    for listing in ("index.md", "eksempler/index.md", "temaer/index.md", "kommuner/index.md", "finn/index.md",
                    "sok/index.md", "tall/index.md", "data/index.md", "redaktorer/felt.md", "redaktorer/status.md"):
        assert search_kind(listing) is None, listing
    assert set(SEARCH_KINDS) == {"eksempel", "tema", "kommune", "side"}


def _body(html: str) -> str | None:
    match = re.search(r"<div data-pagefind-body>(.*)</div>", html, re.S)
    return match.group(1) if match else None


def test_every_indexed_page_says_its_kind_and_nothing_else_is_indexed(built_site: Path):
    kinds = {}
    for page in sorted(built_site.rglob("index.html")):
        rel = page.relative_to(built_site).as_posix()
        html = page.read_text(encoding="utf-8")
        found = re.findall(r'data-pagefind-filter="type:([a-z]+)"', html)
        kinds[rel] = found[0] if found else None
        assert len(found) <= 1, rel
        assert (found != []) == ("data-pagefind-body" in html), rel
    assert kinds["eksempler/molde-barnehage-ledelse/index.html"] == "eksempel"
    assert kinds["temaer/ledelse/index.html"] == "tema"
    assert kinds["kommuner/molde/index.html"] == "kommune"
    assert kinds["om/index.html"] == "side"
    for listing in ("index.html", "eksempler/index.html", "finn/index.html", "sok/index.html", "tall/index.html"):
        assert kinds[listing] is None, listing


def test_case_pages_keep_boilerplate_out_of_the_index(built_site: Path):
    html = (built_site / "eksempler/molde-barnehage-ledelse/index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="eb-facts" data-pagefind-ignore="index"', html)
    assert re.search(r'<ul class="eb-related" data-pagefind-ignore="all">', html)
    assert re.search(r'<h2 data-pagefind-ignore="all" id="lignende">', html)
    # what the facts box says is searchable as sentences instead
    # (last in the page after a «⁂», so the search pages never show it as a snippet), and the lede
    # line above the facts box («Eksempel · Molde · …») is left out for the same reason
    assert re.search(r'<p class="eb-search-summary" hidden>⁂ Kommune: Molde\. Temaer: [^<]*Ledelse', html)
    assert re.search(r'<p class="eb-lede" data-pagefind-ignore>', html)
    assert html.index('class="eb-search-summary"') > html.index('id="kilder"')


def test_pages_index_the_other_standards_spellings(built_site: Path):
    nynorsk = (built_site / "eksempler/bomlo-ny-arbeidstidsordning/index.html").read_text("utf-8")
    assert "tilsette" in nynorsk
    block = re.search(r'<div class="eb-search-alternatives" hidden data-pagefind-weight="0.5">([^<]*)</div>', nynorsk)
    words = [w.strip() for w in block.group(1).split("⁂") if w.strip()]
    assert "ansatt" in words and "sykefravær" in words and "tilsette" not in words
    theme = (built_site / "temaer/sykefravaer-og-naervaer/index.html").read_text("utf-8")
    assert "sjukefråvær" in re.search(r'eb-search-alternatives[^>]*>([^<]*)<', theme).group(1)


# --- «Søk» in the browser --------------------------------------------------------------------------

def _groups(page) -> dict[str, list[str]]:
    page.wait_for_function("() => /treff/.test(document.querySelector('#eb-status').textContent)", timeout=15000)
    page.wait_for_timeout(300)
    return {kind: page.eval_on_selector_all(f".eb-search-group[data-kind={kind}]:not([hidden]) li a",
                                            "els => els.map(e => e.getAttribute('href'))")
            for kind in SEARCH_KINDS}


@pytest.mark.browser
def test_header_search_finds_a_theme_page_by_a_word_only_it_contains(page, site_url):
    page.goto(f"{site_url}/eksempler/")
    page.fill("#eb-header-q", "heltidskultur")
    page.press("#eb-header-q", "Enter")
    page.wait_for_url(re.compile(r"/sok/\?q="))
    groups = _groups(page)
    assert any(h.endswith("temaer/heltid-og-deltid/") for h in groups["tema"]), groups
    assert page.is_visible("h2#treff-tema")


@pytest.mark.browser
def test_search_finds_a_municipality_page_by_its_name(page, site_url):
    page.goto(f"{site_url}/sok/?q=Gloppen")
    groups = _groups(page)
    assert any(h.endswith("kommuner/gloppen/") for h in groups["kommune"]), groups
    assert groups["eksempel"], "the case from Gloppen is found too"
    # the case group leads on to the finder with the same query
    assert page.get_attribute("#eb-finder-link", "href").endswith("finn/?q=Gloppen")


@pytest.mark.browser
def test_search_groups_by_kind_and_reports_zero_hits_helpfully(page, site_url):
    page.goto(f"{site_url}/sok/?q={quote('sykefravær')}")
    groups = _groups(page)
    assert groups["eksempel"] and groups["tema"]
    status = page.inner_text("#eb-status")
    assert re.match(r"\d+ treff for «sykefravær»: \d+ eksempler, \d+ temasider", status), status
    headings = page.eval_on_selector_all(".eb-search-group:not([hidden]) h2", "els => els.map(e => e.textContent)")
    assert headings[0].startswith("Eksempler") and headings[1].startswith("Temasider")
    page.goto(f"{site_url}/sok/?q=qwertyzz")
    _groups(page)
    assert page.inner_text("#eb-status").startswith("Ingen treff for «qwertyzz»")
