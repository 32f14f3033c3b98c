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


@pytest.fixture(scope="module")
def host_with_404(built_site, tmp_path_factory):
    """A host like GitHub Pages for a project site: the site under /erfaringsbanken/, and its
    404.html answers every missing address, however deep."""
    root = tmp_path_factory.mktemp("host404")
    shutil.copytree(built_site, root / "erfaringsbanken")
    shutil.copy(built_site / "404.html", root / "404.html")
    server, url = serve_directory(root)
    yield f"{url}/erfaringsbanken"
    server.shutdown()


@pytest.mark.parametrize("missing", ["404.html", "finnes-ikke", "eksempler/finnes-ikke/", "kommuner/a/b/c/"])
def test_the_404_page_links_work_from_a_sub_path(page, host_with_404, missing):
    failed, loaded = [], set()
    # The page's HEAD probes for the site's top level may miss, and so may the browser's speculative
    # fetches made before the <base> is set; every resource must then load from the top level.
    page.on("response", lambda r: r.request.method == "HEAD" or (
        failed.append(r.url) if r.status >= 400 else loaded.add(r.url)))
    response = page.goto(f"{host_with_404}/{missing}")
    here = response.url.rsplit("/", 1)[0] + "/"
    assert response.status == (200 if missing == "404.html" else 404)
    assert page.inner_text("h1") == "Siden finnes ikke"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    page.wait_for_load_state("networkidle")
    assert [u for u in failed if u != response.url and u.replace(here, f"{host_with_404}/") not in loaded] == []
    hrefs = page.eval_on_selector_all("article a", "links => links.map(a => a.href)")
    assert hrefs and all(h.startswith(f"{host_with_404}/") and "finnes-ikke" not in h and "/a/b" not in h
                         for h in hrefs), hrefs
    page.click("article a:text-is('Se alle eksemplene')")
    page.wait_for_url(f"{host_with_404}/eksempler/")
    assert page.locator("table.eb-case-table").count() == 1
