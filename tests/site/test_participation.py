"""The participation register (vocabularies/kommuner.yml, `deltakelse`) says only what the sources say.

- merges point at a municipality in the 2024 list, in the right county, with its 2024 number;
- a name the sources give without a county (Herøy, Sande, Våler) is on no page as participation, and
  both namesakes' pages (and the page of the municipality that absorbed one) say why;
- every participation row's cited lines name the municipality and the programme or network (read in
  the seed texts, ../shared/seeds beside the project; skipped with the reason when they are missing);
- every line the sources name a municipality in a participation context (tests/data/participation_lines.tsv)
  shows on that municipality's page.
"""

from __future__ import annotations

import csv
import re

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.sources.quotes import cited_text, line_ranges, source_text_files, source_texts_dir
from builder.pages.municipality_pages import build_pages
from conftest import ROOT

CATALOG = load_catalog(Project(ROOT))
REGISTER = CATALOG.register
LIST = CATALOG.municipality_list
PAGES, _ = build_pages(CATALOG)
BY_ID = {p.id: p for p in PAGES}


# --- merges --------------------------------------------------------------------------------------

def _target(entry):
    county = entry.fylke_i_dag or entry.fylke
    return [m for m in LIST.municipalities if m.navn == entry.slatt_sammen["til"] and m.fylke == county]


def test_every_merge_points_at_one_municipality_of_2024_with_its_2024_number():
    wrong = []
    for entry in REGISTER.entries:
        if not entry.slatt_sammen:
            continue
        targets = _target(entry)
        if len(targets) != 1:
            wrong.append(f"{entry.id}: «{entry.slatt_sammen['til']}» er ikke én kommune i 2024-listen")
        elif entry.slatt_sammen.get("kommunenummer") not in (None, targets[0].kommunenummer):
            wrong.append(f"{entry.id}: {entry.slatt_sammen['kommunenummer']} ≠ {targets[0].kommunenummer}")
    assert wrong == []


@pytest.mark.parametrize("former, now, number", [
    ("jondal", "ullensvang", "4618"),  # Jondal, Odda and Ullensvang became Ullensvang in 2020
    ("odda", "ullensvang", "4618"),
    ("orskog", "alesund", "1508"),     # Ålesund is 1508 since Haram left it in 2024
    ("nesset", "molde", "1506"),
])
def test_known_merges(former, now, number):
    page = BY_ID[former]
    assert page.merged_into is BY_ID[now]
    assert page in BY_ID[now].formed_from
    assert page.entry.slatt_sammen.get("kommunenummer") == number == BY_ID[now].current.kommunenummer


def test_jondals_participation_shows_on_ullensvang_not_kvam():
    assert {who.id for who, _ in BY_ID["ullensvang"].participation} >= {"jondal", "odda"}
    assert "jondal" not in {who.id for who, _ in BY_ID["kvam"].participation}


# --- names without a county ----------------------------------------------------------------------

# name, source document, line, pages that must explain it
AMBIGUOUS = [
    ("Herøy", "kvp-sluttrapport-2010", "4735", ["heroy-more-og-romsdal", "heroy-nordland"]),
    ("Sande", "kvp-sluttrapport-2010", "4820", ["sande", "holmestrand"]),
    ("Våler", "saman-presentasjonshefte-2012", "1750", ["valer-ostfold", "valer-innlandet"]),
]


@pytest.mark.parametrize("name, document, line, pages", AMBIGUOUS)
def test_a_name_without_county_is_no_ones_participation_and_every_namesake_says_why(name, document, line, pages):
    assert [e.id for e in REGISTER.entries if e.navn == name and e.deltakelse] == []
    for page_id in pages:
        note = BY_ID[page_id].current.deltakelse_merknad or ""
        assert f"«{name}»" in note and line in note and "uten å si hvilket fylke" in note, page_id


def test_pages_of_ambiguous_names_and_merges_read_right(built_site):
    def html(page_id):
        return (built_site / "kommuner" / page_id / "index.html").read_text(encoding="utf-8")

    for page_id in ("heroy-more-og-romsdal", "heroy-nordland", "sande", "valer-ostfold"):
        assert "ingen sikker deltakelse" in html(page_id) and "uten å si hvilket fylke" in html(page_id)
    holmestrand = html("holmestrand")
    assert "Usikker deltakelse:" in holmestrand and "Sande i Vestfold" in holmestrand
    assert ">Jondal<" in html("ullensvang") and ">Jondal<" not in html("kvam")


# --- learning networks and development centres --------------------------------------------------

@pytest.mark.parametrize("page_id, who, program, lines", [
    ("baerum", "baerum", "utviklingssenter", "4391–4398"),
    ("oslo", "bydel-bjerke", "utviklingssenter", "4312"),          # a bydel's rows show on Oslo's page
    ("bydel-bjerke", "bydel-bjerke", "utviklingssenter", "4312"),
    ("bergen", "bergen", "samarbeid-om-etisk-kompetanseheving", "2694–2699, 2823–2824"),
    ("stavanger", "stavanger", "samarbeid-om-etisk-kompetanseheving", "2694–2699, 2823–2824"),
    ("stange", "stange", "samarbeid-om-etisk-kompetanseheving", "2694–2697, 2920–2921"),
    ("larvik", "larvik", "samarbeid-om-etisk-kompetanseheving", "3401–3402, 3777–3783"),
])
def test_networks_and_centres_the_fafo_report_names_are_participation(page_id, who, program, lines):
    rows = [(w.id, d.program, d.kilde["dokument"], d.kilde["linjer"]) for w, d in BY_ID[page_id].participation]
    assert (who, program, "fafo-2013-52", lines) in rows


def test_oslos_page_lists_its_bydeler_and_their_rows(built_site):
    oslo = (built_site / "kommuner/oslo/index.html").read_text(encoding="utf-8")
    assert "Kommune eller bydel" in oslo and "<td>Bydel Bjerke</td>" in oslo
    assert 'href="../bydel-bjerke/"' in oslo
    baerum = (built_site / "kommuner/baerum/index.html").read_text(encoding="utf-8")
    assert "Utviklingssenter for hjemmetjenester i Bærum kommune (UHB)" in baerum and "linje 4391–4398" in baerum
    bjerke = (built_site / "kommuner/bydel-bjerke/index.html").read_text(encoding="utf-8")
    centre_row = next(r for r in bjerke.split("<tr>") if "Utviklingssenter for hjemmetjenester i Oslo" in r)
    assert "Opplysningene er usikre: kilden er uklar." in centre_row and "deltakerlisten" not in centre_row


# --- every row against the seed texts ------------------------------------------------------------

SOURCES = source_texts_dir(ROOT)
FILES = source_text_files(CATALOG.vocabularies, SOURCES)
DATA = ROOT / "tests" / "data" / "participation_lines.tsv"

# Participant lists in a programme's own report: a line there names a participant of that programme
# even though the line itself is only a name (the columns were lost in the text versions).
OWN_LISTS = [
    ("kvp-sluttrapport-2010", 4655, 4840, "kvalitetskommuneprogrammet"),     # Vedlegg 8
    ("saman-presentasjonshefte-2012", 1697, 1851, "saman-om-ein-betre-kommune"),  # Vedlegg 2
    ("oslo-economics-2016", 8322, 8389, "saman-om-ein-betre-kommune"),     # Tabell 10-1
]
# Words that name a programme or kind of network in running text.
PROGRAMME_WORDS = {
    "kvalitetskommuneprogrammet": ["kvalitetskommune"],
    "saman-om-ein-betre-kommune": ["saman om ein betre kommune", "sammen om en bedre kommune"],
    "samarbeid-om-etisk-kompetanseheving": ["samarbeid om etisk kompetanseheving"],
    "utviklingssenter": ["utviklingssent"],
    "effektiviseringsnettverkene": ["effektiviseringsnettverk"],
    "flink-med-folk": ["flink med folk"],
}
# How a «deltakelse_merknad» (read by people) names each document.
DOCUMENT_IN_WORDS = {
    "kvp-sluttrapport-2010": "sluttrapporten for Kvalitetskommuneprogrammet",
    "saman-presentasjonshefte-2012": "presentasjonsheftet for Saman om ein betre kommune",
    "oslo-economics-2016": "Oslo Economics’ evaluering",
    "fafo-2013-52": "Fafo",
}
# Joint bodies the sources list instead of their members.
JOINT_NAMES = {
    "levanger": ["Innherred"], "verdal": ["Innherred"],
    **{m: ["RKK Vesterålen", "Vesterålen"] for m in ("andoy", "bo-nordland", "hadsel", "lodingen", "oksnes", "sortland")},
}


def _sources_or_skip():
    needed = {d.kilde["dokument"] for e in REGISTER.entries for d in e.deltakelse}
    missing = sorted(str(FILES.get(doc, SOURCES / doc)) for doc in needed if doc not in FILES or not FILES[doc].is_file())
    if missing:
        pytest.skip(f"SKIPPED: the source texts are missing ({', '.join(missing)}); set ERFARINGSBANKEN_KILDETEKSTER")


def _flat(text: str) -> str:
    """Soft hyphens and line-break hyphenation removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"-[ \t]*\n\s*", "", text.replace("\u00ad", ""))).strip()


def _names(entry) -> list[str]:
    return [entry.navn.removeprefix("Bydel "), *JOINT_NAMES.get(entry.id, [])]


def _names_one_of(names, text: str) -> bool:
    """A whole-word name, in the genitive too («Bergens»)."""
    return any(re.search(rf"(?<![\wæøåÆØÅ-]){re.escape(n)}s?(?![\wæøåÆØÅ])", text) for n in names)


def _lines(document: str) -> list[str]:
    return FILES[document].read_text(encoding="utf-8").split("\n")


def test_every_participation_row_cites_lines_that_name_the_municipality_and_the_programme_or_network():
    _sources_or_skip()
    texts = {doc: _lines(doc) for doc in {d.kilde["dokument"] for e in REGISTER.entries for d in e.deltakelse}}
    wrong = []
    for entry in REGISTER.entries:
        for d in entry.deltakelse:
            doc, spec = d.kilde["dokument"], d.kilde["linjer"]
            text = _flat(cited_text(texts[doc], spec))
            in_own_list = any(doc == list_doc and first <= a and b <= last and d.program == program
                              for list_doc, first, last, program in OWN_LISTS for a, b in line_ranges(spec))
            network = re.split(r" – | \(", d.nettverk or "")[0].lower()
            names_programme = in_own_list or any(w in text.lower() for w in PROGRAMME_WORDS.get(d.program, [])) \
                or bool(network and network in text.lower())
            if not _names_one_of(_names(entry), text):
                wrong.append(f"{entry.id}: {doc} {spec} nevner ikke {entry.navn}")
            if not names_programme:
                wrong.append(f"{entry.id}: {doc} {spec} nevner ikke {d.program} / {d.nettverk}")
    assert wrong == []


def _participation_lines():
    with DATA.open(encoding="utf-8") as f:
        rows = [r for r in csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")]
    return rows[1:]


PARTICIPATION_LINES = _participation_lines()


def _shows(page, document: str, line: int) -> bool:
    for _, d in page.participation:
        if d.kilde["dokument"] == document and any(a <= line <= b for a, b in line_ranges(d.kilde["linjer"])):
            return True
    note = page.current.deltakelse_merknad if page.current else None
    return bool(note and DOCUMENT_IN_WORDS[document] in note and re.search(rf"(?<!\d){line}(?!\d)", note))


def test_the_list_of_participation_lines_covers_the_participant_lists_and_the_fafo_passages():
    documents = {row[0] for row in PARTICIPATION_LINES}
    assert documents == {"kvp-sluttrapport-2010", "saman-presentasjonshefte-2012", "oslo-economics-2016", "fafo-2013-52"}
    assert len(PARTICIPATION_LINES) > 500
    for row in PARTICIPATION_LINES:
        assert len(row) == 4 and row[1].isdigit() and row[3], row
        assert all(page_id in BY_ID for page_id in row[3].split(",")), row


@pytest.mark.parametrize("document, line, name, pages", PARTICIPATION_LINES,
                         ids=[f"{r[0]}:{r[1]}:{r[2]}" for r in PARTICIPATION_LINES])
def test_every_municipality_the_sources_name_as_taking_part_shows_it_on_its_page(document, line, name, pages):
    _sources_or_skip()
    text = _flat("\n".join(_lines(document)[int(line) - 2:int(line) + 1]))  # the line, with its neighbours
    assert name in text, f"{document} linje {line} nevner ikke «{name}»"
    missing = [page_id for page_id in pages.split(",") if not _shows(BY_ID[page_id], document, int(line))]
    assert missing == [], f"{document} linje {line} («{name}») vises ikke på {missing}"


def test_moss_shows_that_it_was_excluded_from_saman_early():
    rows = [d for _, d in BY_ID["moss"].participation if d.program == "saman-om-ein-betre-kommune"]
    assert len(rows) == 1 and rows[0].merknad.startswith("Ekskludert fra programmet i en tidlig fase")
    assert rows[0].kilde == {"dokument": "oslo-economics-2016", "linjer": "4750–4762, 4804–4810"}
