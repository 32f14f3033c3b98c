"""The Nynorsk ↔ Bokmål glossary: matching rules, validation messages, and the «gaps» command."""

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.sources.glossary import Glossary, WordPair, glossary_gaps, load_glossary
from builder.sources.vocabularies import load_vocabularies
from conftest import ROOT, run_cli

GLOSSARY = Glossary([WordPair(("sjukefråvær",), ("sykefravær",)), WordPair(("teneste",), ("tjeneste",)),
                     WordPair(("tilsett", "tilsette"), ("ansatt", "ansatte")), WordPair(("sjukeheim",), ("sykehjem",)),
                     WordPair(("leiing", "leiar"), ("ledelse", "leder"))])


def test_whole_and_inflected_words_give_the_other_standards_base_forms():
    assert GLOSSARY.forms_for_word("sykefravær") == {"sjukefråvær"}
    assert GLOSSARY.forms_for_word("tilsette") == {"ansatt", "ansatte"}
    assert GLOSSARY.forms_for_word("tenestene") == {"tjeneste"}
    assert GLOSSARY.forms_for_word("tenesta") == {"tjeneste"}      # the base form ends in -e
    assert GLOSSARY.forms_for_word("ledere") == {"leiing", "leiar"}   # a word family
    assert GLOSSARY.forms_for_word("kommune") == frozenset()


def test_compounds_are_translated_where_the_glossary_word_stands():
    assert GLOSSARY.forms_for_word("sykefraværsarbeidet") == {"sjukefråværsarbeidet", "sjukefråvær"}
    assert GLOSSARY.forms_for_word("sykehjemmet") == {"sjukeheimmet", "sjukeheim"}
    # inside a compound, only the compound: «helsetjeneste» is no page about «teneste» alone
    assert GLOSSARY.forms_for_word("helsetjenester") == {"helsetenester"}


def test_alternative_forms_of_a_text_leave_out_what_the_text_already_has():
    text = "De ansatte i hjemmetjenesten og Sykehjemmet fikk lavere sykefravær. Sjukefråvær er nynorsk."
    assert GLOSSARY.alternative_forms(text) == ["hjemmetenesten", "sjukeheim", "sjukeheimmet", "tilsett", "tilsette"]


def test_the_real_glossary_is_valid_and_large():
    catalog = load_catalog(Project(ROOT))
    assert len(catalog.glossary.pairs) >= 300
    for nn, nb in (("sjukefråvær", "sykefravær"), ("heiltid", "heltid"), ("leiing", "ledelse"),
                   ("teneste", "tjeneste"), ("brukarmedverknad", "brukermedvirkning")):
        assert nb in catalog.glossary.forms_for_word(nn) and nn in catalog.glossary.forms_for_word(nb)


def test_glossary_mistakes_are_explained_with_file_line_and_field(project_dir):
    path = project_dir / "vocabularies" / "ordliste.yml"
    path.write_text("- nn: heiltid\n  nb: heltid\n- nn: heiltid\n  nb: fulltid\n- nn: [sjuk, syk]\n  nb: syk\n"
                    "- nn: Leiing\n  nb: ledelse\n", encoding="utf-8")
    vocabularies, _ = load_vocabularies(Project(project_dir))
    _, problems = load_glossary(Project(project_dir), vocabularies)
    text = "\n".join(p.format() for p in problems)
    assert "vocabularies/ordliste.yml:7:" in text and "[4].nn" in text  # capital letter: schema pattern
    path.write_text("- nn: heiltid\n  nb: heltid\n- nn: heiltid\n  nb: fulltid\n- nn: [sjuk, syk]\n  nb: syk\n",
                    encoding="utf-8")
    _, problems = load_glossary(Project(project_dir), vocabularies)
    formatted = [p.format() for p in problems]
    assert any(f.startswith("vocabularies/ordliste.yml:3:7: [2].nn:") and "«heiltid» finnes fra før (ordpar 1)" in f
               for f in formatted), formatted
    assert any(f.startswith("vocabularies/ordliste.yml:5:") and "«syk» står på begge sider" in f
               for f in formatted), formatted
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1 and "ordliste.yml:3:7" in result.stderr and "Traceback" not in result.stderr


def test_gaps_list_frequent_nynorsk_only_words_the_glossary_misses():
    nn = {"a.yml": "Dei tilsette fekk ikkje hjelp. Ikkje alle fekk det. Gloppen og Gloppen.",
          "b.yml": "Kommunar som ikkje meldte seg."}
    nb = {"c.yml": "Kommuner som ikke meldte seg."}
    gaps = glossary_gaps(GLOSSARY, nn, nb)
    assert [(g.word, g.count, g.files) for g in gaps] == [("ikkje", 3, ("a.yml", "b.yml")), ("fekk", 2, ("a.yml",))]


def test_gaps_command_runs_on_the_real_project(project_dir):
    result = run_cli(project_dir, "glossary-gaps", "--limit", "5")
    assert result.returncode == 0, result.stderr
    assert "nynorsktekstene (3 filer)" in result.stdout


# (file text, [(line, field, words in the message)]): every way a word can stand twice, or stand
# where the search map would lose it, is refused with the line of each place it stands.
GLOSSARY_MISTAKES = [
    pytest.param("- nn: heiltid\n  nb: heltid\n- nn: heltid\n  nb: fulltid\n",
                 [(3, "[2].nn", ["«heltid» står her på nynorsksiden", "bokmålssiden i ordpar 1 på linje 2",
                                 "linje 2 eller 3"])], id="nb-of-one-pair-is-nn-of-another"),
    pytest.param("- nn: heiltid\n  nb: heltid\n- nn: fulltid\n  nb: heiltid\n",
                 [(4, "[2].nb", ["«heiltid» står her på bokmålssiden", "nynorsksiden i ordpar 1 på linje 1"])],
                 id="nn-of-one-pair-is-nb-of-another"),
    pytest.param("- nn: [sjuk, heiltid]\n  nb: syk\n- nn: fulltid\n  nb: [heltid, heiltid]\n",
                 [(4, "[2].nb", ["«heiltid» står her på bokmålssiden", "ordpar 1 på linje 1"])],
                 id="inside-lists"),
    pytest.param("- nn: heiltid\n  nb: heltid\n- nn: heiltid\n  nb: fulltid\n",
                 [(3, "[2].nn", ["«heiltid» finnes fra før (ordpar 1) på linje 1"])], id="same-side-twice"),
    pytest.param("- nn: heiltid\n  nb: heltid\n- nn: deltid\n  nb:\n  - deltid\n",
                 [(3, "[2].nn", ["«deltid» står på begge sider"]), (5, "[2].nb", ["«deltid» står på begge sider"])],
                 id="pair-with-nb-equal-to-nn"),
    pytest.param("- nn: [heiltid, heiltid]\n  nb: heltid\n", [(1, "[1].nn[2]", ["«heiltid» står to ganger i listen"])],
                 id="same-word-twice-in-one-list"),
    pytest.param("- nn: \"\"\n  nb: heltid\n", [(1, "[1].nn", [])], id="empty-word"),
    pytest.param("- nn: heiltid\n  nb: []\n", [(2, "[1].nb", [])], id="empty-list"),
    pytest.param("- nn: Heiltid\n  nb: heltid\n", [(1, "[1].nn", [])], id="capital-letter"),
    pytest.param("- nn: heiltid\n  nb: heltid\n- nn: HEILTID\n  nb: fulltid\n", [(3, "[2].nn", [])],
                 id="case-variant-of-another-word"),
    pytest.param("- nn: heil tid\n  nb: heltid\n", [(1, "[1].nn", [])], id="two-words"),
]


@pytest.mark.parametrize("text, expected", GLOSSARY_MISTAKES)
def test_a_word_stands_once_in_the_glossary_on_one_side(project_dir, text, expected):
    (project_dir / "vocabularies" / "ordliste.yml").write_text(text, encoding="utf-8")
    vocabularies, _ = load_vocabularies(Project(project_dir))
    _, problems = load_glossary(Project(project_dir), vocabularies)
    assert problems, "accepted"
    for line, field, words in expected:
        hits = [p for p in problems if p.line == line and p.field == field]
        assert hits, [p.format() for p in problems]
        assert all(w in hits[0].format() for w in words), hits[0].format()
    # the CLI refuses it too, with the file and line, and no traceback
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1 and f"vocabularies/ordliste.yml:{expected[0][0]}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_glossary_without_shared_words_keeps_every_mapping(project_dir):
    (project_dir / "vocabularies" / "ordliste.yml").write_text(
        "- nn: heiltid\n  nb: heltid\n- nn: [leiing, leiar]\n  nb: [ledelse, leder]\n- nn: sjuk\n  nb: syk\n",
        encoding="utf-8")
    vocabularies, _ = load_vocabularies(Project(project_dir))
    glossary, problems = load_glossary(Project(project_dir), vocabularies)
    assert problems == []
    assert glossary.as_json_map() == {"heiltid": ["heltid"], "heltid": ["heiltid"], "leiar": ["ledelse", "leder"],
                                      "leiing": ["ledelse", "leder"], "ledelse": ["leiing", "leiar"],
                                      "leder": ["leiing", "leiar"], "sjuk": ["syk"], "syk": ["sjuk"]}
