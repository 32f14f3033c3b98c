"""The 404 page never loads anything from another origin, whatever address it is served for.

Built without SITE_URL, the error page finds the site's top level by probing folders above the
address it is shown at, and makes the one it finds the base of its links (overrides/main.html). The
address is the visitor's to choose: a path such as «//other-host/…» or «/\\other-host/…» must not
make the probe or the base point at another host. Here a static host answers every unknown path
with 404.html, and a second local server on another port answers everything with permissive CORS
and JavaScript, and records each request it gets: none may reach it, none of its code may run,
and the page still shows with its styles.
"""

from __future__ import annotations

import http.server
import shutil
import threading
from urllib.parse import urlsplit

import pytest

from static_host import serve_directory

pytestmark = pytest.mark.browser

EVIL_SCRIPT = b"window.__evil = (window.__evil || 0) + 1; document.documentElement.dataset.evil = '1';"


class _EvilHandler(http.server.BaseHTTPRequestHandler):
    """Answers every method and path with 200, CORS for any origin and a script; records requests."""

    def log_message(self, *args):
        pass

    def _answer(self):
        self.server.requests.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
        self.send_header("Access-Control-Allow-Credentials", "true")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.send_header("Access-Control-Allow-Private-Network", "true")
        self.send_header("Content-Type", "application/javascript")
        self.send_header("Content-Length", str(len(EVIL_SCRIPT)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(EVIL_SCRIPT)

    do_GET = do_HEAD = do_POST = do_OPTIONS = _answer


@pytest.fixture(scope="module")
def evil():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _EvilHandler)
    server.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def root_host(built_site):
    """The site at the top of a host whose 404.html answers every missing address."""
    server, url = serve_directory(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def subpath_host(built_site, tmp_path_factory):
    """The site under /erfaringsbanken/ (like a GitHub Pages project site), its 404.html also at the top."""
    root = tmp_path_factory.mktemp("host404-hostile")
    shutil.copytree(built_site, root / "erfaringsbanken")
    shutil.copy(built_site / "404.html", root / "404.html")
    server, url = serve_directory(root)
    yield url
    server.shutdown()


# «{evil}» stands for the second server's host:port. Each path is appended to the site's origin.
HOSTILE_PATHS = [
    "//{evil}/x",
    "//{evil}/",
    "//{evil}",
    "//{evil}/assets/",
    "///{evil}/x",
    "////{evil}/a/b/",
    "/%2F{evil}/x",
    "/%2f{evil}/x",
    "/%2F%2F{evil}/x",
    "/\\{evil}/x",
    "/\\\\{evil}/x",
    "/%5C{evil}/x",
    "/%5c%5C{evil}/x",
    "/\\/{evil}/x",
    "//\\{evil}/x",
    "/%2F\\{evil}/x",
    "/\\%2F{evil}/x",
    "/\t/{evil}/x",
    "/\n/{evil}/x",
    "/\r\n/{evil}/x",
    "/..//{evil}/x",
    "/%2e%2e//{evil}/x",
    "/.//{evil}/x",
    "/eksempler//{evil}/x",
    "/eksempler/\\{evil}/x",
    "/eksempler/%2F{evil}/",
    "//{evil}/" + "a/" * 200,
    "/" + "a/" * 300 + "/{evil}/x",
    "/" + "a/" * 3 + "/{evil}/" + "b" * 3000,
    "//{evil}/x?y=//{evil}/#//{evil}/",
    "//{evil}/\"><script src=//{evil}/s.js></script>",
]

SUBPATH_PATHS = [
    "/erfaringsbanken//{evil}/x",
    "/erfaringsbanken///{evil}/",
    "/erfaringsbanken/\\{evil}/x",
    "/erfaringsbanken/%2F{evil}/x",
    "/erfaringsbanken/%5C{evil}/x",
    "/erfaringsbanken/eksempler//{evil}/a/b/",
    "//{evil}/erfaringsbanken/x",
    "/\\{evil}/erfaringsbanken/",
]


def _load(page, site: str, path: str, evil_server):
    """Open the site at `path`; return (the evil server's requests, the page's requests elsewhere)."""
    own = f"{urlsplit(site).scheme}://{urlsplit(site).netloc}"
    elsewhere = []

    def check(request):
        parts = urlsplit(request.url)
        if f"{parts.scheme}://{parts.netloc}" != own:
            elsewhere.append(request.url)

    page.on("request", check)
    evil_server.requests.clear()
    page.goto(site + path.format(evil=f"127.0.0.1:{evil_server.server_address[1]}"), wait_until="load")
    page.wait_for_load_state("networkidle")
    return list(evil_server.requests), elsewhere


def _assert_renders_with_styles(page, top: str):
    assert page.inner_text("h1") == "Siden finnes ikke"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    hrefs = page.eval_on_selector_all("article a", "links => links.map(a => a.href)")
    assert hrefs and all(h.startswith(top) for h in hrefs), hrefs


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_no_hostile_path_makes_the_404_page_load_from_another_host(page, root_host, evil, path):
    reached, elsewhere = _load(page, root_host, path, evil)
    assert reached == []
    assert elsewhere == []
    assert page.evaluate("window.__evil === undefined && !document.documentElement.dataset.evil")
    base = page.evaluate("document.baseURI")
    assert base.startswith(root_host + "/"), base
    _assert_renders_with_styles(page, root_host + "/")


@pytest.mark.parametrize("path", SUBPATH_PATHS)
def test_no_hostile_path_leaves_the_origin_under_a_sub_path(page, subpath_host, evil, path):
    reached, elsewhere = _load(page, subpath_host, path, evil)
    assert reached == []
    assert elsewhere == []
    assert page.evaluate("window.__evil === undefined && !document.documentElement.dataset.evil")
    assert page.evaluate("document.baseURI").startswith(subpath_host + "/")
    assert page.inner_text("h1") == "Siden finnes ikke"
    if path.startswith("/erfaringsbanken/"):  # the site's own folder is on the path: found, styled
        _assert_renders_with_styles(page, subpath_host + "/erfaringsbanken/")


def test_an_honest_deep_address_still_finds_the_top_level(page, subpath_host, evil):
    reached, elsewhere = _load(page, subpath_host, "/erfaringsbanken/kommuner/a/b/c/", evil)
    assert reached == [] and elsewhere == []
    assert page.evaluate("document.baseURI") == subpath_host + "/erfaringsbanken/"
    _assert_renders_with_styles(page, subpath_host + "/erfaringsbanken/")
