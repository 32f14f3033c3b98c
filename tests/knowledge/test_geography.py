"""builder/knowledge/geography.py: the committed map data is exactly what the pinned packages give, joins the
2024 list, and its neighbours are symmetric and match known pairs."""

import dataclasses

import pytest

from builder.sources.catalog import load_catalog
from builder.knowledge.geography import (GEOGRAPHY_FILE, SPLIT_2024, GeographyError, derive, geography_json,
                                         load_geography, neighbours, svg_path)
from builder.core.project import Project
from conftest import ROOT

PROJECT = Project(ROOT)
CATALOG = load_catalog(PROJECT)
CURRENT = CATALOG.municipality_list.municipalities
GEO = load_geography(PROJECT.vocabularies_dir)

# Neighbours by shared boundary, from /work/shared/research/map-data.md («Tynset: Alvdal, Folldal,
# Midtre Gauldal, Oppdal, Os, Rendalen, Rennebu, Tolga; Åseral: Bygland, Evje og Hornnes,
# Hægebostad, Kvinesdal, Lyngdal»).
KNOWN_PAIRS = [("tynset", n) for n in ("alvdal", "folldal", "midtre-gauldal", "oppdal", "os-hedmark",
                                        "rendalen", "rennebu", "tolga")] + \
              [("aseral", n) for n in ("bygland", "evje-og-hornnes", "haegebostad", "kvinesdal", "lyngdal")]
# Far apart, or with a municipality between them (Bærum lies between Oslo and Asker).
NOT_PAIRS = [("tynset", "aseral"), ("oslo", "asker"), ("tromso", "oslo"), ("aseral", "tolga"),
             ("fedje", "bergen")]


@pytest.fixture(scope="module")
def derived():
    return derive(CURRENT)


def test_the_committed_file_is_what_the_pinned_packages_give(derived):
    committed = (PROJECT.vocabularies_dir / GEOGRAPHY_FILE).read_text(encoding="utf-8")
    assert geography_json(derived) == committed, "run `.venv/bin/python -m builder geography` and commit the file"


def test_every_current_municipality_has_exactly_one_entry():
    assert GEO is not None
    assert sorted(GEO.municipalities) == sorted(m.id for m in CURRENT)
    assert len(GEO.municipalities) == 357
    with_area = [i for i, e in GEO.municipalities.items() if "kart" in e]
    assert len(with_area) == 356  # the 2020 outlines: Ålesund includes Haram
    assert {i: e["deler_omrade_med"] for i, e in GEO.municipalities.items() if "deler_omrade_med" in e} == SPLIT_2024
    assert all(GEO.municipalities[i]["kart"].startswith("M") for i in with_area)


def test_numbers_are_joined_through_the_lists_history():
    by_id = {m.id: m for m in CURRENT}
    for kommune_id, entry in GEO.municipalities.items():
        m = by_id[kommune_id]
        assert entry["kommunenummer"] == m.kommunenummer
        if "kart" in entry:
            assert entry["kommunenummer_2020"] == (m.kommunenummer_2020 or m.kommunenummer)
    assert GEO.municipalities["halden"]["kommunenummer_2020"] == "3001"  # Viken's number before 2024


def test_adjacency_is_symmetric_with_the_same_kind():
    for kommune_id in GEO.municipalities:
        for n in GEO.neighbours(kommune_id):
            back = {b.id: b.across_sea for b in GEO.neighbours(n.id)}
            assert back.get(kommune_id) == n.across_sea, (kommune_id, n.id)
            assert n.id != kommune_id


@pytest.mark.parametrize("a,b", KNOWN_PAIRS)
def test_known_neighbours_share_a_boundary(a, b):
    assert (b, False) in [(n.id, n.across_sea) for n in GEO.neighbours(a)]


@pytest.mark.parametrize("a,b", NOT_PAIRS)
def test_known_non_neighbours(a, b):
    assert b not in [n.id for n in GEO.neighbours(a)]


def test_tynset_and_aseral_have_exactly_their_known_neighbours():
    assert sorted(n.id for n in GEO.neighbours("tynset")) == sorted(b for a, b in KNOWN_PAIRS if a == "tynset")
    assert sorted(n.id for n in GEO.neighbours("aseral")) == sorted(b for a, b in KNOWN_PAIRS if a == "aseral")


def test_islands_get_the_nearest_municipality_across_the_sea():
    for island in ("fedje", "utsira", "rost", "kvitsoy"):
        listed = GEO.neighbours(island)
        assert listed and all(n.across_sea for n in listed), island
    assert [n.id for n in GEO.neighbours("utsira")] == ["karmoy"]
    islands = [i for i in GEO.municipalities if all(n.across_sea for n in GEO.neighbours(i))]
    assert len(islands) == 23  # map-data.md: 23 share no point with another municipality
    assert all(GEO.neighbours(i) for i in GEO.municipalities)  # nobody is alone


def test_haram_and_alesund_are_one_area_and_each_others_neighbours():
    assert GEO.shares_area_with("haram") == "alesund" and GEO.shares_area_with("alesund") is None
    assert "alesund" in [n.id for n in GEO.neighbours("haram")]
    assert "haram" in [n.id for n in GEO.neighbours("alesund")]
    assert GEO.area_path("haram") == GEO.area_path("alesund")


def test_neighbours_function_for_other_modules():
    assert [n.id for n in neighbours("tynset", PROJECT.vocabularies_dir)][:2] == ["alvdal", "folldal"]
    assert neighbours("finnes-ikke", PROJECT.vocabularies_dir) == []
    assert neighbours("tynset", ROOT / "finnes-ikke") == []  # a project without the data file


def test_counties_are_the_2024_counties():
    assert sorted(GEO.counties) == sorted({m.fylke for m in CURRENT})
    assert len(GEO.counties) == 15
    for data in GEO.counties.values():
        x0, y0, x1, y1 = data["boks"]
        assert x0 < x1 and y0 < y1 and data["kart"].startswith("M")


@pytest.mark.parametrize("change", ["missing", "extra", "renumbered", "split-target-missing"])
def test_a_list_that_does_not_fit_the_data_is_refused_in_norwegian(change):
    listed = list(CURRENT)
    if change == "missing":
        listed = [m for m in listed if m.id != "tynset"]
    elif change == "extra":
        listed.append(dataclasses.replace(listed[0], id="ny-kommune", kommunenummer="9999", kommunenummer_2020=None))
    elif change == "renumbered":
        listed = [dataclasses.replace(m, kommunenummer="3499") if m.id == "tynset" else m for m in listed]
    else:
        listed = [m for m in listed if m.id != "alesund"]
    with pytest.raises(GeographyError) as exc:
        derive(listed)
    assert "passer ikke sammen" in str(exc.value)


def test_svg_path_of_nothing_is_empty():
    from shapely.geometry import Polygon
    assert svg_path(Polygon()) == ""
    assert svg_path(Polygon([(0, 0), (0.2, 0), (0.2, 0.2)])) == ""  # rounds to a point
    assert svg_path(Polygon([(0, 0), (10, 0), (10, 10)])) == "M0 0l10 0 0 10z"
