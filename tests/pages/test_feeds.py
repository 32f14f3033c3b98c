import xml.etree.ElementTree as ET

import feedparser

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.feeds import feed_files
from conftest import ROOT

CATALOG = load_catalog(Project(ROOT))
ATOM = "{http://www.w3.org/2005/Atom}"


def test_feeds_parse_as_valid_atom():
    files = feed_files(CATALOG)
    assert "feed/eksempler.xml" in files and any(p.startswith("feed/tema/") for p in files)
    for path, text in files.items():
        parsed = feedparser.parse(text)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        root = ET.fromstring(text)
        for required in ("id", "title", "updated"):
            assert root.find(ATOM + required) is not None
        for entry in root.findall(ATOM + "entry"):
            for required in ("id", "title", "updated", "link", "summary"):
                assert entry.find(ATOM + required) is not None, (path, required)


def test_theme_feed_holds_exactly_the_themes_cases(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/eb/")
    files = feed_files(CATALOG)
    parsed = feedparser.parse(files["feed/tema/sykefravaer-og-naervaer.xml"])
    expected = {c.url for c in CATALOG.cases_with_theme("sykefravaer-og-naervaer")}
    assert {e.link.removeprefix("https://example.org/eb/") for e in parsed.entries} == expected


def test_without_site_url_feed_links_are_relative_to_the_feed(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    files = feed_files(CATALOG)
    expected = {c.url for c in CATALOG.cases_with_theme("sykefravaer-og-naervaer")}
    for path, prefix in (("feed/tema/sykefravaer-og-naervaer.xml", "../../"), ("feed/eksempler.xml", "../")):
        root = ET.fromstring(files[path])
        links = {e.find(ATOM + "link").get("href") for e in root.findall(ATOM + "entry")}
        assert all(link.startswith(prefix + "eksempler/") for link in links), path
        ids = [e.find(ATOM + "id").text for e in root.findall(ATOM + "entry")] + [root.find(ATOM + "id").text]
        assert all(i.startswith("urn:erfaringsbanken:") for i in ids)
    root = ET.fromstring(files["feed/tema/sykefravaer-og-naervaer.xml"])
    assert {e.find(ATOM + "link").get("href").removeprefix("../../") for e in root.findall(ATOM + "entry")} == expected


def test_feed_escapes_titles():
    import dataclasses
    evil = dataclasses.replace(CATALOG.cases[0], tittel="<script>x</script> & co")
    catalog = dataclasses.replace(CATALOG, cases=[evil])
    text = feed_files(catalog)["feed/eksempler.xml"]
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert feedparser.parse(text).entries[0].title == "<script>x</script> & co"


def test_control_characters_never_reach_a_feed():
    """The loader refuses them (tests/bad_inputs/control-char-*); should one come another way, the
    feed drops it and stays well-formed XML."""
    import dataclasses
    odd = "Tittel\x07 med\x1b[31m kontroll\x0b\ufffe\ud800tegn\ttab"
    evil = dataclasses.replace(CATALOG.cases[0], tittel=odd, bakgrunn=odd * 3)
    catalog = dataclasses.replace(CATALOG, cases=[evil])
    text = feed_files(catalog)["feed/eksempler.xml"]
    root = ET.fromstring(text.encode("utf-8", "surrogatepass"))
    title = root.find(ATOM + "entry").find(ATOM + "title").text
    assert title == "Tittel med[31m kontrolltegn\ttab"
    assert feedparser.parse(text.encode("utf-8")).bozo == 0


def test_hostile_corpus_text_makes_well_formed_feeds(tmp_path):
    import shutil

    from conftest import copy_project

    project = copy_project(tmp_path / "p")
    for name in ("formula-cells-ok.yml", "placeholder-token-ok.yml", "links-plain-ok.yml"):
        shutil.copy2(ROOT / "tests" / "bad_inputs" / name, project / "cases")
    for path, text in feed_files(load_catalog(Project(project))).items():
        ET.fromstring(text)
        assert feedparser.parse(text).bozo == 0, path
