"""Validate loaded YAML documents against a JSON Schema and explain each error in Norwegian.

Every jsonschema error is turned into a Problem that points at the offending key or value
(line and column from the loader), names the field and says how to fix it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from builder.core.build_cache import digest, known_valid_documents, reuse_enabled
from builder.sources.privacy import private_email, privacy_problems  # noqa: F401  (catalog imports them from here)
from builder.core.problems import Problem
from builder.sources.yaml_loader import YamlDocument, field_label

# Every text the new-case skeleton (new_case.py) leaves for the editor to replace starts with this
# marker, and `validate` refuses a case while any value still contains it (placeholder_problems).
PLACEHOLDER = "FYLL INN"

_TYPE_NAMES = {
    "string": "tekst", "number": "et tall", "integer": "et heltall", "boolean": "true eller false",
    "array": "en liste", "object": "en gruppe med felt", "null": "tom",
}

# A source that is one of the reports with a text version must have a quote (the schema's rule, made
# from vocabularies/kilder.yml: the reports with `fil`); the form says the same (builder/editing/form_checks.py).
QUOTE_REQUIRED = "kilden er en av rapportene prosjektet har tekstversjon av, og da skal den ha et sitat"
QUOTE_REQUIRED_HINT = ("Skriv av en setning fra kilden ordrett i «sitat», fra linjene du oppgir; tekstversjonen med "
                       "linjenummer er filen {file} i mappen med kildetekstene (se «For redaktører», avsnittet "
                       "«Sitat og tekstversjonen»)")

_DECIMAL_COMMA = re.compile(r"-?[0-9]{1,3}(?:[ \u00a0]?[0-9]{3})*,[0-9]+")  # «12,5», «1 234,5»


def describe_type(value) -> str:
    if value is None:
        return "tom"
    if isinstance(value, bool):
        return "sann/usann"
    if isinstance(value, (int, float)):
        return "et tall"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en gruppe med felt"
    return type(value).__name__  # pragma: no cover


def schema_problems(doc: YamlDocument, validator: Draft202012Validator, project=None) -> list[Problem]:
    """Every schema error of the document, explained. With `project`, a document found valid by
    an earlier build under the same schema (same data, same code) is not validated again."""
    store = key = None
    if project is not None and reuse_enabled():
        store = known_valid_documents(project.root)
        key = digest(_schema_digest(validator), doc.data)
        store.used.add(key)
        if store.get(key):
            return []
    problems = []
    for error in validator.iter_errors(doc.data):
        problems.extend(_explain(doc, error))
    problems = _dedupe(problems)
    if store is not None and not problems:
        store.put(key, True)
    return problems


_SCHEMA_DIGESTS: dict[int, tuple[object, str]] = {}


def _schema_digest(validator) -> str:
    cached = _SCHEMA_DIGESTS.get(id(validator))
    if cached is None or cached[0] is not validator:
        cached = _SCHEMA_DIGESTS[id(validator)] = (validator, digest(validator.schema))
    return cached[1]


def _dedupe(problems: Iterable[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.file, p.line, p.column, p.field, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _problem(doc: YamlDocument, path, message: str, hint: str, *, key: bool = False) -> Problem:
    pos = doc.position(path, key=key)
    return Problem(doc.display_path, pos.line, pos.column, field_label(path), message, hint)


def _explain(doc: YamlDocument, error: ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    raw = doc.position(path).raw if path in doc.values else None

    if kind == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        name = missing.group(1) if missing else "?"
        where = field_label(path) or "filen"
        if name == "sitat" and "x-text-versions" in schema and isinstance(value, dict):
            text_file = schema["x-text-versions"].get(value.get("dokument"), "?")
            return [Problem(doc.display_path, *_line_col(doc, path), field_label(path + (name,)),
                            QUOTE_REQUIRED, QUOTE_REQUIRED_HINT.format(file=text_file))]
        return [Problem(doc.display_path, *_line_col(doc, path), field_label(path + (name,)),
                        f"mangler påkrevd felt «{name}»",
                        f"Legg til «{name}:» i {where}; se feltbeskrivelsen på nettstedet")]
    if kind == "additionalProperties":
        allowed = sorted((schema.get("properties") or {}).keys())
        out = []
        for name in sorted(set(value) - set(allowed)) if isinstance(value, dict) else []:
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f"Mente du «{close[0]}»?" if close else f"Tillatte felt her: {', '.join(allowed)}"
            out.append(_problem(doc, path + (name,), f"ukjent felt «{name}»", hint, key=True))
        return out
    if kind == "type":
        expected = error.validator_value
        expected_names = " eller ".join(_TYPE_NAMES.get(t, t) for t in (
            expected if isinstance(expected, list) else [expected]))
        message = f"skal være {expected_names}, men er {describe_type(value)}"
        if expected == "string" and raw is not None:
            hint = f'Sett verdien i anførselstegn, for eksempel "{raw}"'
        elif expected == "number" and isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value.strip()):
            name = path[-1] if path and isinstance(path[-1], str) else "verdi"
            number = re.sub(r"[ \u00a0]", "", value.strip()).replace(",", ".")
            hint = f"Skriv desimaltall med punktum og uten anførselstegn: «{name}: {number}»"
        elif expected == "number" and isinstance(value, str):
            hint = "Skriv tallet uten anførselstegn og med punktum som desimaltegn, for eksempel 9.4"
        elif expected == "array":
            hint = "Skriv verdien som en liste, med «- » foran hvert element på egen linje"
        elif expected == "object":
            hint = "Skriv feltene under, med innrykk, i formen «navn: verdi»"
        else:
            hint = "Se feltbeskrivelsen på nettstedet"
        return [_problem(doc, path, message, hint)]
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        if close:
            hint = f"Mente du «{close[0]}»?"
        elif len(options) <= 12:
            hint = "Gyldige verdier: " + ", ".join(options)
        else:
            hint = "Se listen over gyldige verdier i " + _vocabulary_file(schema)
        return [_problem(doc, path, f"«{value}» er ikke en gyldig verdi", hint)]
    if kind == "pattern":
        format_hint = schema.get("x-format-hint")
        if path and path[-1] == "id":
            hint = "Bruk bare små bokstaver a–z, tall og bindestrek, for eksempel «molde-barnehage-ledelse»"
        elif format_hint:
            hint = f"Skriv {format_hint}"
        else:
            hint = schema.get("description") or "Se feltbeskrivelsen på nettstedet"
        return [_problem(doc, path, f"«{value}» har feil format", hint)]
    if kind == "format" and error.validator_value == "date":
        return [_problem(doc, path, f"«{value}» er ikke en dato som finnes",
                         "Sjekk dag og måned (for eksempel har februar 28 eller 29 dager)")]
    if kind == "minItems":
        n = error.validator_value
        return [_problem(doc, path, f"må ha minst {n} {'element' if n == 1 else 'elementer'}",
                         "Legg til flere elementer i listen")]
    if kind == "maxItems":
        n = error.validator_value
        hint = ("Ta med ett tall per år eller periode, ikke hver enkelt måling; flere punkter gjør diagrammet "
                "uleselig" if path and path[-1] == "verdier" else "Ta bare med de viktigste")
        return [_problem(doc, path, f"listen har {len(value)} elementer, men høyst {n} er tillatt", hint)]
    if kind == "minLength":
        return [_problem(doc, path, f"teksten er for kort (minst {error.validator_value} tegn)",
                         "Skriv litt mer utfyllende")]
    if kind == "maxLength":
        return [_problem(doc, path, f"teksten er for lang ({len(value)} tegn, høyst {error.validator_value})",
                         "Korte ned teksten")]
    if kind == "uniqueItems":
        return _duplicates(doc, path, value)
    if kind == "anyOf" and path and "kilder" in path:
        return [_problem(doc, path, "kilden mangler linjer eller sider",
                         'Legg til «linjer: "1713–1758"» eller «sider: "42"»')]
    if kind == "not" and path and "kilder" in path and isinstance(value, dict):
        if value.get("dokument"):
            extra = [f for f in ("tittel", "utgiver", "år", "adresse") if f in value]
            return [_problem(doc, path + (f,), f"«{f}» brukes bare for andre dokumenter, men kilden er en av "
                             "rapportene prosjektet har tekstversjon av («dokument»)",
                             f"Fjern «{f}», eller fjern «dokument» hvis kilden er et annet dokument")
                    for f in extra]
        extra = [f for f in ("linjer", "sitat") if f in value]
        return [_problem(doc, path + (f,), f"«{f}» kan bare kontrolleres for rapportene prosjektet har "
                         "tekstversjon av, og denne kilden er et annet dokument",
                         f"Fjern «{f}»; vis eventuelt til sidetall med «sider»")
                for f in extra]
    if kind in ("anyOf", "oneOf"):
        return _explain_alternatives(doc, path, error, value)
    return [_problem(doc, path, f"ugyldig verdi ({error.message})", "Se feltbeskrivelsen på nettstedet")]


def _duplicates(doc: YamlDocument, path, value) -> list[Problem]:
    """Each value that stands in a list more than once, at its second place: «ikkje» står to ganger."""
    out, first = [], {}
    for index, item in enumerate(value if isinstance(value, list) else []):
        key = repr(item)
        if key in first:
            shown = item if isinstance(item, str) else "samme verdi"
            out.append(_problem(doc, path + (index,),
                                f"«{shown}» står to ganger i listen (element {first[key] + 1} og {index + 1})",
                                f"Fjern element {index + 1}; hver verdi skal stå bare én gang"))
        else:
            first[key] = index
    return out or [_problem(doc, path, "listen har samme verdi flere ganger", "Fjern duplikatene")]


def _explain_alternatives(doc: YamlDocument, path, error: ValidationError, value) -> list[Problem]:
    """A value that fits none of several forms (a word or a list of words): explain what is wrong
    in the form of the value's own type, or which types are allowed."""
    wrong_type = [e for e in error.context if e.validator == "type" and tuple(e.absolute_path) == path]
    same_type = [e for e in error.context if e not in wrong_type]
    if same_type:
        branch = min(sorted({e.schema_path[0] for e in same_type}),
                     key=lambda b: sum(1 for e in same_type if e.schema_path[0] == b))
        return _dedupe(p for e in same_type if e.schema_path[0] == branch for p in _explain(doc, e))
    expected = []
    for e in wrong_type:
        for name in e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]:
            if _TYPE_NAMES.get(name, name) not in expected:
                expected.append(_TYPE_NAMES.get(name, name))
    if expected:
        return [_problem(doc, path, f"skal være {' eller '.join(expected)}, men er {describe_type(value)}",
                         "Se feltbeskrivelsen på nettstedet")]
    return [_problem(doc, path, "verdien passer ikke med noen av de tillatte formene",
                     "Se feltbeskrivelsen på nettstedet")]


def _line_col(doc: YamlDocument, path) -> tuple[int, int]:
    pos = doc.position(path)
    return pos.line, pos.column


def _vocabulary_file(schema: dict) -> str:
    name = schema.get("x-vocabulary")
    return f"vocabularies/{name}.yml" if name else "feltbeskrivelsen"


def markdown_fields(schema: dict) -> list[tuple]:
    """Paths of the fields rendered as Markdown (those of type «langtekst»), with None for «any
    list position»: ``("bakgrunn",)``, ``("resultater", "tekst")``."""
    found: list[tuple] = []

    def walk(node, path):
        if not isinstance(node, dict):
            return
        if node.get("$ref") == "#/$defs/langtekst":
            found.append(path)
            return
        for name, child in (node.get("properties") or {}).items():
            walk(child, path + (name,))
        if isinstance(node.get("items"), dict):
            walk(node["items"], path + (None,))

    walk(schema, ())
    return found


def _values_at(data, pattern: tuple, path: tuple = ()):
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head is None and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _values_at(item, rest, path + (index,))
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest, path + (head,))


def markdown_link_problems(doc: YamlDocument, schema: dict) -> list[Problem]:
    """Links in Markdown fields that the renderer would drop: script, hidden or disguised targets."""
    from builder.sources.markdown_text import link_problems

    problems = []
    for pattern in markdown_fields(schema):
        for path, value in _values_at(doc.data, pattern):
            if not isinstance(value, str) or ("]" not in value and "<" not in value):
                continue
            for link in link_problems(value):
                pos = doc.locate(path, link.target)
                problems.append(Problem(doc.display_path, pos.line, pos.column, field_label(path),
                                        link.message, link.hint))
    return problems


_PLACEHOLDER_TEXT = re.compile(re.escape(PLACEHOLDER) + r":?[ \t]*([^\n]*)")


def placeholder_problems(doc: YamlDocument) -> list[Problem]:
    """Every value that still holds a «FYLL INN: …» text from the new-case skeleton."""
    problems = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif isinstance(value, str) and PLACEHOLDER in value:
            match = _PLACEHOLDER_TEXT.search(value)
            what = match.group(1).strip().rstrip(".") if match else ""
            shown = f"{PLACEHOLDER}: {what}" if len(what) <= 40 else f"{PLACEHOLDER}: {what[:37]}…"
            pos = doc.locate(path, PLACEHOLDER)
            problems.append(Problem(doc.display_path, pos.line, pos.column, field_label(path),
                                    f"feltet inneholder fortsatt malteksten «{shown}»",
                                    f"Skriv inn {what or 'det feltet skal inneholde'}, og fjern «{PLACEHOLDER}»"))

    walk(doc.data, ())
    return problems


def _period_bounds(value: str) -> tuple[int, int] | None:
    """«2008» -> (200801, 200812); «2008-11» -> (200811, 200811)."""
    try:
        year, _, month = value.partition("-")
        return (int(year) * 100 + int(month or 1), int(year) * 100 + int(month or 12))
    except ValueError:
        return None


def consistency_problems(doc: YamlDocument, today) -> list[Problem]:
    """Values that are each well-formed but together or against the calendar make no sense: a
    review date in the future, a period that ends before it starts. `today` honours
    SOURCE_DATE_EPOCH; one day of slack covers an editor east of UTC just after midnight."""
    from datetime import date, timedelta

    data = doc.data if isinstance(doc.data, dict) else {}
    problems = []
    latest = today + timedelta(days=1)
    dated = [(("sist_vurdert",), data.get("sist_vurdert"))]
    for index, contact in enumerate(data.get("kontakt") or []):
        if isinstance(contact, dict):
            dated.append((("kontakt", index, "kontrollert"), contact.get("kontrollert")))
    for path, value in dated:
        try:
            when = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            continue  # the schema reports it
        if when and when > latest:
            problems.append(_problem(doc, path, f"datoen {value} er frem i tid",
                                     f"Skriv datoen da innholdet faktisk ble gjennomgått (i dag er {today.isoformat()})"))
    for key, sources in (("kilder", data.get("kilder")),
                         *((("kontakt", i, "kilder"), c.get("kilder")) for i, c in
                           enumerate(data.get("kontakt") or []) if isinstance(c, dict))):
        prefix = key if isinstance(key, tuple) else (key,)
        for index, source in enumerate(sources if isinstance(sources, list) else []):
            year = source.get("år") if isinstance(source, dict) else None
            if isinstance(year, str) and year.isdigit() and int(year) > today.year:
                problems.append(_problem(doc, prefix + (index, "år"), f"året {year} er frem i tid",
                                         f"Skriv året dokumentet ble utgitt (i år er {today.year})"))
    period = data.get("periode")
    if isinstance(period, dict) and isinstance(period.get("fra"), str) and isinstance(period.get("til"), str):
        start, end = _period_bounds(period["fra"]), _period_bounds(period["til"])
        if start and end and start[0] > end[1]:
            problems.append(_problem(doc, ("periode", "til"),
                                     f"perioden slutter ({period['til']}) før den begynner ({period['fra']})",
                                     "Bytt om «fra» og «til», eller rett årstallet"))
    return problems
