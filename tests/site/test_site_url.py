"""Publishable by default: without SITE_URL the build writes no made-up host (no sitemap, canonical
or Open Graph URL; relative feed links); with SITE_URL they all use the given address."""

import os
import re
import subprocess
import sys

import pytest

from builder.core.project import Project
from builder.build.site_build import build_site
from conftest import ROOT, copy_project, run_cli

PUBLISHED = "https://kommune.example.org/erfaringsbanken/"
TEXT = (".html", ".xml", ".txt", ".json", ".csv", ".js", ".css", ".svg", ".webmanifest")


def _build(tmp_path_factory, monkeypatch_env: dict) -> "Path":
    site = tmp_path_factory.mktemp("site-url") / "site"
    old = {k: os.environ.get(k) for k in monkeypatch_env}
    try:
        for key, value in monkeypatch_env.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        problems = []
        assert build_site(Project(ROOT), site_dir=site, report=problems.extend, quiet=True) == 0, problems
    finally:
        for key, value in old.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    return site


@pytest.fixture(scope="module")
def plain_site(built_site, tmp_path_factory):
    return _build(tmp_path_factory, {"SITE_URL": None}) if os.environ.get("SITE_URL") else built_site


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    return _build(tmp_path_factory, {"SITE_URL": PUBLISHED, "REPO_URL": "https://github.com/kommune/erfaringsbanken"})


def _vendored(path) -> bool:
    """A file of the editing form copied byte for byte from Decap's npm package."""
    original = ROOT / "node_modules" / "decap-cms" / "dist" / path.name
    return path.parent.name == "rediger" and original.is_file() and original.read_bytes() == path.read_bytes()


# The form run against a local checkout (a build without REPO_URL): skjema.js looks for
# decap-server where Decap's own local backend looks (the same address as in Decap's bundle, which
# is exempt above), and the page tells the editor which local address to open. Only these exact
# strings are allowed; any other local address in these files still fails.
LOCAL_ON_PURPOSE = {
    "rediger/skjema.js": ('["localhost", "127.0.0.1"]', '"http://localhost:8081/api/v1"',
                          'fallback.replace("localhost", window.location.hostname)'),
    "rediger/index.html": ("<code>127.0.0.1:8000/rediger/</code>",),
}


def test_a_build_without_site_url_names_no_local_address(plain_site):
    found = []
    for path in plain_site.rglob("*"):
        # Material's source maps quote its own source code, whose comments mention «localhost»;
        # Decap's bundle, copied unchanged for /rediger/, holds its local-backend default address
        if path.is_file() and path.suffix in TEXT and "pagefind" not in path.parts and not _vendored(path):
            text = path.read_text(encoding="utf-8", errors="replace")
            for allowed in LOCAL_ON_PURPOSE.get(path.relative_to(plain_site).as_posix(), ()):
                assert allowed in text, f"{path.name}: {allowed!r} moved; update LOCAL_ON_PURPOSE"
                text = text.replace(allowed, "")
            if "127.0.0.1" in text or "localhost" in text:
                found.append(str(path.relative_to(plain_site)))
    assert found == []
    assert not (plain_site / "sitemap.xml").exists() and not (plain_site / "sitemap.xml.gz").exists()
    assert "Sitemap:" not in (plain_site / "robots.txt").read_text(encoding="utf-8")
    home = (plain_site / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home and 'property="og:url"' not in home


def test_a_build_with_site_url_uses_it_for_sitemap_canonical_open_graph_and_feeds(published_site):
    case_page = next((published_site / "eksempler").glob("*/index.html"))
    html = case_page.read_text(encoding="utf-8")
    address = PUBLISHED + case_page.parent.relative_to(published_site).as_posix() + "/"
    assert f'<link rel="canonical" href="{address}">' in html
    assert f'<meta property="og:url" content="{address}">' in html
    assert address in (published_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLISHED}sitemap.xml" in (published_site / "robots.txt").read_text(encoding="utf-8")
    assert f'href="{address}"' in (published_site / "feed" / "eksempler.xml").read_text(encoding="utf-8")
    not_found = (published_site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'href="/erfaringsbanken/eksempler/"', not_found)


# --- SITE_URL and REPO_URL are checked before anything is built (builder/sources/site_address.py) ---------

REPO = "https://github.com/kommune/erfaringsbanken"

# (value, what the message must say). Each value is tried as SITE_URL and as REPO_URL.
HOSTILE_ADDRESSES = [
    ('https://x/"><script>alert(1)</script>', "inneholder tegnet «\"»"),
    ("https://x/'><script>alert(1)</script>", "inneholder tegnet «'»"),
    ("https://x/<script>", "inneholder tegnet «<»"),
    ("https://x/`onmouseover=alert(1)", "inneholder tegnet «`»"),
    ("https://x/\\evil", "inneholder tegnet «\\»"),
    ("javascript:alert(1)", "må begynne med https://"),
    ("data:text/html,<script>alert(1)</script>", "inneholder tegnet «<»"),
    ("http://kommune.example.org/", "bruker http://, som ikke er kryptert"),
    ("HTTPS://kommune.example.org/", "små bokstaver"),
    ("ftp://kommune.example.org/", "må begynne med https://"),
    ("//kommune.example.org/", "må begynne med https://"),
    ("kommune.example.org", "må begynne med https://"),
    ("https:/kommune.example.org/", "må begynne med https://"),
    ("https://", "mangler vertsnavn"),
    ("https:///sti/", "mangler vertsnavn"),
    ("https://user:pw@kommune.example.org/", "brukernavn eller passord"),
    ("https://evil.example@kommune.example.org/", "brukernavn eller passord"),
    (" https://kommune.example.org/", "mellomrom eller linjeskift først eller sist"),
    ("https://kommune.example.org/ ", "mellomrom eller linjeskift først eller sist"),
    ("https://kommune.example.org/\n", "mellomrom eller linjeskift først eller sist"),
    ("https://kommune example.org/", "inneholder et mellomrom"),
    ("https://kommune.example.org/\tx", "kontrolltegn (\\t)"),
    ("https://kommune.example.org/\x1b[31m", "kontrolltegn (\\x1b)"),
    ("https://kommune.example.org/\u202egro", "kontrolltegn (\\u202e)"),
    ("https://kommune.example.org/#anker", "inneholder et anker"),
    ("https://kommune.example.org/?a=1", "inneholder en spørring"),
    ("https://kommune..example.org/", "ugyldig vertsnavn"),
    ("https://-kommune.example.org/", "ugyldig vertsnavn"),
    ("https://kommune.example.org:99999/", "ugyldig portnummer"),
    ("https://kommune.example.org:x/", "ugyldig portnummer"),
    ("https://kommune.example.org/%zz", "«%» som ikke er fulgt av to heksadesimale sifre"),
    ("https://kommune.example.org//evil.example/", "to skråstreker etter hverandre"),  # 404 base //evil…
]


def _example(name: str) -> str:
    return f"for eksempel {name}=" + ("https://kommune.example.org/erfaringsbanken/" if name == "SITE_URL" else REPO)


@pytest.fixture(scope="module")
def untouched_project(tmp_path_factory):
    """One project copy for the refused builds: a refused build writes nothing, which the tests check."""
    return copy_project(tmp_path_factory.mktemp("refused") / "project")


def _assert_refused(result, name: str, what: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert f"miljøvariabelen {name}: «" in result.stderr
    assert what in result.stderr
    assert _example(name) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout and "Intern feil" not in result.stderr


def _assert_nothing_written(project) -> None:
    leftovers = [p.name for p in project.parent.iterdir() if p.name != "project"]
    leftovers += [p.name for p in project.iterdir() if p.name.startswith(("site", ".cache"))]
    assert leftovers == []


@pytest.mark.parametrize("name", ["SITE_URL", "REPO_URL"])
@pytest.mark.parametrize("value, what", HOSTILE_ADDRESSES)
def test_a_bad_address_stops_the_build_before_anything_is_written(untouched_project, monkeypatch, name, value, what):
    monkeypatch.setenv(name, value)
    monkeypatch.delenv("SITE_URL" if name == "REPO_URL" else "REPO_URL", raising=False)
    _assert_refused(run_cli(untouched_project, "build"), name, what)
    _assert_nothing_written(untouched_project)


@pytest.mark.parametrize("name", ["SITE_URL", "REPO_URL"])
def test_every_writing_command_refuses_a_bad_address(untouched_project, monkeypatch, name):
    monkeypatch.setenv(name, 'https://x/"><script>alert(1)</script>')
    out = untouched_project.parent
    for command in (["build", "--fresh", "--site-dir", str(out / "ut")], ["generate", "--out", str(out / "generert")]):
        _assert_refused(run_cli(untouched_project, *command), name, "inneholder tegnet «\"»")
    _assert_nothing_written(untouched_project)


def test_the_shown_value_cannot_drive_the_terminal(untouched_project, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://x/\x1b]0;tittel\x07\x1b[2J")
    result = run_cli(untouched_project, "build")
    assert result.returncode == 1 and "\x1b" not in result.stderr and "\\x1b" in result.stderr


@pytest.mark.parametrize("value", ["", "https://kommune.example.org/erfaringsbanken/", "https://kommune.example.org",
                                   "https://kommune.example.org:8443/a/b/", "https://bø.kommune.no/", "https://127.0.0.1/"])
def test_empty_or_plain_https_addresses_are_accepted(project_dir, monkeypatch, tmp_path, value):
    monkeypatch.setenv("SITE_URL", value)
    monkeypatch.setenv("REPO_URL", value and REPO)
    result = run_cli(project_dir, "generate", "--out", str(tmp_path / "generert"))
    assert result.returncode == 0, result.stderr


def test_mkdocs_without_the_cli_refuses_a_bad_address_too(project_dir, tmp_path, monkeypatch):
    """`mkdocs build` / `mkdocs serve` read the same variables through mkdocs.yml; the plugin checks them."""
    monkeypatch.setenv("REPO_URL", 'https://github.com/a/b"><script>alert(1)</script>')
    monkeypatch.delenv("SITE_URL", raising=False)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project_dir / "mkdocs.yml"),
                             "-d", str(tmp_path / "ut")], capture_output=True, text=True, timeout=300, cwd=project_dir)
    assert result.returncode != 0
    assert "miljøvariabelen REPO_URL: «" in result.stderr and "inneholder tegnet «\"»" in result.stderr
    assert not (tmp_path / "ut" / "index.html").exists()


def test_a_valid_repo_url_is_the_repository_link(published_site):
    home = (published_site / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{REPO}" title="' in home and 'class="md-source"' in home


def test_templates_escape_the_addresses_even_if_the_check_were_bypassed(tmp_path_factory, monkeypatch):
    """The second line of defence: with the start-up check switched off, a hostile SITE_URL and
    REPO_URL are still written escaped into canonical, og:url and the repository link."""
    import builder.engine.mkdocs_plugin
    import builder.build.site_build

    monkeypatch.setattr(builder.build.site_build, "address_problems", lambda: [])
    monkeypatch.setattr(builder.engine.mkdocs_plugin, "address_problem", lambda name, value: None)
    site = _build(tmp_path_factory, {"SITE_URL": 'https://x.example//"><script>alert(1)</script>/',  # «//» too
                                     "REPO_URL": 'https://github.com/a/b"><script>alert(2)</script>'})
    found = [str(p.relative_to(site)) for p in site.rglob("*.html")
             if "<script>alert(" in p.read_text(encoding="utf-8")]
    assert found == []
    case_page = next((site / "eksempler").glob("*/index.html")).read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://x.example/&#34;&gt;&lt;script&gt;' in case_page
    assert '<meta property="og:url" content="https://x.example/&#34;&gt;&lt;script&gt;' in case_page
    assert '<a href="https://github.com/a/b&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;" title="' in case_page
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert '<a href="/%22%3E%3Cscript%3Ealert(1)%3C/script%3E/eksempler/">' in not_found
    assert 'src="//' not in not_found and 'href="//' not in not_found  # nothing from another host
