"""The site works when published under a sub-path (e.g. https://org.github.io/erfaringsbanken/)."""

import shutil

import pytest

from static_host import serve_directory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def subpath_url(built_site, tmp_path_factory):
    root = tmp_path_factory.mktemp("host")
    shutil.copytree(built_site, root / "erfaringsbanken")
    server, url = serve_directory(root)
    yield f"{url}/erfaringsbanken"
    server.shutdown()


def test_pages_styles_and_links_work_under_a_sub_path(page, subpath_url):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(f"{subpath_url}/")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    page.click("nav.md-nav--primary a:has-text('Alle eksempler')")
    page.wait_for_url("**/erfaringsbanken/eksempler/")
    page.locator("table.eb-case-table a").first.click()
    page.wait_for_url("**/erfaringsbanken/eksempler/*/")
    assert page.locator(".eb-facts").count() == 1
    assert failed == []


def test_search_works_under_a_sub_path(page, subpath_url):
    page.goto(f"{subpath_url}/temaer/")
    page.fill("#eb-header-q", "sykefravær")
    page.press("#eb-header-q", "Enter")
    page.wait_for_url("**/erfaringsbanken/sok/?q=*")
    page.wait_for_function("document.querySelector('#eb-status').textContent.includes('treff')")
    hit = page.locator(".eb-search-group[data-kind=eksempel] li a").first
    hit.wait_for()
    assert hit.get_attribute("href").startswith("/erfaringsbanken/eksempler/")
    hit.click()
    page.wait_for_url("**/erfaringsbanken/eksempler/*/")


def test_finder_works_under_a_sub_path(page, subpath_url):
    page.goto(f"{subpath_url}/finn/?q=sykefrav%C3%A6r")
    page.wait_for_function("document.querySelector('#eb-status').textContent.includes('funnet')")
    href = page.locator("#eb-results a").first.get_attribute("href")
    assert href.startswith("/erfaringsbanken/eksempler/")
    page.locator("#eb-results a").first.click()
    page.wait_for_url("**/erfaringsbanken/eksempler/*/")
