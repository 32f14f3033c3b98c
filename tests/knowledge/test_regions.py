"""Counties of today and landsdeler (builder/knowledge/regions.py): the finder's «Fylke» and «Landsdel» facets
use the 2024 counties, the case page keeps the county then as a historical fact, and every county
names a landsdel from the validated vocabulary."""

import html
import re

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.sources.vocabularies import load_vocabularies
from builder.knowledge.regions import case_counties_today, counties_changed
from builder.pages.facets import case_facets, facet_counts
from conftest import ROOT

CATALOG = load_catalog(Project(ROOT))
VOCAB = CATALOG.vocabularies
TODAY = {t.navn for t in VOCAB["fylker"].terms if str(t.get("gyldig", "")).endswith("–")}
# SSB's five landsdeler: the county of today -> landsdel (Sørlandet is Agder; Telemark is Østlandet)
EXPECTED_REGION = {
    "Østfold": "Østlandet", "Akershus": "Østlandet", "Oslo": "Østlandet", "Innlandet": "Østlandet",
    "Buskerud": "Østlandet", "Vestfold": "Østlandet", "Telemark": "Østlandet", "Agder": "Sørlandet",
    "Rogaland": "Vestlandet", "Vestland": "Vestlandet", "Møre og Romsdal": "Vestlandet",
    "Trøndelag": "Trøndelag", "Nordland": "Nord-Norge", "Troms": "Nord-Norge", "Finnmark": "Nord-Norge",
}


def test_the_counties_of_today_are_the_fifteen_of_2024():
    assert TODAY == set(EXPECTED_REGION)


@pytest.mark.parametrize("case", CATALOG.cases, ids=lambda c: c.id)
def test_every_case_is_filtered_by_counties_of_today_and_their_landsdel(case):
    facets = case_facets(case, CATALOG)
    assert facets["fylke"] and set(facets["fylke"]) <= TODAY, facets["fylke"]
    assert facets["landsdel"] == list(dict.fromkeys(EXPECTED_REGION[f] for f in facets["fylke"]))


@pytest.mark.parametrize("case_id, then, now, regions", [
    ("mandal-tillitsprosjektet", ["vest-agder"], ["Agder"], ["Sørlandet"]),
    ("bomlo-ny-arbeidstidsordning", ["hordaland"], ["Vestland"], ["Vestlandet"]),
    ("steinkjer-individuell-utviklingsplan", None, ["Trøndelag"], ["Trøndelag"]),
    ("fyresdal-gimle-skole-omdomme", ["telemark"], ["Telemark"], ["Østlandet"]),
    ("oslo-nordre-aker-hjemmetjeneste", ["oslo"], ["Oslo"], ["Østlandet"]),
])
def test_known_cases(case_id, then, now, regions):
    case = next(c for c in CATALOG.cases if c.id == case_id)
    if then is not None:
        assert list(case.counties) == then
    facets = case_facets(case, CATALOG)
    assert facets["fylke"] == now and facets["landsdel"] == regions


def test_a_network_across_counties_has_every_county_and_landsdel():
    case = next(c for c in CATALOG.cases if c.id == "innsatskommuner-sykefravaer")
    facets = case_facets(case, CATALOG)
    assert {"Østfold", "Finnmark", "Agder", "Vestland"} <= set(facets["fylke"])
    assert set(facets["landsdel"]) == {"Østlandet", "Vestlandet", "Sørlandet", "Nord-Norge"}


def test_no_historical_county_is_offered_in_the_finder():
    offered = {value for value, _ in facet_counts(CATALOG)["fylke"]}
    assert offered <= TODAY
    assert not offered & {"Vest-Agder", "Aust-Agder", "Hordaland", "Sogn og Fjordane", "Hedmark", "Oppland"}
    regions = [value for value, _ in facet_counts(CATALOG)["landsdel"]]
    assert regions == [t.navn for t in VOCAB["landsdeler"].terms if t.navn in regions]  # vocabulary order


def _facts(built_site, case_id):
    page = (built_site / "eksempler" / case_id / "index.html").read_text(encoding="utf-8")
    facts = re.search(r'<div class="eb-facts".*?</dl>', page, re.S).group(0)
    return {html.unescape(re.sub(r"<[^>]+>", "", dt)): html.unescape(re.sub(r"<[^>]+>", "", dd))
            for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", facts, re.S)}, page


def test_case_pages_show_the_county_then_and_today(built_site):
    for case in CATALOG.cases:
        facts, page = _facts(built_site, case.id)
        then = ", ".join(VOCAB.label("fylker", c) for c in case.counties)
        today = ", ".join(VOCAB.label("fylker", c) for c in case_counties_today(case, CATALOG.register))
        fylke_da = "Fylke då" if case.språk == "nn" else "Fylke da"
        if counties_changed(case, CATALOG.register):
            assert facts[fylke_da] == then and facts["Fylke i dag"] == today, case.id
            assert "Fylke" not in facts
        elif case.counties:
            assert facts["Fylke"] == then and fylke_da not in facts and "Fylke i dag" not in facts
        # the filters are the counties of today and their landsdeler
        for name in ("fylke", "landsdel"):
            for value in case_facets(case, CATALOG)[name]:
                assert f'data-pagefind-filter="{html.escape(f"{name}:{value}")}"' in page
    mandal, _ = _facts(built_site, "mandal-tillitsprosjektet")
    assert mandal["Fylke da"] == "Vest-Agder" and mandal["Fylke i dag"] == "Agder"


@pytest.mark.parametrize("line, message", [
    ("- {id: agder, navn: Agder, gyldig: \"2020–\"}", "fylket «Agder» mangler landsdel"),
    ("- {id: agder, navn: Agder, gyldig: \"2020–\", landsdel: sorlandet-x}",
     "fylket «Agder» har landsdel «sorlandet-x», som ikke finnes"),
    ("- {id: agder, navn: Agder, gyldig: \"2020–\", landsdel: [sorlandet]}",
     "fylket «Agder» har en landsdel som ikke er én id (tekst)"),
])
def test_a_county_without_a_known_landsdel_is_refused_with_its_line(project_dir, line, message):
    path = project_dir / "vocabularies" / "fylker.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines) if text.startswith("- {id: agder,"))
    lines[number] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = load_vocabularies(Project(project_dir))
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file.endswith("fylker.yml") and problem.line == number + 1 and message in problem.message
    assert "landsdel: vestlandet" in problem.hint
