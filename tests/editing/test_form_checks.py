"""The form's checks (rediger/sjekk.js) and `validate` give the same verdict on every case.

sjekk.js is generated from the schema and the rules exported by the Python side
(builder/editing/form_checks.py); this test runs it in Node on the whole bad-input corpus, every case in
cases/ and variants of every valid case with one field made wrong per rule class, and requires the
same verdict (valid or not) and the same field paths as builder.sources.catalog's checks of one case file.

Out of the form's reach, and so not compared: what the YAML loader refuses before there are values
(duplicate keys, aliases, control characters, files that are no mapping …; the form only writes
values), the file name, and the checks made on the Python side only (link texts that show another
address than the link goes to; quotes against the source texts).
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

from builder.core.project import Project
from builder.sources.catalog import _case_document_problems
from builder.sources.freshness import today
from builder.sources.model import Municipality
from builder.sources.municipalities import load_register
from builder.sources.schema import effective_schema, validator_for
from builder.sources.vocabularies import load_vocabularies
from builder.sources.yaml_loader import YamlLoadError, load_yaml_bytes
from builder.editing.form_checks import AJV_BUNDLE, sjekk_module

CORPUS = ROOT / "tests" / "bad_inputs"
PYTHON_ONLY = ("lenketeksten ",)  # message starts of checks made on the Python side only
FILE_ONLY = ("filnavnet skal slutte på", "er ikke lik filnavnet")

RUNNER = """
import { readFileSync } from "node:fs";
const { sjekkEksempel } = await import(process.argv[2]);
const cases = JSON.parse(readFileSync(process.argv[3], "utf8"));
const out = {};
for (const [name, data] of Object.entries(cases)) out[name] = sjekkEksempel(data, { today: process.argv[4] });
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def checks():
    project = Project(ROOT)
    vocabularies, problems = load_vocabularies(project)
    assert not problems
    register, _, register_problems = load_register(project, vocabularies)
    assert not register_problems
    return project, vocabularies, register, validator_for(effective_schema(project, "case", vocabularies))


@pytest.fixture(scope="module")
def module_dir(tmp_path_factory, checks):
    project, vocabularies, register, _ = checks
    folder = tmp_path_factory.mktemp("rediger")
    (folder / "sjekk.js").write_text(sjekk_module(project, vocabularies, register), encoding="utf-8")
    shutil.copy2(ROOT / AJV_BUNDLE, folder / "ajv2020.min.js")
    (folder / "package.json").write_text('{"type": "module"}', encoding="utf-8")  # ES modules, as in a browser
    (folder / "run.mjs").write_text(RUNNER, encoding="utf-8")
    return folder


def run_form_checks(module_dir: Path, cases: dict) -> dict:
    data = module_dir / "cases.json"
    data.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(["node", str(module_dir / "run.mjs"), str(module_dir / "sjekk.js"), str(data),
                             today().isoformat()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def python_fields(checks, path: Path, doc) -> set[str]:
    """The fields `validate` reports for one loaded case (the single-file checks and the register)."""
    project, _, register, validator = checks
    problems = [p for p in _case_document_problems(project, path, doc, validator)
                if not p.message.startswith(PYTHON_ONLY) and not any(s in p.message for s in FILE_ONLY)]
    fields = {p.field for p in problems}
    for index, m in enumerate(doc.data.get("kommuner") or [] if isinstance(doc.data.get("kommuner"), list) else []):
        if isinstance(m, dict) and isinstance(m.get("navn"), str) and all(
                isinstance(m.get(k), (str, type(None))) for k in ("bydel", "fylke")):
            if register.for_case_municipality(Municipality(m["navn"], None, m.get("bydel"), m.get("fylke"))) is None:
                fields.add(f"kommuner[{index + 1}].navn")
    return fields


def loaded(path: Path, raw: bytes | None = None, *, partial: bool = False):
    """The loaded case, or None. With `partial`, also a file of which the loader refused single
    values (validate then reports the file's other problems too), as (document, refused fields)."""
    try:
        doc, refused = load_yaml_bytes(path.read_bytes() if raw is None else raw, path, f"cases/{path.name}"), []
    except YamlLoadError as exc:
        if not partial or exc.document is None:
            return None
        doc, refused = exc.document, [p.field for p in exc.problems if p.field]
        if not refused:
            return None
    if not isinstance(doc.data, dict):
        return None
    return (doc, refused) if partial else doc


def _covered(field: str, refused: list[str]) -> bool:
    return any(field == f or field.startswith((f + ".", f + "[")) for f in refused)


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.yml")) + sorted((ROOT / "cases").glob("*.yml"))


def compare(checks, module_dir, docs: dict, refused_fields: dict | None = None) -> list[str]:
    form = run_form_checks(module_dir, {name: doc.data for name, (path, doc) in docs.items()})
    differences = []
    for name, (path, doc) in docs.items():
        refused = (refused_fields or {}).get(name, [])
        expected = {f for f in python_fields(checks, path, doc) if not _covered(f, refused)}
        got = {p["felt"] for p in form[name] if not _covered(p["felt"], refused)}
        assert all(p["melding"] and p["etikett"] for p in form[name])
        if expected != got:
            differences.append(f"{name}: validate {sorted(expected)} ≠ skjema {sorted(got)}")
    return differences


def test_same_verdict_on_the_corpus_and_every_case(checks, module_dir):
    docs, refused, refused_fields = {}, [], {}
    for path in corpus_files():
        found = loaded(path, partial=True)
        name = f"{path.parent.name}/{path.name}"
        if found is None:
            refused.append(path)  # the loader's own problems: not values the form could hold
        else:
            docs[name] = (path, found[0])
            refused_fields[name] = found[1]  # values the loader refused (compared: everything else)
    assert len(docs) >= 100, "most of the corpus and every case are compared"
    assert all(path.parent == CORPUS for path in refused), "every case in cases/ loads"
    differences = compare(checks, module_dir, docs, refused_fields)
    assert differences == [], "\n".join(differences)


# One mutation per rule class, applied to each valid case: (name, function of the case data).
def _set(path, value):
    def mutate(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    return mutate


def _append(field, text):
    def mutate(data):
        data[field] = f"{data.get(field) or ''}\n\n{text}".strip()
    return mutate


def _drop(path):
    def mutate(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        target.pop(path[-1], None)
    return mutate


MUTATIONS = [
    ("required", _drop(["tiltak"])),
    ("type", _set(["tittel"], 5)),
    ("type-list", _set(["temaer"], "ledelse")),
    ("enum", _set(["sektor"], "ukjent-sektor")),
    ("pattern", _set(["sist_vurdert"], "24.11.2026")),
    ("format", _set(["sist_vurdert"], "2026-02-30")),
    ("min-items", _set(["kilder"], [])),
    ("max-length", _set(["tittel"], "x" * 2000)),
    ("unknown-field", _set(["tittle"], "Skrivefeil")),
    ("duplicate", lambda d: d["temaer"].append(d["temaer"][0])),
    ("source-lines", lambda d: [d["kilder"][0].pop(k, None) for k in ("linjer", "sider", "sitat")]),
    ("quote", _drop(["kilder", 0, "sitat"])),  # a report with a text version needs its quote
    ("other-source-ok", _set(["kilder", 0], {"tittel": "Kommunens egen sluttrapport", "utgiver": "Molde kommune",
                                             "år": "2022", "adresse": "https://www.molde.kommune.no/rapport"})),
    ("no-municipality", _set(["kommuner"], [])),
    ("municipality", lambda d: d["kommuner"][0].update(navn="Kari Nordmann")),
    ("phone", _append("bakgrunn", "Ring 912 34 567 for mer.")),
    ("phone-foreign", _append("tiltak", "Tlf. +46 70 123 45 67.")),
    ("email", _append("tiltak", "Skriv til kari.nordmann@gmail.com.")),
    ("email-dodged", _append("bakgrunn", "kari (at) hotmail (dot) com")),
    ("switchboard-ok", _append("bakgrunn", "Sentralbordet på telefon 71 11 10 00 svarer.")),
    ("years-ok", _append("bakgrunn", "Prosjektet gikk 2006–2009, og 23 456 789 kroner ble brukt.")),
    ("role-mail-ok", _append("tiltak", "Skriv til postmottak@molde.kommune.no.")),
    ("javascript-link", _append("bakgrunn", "[Les mer](javascript:alert(1))")),
    ("data-link", _append("tiltak", "[Se](data:text/html,x)")),
    ("protocol-relative-link", _append("bakgrunn", "[Se](//evil.example/x)")),
    ("link-ok", _append("bakgrunn", "[Les rapporten](https://www.ks.no/rapport)")),
    ("future", _set(["sist_vurdert"], "2099-01-01")),
    ("placeholder", _set(["tittel"], "FYLL INN: tittelen på eksemplet")),
]


def _valid_cases(checks):
    out = []
    for path in sorted((ROOT / "cases").glob("*.yml")):
        doc = loaded(path)
        if doc is not None and not python_fields(checks, path, doc):
            out.append((path, doc))
    return out


def test_same_verdict_on_generated_variants(checks, module_dir, tmp_path):
    docs = {}
    valid = _valid_cases(checks)
    assert len(valid) >= 10
    for path, doc in valid:
        for name, mutate in MUTATIONS:
            data = copy.deepcopy(doc.data)
            try:
                mutate(data)
            except (KeyError, IndexError, TypeError, AttributeError):
                continue  # the case lacks the field this mutation changes
            raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")
            variant = loaded(path, raw)
            assert variant is not None, f"{path.name}/{name} loads"
            docs[f"{path.stem}/{name}"] = (path, variant)
    verdicts = {name: bool(python_fields(checks, p, d)) for name, (p, d) in docs.items()}
    for kind, _ in MUTATIONS:  # every rule class is exercised, and each refuses what it should
        wanted = not kind.endswith("-ok")
        assert any(v == wanted for n, v in verdicts.items() if n.endswith("/" + kind)), kind
    differences = compare(checks, module_dir, docs)
    assert differences == [], "\n".join(differences)


@pytest.mark.parametrize("target, refused", [
    ("javascript:alert(1)", True), ("JaVaScRiPt:alert(1)", True), ("vbscript:x", True), ("data:text/html,x", True),
    ("https://www.ks.no/", False), ("mailto:postmottak@molde.kommune.no", False), ("../temaer/", False),
    ("//evil.example", True), ("/%2Fevil.example", True), ("https://bruker@evil.example", True),
    ("https://a.example/\u200bx", True), ("java&#115;cript:x", True), ("a\\b", True),
])
def test_link_rule_matches_python(module_dir, target, refused):
    from builder.sources.markdown_text import link_target_problem

    assert (link_target_problem(target) is not None) == refused
    case = {"bakgrunn": f"[Les]({target})"}
    result = run_form_checks(module_dir, {"x": case})["x"]
    assert any(p["felt"] == "bakgrunn" and "lenken" in p["melding"] for p in result) == refused


def test_the_form_ships_the_checks_with_ajv_and_its_licence():
    from builder.sources.catalog import load_catalog
    from builder.pages.editor_page import editor_files

    files = editor_files(load_catalog(Project(ROOT)))
    assert files["rediger/ajv2020.min.js"] == (ROOT / AJV_BUNDLE).read_bytes()
    module = files["rediger/sjekk.js"]
    assert module.startswith("// Generated by builder/editing/form_checks.py") and "export function sjekkEksempel" in module
    assert module == editor_files(load_catalog(Project(ROOT)))["rediger/sjekk.js"]  # deterministic
    assert "ajv" in files["rediger/LISENSER.txt"] and "Evgeny Poberezkin" in files["rediger/LISENSER.txt"]


def test_a_missing_quote_is_explained_alike_on_both_sides(checks, module_dir):
    """Only a source that is a report with a text version needs a quote; both sides say where its text is."""
    project, _, _, validator = checks
    path = CORPUS / "source-known-without-quote.yml"
    doc = loaded(path)
    python = [p for p in _case_document_problems(project, path, doc, validator) if p.field == "kilder[1].sitat"]
    assert len(python) == 1 and "001_5925048363be4780.txt" in python[0].hint
    form = run_form_checks(module_dir, {"x": doc.data})["x"]
    assert [p["melding"] for p in form] == [f"{python[0].message}. {python[0].hint}."]
    assert form[0]["etikett"] == "Kilder 1 → Sitat"
    other = copy.deepcopy(doc.data)
    other["kilder"][0] = {"tittel": "Evaluering 2022", "utgiver": "Molde kommune", "år": "2022",
                          "adresse": "https://www.molde.kommune.no/evaluering"}
    assert run_form_checks(module_dir, {"x": other})["x"] == []
