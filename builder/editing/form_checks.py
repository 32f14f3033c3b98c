"""The form's checks, `rediger/sjekk.js`: the rules of `validate` for one case, exported as data.

The browser module is made of three parts, none of which restates a rule by hand:

* the case schema (vocabularies filled in, as `validate` uses it), checked by ajv (the prebuilt
  browser bundle of the npm package ``ajv-dist``, shipped beside the form as ``ajv2020.min.js``);
* the non-schema rules as data exported from the Python modules that own them: the privacy
  patterns and mail-service lists (builder/sources/privacy.py), the link rules (builder/sources/markdown_text.py),
  the placeholder text (builder/editing/new_case.py), the date slack, the Markdown fields, the municipality
  register (vocabularies/kommuner.yml) with the complete list (kommuner-2024.yml) and the form's field labels (builder/editing/cms_config.py);
  Python regular expressions are translated to JavaScript ones here (`js_regex`);
* the code that applies them (builder/templates/sjekk_logic.js), which explains every ajv error
  with the Norwegian messages of builder/sources/validation.py (exported as data, `MESSAGES`).

Checked on the Python side only (said so in the module and in the editors' guide): whether a quote
stands verbatim in the source text (that needs the text versions, which are not on the site; that a
source citing a report with a text version has a quote at all is a schema rule, checked on both sides) and link texts that show
another address than the link goes to (that check runs the Markdown renderer).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

from builder.sources import markdown_text, privacy
from builder.sources.schema import effective_schema
from builder.sources.validation import PLACEHOLDER, QUOTE_REQUIRED, QUOTE_REQUIRED_HINT, markdown_fields
from builder.editing.cms_config import cms_config

LOGIC = Path(__file__).parent.parent / "templates" / "sjekk_logic.js"
AJV_BUNDLE = Path("node_modules") / "ajv-dist" / "dist" / "ajv2020.min.js"
AJV_LICENCE = Path(__file__).parent.parent / "templates" / "ajv.LICENSE.txt"  # ajv-dist ships none; ajv's MIT licence

# The texts of builder/sources/validation.py's explanations, with {name} fields the module fills in.
MESSAGES = {
    "required": "mangler påkrevd felt «{name}»",
    "additionalProperties": "ukjent felt «{name}»",
    "type": "skal være {expected}, men er {actual}",
    "enum": "«{value}» er ikke en gyldig verdi",
    "pattern": "«{value}» har feil format",
    "format": "«{value}» er ikke en dato som finnes",
    "minItems": "må ha minst {n} {elements}",
    "maxItems": "listen har {count} elementer, men høyst {n} er tillatt",
    "minLength": "teksten er for kort (minst {n} tegn)",
    "maxLength": "teksten er for lang ({count} tegn, høyst {n})",
    "uniqueItems": "«{value}» står to ganger i listen (element {first} og {second})",
    "source": "kilden mangler linjer eller sider",
    "alternatives": "verdien passer ikke med noen av de tillatte formene",
    "other": "ugyldig verdi",
    "future": "datoen {value} er frem i tid",
    "period": "perioden slutter ({til}) før den begynner ({fra})",
    "placeholder": "feltet inneholder fortsatt malteksten «{shown}»",
    "phone": "ser ut til å inneholde et telefonnummer («{value}»)",
    "email": "«{value}» ser ut som en personlig e-postadresse",
    "municipality": "«{value}»{fylke} finnes ikke i listen over kommuner",
    "known_source_extra": "«{name}» brukes bare for andre dokumenter, men kilden er en av rapportene prosjektet har tekstversjon av («dokument»)",
    "other_source_extra": "«{name}» kan bare kontrolleres for rapportene prosjektet har tekstversjon av, og denne kilden er et annet dokument",
    "future_year": "året {value} er frem i tid",
    "quote_required": QUOTE_REQUIRED,
}
HINTS = {
    "pattern_id": "Bruk bare små bokstaver a–z, tall og bindestrek, for eksempel «molde-barnehage-ledelse»",
    "format": "Sjekk dag og måned (for eksempel har februar 28 eller 29 dager)",
    "source": "Legg til linjenummer eller sidetall",
    "future": "Skriv datoen da innholdet faktisk ble gjennomgått (i dag er {today})",
    "period": "Bytt om «fra» og «til», eller rett årstallet",
    "phone": privacy.PHONE_HINT,
    "email": "Bruk en funksjonsadresse, for eksempel postmottak@kommune.no",
    "municipality": "Skriv navnet slik det står i kommunelisten, og velg fylket kommunen lå i da "
                    "prosjektet pågikk",
    "known_source_extra": "Fjern «{name}», eller fjern «dokument» hvis kilden er et annet dokument",
    "other_source_extra": "Fjern «{name}»; vis eventuelt til sidetall med «sider»",
    "future_year": "Skriv året dokumentet ble utgitt (i år er {year})",
    "maxLength": "Korte ned teksten",
    "minLength": "Skriv litt mer utfyllende",
    "minItems": "Legg til flere elementer i listen",
    "quote_required": QUOTE_REQUIRED_HINT,
}
TYPE_NAMES = {"string": "tekst", "number": "et tall", "integer": "et heltall", "boolean": "sann/usann",
              "array": "en liste", "object": "en gruppe med felt", "null": "tom"}

# --- Python regular expressions as JavaScript ones ----------------------------------------------

_WORD = r"\p{L}\p{N}_"
_BOUNDARY = rf"(?:(?<=[{_WORD}])(?![{_WORD}])|(?<![{_WORD}])(?=[{_WORD}]))"


def js_regex(pattern: re.Pattern | str) -> dict:
    """A Python pattern as {"source", "flags"} for `new RegExp(source, flags)` (always with «u»):
    Unicode-aware \\w, \\W, \\d and \\b (as Python's str patterns are), (?P<name>…) as (?<name>…),
    and (?i:…) groups spelt out with both cases (JavaScript in Node 20 lacks inline flags)."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = "u" + ("i" if isinstance(pattern, re.Pattern) and pattern.flags & re.IGNORECASE else "")
    out, i, in_class, fold_depth, depth = [], 0, False, None, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            nxt = source[i + 1]
            if nxt == "w":
                out.append(_WORD if in_class else f"[{_WORD}]")
            elif nxt == "W":
                if in_class:
                    raise ValueError(f"\\W inside a class: {source}")
                out.append(f"[^{_WORD}]")
            elif nxt == "d":
                out.append(r"\p{Nd}")
            elif nxt == "b":
                out.append(_BOUNDARY)
            elif nxt in "-" and not in_class:
                out.append("-")
            else:
                out.append(ch + nxt)
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            elif fold_depth is not None and ch.isascii() and ch.isalpha():
                ch = ch.lower() + ch.upper()
            out.append(ch)
            i += 1
            continue
        if source.startswith(r"[^\W\d_]", i):
            out.append(r"\p{L}")
            i += len(r"[^\W\d_]")
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            if source.startswith("[^", i):
                out.append("^")
                i += 1
            if source[i + 1] == "]":  # a literal ] first in a class
                out.append(r"\]")
                i += 1
            i += 1
            continue
        if source.startswith("(?P<", i):
            out.append("(?<")
            i += 4
            depth += 1
            continue
        if source.startswith("(?i:", i):
            out.append("(?:")
            i += 4
            depth += 1
            if fold_depth is None:
                fold_depth = depth
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            if fold_depth == depth:
                fold_depth = None
            depth -= 1
        elif fold_depth is not None and ch.isascii() and ch.isalpha():
            ch = f"[{ch.lower()}{ch.upper()}]"
        out.append(ch)
        i += 1
    return {"source": "".join(out), "flags": flags}


def _digit_zeros() -> list[int]:
    """Code points of the digit zeros of every script (the reader reads ٣ or ３ as 3)."""
    return [cp for cp in range(0x110000) if unicodedata.decimal(chr(cp), -1) == 0]


def _labels(fields: list[dict], path: str = "", label: str = "", out: dict | None = None) -> dict:
    """Field path («kilder.*.linjer», lists as «*») → the form's label («Kilder → Linjer»)."""
    out = {} if out is None else out
    for f in fields:
        here = f"{path}.{f['name']}" if path else f["name"]
        shown = f"{label} → {f['label']}" if label else f["label"]
        out[here] = shown
        inner = f.get("fields") or ([f["field"]] if f.get("field") else [])
        if inner:
            _labels(inner, here + ".*" if f.get("widget") == "list" else here, shown, out)
    return out


def form_labels(project, vocabularies) -> dict[str, str]:
    return _labels(cms_config(project, vocabularies)["collections"][0]["fields"])


_FIELD_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def form_label(field: str, labels: dict[str, str]) -> str:
    """The form's label for a field as `validate` names it: «kilder[1].linjer» -> «Kilder 1 → Linjer».
    The same rule as `etikett` in sjekk_logic.js (a test compares the two); an unknown name is kept."""
    names: list[str] = []
    key = ""
    for name, number in _FIELD_PART.findall(field):
        if number:
            key += ".*"
            if names:
                names[-1] += f" {number}"
            continue
        key = f"{key}.{name}" if key else name
        label = labels.get(key)
        names.append(label.split(" → ")[-1] if label else name)
    return " → ".join(names) or "Eksemplet"


def rules(project, vocabularies, register) -> dict:
    """Everything sjekk.js checks against, as JSON-ready data."""
    p = privacy
    m = markdown_text
    return {
        "schema": effective_schema(project, "case", vocabularies),
        "messages": MESSAGES,
        "hints": HINTS,
        "typeNames": TYPE_NAMES,
        "placeholder": PLACEHOLDER,
        # the reports with a text version (vocabularies/kilder.yml «fil»): a source citing one needs a quote
        "textVersions": {t.id: t.get("fil") for t in vocabularies["kilder"].terms if t.get("fil")},
        "dateSlackDays": 1,
        "markdownFields": [[None if part is None else part for part in path]
                           for path in markdown_fields(effective_schema(project, "case", vocabularies))],
        "labels": form_labels(project, vocabularies),
        "privacy": {
            "notText": sorted(p._NOT_TEXT),
            "number": js_regex(p._NUMBER),
            "decimalsBefore": js_regex(p._DECIMALS_BEFORE),
            "group": js_regex(p._GROUP),
            "range": js_regex(p._RANGE),
            "switchboard": js_regex(p._SWITCHBOARD),
            "switchboardAfter": js_regex(p._SWITCHBOARD_AFTER),
            "unitAfter": js_regex(p._UNIT_AFTER),
            "unitBefore": js_regex(p._UNIT_BEFORE),
            "space": js_regex(p._SPACE),
            "email": js_regex(p._EMAIL),
            "dotWritten": js_regex(p._DOT_WRITTEN),
            "personNameMailbox": js_regex(p._PERSON_NAME_MAILBOX),
            "privateMail": sorted(p.PRIVATE_MAIL),
            "twoLabelSuffixes": sorted(p._TWO_LABEL_SUFFIXES),
            "privateSuffixes": sorted(p._PRIVATE_SUFFIXES),
            "roleMailboxes": sorted(p.ROLE_MAILBOXES),
            "digitZeros": _digit_zeros(),
        },
        "links": {
            "safeSchemes": sorted(m.SAFE_SCHEMES),
            "scheme": js_regex(m._SCHEME),
            "plainWebAddress": js_regex(m._PLAIN_WEB_ADDRESS),
            "invisible": js_regex(m._INVISIBLE),
            "plainLinkHint": m.PLAIN_LINK_HINT,
        },
        "municipalities": sorted(
            ([e.navn, e.fylke, e.bydel_av or ""] for e in register.entries), key=lambda row: row)
        if register.exists else None,
        # the complete list (builder/sources/municipalities.py, _from_complete_list): name, other names, counties
        "municipalityList": _complete_list_rows(project, vocabularies),
    }


def _complete_list_rows(project, vocabularies) -> list:
    from builder.sources.municipality_list import load_municipality_list

    current, list_problems = load_municipality_list(project, vocabularies)
    if list_problems:
        return []
    return sorted([m.navn, sorted(m.andre_navn), sorted({f for f in (m.fylke, m.fylke_2020, m.tidligere_fylke) if f})]
                  for m in current.municipalities)


def sjekk_module(project, vocabularies, register) -> str:
    """The text of rediger/sjekk.js (deterministic: sorted keys, no dates)."""
    data = json.dumps(rules(project, vocabularies, register), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return ("// Generated by builder/editing/form_checks.py from the case schema and the rules of `validate`.\n"
            "// Do not edit: change the Python side and build again.\n"
            'import "./ajv2020.min.js";\n'
            f"const RULES = {data};\n"
            + LOGIC.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:  # pragma: no cover - used by tests: python -m builder.editing.form_checks ROOT
    from builder.core.project import Project
    from builder.sources.municipalities import load_register
    from builder.sources.vocabularies import load_vocabularies

    project = Project.discover(Path(argv[0]) if argv else Path.cwd()) if hasattr(Project, "discover") \
        else Project(Path(argv[0]) if argv else Path.cwd())
    vocabularies, _ = load_vocabularies(project)
    register, _, _ = load_register(project, vocabularies)
    sys.stdout.write(sjekk_module(project, vocabularies, register))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
