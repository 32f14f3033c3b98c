"""Domain synonyms and theme words (vocabularies/synonymer.yml): the real list, the browser's JSON,
and every kind of mistake an editor can make, each with file, line, field and a fix, in Norwegian."""

import json

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.sources.synonyms import load_synonyms
from builder.sources.vocabularies import load_vocabularies
from conftest import ROOT, run_cli


def test_the_real_list_is_valid_and_names_themes_with_sources():
    catalog = load_catalog(Project(ROOT))
    groups = catalog.synonyms.groups
    assert len(groups) >= 8
    words = {w: g for g in groups for w in g.words}
    for word in ("heltidskultur", "heiltidskultur", "ufrivillig deltid", "uønsket deltid",
                 "hverdagsrehabilitering", "kvardagsrehabilitering", "velferdsteknologi"):
        assert word in words, word
    assert words["heltidskultur"].theme == "heltid-og-deltid"
    for group in groups:  # an entry that names a theme says where its wording comes from
        if group.theme in ("heltid-og-deltid", "innovasjon", "sykefravaer-og-naervaer"):
            assert group.source and "linje" in group.source


def test_the_browser_gets_each_themes_cases():
    catalog = load_catalog(Project(ROOT))
    data = catalog.synonyms.as_json(catalog)
    heltid = next(g for g in data["grupper"] if "heltidskultur" in g["ord"])
    assert heltid["tema"]["navn"] == "Heltid og deltid" and heltid["tema"]["url"] == "temaer/heltid-og-deltid/"
    assert heltid["tema"]["sider"] == sorted(c.url for c in catalog.cases if "heltid-og-deltid" in c.temaer)
    assert len(heltid["tema"]["sider"]) == 6
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


BAD = [
    ("- ord: [heltid, heiltid]\n  tema: heltid\n", 2, "[1].tema", "Ukjent tema «heltid»"),
    ("- ord: [heltid, heiltid]\n- ord: [deltid, heltid]\n", 2, "[2].ord[2]", "«heltid» står to ganger"),
    ("- ord: [heltid]\n", 1, "[1].ord", "minst to ord"),
    ("- ord: heltid\n", 1, "[1].ord", "minst to ord"),
    ("- ord: [Heltid, heiltid]\n", 1, "[1].ord[1]", "ikke et ord eller uttrykk med små bokstaver"),
    ("- ord: [\"=cmd()\", heiltid]\n", 1, "[1].ord[1]", "ikke et ord eller uttrykk med små bokstaver"),
    ("- ord: [heltid, heiltid]\n  temaer: heltid-og-deltid\n", 2, "[1].temaer", "Ukjent felt «temaer»"),
    ("- ord: [heltid, heiltid]\n  kilde: \"  \"\n", 2, "[1].kilde", "«kilde» må være en tekst"),
    ("- heltid\n", 1, "[1]", "ikke en tabell"),
    ("ord: [heltid, heiltid]\n", 1, "(filen)", "Fila må være en liste"),
]


@pytest.mark.parametrize("text,line,field,message", BAD, ids=[b[3] for b in BAD])
def test_mistakes_are_reported_with_place_and_fix(project_dir, text, line, field, message):
    (project_dir / "vocabularies" / "synonymer.yml").write_text(text, encoding="utf-8")
    project = Project(project_dir)
    synonyms, problems = load_synonyms(project, load_vocabularies(project)[0])
    assert problems, text
    first = problems[0]
    assert (first.file, first.line, first.field) == ("vocabularies/synonymer.yml", line, field)
    assert message in first.message and first.hint


def test_a_bad_list_stops_the_build_in_norwegian(project_dir):
    (project_dir / "vocabularies" / "synonymer.yml").write_text("- ord: [heltid, heiltid]\n  tema: x\n", "utf-8")
    result = run_cli(project_dir, "validate")
    assert result.returncode != 0
    assert "vocabularies/synonymer.yml:2:" in result.stdout + result.stderr
    assert "Ukjent tema «x»" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_broken_yaml_is_an_editor_error(project_dir):
    (project_dir / "vocabularies" / "synonymer.yml").write_text("- ord: [heltid\n", "utf-8")
    synonyms, problems = load_synonyms(Project(project_dir), None)
    assert problems and problems[0].file == "vocabularies/synonymer.yml" and not synonyms.groups


def test_no_list_means_no_synonyms(project_dir):
    (project_dir / "vocabularies" / "synonymer.yml").unlink()
    synonyms, problems = load_synonyms(Project(project_dir), None)
    assert not problems and not synonyms.groups
