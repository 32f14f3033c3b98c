"""Municipality pages: one for every municipality (2024), every former one and bydel in the
register, a page at a shared name's plain address, the size-band choice and the index filter."""

import re

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.sources.municipality_list import slug
from builder.pages.municipality_pages import build_pages
from conftest import ROOT

CATALOG = load_catalog(Project(ROOT))
PAGES, SHARED = build_pages(CATALOG)
BY_ID = {p.id: p for p in PAGES}
BANDS = CATALOG.vocabularies["kommunestorrelser"].ids
# A municipality with no register entry: no cases and no listed participation.
OUTSIDER = next(p for p in PAGES if p.current and p.entry is None and not p.formed_from
                and not p.current.deltakelse_merknad)


def test_every_current_municipality_and_every_register_entry_has_one_page():
    assert {m.id for m in CATALOG.municipality_list.municipalities} <= set(BY_ID)
    assert {e.id for e in CATALOG.register.entries} <= set(BY_ID)
    assert len(BY_ID) == len(PAGES)
    assert sum(1 for p in PAGES if p.current) == 357


def test_former_municipalities_point_to_the_municipality_they_are_part_of():
    former = [p for p in PAGES if p.kind == "tidligere"]
    assert former and all(p.merged_into is not None and p.merged_into.current for p in former)
    assert BY_ID["nesset"].merged_into is BY_ID["molde"] and BY_ID["nesset"] in BY_ID["molde"].formed_from
    assert BY_ID["bydel-alna"].parent is BY_ID["oslo"]


def test_a_shared_name_lists_every_page_with_that_name():
    assert [p.id for p in SHARED["heroy"]] == ["heroy-more-og-romsdal", "heroy-nordland"]
    assert {p.id for p in SHARED["valer"]} == {"valer-innlandet", "valer-ostfold"}
    assert {p.id for p in SHARED["bo"]} == {"bo-nordland", "bo-telemark"}
    for name_slug, pages in SHARED.items():
        assert name_slug not in BY_ID and all(slug(p.navn) == name_slug for p in pages)


def test_built_site_has_every_page(built_site):
    for page in PAGES:
        assert (built_site / page.url / "index.html").is_file(), page.url
    for name_slug in SHARED:
        html = (built_site / "kommuner" / name_slug / "index.html").read_text(encoding="utf-8")
        for page in SHARED[name_slug]:
            assert f'href="../{page.id}/"' in html


def test_pages_say_where_the_data_come_from(built_site):
    html = (built_site / OUTSIDER.url / "index.html").read_text(encoding="utf-8")
    assert OUTSIDER.current.kommunenummer in html
    assert "Kildene oppgir ingen deltakelse" in html
    molde = (built_site / "kommuner/molde/index.html").read_text(encoding="utf-8")
    assert "linje" in molde and 'href="../nesset/"' in molde
    nesset = (built_site / "kommuner/nesset/index.html").read_text(encoding="utf-8")
    assert 'en del av <a href="../molde/">Molde</a>' in nesset
    valer = (built_site / "kommuner/valer-ostfold/index.html").read_text(encoding="utf-8")
    assert "ingen sikker deltakelse" in valer and "uvisst om det gjelder denne kommunen" in valer
    assert "nevner ikke kommunen" not in valer


def _visible_examples(page):
    return page.eval_on_selector_all(
        ".eb-similar:not([hidden]) li a", "links => links.filter(a => a.offsetParent).map(a => a.textContent)")


@pytest.mark.browser
def test_a_municipality_without_cases_shows_examples_in_the_size_band_the_reader_picks(page, site_url):
    page.goto(f"{site_url}/{OUTSIDER.url}")
    assert page.inner_text("h1") == OUTSIDER.navn
    # before any choice: every size, at least three examples, one list shown
    assert page.is_checked("#storrelse-alle")
    assert page.eval_on_selector_all(".eb-similar:not([hidden])", "s => s.map(x => x.dataset.band)") == ["alle"]
    assert len(_visible_examples(page)) >= 3
    seen = {}
    for band in BANDS + ["alle"]:
        page.check(f"#storrelse-{band}")
        assert page.eval_on_selector_all(".eb-similar:not([hidden])", "s => s.map(x => x.dataset.band)") == [band]
        titles = _visible_examples(page)
        assert len(titles) >= 3, band
        seen[band] = titles
    assert len({tuple(t) for t in seen.values()}) > 1  # the choice changes the examples


@pytest.mark.browser
def test_without_javascript_every_size_band_is_listed(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{OUTSIDER.url}")
    assert page.is_hidden("[data-eb-sizeband]")
    assert page.eval_on_selector_all(".eb-similar", "s => s.filter(x => !x.hidden).length") == len(BANDS) + 1
    context.close()


@pytest.mark.browser
def test_the_index_filter_narrows_by_name_or_number(page, site_url):
    page.goto(f"{site_url}/kommuner/")
    all_items = page.eval_on_selector_all(".eb-municipality-list li", "l => l.length")
    assert all_items == len(PAGES)
    groups = page.eval_on_selector_all(".eb-county h2", "h => h.map(x => x.textContent)")
    assert groups[:2] == ["Oslo", "Rogaland"] and len(groups) == 15

    def visible():
        return page.eval_on_selector_all(".eb-municipality-list li", "l => l.filter(x => x.offsetParent).map(x => x.querySelector('a').textContent)")

    assert len(visible()) == all_items and page.inner_text("#eb-kommunefilter-status") == ""
    page.fill("#eb-kommunefilter", "åser")
    assert visible() == ["Åseral"]
    assert page.eval_on_selector_all(".eb-county", "g => g.filter(x => !x.hidden).length") == 1
    assert "1 treff" in page.inner_text("#eb-kommunefilter-status")
    page.fill("#eb-kommunefilter", "Heroy")
    assert visible() == ["Herøy", "Herøy"]
    page.fill("#eb-kommunefilter", OUTSIDER.current.kommunenummer)
    assert visible() == [OUTSIDER.navn]
    page.fill("#eb-kommunefilter", "zzzz")
    assert visible() == [] and page.is_visible("#eb-kommunefilter-empty")
    page.fill("#eb-kommunefilter", "")
    assert len(visible()) == all_items and page.is_hidden("#eb-kommunefilter-empty")
    page.click(".eb-county a:text-is('Åseral')")
    assert re.search(r"/kommuner/aseral/$", page.url)


def test_every_band_says_why_and_how_many_in_the_built_page(built_site):
    """Each listed example carries its reason; a band with more than six says «6 av N» and links to
    the finder filtered on the band."""
    from builder.pages.municipality_pages import finder_links, home_of, nearby_municipalities, similar_by_band

    links = finder_links(CATALOG)
    nearby = nearby_municipalities(CATALOG)
    for page_id in ("loppa", "fedje", "hattfjelldal", "tynset", "oslo", "vennesla"):
        html = (built_site / "kommuner" / page_id / "index.html").read_text(encoding="utf-8")
        near = nearby.get(home_of(BY_ID[page_id], CATALOG).place, frozenset())
        for band, examples, total in similar_by_band(BY_ID[page_id], CATALOG, nearby=near):
            section = html[html.index(f'data-band="{band}"'):]
            section = section[:section.index("</section>")]
            reasons = re.findall(r'eb-similar__reason">· ([^<]*)</span>', section)
            assert [r.replace("&#39;", "'") for r in reasons] == [e.reason for e in examples], (page_id, band)
            href, count = links[band]
            if total > len(examples):
                assert f"{len(examples)} av {total} vises her." in section
            assert f'href="../../{href}"' in section and (f"Vis alle {count} " in section or count == 0
                                                          or total <= len(examples)), (page_id, band)


@pytest.mark.browser
def test_vis_alle_opens_the_finder_with_that_many_examples(page, site_url):
    page.goto(f"{site_url}/kommuner/loppa/")
    page.check("#storrelse-under-5000")
    link = page.locator(".eb-similar:not([hidden]) .eb-similar__all a")
    wanted = int(re.search(r"Vis alle (\d+) ", link.inner_text()).group(1))
    link.click()
    page.wait_for_function("() => document.querySelector('#eb-status').textContent.includes('funnet')",
                           timeout=15000)
    assert page.is_checked("input[name=kommunestorrelse][value='Under 5 000 innbyggere']")
    assert int(re.match(r"(\d+)", page.inner_text("#eb-status")).group(1)) == wanted
