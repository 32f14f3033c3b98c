"""Problems on a pull request: annotations named as the form names the field, and the summary table."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from builder.core.project import Project
from builder.sources.municipalities import load_register
from builder.sources.vocabularies import load_vocabularies
from builder.editing.form_checks import form_label, form_labels, sjekk_module
from builder.editing.pr_report import _cell
from conftest import ROOT, run_cli
from test_form_checks import module_dir, checks  # noqa: F401  (fixtures: the generated sjekk.js)

CORPUS = ROOT / "tests" / "bad_inputs"

# (field as validate names it, the form's name for it)
FIELDS = [
    ("program", "Program"),
    ("tittel", "Tittel"),
    ("kilder[1].linjer", "Kilder 1 → Linjer"),
    ("kilder[12].dokument", "Kilder 12 → Dokument"),
    ("kommuner[2].navn", "Kommuner 2 → Navn"),
    ("tall[1].verdier[3].verdi", "Tall 1 → Verdier 3 → Verdi"),
    ("periode.fra", "Periode → Fra"),
    ("temaer[2]", "Temaer 2"),
    ("ukjent_felt", "ukjent_felt"),
    ("", "Eksemplet"),
]


@pytest.fixture(scope="module")
def labels():
    project = Project(ROOT)
    vocabularies, problems = load_vocabularies(project)
    assert not problems
    return form_labels(project, vocabularies)


@pytest.mark.parametrize("field, expected", FIELDS)
def test_a_field_is_named_as_in_the_form(labels, field, expected):
    assert form_label(field, labels).lower() == expected.lower()


def test_python_and_the_form_name_every_field_alike(labels, module_dir):  # noqa: F811
    """pr_report.form_label and sjekk.js's etikett give the same name for every field path."""
    paths = {f: [int(p) - 1 if p.isdigit() else p for p in f.replace("]", "").replace("[", ".").split(".") if p]
             for f, _ in FIELDS}
    for key in labels:  # every field of the form, with list items numbered 1 and 2
        paths[key.replace(".*", "[2]")] = [1 if p == "*" else p for p in key.split(".")]
    runner = module_dir / "labels.mjs"
    runner.write_text('const { etikett } = await import(process.argv[2]);\n'
                      'const paths = JSON.parse(process.argv[3]);\n'
                      'const out = {}; for (const [k, p] of Object.entries(paths)) out[k] = etikett(p);\n'
                      'console.log(JSON.stringify(out));\n', encoding="utf-8")
    result = subprocess.run(["node", str(runner), str(module_dir / "sjekk.js"), json.dumps(paths)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    in_form = json.loads(result.stdout)
    assert len(in_form) > 40
    for field, name in in_form.items():
        assert form_label(field, labels) == name, field


def _run_in_actions(project_dir, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli(project_dir, "validate")
    return result, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_an_annotation_names_the_forms_field(project_dir, tmp_path, monkeypatch):
    shutil.copy2(CORPUS / "yes-value.yml", project_dir / "cases" / "yes-value.yml")
    result, summary = _run_in_actions(project_dir, tmp_path, monkeypatch)
    assert result.returncode == 1
    assert "::error file=cases/yes-value.yml,line=7,col=10,title=Feltet «Program» i skjemaet::«yes»" in result.stdout
    assert "| cases/yes-value.yml, linje 7 | Program | «yes» blir tolket" in summary
    assert "## Kontrollen fant 1 feil" in summary and "Felt i skjemaet" in summary


def test_outside_github_actions_nothing_extra_is_printed(project_dir, tmp_path, monkeypatch):
    shutil.copy2(CORPUS / "yes-value.yml", project_dir / "cases" / "yes-value.yml")
    summary = tmp_path / "summary.md"
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1 and "::error" not in result.stdout and not summary.exists()


def test_a_problem_outside_a_case_keeps_its_field_name(project_dir, tmp_path, monkeypatch):
    path = project_dir / "vocabularies" / "sektorer.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: Skole\n  navn: X\n", encoding="utf-8")
    result, summary = _run_in_actions(project_dir, tmp_path, monkeypatch)
    assert result.returncode == 1
    assert "file=vocabularies/sektorer.yml," in result.stdout and "title=[" in result.stdout, result.stdout
    assert "skjemaet::" not in result.stdout


# Values an editor (or an attacker) can put into a case, echoed in a message: each must stay one
# annotation on one line and one cell of the table, with no HTML, link or table break.
HOSTILE_IDS = [
    "a\n::warning file=x::planted",
    "a%0A::warning::planted",
    "a | b | c",
    "[klikk](https://example.com)",
    "<img src=x onerror=alert(1)>",
    "`kode` *fet* _kursiv_ \\",
    "a,title=x::y",
]


@pytest.mark.parametrize("bad_id", HOSTILE_IDS)
def test_hostile_values_stay_inside_their_annotation_and_cell(project_dir, tmp_path, monkeypatch, bad_id):
    case = next(p for p in sorted((project_dir / "cases").glob("*.yml")))
    text = case.read_text(encoding="utf-8")
    old_id = case.stem
    case.write_text(text.replace(f"id: {old_id}\n", f"id: {json.dumps(bad_id)}\n", 1), encoding="utf-8")
    result, summary = _run_in_actions(project_dir, tmp_path, monkeypatch)
    assert result.returncode == 1
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert commands and all(line.startswith("::error ") for line in commands), result.stdout
    # (a planted command inside a message is inert: GitHub reads a command only at a line's start)
    assert len(commands) == len([p for p in result.stderr.splitlines() if p.startswith("cases/")])
    for line in summary.splitlines():
        if line.startswith("| cases/"):
            assert line.count("|") == 5, line
            assert "<" not in line and "](" not in line and "`" not in line, line


@pytest.mark.parametrize("text, expected", [
    ("a|b", "a&#124;b"), ("<b>", "&lt;b&gt;"), ("[x](y)", "&#91;x&#93;(y)"), ("a\nb", "a b"),
    ("`x`", "&#96;x&#96;"), ("a & b", "a &amp; b"), ("*x*", "&#42;x&#42;"), ("vanlig tekst", "vanlig tekst"),
])
def test_table_cells_are_plain_text(text, expected):
    assert _cell(text) == expected
