"""The list of every municipality (vocabularies/kommuner-2024.yml): count, uniqueness, addresses,
sources, and the problems an editor gets for a broken file."""

from collections import Counter

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.sources.municipality_list import slug
from conftest import ROOT, run_cli

CATALOG = load_catalog(Project(ROOT))
LIST = CATALOG.municipality_list
COUNTY_NAMES = {t.id: t.navn for t in CATALOG.vocabularies["fylker"].terms}


def test_the_2024_structure_has_357_municipalities_each_once():
    assert LIST.exists and len(LIST.municipalities) == 357
    assert len({m.id for m in LIST.municipalities}) == 357
    assert len({m.kommunenummer for m in LIST.municipalities}) == 357
    assert all(isinstance(m.kommunenummer, str) and len(m.kommunenummer) == 4 for m in LIST.municipalities)


def test_counties_of_2024_have_their_known_sizes():
    sizes = Counter(m.fylke for m in LIST.municipalities)
    assert sizes == {"oslo": 1, "rogaland": 23, "more-og-romsdal": 27, "nordland": 41, "ostfold": 12,
                     "akershus": 21, "buskerud": 18, "innlandet": 46, "vestfold": 6, "telemark": 17,
                     "agder": 25, "vestland": 43, "trondelag": 38, "troms": 21, "finnmark": 18}


def test_numbers_begin_with_the_county_number():
    prefix = {"oslo": "03", "rogaland": "11", "more-og-romsdal": "15", "nordland": "18", "ostfold": "31",
              "akershus": "32", "buskerud": "33", "innlandet": "34", "vestfold": "39", "telemark": "40",
              "agder": "42", "vestland": "46", "trondelag": "50", "troms": "55", "finnmark": "56"}
    assert [m.navn for m in LIST.municipalities if not m.kommunenummer.startswith(prefix[m.fylke])] == []


def test_addresses_follow_the_slug_rule_and_shared_names_carry_the_county():
    names = Counter(m.navn for m in LIST.municipalities)
    for m in LIST.municipalities:
        if names[m.navn] > 1:
            assert m.id in {slug(f"{m.navn} {COUNTY_NAMES[m.fylke]}"),
                            slug(f"{m.navn} {COUNTY_NAMES[m.tidligere_fylke]}")}, m
        elif m.id != slug(m.navn):  # kept from the register, which adds the county before 2020
            assert m.id.startswith(slug(m.navn) + "-") and m.id in CATALOG.register.by_id, m
    assert {m.id for m in LIST.municipalities if m.navn in ("Herøy", "Våler")} == {
        "heroy-more-og-romsdal", "heroy-nordland", "valer-ostfold", "valer-innlandet"}


def test_slug_rule():
    assert slug("Nore og Uvdal") == "nore-og-uvdal"
    assert slug("Ærøy Øst-Åsen") == "aeroy-ost-asen"
    assert slug("Guovdageaidnu") == "guovdageaidnu"


def test_every_line_cites_a_source_and_unchecked_numbers_say_so():
    sources = {s.id: s for s in LIST.sources}
    assert "Kartverket" in sources["kartverket-2020"].navn and sources["kartverket-2020"].lisens == "CC BY 4.0"
    assert sources["omregning-2024"].usikker
    renumbered = [m for m in LIST.municipalities if m.kommunenummer_2020 or m.navn == "Haram"]
    assert renumbered and all(m.kilde.usikker for m in renumbered)
    assert {m.navn for m in LIST.municipalities if m.kilde.id == "kartverket-2020"} >= {"Oslo", "Bergen", "Åseral"}


def test_a_municipality_in_the_register_is_the_same_one():
    for m in LIST.municipalities:
        entry = CATALOG.register.by_id.get(m.id)
        if entry is not None:
            assert entry.navn == m.navn and (entry.fylke_i_dag or entry.fylke) == m.fylke, m.id


BROKEN = [
    ('"0301"', '"1101"', "kommunenummer «1101» finnes fra før"),
    ("kilde: kartverket-2020}", "kilde: wikipedia}", "kilden «wikipedia» står ikke under «kilder»"),
    ('kommunenummer: "0301"', "kommunenummer: 0301", "kommunenummer"),
    ("fylke: oslo,", "fylke: oslo-og-akershus,", "fylke"),
]


@pytest.mark.parametrize("old, new, message", BROKEN)
def test_a_broken_list_fails_validation_with_its_line(project_dir, old, new, message):
    path = project_dir / "vocabularies" / "kommuner-2024.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = max(i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if new in row)
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert f"vocabularies/kommuner-2024.yml:{line}:" in result.stdout + result.stderr
    assert message in result.stdout + result.stderr


@pytest.mark.parametrize("name, fallback, expected", [
    ("Kárášjohka", "x", "karasjohka"), ("Unjárga-Nesseby", "x", "unjarga-nesseby"),
    ("Deatnu – Tana", "x", "deatnu-tana"), ("Snåase - Snåsa", "x", "snaase-snasa"),
    ("Гуовдагеайдну", "guovdageaidnu", "guovdageaidnu"),  # no Latin letters: the page's own id
    ("Σταβάνγκερ", "stavanger", "stavanger"), ("!!!", "lund", "lund"), ("– –", "lund", "lund"),
    ("Index", "eigersund", "eigersund"), ("INDEX", "eigersund", "eigersund"),  # the county index's address
    ("Con", "haugesund", "haugesund"), ("Nul", "x", "x"), ("Sitemap", "x", "x"),  # reserved names
])
def test_a_slug_is_never_empty_and_never_reserved(name, fallback, expected):
    assert slug(name, fallback) == expected


def test_a_name_without_any_address_and_no_fallback_is_an_error():
    with pytest.raises(ValueError):
        slug("Гуовдагеайдну")


# Municipality names that give no address of their own (another script, only punctuation) or the
# address of another page: every municipality page and the county index must still be built.
ODD_NAMES = {"Eigersund": "Index", "Sokndal": "Суоккндал", "Lund": "!!!", "Haugesund": "Con",
             "Stavanger": "Σταβάνγκερ", "Sandnes": "Σταβάνγκερ", "Bjerkreim": "Sitemap"}


def test_odd_municipality_names_keep_every_page(project_dir):
    path = project_dir / "vocabularies" / "kommuner-2024.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in ODD_NAMES.items():
        assert f'navn: "{old}"' in text
        text = text.replace(f'navn: "{old}"', f'navn: "{new}"', 1)
    path.write_text(text, encoding="utf-8")
    result = run_cli(project_dir, "build", timeout=600)
    assert result.returncode == 0, result.stderr
    folder = project_dir / "site" / "kommuner"
    catalog = load_catalog(Project(project_dir))
    ids = {m.id for m in catalog.municipality_list.municipalities} | set(catalog.register.by_id)
    missing = [i for i in sorted(ids) if not (folder / i / "index.html").is_file()]
    assert missing == []
    assert '<h1 id="kommuner">Kommuner' in (folder / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in folder.iterdir() if not p.name[:1].isalnum()] == []  # no «.md», no hidden page
    for page_id, name in (("eigersund", "Index"), ("sokndal", "Суоккндал"), ("stavanger", "Σταβάνγκερ"),
                          ("sandnes", "Σταβάνγκερ")):
        assert f">{name}</h1>" in (folder / page_id / "index.html").read_text(encoding="utf-8")
