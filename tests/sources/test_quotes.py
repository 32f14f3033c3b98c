"""Quotes (`sitat`) are verbatim from the cited lines of the source texts, and every case has them.

The source texts live outside the project (../shared/seeds beside it, or ERFARINGSBANKEN_KILDETEKSTER);
the check against them is skipped, with a message saying so, when they are missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.core.formatting import format_number
from builder.core.project import Project
from builder.sources.catalog import load_catalog
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


# --- `python -m builder validate` checks the quotes (when the source texts are there) -------------

def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ASKIM = "cases/askim-skole-kvalitetssystem.yml"
BERGEN = "cases/bergen-stavanger-etikk-i-det-daglige.yml"
THEME = "content/temaer/heltid-og-deltid.md"

# (what an editor did, file, old text, new text, field reported, what the message says)
QUOTE_MISTAKES = [
    ("a word changed in a case's quote", ASKIM, "ble det utviklet et «System", "ble det laget et «System",
     "kilder[1].sitat", "står ikke ordrett"),
    ("a number put into a quote", ASKIM, "deltakelse i et nettverksprosjekt", "deltakelse i 12 nettverksprosjekt",
     "kilder[1].sitat", "står ikke ordrett"),
    ("lines that do not hold the quote", ASKIM, 'linjer: "2098–2176"', 'linjer: "10–20"',
     "kilder[1].sitat", "står ikke ordrett"),
    ("lines beyond the end of the text", ASKIM, 'linjer: "2098–2176"', 'linjer: "2098–999999"',
     "kilder[1].sitat", "linje 999999 finnes ikke"),
    ("a contact role's quote changed", BERGEN, "Bergen har satset på opplæring", "Bergen har satset mye på opplæring",
     "kontakt[1].kilder[1].sitat", "står ikke ordrett"),
    ("a theme page's quote changed", THEME, "Figur 3-6 illustrerer at 66 prosent", "Figur 3-6 illustrerer at 67 prosent",
     "kilder[1].sitat", "står ikke ordrett"),
    ("a theme figure's quote changed", THEME, "Deltakere x Post 0.00205", "Deltakere x Post 0.00305",
     "figurer[1].kilde.sitat", "står ikke ordrett"),
]


def _sources_or_skip() -> Path:
    if not SOURCES.is_dir():
        pytest.skip(f"SKIPPED: the source texts are missing ({SOURCES}); set {SOURCES_ENV}")
    return SOURCES


@pytest.mark.parametrize("what,rel,old,new,field,message", QUOTE_MISTAKES, ids=[m[0] for m in QUOTE_MISTAKES])
def test_validate_reports_a_quote_that_is_not_in_the_source(project_dir, monkeypatch, what, rel, old, new, field,
                                                            message):
    from conftest import run_cli

    monkeypatch.setenv(SOURCES_ENV, str(_sources_or_skip()))
    path = project_dir / rel
    # the problem names the line of the quote itself (the next «sitat:» when «linjer» is what changed)
    lines = path.read_text(encoding="utf-8").splitlines()
    quote_line = next(i for i in range(_line_of(path, old), len(lines) + 1) if "sitat:" in lines[i - 1])
    _replace_once(path, old, new)
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    reported = [line for line in result.stderr.splitlines() if line.startswith(f"{rel}:")]
    assert len(reported) == 1, result.stderr
    assert reported[0].startswith(f"{rel}:{quote_line}:"), (reported, quote_line)
    assert field in reported[0] and message in result.stderr
    assert "OK:" not in result.stdout


def test_validate_of_one_file_checks_its_quotes(project_dir, monkeypatch):
    from conftest import run_cli

    monkeypatch.setenv(SOURCES_ENV, str(_sources_or_skip()))
    _replace_once(project_dir / ASKIM, "ble det utviklet et «System", "ble det laget et «System")
    result = run_cli(project_dir, "validate", ASKIM)
    assert result.returncode == 1 and "kilder[1].sitat" in result.stderr and "står ikke ordrett" in result.stderr
    assert run_cli(project_dir, "validate", BERGEN).returncode == 0


def test_validate_accepts_quotes_written_with_other_spacing_and_hyphens(project_dir, monkeypatch):
    """Mistakes that are not mistakes: double spaces, a soft hyphen, a line-broken word written whole."""
    from conftest import run_cli

    monkeypatch.setenv(SOURCES_ENV, str(_sources_or_skip()))
    _replace_once(project_dir / ASKIM, "ble det utviklet et «System", "ble  det utvik\u00adlet et «System")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 0, result.stderr
    assert "OK: " in result.stdout and "sitater" in result.stdout


def test_a_quote_from_a_document_without_a_text_version_is_not_checked(project_dir, monkeypatch, tmp_path):
    """A municipality's own report has no text version here: nothing to compare with, no problem."""
    from conftest import run_cli

    seeds = tmp_path / "seeds"
    seeds.mkdir()  # the folder is there, but holds no document's text
    monkeypatch.setenv(SOURCES_ENV, str(seeds))
    _replace_once(project_dir / ASKIM, "ble det utviklet et «System", "ble det laget et «System")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 0, result.stderr
    assert "0 sitater" in result.stdout


def test_without_the_source_texts_validate_says_the_quotes_were_not_checked(project_dir, monkeypatch, tmp_path):
    from conftest import run_cli

    monkeypatch.setenv(SOURCES_ENV, str(tmp_path / "finnes-ikke"))
    _replace_once(project_dir / ASKIM, "ble det utviklet et «System", "ble det laget et «System")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 0, result.stderr
    assert "Sitatene er ikke kontrollert" in result.stdout and SOURCES_ENV in result.stdout
