"""Quotes (`sitat`) are verbatim from the cited lines of the source texts, and every case has them.

The source texts live outside the project (../shared/seeds beside it, or ERFARINGSBANKEN_KILDETEKSTER);
the check against them is skipped, with a message saying so, when they are missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.sources.catalog import load_catalog
from builder.core.formatting import format_number
from builder.core.project import Project
from builder.sources.quotes import (SOURCES_ENV, QuotedSource, catalog_quotes, cited_text, line_ranges, quote_occurs,
                            quote_problem, source_text_files, source_texts_dir, why_unchecked)

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOG = load_catalog(Project(ROOT))
SOURCES = source_texts_dir(ROOT)


# --- the comparison ------------------------------------------------------------------------------

SOURCE = ("Kommunen hadde i 2007 et syke-\nfravær som nærmet seg 11prosent , en økning på godt over \n"
          "2prosent poeng fra 2006. Planen for HMS-\narbeidet ble vedtatt av kommune\u00adstyret.\n")


@pytest.mark.parametrize("quote", [
    "Kommunen hadde i 2007 et sykefravær som nærmet seg 11 prosent, en økning",  # line-break hyphen, spaces
    "godt over 2 prosent poeng fra 2006",
    "Planen for HMS-arbeidet ble vedtatt",  # a real hyphen the source breaks the line at
    "vedtatt av kommunestyret.",  # soft hyphen in the source
    "vedtatt av kommune\u00adstyret.",  # soft hyphen in the quote
    "Kommunen hadde i 2007 […] fra 2006. […] kommunestyret",  # omissions, parts in order
])
def test_quote_occurs_ignoring_whitespace_and_hyphenation(quote):
    assert quote_occurs(quote, SOURCE)


@pytest.mark.parametrize("quote", [
    "Kommunen hadde i 2008 et sykefravær",  # a changed number
    "sykefravær som nærmet seg 12 prosent",
    "fra 2006 […] Kommunen hadde",  # parts out of order
    "Kommunen hadde et sykefravær",  # a left-out word without […]
])
def test_quote_that_differs_from_the_source_is_not_found(quote):
    assert not quote_occurs(quote, SOURCE)


def test_line_ranges_and_cited_text_count_lines_like_sed():
    lines = ["første", "andre", "tredje", "fjerde"]
    assert line_ranges("2–3, 4") == [(2, 3), (4, 4)]
    assert line_ranges("1-2") == [(1, 2)]
    assert cited_text(lines, "2–3, 1") == "andre\ntredje\nførste"


def test_quote_outside_the_cited_lines_is_a_problem(tmp_path):
    source = tmp_path / "kilde.txt"
    source.write_text("linje én om sykefravær\nlinje to om turnus\nlinje tre om ledelse\n", encoding="utf-8")
    ok = QuotedSource("cases/a.yml", "kilder[1].sitat", "doc", "2", "linje to om turnus")
    assert quote_problem(ok, source) is None
    elsewhere = QuotedSource("cases/a.yml", "kilder[1].sitat", "doc", "2–3", "linje én om sykefravær")
    problem = quote_problem(elsewhere, source)
    assert problem.startswith("cases/a.yml: kilder[1].sitat: sitatet står ikke ordrett i kilde.txt, linjene 2–3")
    beyond = QuotedSource("cases/a.yml", "kilder[1].sitat", "doc", "3–9", "linje tre om ledelse")
    assert "linje 9 finnes ikke i kilde.txt (4 linjer)" in quote_problem(beyond, source)
    no_lines = QuotedSource("cases/a.yml", "kilder[1].sitat", "doc", None, "linje to om turnus")
    assert "sitat uten linjenummer" in quote_problem(no_lines, source)


def test_source_texts_folder_is_configurable(monkeypatch, tmp_path):
    monkeypatch.delenv(SOURCES_ENV, raising=False)
    assert source_texts_dir(ROOT) == ROOT.parent / "shared" / "seeds"
    monkeypatch.setenv(SOURCES_ENV, str(tmp_path))
    assert source_texts_dir(ROOT) == tmp_path


# --- the real content ----------------------------------------------------------------------------

QUOTES = catalog_quotes(CATALOG)


def test_every_case_has_a_quote():
    quoted = {q.file for q in QUOTES}
    assert [c.source_file for c in CATALOG.cases if c.source_file not in quoted] == []


NUMBER = re.compile(r"(?<![\d,.])-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?![\d])|(?<![\d,.])-?\d+(?:,\d+)?(?![\d])")


def numbers_in(text: str) -> set[str]:
    return {n.replace("\u00a0", " ") for n in NUMBER.findall(text)}


def test_numbers_in_quotes_are_whole_numbers_not_digits_inside_others():
    assert numbers_in("2006 2007 9,4 10,9 og 13 116 innbyggere") >= {"2006", "9,4", "10,9", "13 116"}
    assert "9" not in numbers_in("2009 19,4")


def test_every_numeric_result_series_is_backed_by_a_quote_with_its_numbers():
    """Each series' first and last value (what the page and chart lead with) stand in a quote of its case,
    written as the page writes them."""
    missing = []
    for case in CATALOG.cases:
        numbers = numbers_in(" ".join(k.sitat for k in case.kilder if k.sitat))
        for s in case.resultater.tall:
            for v in (s.verdier[0], s.verdier[-1]):
                if format_number(v.verdi).replace("\u00a0", " ").replace("\u2212", "-") not in numbers:
                    missing.append(f"{case.source_file}: {s.indikator} ({v.periode}: {v.verdi})")
    assert missing == []


def test_every_theme_figure_is_backed_by_a_quote():
    missing = [f"{t.source_file}: {f.id}" for t in CATALOG.themes for f in t.figurer if not f.kilde.get("sitat")]
    assert missing == []


def test_quotes_are_short():
    assert [f"{q.file}: {q.field}" for q in QUOTES if len(q.sitat) > 320] == []


def test_a_missing_source_folder_or_file_is_reported_not_passed(tmp_path):
    files = source_text_files(CATALOG.vocabularies, tmp_path / "finnes-ikke")
    reason = why_unchecked(files, QUOTES, tmp_path / "finnes-ikke")
    assert "does not exist" in reason and SOURCES_ENV in reason
    (tmp_path / "seeds").mkdir()
    files = source_text_files(CATALOG.vocabularies, tmp_path / "seeds")
    assert "source texts missing" in why_unchecked(files, QUOTES, tmp_path / "seeds")
    for path in files.values():
        path.write_text("", encoding="utf-8")
    assert why_unchecked(files, QUOTES, tmp_path / "seeds") is None


def test_quotes_are_verbatim_in_the_cited_lines_of_the_source_texts():
    files = source_text_files(CATALOG.vocabularies, SOURCES)
    reason = why_unchecked(files, QUOTES, SOURCES)
    if reason:
        pytest.skip(f"SKIPPED: {reason}; {len(QUOTES)} quotes were not checked against the sources")
    problems = [p for q in QUOTES if (p := quote_problem(q, files[q.dokument]))]
    assert problems == [], "\n".join(problems)
    assert len(QUOTES) >= len(CATALOG.cases)


def test_the_editors_guide_says_where_each_text_version_is():
    """The missing-quote message points to «For redaktører»; its table names each report's text file."""
    guide = (ROOT / "content" / "redaktorer" / "index.md").read_text(encoding="utf-8")
    section = guide.split("## Sitat og tekstversjonen", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|$", section, re.M))
    assert rows == {t.id: t.get("fil") for t in CATALOG.vocabularies["kilder"].terms if t.get("fil")}
    assert SOURCES_ENV in section and "../shared/seeds/" in section
