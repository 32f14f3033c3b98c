"""Verbatim quotes (`sitat` on a source reference) checked against the text versions of the sources.

A quote must occur in the lines its source reference cites. The comparison ignores whitespace (the
text versions come from PDFs: «11prosent ,» for «11 prosent,»), soft hyphens and hyphenation at a
line break («syke-\\nfravær» matches «sykefravær»; a quote may keep a real hyphen the source breaks
the line at). «[…]» in a quote marks left-out text: the parts must occur in order.

The source texts are not part of the project. Their folder is `ERFARINGSBANKEN_KILDETEKSTER` or, by
default, `../shared/seeds` beside the project root; the file of each document is `fil` in
vocabularies/kilder.yml. ``python -m builder validate`` checks every quote whose document's text is
there (``quote_problems``) and says so when the folder is missing; a document without a text version
(a municipality's own report) has nothing to compare with, and its quotes are not checked.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from builder.core.problems import Problem

SOURCES_ENV = "ERFARINGSBANKEN_KILDETEKSTER"
OMISSION = "[…]"
_LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*\r?\n\s*")
_WHITESPACE = re.compile(r"\s+")
_RANGE = re.compile(r"(\d+)\s*(?:[–-]\s*(\d+))?")


def source_texts_dir(project_root: Path) -> Path:
    configured = os.environ.get(SOURCES_ENV)
    return Path(configured) if configured else project_root.parent / "shared" / "seeds"


def source_text_files(vocabularies, folder: Path) -> dict[str, Path]:
    """Document id → its text version in `folder` (the file named in vocabularies/kilder.yml)."""
    return {term.id: folder / term.get("fil") for term in vocabularies["kilder"].terms if term.get("fil")}


def why_unchecked(files: dict[str, Path], quotes: list["QuotedSource"], folder: Path) -> str | None:
    """None if every quoted document's text is there; otherwise why the quotes cannot be checked."""
    if not folder.is_dir():
        return f"the source texts are missing ({folder} does not exist); set {SOURCES_ENV} to their folder"
    absent = sorted({str(files.get(q.dokument, folder / q.dokument)) for q in quotes
                     if q.dokument not in files or not files[q.dokument].is_file()})
    if absent:
        return f"source texts missing in {folder}: {', '.join(absent)}"
    return None


def line_ranges(spec: str) -> list[tuple[int, int]]:
    """«3464–3508, 4799» → [(3464, 3508), (4799, 4799)]."""
    return [(int(a), int(b or a)) for a, b in _RANGE.findall(spec)]


def cited_text(lines: list[str], spec: str) -> str:
    """The cited lines (1-based, as `sed -n 'A,Bp'` counts them), ranges joined by a line break."""
    return "\n".join("\n".join(lines[a - 1:b]) for a, b in line_ranges(spec))


def normalise_source(text: str) -> str:
    text = text.replace("\u00ad", "")
    text = _LINE_BREAK_HYPHEN.sub("", text)
    return _WHITESPACE.sub("", text)


def _quote_pattern(part: str) -> re.Pattern:
    compact = _WHITESPACE.sub("", part.replace("\u00ad", ""))
    # A hyphen in the quote may be one the source broke the line at (and so lost in normalising).
    return re.compile("-?".join(re.escape(piece) for piece in compact.split("-")))


def quote_occurs(quote: str, source: str) -> bool:
    """True if every part of the quote (split at «[…]») occurs, in order, in the source text."""
    haystack = normalise_source(source)
    start = 0
    for part in quote.split(OMISSION):
        if not part.strip():
            continue
        match = _quote_pattern(part).search(haystack, start)
        if match is None:
            return False
        start = match.end()
    return True


@lru_cache(maxsize=16)
def _read_lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").split("\n"))


@dataclass(frozen=True)
class QuotedSource:
    """One quote to check: where it is written (file and field) and what it cites."""
    file: str
    field: str
    dokument: str
    linjer: str | None
    sitat: str
    path: tuple = ()  # the field as keys and list indexes, for its line in the file


def quote_problem(quote: QuotedSource, source_file: Path) -> str | None:
    """None if the quote occurs in the cited lines; otherwise what is wrong, in Norwegian."""
    found = quote_check(quote, source_file)
    return None if found is None else f"{quote.file}: {quote.field}: {found[0]}" + (f" — {found[1]}" if found[1] else "")


def quote_check(quote: QuotedSource, source_file: Path) -> tuple[str, str] | None:
    """None if the quote occurs in the cited lines; otherwise (what is wrong, how to fix it)."""
    if not quote.linjer:
        return "sitat uten linjenummer kan ikke kontrolleres", "oppgi «linjer» for kilden"
    lines = list(_read_lines(source_file))
    last = max(b for _, b in line_ranges(quote.linjer))
    if last > len(lines):
        return (f"linje {last} finnes ikke i {source_file.name} ({len(lines)} linjer)",
                "rett linjenumrene i «linjer» så de viser til linjene sitatet står på")
    if not quote_occurs(quote.sitat, cited_text(lines, quote.linjer)):
        return (f"sitatet står ikke ordrett i {source_file.name}, linjene {quote.linjer}",
                f"skriv av teksten nøyaktig («{quote.sitat[:60]}…»), eller rett «linjer»")
    return None


def quote_problems(project_root: Path, quotes: list[QuotedSource], vocabularies,
                   position) -> tuple[list[Problem], str | None]:
    """What ``validate`` reports: a problem for every quote that is not verbatim in the cited lines of
    its document's text version, for the documents whose text is there. `position(quote)` gives the
    (line, column) of the quote in its file. The second value is a note for the editor: how many
    quotes were checked, or that none were, and why."""
    folder = source_texts_dir(project_root)
    if not folder.is_dir():
        return [], (f"Sitatene er ikke kontrollert mot kildetekstene: mappen {folder} finnes ikke "
                    f"(sett {SOURCES_ENV} til mappen med dem).")
    files = source_text_files(vocabularies, folder)
    problems = []
    checked = 0
    for quote in quotes:
        source_file = files.get(quote.dokument)
        if source_file is None or not source_file.is_file():
            continue  # no text version here: nothing to compare the quote with
        checked += 1
        found = quote_check(quote, source_file)
        if found is not None:
            line, column = position(quote)
            problems.append(Problem(quote.file, line, column, quote.field, *found))
    unchecked = len(quotes) - checked
    return problems, (f"{checked} sitater står ordrett i kildetekstene"
                      + (f"; {unchecked} er fra dokumenter uten tekstversjon her og er ikke kontrollert."
                         if unchecked else "."))


def quotes_in(kilder, file: str, prefix: str = "kilder", at: tuple = ("kilder",)) -> list[QuotedSource]:
    """The quotes in a list of source references (SourceRef objects or front-matter dicts); `at` is
    the list's place in the file (keys and indexes)."""
    out = []
    for index, k in enumerate(kilder, start=1):
        get = k.get if isinstance(k, dict) else lambda name, k=k: getattr(k, name)
        if get("sitat"):
            out.append(QuotedSource(file, f"{prefix}[{index}].sitat", get("dokument"), get("linjer"),
                                    get("sitat"), (*at, index - 1, "sitat")))
    return out


def catalog_quotes(catalog) -> list[QuotedSource]:
    """Every quote in the case files (sources and sourced contact roles) and the theme pages' front matter
    (sources and figures)."""
    return quotes_of(catalog.cases, catalog.themes)


def quotes_of(cases, themes) -> list[QuotedSource]:
    """Every quote in these cases and theme pages."""
    out = []
    for case in cases:
        out += quotes_in(case.kilder, case.source_file)
        for index, contact in enumerate(case.kontakt, start=1):
            out += quotes_in(contact.kilder, case.source_file, f"kontakt[{index}].kilder",
                             ("kontakt", index - 1, "kilder"))
    for theme in themes:
        out += quotes_in(theme.kilder, theme.source_file)
        for index, figure in enumerate(theme.figurer, start=1):
            out += [QuotedSource(theme.source_file, f"figurer[{index}].kilde.sitat", q.dokument, q.linjer, q.sitat,
                                 ("figurer", index - 1, "kilde", "sitat"))
                    for q in quotes_in([figure.kilde], theme.source_file)]
    return out
