"""Strict, safe YAML loading with line numbers.

PyYAML implements YAML 1.1, which silently turns ``no`` into ``False``, ``0301`` into 193 and
``12:30`` into 750. Editors never mean that. This loader composes the YAML node graph with the safe
(C, when available) loader and builds plain Python values itself:

* only the plain JSON types come out: dict, list, str, int, float, bool, None;
* values YAML 1.1 would coerce (yes/no/on/off, leading zeros, sexagesimal, ``.inf``…) are errors
  with a hint to quote them; unquoted dates stay strings (YAML 1.2 has no timestamps);
* duplicate keys, explicit tags (``!!python/object``…), anchors/aliases and merge keys are errors;
* every value's position is recorded, so later errors can name the line and column.

One bad value never hides the other problems of a file. Two mechanisms make sure of that:

* **Typing slips are repaired, verified and reported.** Before parsing, a scan of each line (quoted
  text and comments masked out) looks for two slips editors make and YAML misreads: a decimal comma
  inside ``{…}`` (``{periode: "2008", verdi: 12,5}`` is read as the value 12 and a field named «5»)
  and a missing space after a field name's colon at the start of a line or inside ``{…}``
  (``tittel:Tekst`` is not a field at all; ``- KS:Oslo`` in a list is left alone, as text). Each
  candidate is repaired in a copy of the text (``12,5`` → ``12.5``, ``tittel:`` → ``tittel: ``) and
  the copy is parsed. A repair is kept only if the parse then has a plain number (or a field name)
  at exactly the repaired place; a candidate that was really part of a text (a block of prose, a
  quoted value) fails that test and is dropped, so text is never changed. Each kept repair is
  reported as its own problem saying how to write the value (``verdi: 12.5``); the file still fails.
  If the copy cannot be parsed, the original text is parsed and its syntax error reported as before.
* **Value problems keep the document.** When the file parses, problems with single values (a YAML
  1.1 number, a duplicate field, a tag) are raised with the parsed document attached
  (``YamlLoadError.document``), so callers can run their other checks on it and report everything
  at once; ``followup_filter`` then drops the checks' problems at fields the loader already
  reported, so one mistake gives one message. Errors that stop parsing (syntax, tabs, encoding,
  size) carry no document.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from builder.core.problems import Problem

try:  # the C composer is several times faster on large inputs
    _SafeLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeLoader = yaml.SafeLoader

MAX_FILE_BYTES = 512 * 1024
MAX_SCALAR_CHARS = 50_000
MAX_NODES = 50_000
MAX_DEPTH = 20  # a case nests four levels; deeper input only costs stack (RecursionError)
MAX_DIGITS = 15  # integer digits of a number: more is not a measurement, and int() refuses 4 300+
MAX_DECIMALS = 6
NESTING_HINT = "Skriv feltene med høyst noen få nivåer innrykk, slik malen viser"

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
_TRUE_FALSE = {"true": True, "false": False}


def file_kind(display: str) -> tuple[str, str]:
    """What an editor's file holds, for hints: (the file as a noun, what one file holds)."""
    if display.startswith("cases/"):
        return "en eksempelbeskrivelse", "ett eksempel"
    if display == "vocabularies/ordliste.yml":
        return "ordlisten", "én ordliste"
    if display.startswith("vocabularies/kommune"):
        return "kommunelisten", "én liste"
    if display.startswith("vocabularies/"):
        return "en vokabularfil", "én liste med begreper"
    if display.startswith("content/"):
        return "en temaside", "én side"
    return "filen", "ett dokument"


def too_big_hint(display: str) -> str:
    return f"Del opp teksten eller fjern innhold som ikke hører hjemme i {file_kind(display)[0]}"


QUOTE_HINT = 'Sett verdien i anførselstegn, for eksempel "{raw}"'

Path_ = tuple  # a path into the data: ("kilder", 0, "linjer")


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based
    raw: str | None = None  # source text of a scalar, for messages that quote what the editor wrote


@dataclass
class YamlDocument:
    """A loaded file: its data, and where in the file each value and key stands."""

    path: Path
    display_path: str
    data: Any
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    source: str = ""  # the decoded file text, to point at a place inside a long value

    def locate(self, path: Path_, needle: str) -> Position:
        """Where `needle` is written inside the value at `path` (else the value's own position)."""
        start = self.position(path)
        lines = self.source.split("\n")
        for number in range(start.line - 1, len(lines)):
            line = lines[number]
            column = line.find(needle, start.column - 1 if number == start.line - 1 else 0)
            if column >= 0:
                return Position(number + 1, column + 1, needle)
        return start

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """The position of the value (or key) at `path`, or of its nearest ancestor."""
        table = self.keys if key else self.values
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Position(1, 1))


class YamlLoadError(Exception):
    """`document` is the parsed file when only single values were wrong (see the module docstring),
    so a caller can still run its other checks on it; None when the file could not be read."""

    def __init__(self, problems: list[Problem], document: YamlDocument | None = None):
        self.problems = problems
        self.document = document
        super().__init__("; ".join(p.format() for p in problems))


def followup_filter(loader_problems: list[Problem], others: list[Problem]) -> list[Problem]:
    """`others` without the problems at a field (or inside a field) the loader already reported:
    a value the loader refused would otherwise be reported again as «wrong type»."""
    fields = {p.field for p in loader_problems if p.field}

    def covered(field: str) -> bool:
        return any(field == f or field.startswith((f + ".", f + "[")) for f in fields)

    return [p for p in others if not covered(p.field)]


def read_input_file(path: Path, display: str, root: Path | None = None) -> bytes:
    """The bytes of one input file an editor wrote, read safely: never through a symbolic link
    (which could publish a file from outside the project), never from outside `root`, and never
    more than the size limit (checked before reading, so a huge file costs no time or memory)."""
    def fail(message: str, hint: str) -> YamlLoadError:
        return YamlLoadError([Problem(display, 1, 1, "", message, hint)])

    if path.is_symlink():
        raise fail("filen er en symbolsk lenke (symlink), og slike følges ikke",
                   "Legg selve filen i mappen i stedet for en lenke til den")
    if root is not None:
        try:
            path.resolve().relative_to(root.resolve())
        except ValueError:
            raise fail("filen ligger utenfor prosjektmappen (mappen den står i er en lenke)",
                       "Legg filen i prosjektets egen mappe") from None
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise fail("dette er ikke en vanlig fil", "Legg en vanlig tekstfil her")
            if size > MAX_FILE_BYTES:
                raise fail(f"filen er for stor ({size // 1024} KB, grensen er {MAX_FILE_BYTES // 1024} KB)",
                           too_big_hint(display))
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise fail(f"filen kan ikke leses ({exc.strerror})", "Sjekk at filen finnes og kan leses") from None


def load_yaml_file(path: Path, display_path: str | None = None, root: Path | None = None) -> YamlDocument:
    """Load one YAML file strictly. Raises YamlLoadError with every problem found."""
    display = display_path or str(path)
    return load_yaml_bytes(read_input_file(path, display, root), path, display)


# Documents loaded before, by (sha256 of the bytes, path, display name). `mkdocs serve` loads every
# input again after each edit; only the edited file's bytes are new. A hit hands out its own copy of
# the data (callers may change it); positions and text are shared and never changed. Failures are
# not kept: they are raised again from the bytes.
_LOADED: dict[tuple, YamlDocument] = {}
_LOADED_MAX = 8192


def load_yaml_bytes(raw: bytes, path: Path, display: str) -> YamlDocument:
    key = (hashlib.sha256(raw).digest(), str(path), display)
    doc = _LOADED.get(key)
    if doc is None:
        doc = _load_yaml_bytes(raw, path, display)
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = doc
    return replace(doc, data=_copy(doc.data))


def _copy(value):
    """A copy of loaded data (only dicts, lists and immutable values): 5× faster than deepcopy."""
    if type(value) is dict:
        return {key: _copy(item) for key, item in value.items()}
    if type(value) is list:
        return [_copy(item) for item in value]
    return value


def _load_yaml_bytes(raw: bytes, path: Path, display: str) -> YamlDocument:
    def fail(message: str, hint: str, line: int = 1, column: int = 1) -> YamlLoadError:
        return YamlLoadError([Problem(display, line, column, "", message, hint)])

    if len(raw) > MAX_FILE_BYTES:
        raise fail(f"filen er for stor ({len(raw) // 1024} KB, grensen er {MAX_FILE_BYTES // 1024} KB)",
                   too_big_hint(display))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("filen er lagret som UTF-16", "Lagre filen som UTF-8 (uten BOM)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is harmless; some Windows editors add it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail("filen er ikke gyldig UTF-8 (for eksempel æ, ø eller å lagret som Latin-1)",
                   "Lagre filen med tegnkoding UTF-8", line, column) from None
    if "\x00" in text:
        raise fail("filen inneholder NUL-tegn og ser ut som en binærfil", "Bruk en vanlig tekstfil")
    problems = invisible_character_problems(text, display)
    if problems:
        raise YamlLoadError(problems)
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise fail("filen er tom", "Fyll inn feltene, eller lag en ferdig mal med «python -m builder new-case»")

    problems = _tab_problems(text, display)
    if problems:
        raise YamlLoadError(problems)

    if "&" in text or "*" in text:  # only then can there be anchors or aliases
        problems = _anchor_problems(text, display)
        if problems:
            raise YamlLoadError(problems)
    repaired = _load_repaired(text, path, display)
    if repaired is not None:
        doc, problems = repaired
        raise YamlLoadError(problems, document=doc)
    try:
        node = yaml.compose(text, Loader=_SafeLoader)
    except RecursionError:
        raise fail("verdiene er nestet for dypt", NESTING_HINT) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise fail(_syntax_message(exc), _syntax_hint(exc, display), line, column) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML parse error is marked
        raise fail(f"YAML-feil: {exc}", "Sjekk innrykk og kolon") from None
    if node is None:
        raise fail("filen er tom", "Fyll inn feltene")

    doc = YamlDocument(path=path, display_path=display, data=None, source=text)
    builder = _Builder(doc)
    doc.data = builder.build(node, ())
    if builder.problems:
        raise YamlLoadError(builder.problems, document=None if builder.stopped else doc)
    return doc


@dataclass(frozen=True)
class _Slip:
    """A typing slip found by the line scan: `old` at (line, column), to be read as `new`."""

    kind: str  # "decimal-comma" or "colon-space"
    line: int  # 1-based
    column: int  # 1-based, where `old` starts
    old: str
    new: str
    key: str = ""  # the field name written before it


# Scanned on a line whose quoted text and comment are masked out (same length, so columns hold).
_FLOW_DECIMAL = re.compile(r"([{,]\s*)([^\s:,{}\[\]]+):[ ]*(-?[0-9]+),([0-9]+)(?=\s*[,}])")
_NO_SPACE_KEY = re.compile(r"(^\s*|[{,]\s*)([^\s:,{}\[\]#\-|>][^\s:,{}\[\]]*):(?=[^\s:/,{}\[\]])")


def _masked(line: str) -> str:
    """The line with quoted text replaced by «x» and any comment blanked (same length)."""
    out, quote, index = [], "", 0
    while index < len(line):
        char = line[index]
        if quote:
            if quote == '"' and char == "\\":
                out.append("xx")
                index += 2
                continue
            if char == quote:
                if quote == "'" and line[index + 1: index + 2] == "'":
                    out.append("xx")
                    index += 2
                    continue
                quote = ""
                out.append(char)
            else:
                out.append("x")
        elif char in "\"'" and (index == 0 or line[index - 1] in " \t{[,:-"):
            quote = char
            out.append(char)
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            out.append(" " * (len(line) - index))
            break
        else:
            out.append(char)
        index += 1
    return "".join(out)[: len(line)].ljust(len(line))


def _innermost_bracket(masked: str, index: int) -> str:
    """The bracket («{» or «[») that `index` stands inside on its line, or «» at block level."""
    stack = []
    for char in masked[:index]:
        if char in "{[":
            stack.append(char)
        elif char in "}]" and stack:
            stack.pop()
    return stack[-1] if stack else ""


def _typing_slips(text: str) -> list[_Slip]:
    slips = []
    if "," not in text and ":" not in text:
        return slips
    for number, line in enumerate(text.split("\n"), start=1):
        if not (_FLOW_DECIMAL.search(line) or _NO_SPACE_KEY.search(line)):
            continue  # masking can only remove matches: most lines stop here
        masked = _masked(line)
        for match in _FLOW_DECIMAL.finditer(masked):
            if _innermost_bracket(masked, match.start(2)) != "{":
                continue
            start = match.start(3)
            old = f"{match.group(3)},{match.group(4)}"
            slips.append(_Slip("decimal-comma", number, start + 1, old, old.replace(",", "."),
                               match.group(2)))
        for match in _NO_SPACE_KEY.finditer(masked):
            if match.group(1).strip() and _innermost_bracket(masked, match.start(2)) != "{":
                continue  # «[a, b:c]» is a list of texts, as written
            start = match.start(2)
            key = match.group(2)
            slips.append(_Slip("colon-space", number, start + 1, key + ":", key + ": ", key))
    return slips


def _apply(text: str, slips: list[_Slip]) -> str:
    lines = text.split("\n")
    for slip in sorted(slips, key=lambda s: (s.line, -s.column)):  # right to left keeps columns
        line = lines[slip.line - 1]
        start = slip.column - 1
        if line[start: start + len(slip.old)] != slip.old:  # overlapping candidates: keep the text
            continue
        lines[slip.line - 1] = line[:start] + slip.new + line[start + len(slip.old):]
    return "\n".join(lines)


def _load_repaired(text: str, path: Path, display: str) -> tuple[YamlDocument, list[Problem]] | None:
    """The document read with its typing slips repaired, and the problems (each slip, and any
    value problem); None when there is no slip that a repair verifiably fixes."""
    slips = _typing_slips(text)
    for _attempt in range(3):
        if not slips:
            return None
        repaired = _apply(text, slips)
        try:
            node = yaml.compose(repaired, Loader=_SafeLoader)
        except (yaml.YAMLError, RecursionError):
            return None  # other syntax errors: reported from the original text
        if node is None:
            return None
        doc = YamlDocument(path=path, display_path=display, data=None, source=repaired)
        builder = _Builder(doc)
        doc.data = builder.build(node, ())
        found = {slip: _confirm(doc, slip, _repaired_column(slip, slips)) for slip in slips}
        if all(found.values()):
            _shift_columns(doc, slips)
            doc.source = text
            problems = [_slip_problem(display, slip, found[slip]) for slip in slips]
            return (None if builder.stopped else doc), problems + builder.problems
        slips = [slip for slip in slips if found[slip]]
    return None


def _repaired_column(slip: _Slip, slips: list[_Slip]) -> int:
    """Where the slip stands in the repaired text (repairs to its left may have added a space)."""
    return slip.column + sum(len(s.new) - len(s.old) for s in slips
                             if s.line == slip.line and s.column < slip.column)


def _confirm(doc: YamlDocument, slip: _Slip, column: int) -> Path_ | None:
    """The path of the value (or field) the repair produced at the slip's place, if it did."""
    if slip.kind == "decimal-comma":
        for value_path, pos in doc.values.items():
            if (pos.line, pos.column, pos.raw) == (slip.line, column, slip.new):
                return value_path
        return None
    for key_path, pos in doc.keys.items():
        if (pos.line, pos.column, pos.raw) == (slip.line, column, slip.key):
            return key_path
    return None


def _shift_columns(doc: YamlDocument, slips: list[_Slip]) -> None:
    """Positions as the editor sees them: undo the column shift of each inserted space."""
    for slip in sorted(slips, key=lambda s: (s.line, s.column)):  # left to right: each undoes its own
        grown = len(slip.new) - len(slip.old)
        if not grown:
            continue
        edge = slip.column + len(slip.old)
        for table in (doc.values, doc.keys):
            for where, pos in list(table.items()):
                if pos.line == slip.line and pos.column >= edge:
                    table[where] = Position(pos.line, pos.column - grown, pos.raw)


def _slip_problem(display: str, slip: _Slip, where: Path_) -> Problem:
    key = slip.key
    if slip.kind == "decimal-comma":
        return Problem(display, slip.line, slip.column, field_label(where),
                       f"desimaltallet «{slip.old}» er skrevet med komma, som her skiller feltene",
                       f"Skriv desimaltall med punktum: «{key}: {slip.new}»")
    return Problem(display, slip.line, slip.column, field_label(where),
                   f"det mangler et mellomrom etter kolonet i «{key}:»",
                   f"Skriv et mellomrom mellom kolonet og verdien: «{key}: …»")


# Characters an editor cannot see and XML (the Atom feeds) cannot hold: C0 controls except tab, line
# feed and carriage return; DEL and C1 controls; surrogates; U+FFFE/U+FFFF. And the Unicode line
# breaks NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: YAML counts them as new lines, editors do not,
# so every position after one would be off.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")
_LINE_BREAK_NAMES = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
MAX_REPORTED = 20


def describe_invisible(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in _LINE_BREAK_NAMES:
        return f"et usynlig linjeskift ({code} {_LINE_BREAK_NAMES[char]})"
    return f"kontrolltegnet {code}"


def invisible_character_problems(text: str, display: str) -> list[Problem]:
    """Each invisible character where the editor's text editor shows it: lines counted by line
    feeds only, columns in characters."""
    problems = []
    for match in _INVISIBLE.finditer(text):
        index = match.start()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        problems.append(Problem(display, line, column, "", f"filen inneholder {describe_invisible(match.group())}, "
                                "som ikke vises i teksten",
                                "Slett tegnet (det følger ofte med når tekst kopieres fra PDF eller Word), "
                                "og skriv et vanlig mellomrom eller linjeskift"))
        if len(problems) == MAX_REPORTED:
            break
    return problems


def _tab_problems(text: str, display: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(display, number, indent.index("\t") + 1, "",
                                    "innrykk med tabulator er ikke tillatt i YAML",
                                    "Bruk mellomrom (to per nivå) i stedet for tabulator"))
    return problems


def _anchor_problems(text: str, display: str) -> list[Problem]:
    """Anchors (&a) and aliases (*a) are refused before composing, which also defuses alias bombs."""
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                return [Problem(display, mark.line + 1, mark.column + 1, "",
                                "ankere og aliaser (&navn / *navn) er ikke tillatt",
                                "Skriv verdien ut i sin helhet der den skal stå")]
    except yaml.YAMLError:
        return []  # syntax errors are reported, with translation, by the composer below
    return []


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if "single document" in (exc.context or ""):
        problem = "expected a single document in the stream"
    translations = {
        "mapping values are not allowed": "et kolon står der YAML ikke venter det",
        "could not find expected ':'": "fant ikke forventet kolon (:) etter et feltnavn",
        "found character '\\t' that cannot start any token": "tabulatortegn er ikke tillatt her",
        "expected <block end>, but found '-'": "listepunktet (-) har feil innrykk",
        "found undefined alias": "aliaset (*navn) er ikke definert",
        "found unexpected end of stream": "filen slutter midt i en verdi (mangler et avsluttende anførselstegn?)",
        "expected a single document in the stream": "filen inneholder flere YAML-dokumenter (---)",
        "did not find expected key": "fant ikke neste feltnavn der det skulle stå",
        "found duplicate anchor": "ankeret (&navn) er brukt to ganger",
        "exceeded maximum nesting depth": "verdiene er nestet for dypt",
        "found invalid Unicode character escape code": "en Unicode-kode (\\u…) i teksten er ugyldig",
        "found unknown escape character": "en kode med omvendt skråstrek (\\) i teksten er ukjent",
    }
    for english, norwegian in translations.items():
        if problem.startswith(english):
            return f"YAML-syntaksfeil: {norwegian}"
    if "expected" in problem and "but found" in problem:
        return "YAML-syntaksfeil: innrykket eller strukturen stemmer ikke"
    return f"YAML-syntaksfeil: {problem or 'ukjent feil'}"


def _syntax_hint(exc: yaml.MarkedYAMLError, display: str = "") -> str:
    problem = exc.problem or ""
    if "escape" in problem:
        return "Skriv tegnet rett inn, skriv \\\\ for en omvendt skråstrek, eller bruk enkle anførselstegn (')"
    if "single document" in (exc.context or "") or "single document" in problem:
        return f"Én fil skal inneholde {file_kind(display)[1]}; fjern linjen med ---"
    if "end of stream" in problem or "quoted scalar" in (exc.context or "") or "expected key" in problem:
        return "Sjekk at alle anførselstegn er lukket"
    if "nesting depth" in problem:
        return NESTING_HINT
    if "mapping values" in problem:
        return 'Sett tekst som inneholder kolon i anførselstegn, eller bruk «|» og skriv teksten på linjene under'
    return "Sjekk innrykket (to mellomrom per nivå) og at hvert felt har formen «navn: verdi»"


class _Builder:
    """Turns a composed node graph into plain values, recording positions and problems."""

    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0

    @property
    def stopped(self) -> bool:
        """Building stopped early (too many values, too deep): the data is not worth checking."""
        return self.count > MAX_NODES

    def problem(self, node: yaml.Node, field: str, message: str, hint: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.doc.display_path, mark.line + 1, mark.column + 1,
                                     field, message, hint))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        field = field_label(path)
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.problem(node, field, "filen har for mange verdier", "Forkort filen")
            return None
        if id(node) in self.seen:
            self.problem(node, field, "ankere og aliaser (&navn / *navn) er ikke tillatt",
                         "Skriv verdien ut i sin helhet der den skal stå")
            return None
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self.problem(node, field_label(path[:MAX_DEPTH]), "verdiene er nestet for dypt", NESTING_HINT)
            self.count = MAX_NODES + 1  # one message is enough: stop building
            return None
        mark = node.start_mark
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        self.doc.values[path] = Position(mark.line + 1, mark.column + 1, raw)

        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, field, f"YAML-taggen «{_short_tag(node.tag)}» er ikke tillatt",
                         "Fjern taggen (ordet som begynner med !) og skriv en vanlig verdi")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                self.problem(key_node, field_label(path), "flettenøkkelen «<<» er ikke tillatt",
                             "Skriv feltene ut i sin helhet")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != f"{_TAG}str":
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "…"
                self.problem(key_node, field_label(path), f"feltnavnet «{shown}» må være tekst",
                             "Feltnavn skal være ord, for eksempel «tittel:»")
                continue
            key = key_node.value
            key_path = path + (key,)
            if key in result:
                first = self.doc.keys[key_path]
                self.problem(key_node, field_label(key_path),
                             f"feltet «{key}» står to ganger (første gang på linje {first.line})",
                             "Slå sammen verdiene eller fjern det ene feltet")
                continue
            mark = key_node.start_mark
            self.doc.keys[key_path] = Position(mark.line + 1, mark.column + 1, key)
            result[key] = self.build(value_node, key_path)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        value = node.value
        field = field_label(path)
        if len(value) > MAX_SCALAR_CHARS:
            self.problem(node, field, f"verdien er for lang ({len(value)} tegn)",
                         f"Korte ned teksten til under {MAX_SCALAR_CHARS} tegn")
            return None
        if node.style == '"' and (bad := _INVISIBLE.search(value)):  # written as an escape: "\a", "\x1b"
            self.problem(node, field, f"verdien inneholder {describe_invisible(bad.group())} (skrevet som en "
                         "kode med omvendt skråstrek)", "Fjern koden fra teksten")
            return None
        tag = node.tag[len(_TAG):]
        if node.style:  # quoted or block scalars are always text (plain style: None, or "" in C)
            return value
        if tag == "str":
            if _LEADING_ZERO.fullmatch(value):  # YAML 1.2 tools (editors) read this as a number
                self.problem(node, field, f"«{value}» kan bli lest som tallet {int(value)}",
                             QUOTE_HINT.format(raw=value))
            return value
        if tag == "null":
            return None
        if tag == "bool":
            if value.lower() in _TRUE_FALSE:
                return _TRUE_FALSE[value.lower()]
            self.problem(node, field,
                         f"«{value}» blir tolket som sann/usann (ja/nei) i YAML 1.1",
                         QUOTE_HINT.format(raw=value) + ", eller skriv true/false hvis du mener ja/nei")
            return value
        if tag in ("int", "float") and (problem := _number_problem(value)):
            self.problem(node, field, *problem)
            return value
        if tag == "int":
            if _PLAIN_INT.fullmatch(value):
                return int(value)
            self.problem(node, field, f"«{value}» kan bli tolket som et annet tall enn det som står",
                         QUOTE_HINT.format(raw=value))
            return value
        if tag == "float":
            if _PLAIN_FLOAT.fullmatch(value):
                return float(value)
            self.problem(node, field, f"«{value}» er ikke et vanlig desimaltall",
                         QUOTE_HINT.format(raw=value) + ", eller skriv tallet med punktum, for eksempel 9.4")
            return value
        if tag == "timestamp":
            return value  # YAML 1.2: a date is text; the schema checks its format
        return value  # pragma: no cover - all allowed tags handled above


def _number_problem(text: str) -> tuple[str, str] | None:
    """A number an editor wrote that cannot be a measurement shown on a page: too many digits,
    too large (or infinite once read), or more decimals than the site shows."""
    if not (_PLAIN_INT.fullmatch(text) or _PLAIN_FLOAT.fullmatch(text)):
        return None  # not a plain number: the caller reports that
    shown = text if len(text) <= 30 else text[:27] + "…"
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns above only let numbers through
        return None
    if not number.is_finite() or number.adjusted() >= MAX_DIGITS:
        return (f"tallet «{shown}» er for stort (høyst {MAX_DIGITS} sifre før komma)",
                "Skriv tallet slik kilden oppgir det, eller bruk en større enhet (for eksempel millioner)")
    if number and -number.normalize().as_tuple().exponent > MAX_DECIMALS:
        return (f"tallet «{shown}» har for mange desimaler (høyst {MAX_DECIMALS})",
                "Rund av tallet slik kilden gjør, eller bruk en mindre enhet (for eksempel promille)")
    return None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def field_label(path: Path_) -> str:
    """A readable field path: ``kilder[1].linjer`` (list positions counted from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out
