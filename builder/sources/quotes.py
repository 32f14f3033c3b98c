"""Verbatim quotes (`sitat` on a source reference) checked against the text versions of the sources.

A quote must occur in the lines its source reference cites. The comparison ignores whitespace (the
text versions come from PDFs: «11prosent ,» for «11 prosent,»), soft hyphens and hyphenation at a
line break («syke-\\nfravær» matches «sykefravær»; a quote may keep a real hyphen the source breaks
the line at). «[…]» in a quote marks left-out text: the parts must occur in order.

The source texts are not part of the project. Their folder is `ERFARINGSBANKEN_KILDETEKSTER` or, by
default, `../shared/seeds` beside the project root; the file of each document is `fil` in
vocabularies/kilder.yml.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


def quote_problem(quote: QuotedSource, source_file: Path) -> str | None:
    """None if the quote occurs in the cited lines; otherwise what is wrong, in Norwegian."""
    where = f"{quote.file}: {quote.field}"
    if not quote.linjer:
        return f"{where}: sitat uten linjenummer kan ikke kontrolleres — oppgi «linjer» for kilden"
    lines = list(_read_lines(source_file))
    last = max(b for _, b in line_ranges(quote.linjer))
    if last > len(lines):
        return f"{where}: linje {last} finnes ikke i {source_file.name} ({len(lines)} linjer)"
    if not quote_occurs(quote.sitat, cited_text(lines, quote.linjer)):
        return (f"{where}: sitatet står ikke ordrett i {source_file.name}, linjene {quote.linjer} "
                f"— skriv av teksten nøyaktig («{quote.sitat[:60]}…»)")
    return None


def quotes_in(kilder, file: str, prefix: str = "kilder") -> list[QuotedSource]:
    """The quotes in a list of source references (SourceRef objects or front-matter dicts)."""
    out = []
    for index, k in enumerate(kilder, start=1):
        get = k.get if isinstance(k, dict) else lambda name, k=k: getattr(k, name)
        if get("sitat"):
            out.append(QuotedSource(file, f"{prefix}[{index}].sitat", get("dokument"), get("linjer"),
                                    get("sitat")))
    return out


def catalog_quotes(catalog) -> list[QuotedSource]:
    """Every quote in the case files (sources and sourced contact roles) and the theme pages' front matter
    (sources and figures)."""
    out = []
    for case in catalog.cases:
        out += quotes_in(case.kilder, case.source_file)
        for index, contact in enumerate(case.kontakt, start=1):
            out += quotes_in(contact.kilder, case.source_file, f"kontakt[{index}].kilder")
    for theme in catalog.themes:
        out += quotes_in(theme.kilder, theme.source_file)
        for index, figure in enumerate(theme.figurer, start=1):
            out += [QuotedSource(theme.source_file, f"figurer[{index}].kilde.sitat", q.dokument, q.linjer, q.sitat)
                    for q in quotes_in([figure.kilde], theme.source_file)]
    return out
