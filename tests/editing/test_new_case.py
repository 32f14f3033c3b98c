import argparse
import io
import re
from pathlib import Path

import pytest

from builder.core.project import Project
from builder.sources.vocabularies import load_vocabularies
from builder.editing.new_case import PLACEHOLDER, add_arguments, run_new_case, slugify
from conftest import run_cli


def _args(**kw):
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    ns = parser.parse_args([])
    for k, v in kw.items():
        setattr(ns, k, v)
    return ns


# Every field the skeleton leaves for the editor, in file order, and a real value for it.
PLACEHOLDER_FIELDS = [
    ("bakgrunn", "Sykefraværet i omsorgen var 11 prosent i 2008."),
    ("mål", "Kommunen ville få ned sykefraværet."),
    ("tiltak", "Ledere fikk opplæring i oppfølging av sykmeldte."),
    ("resultater.tekst", "Sykefraværet gikk ned, målt i kommunens egne tall."),
    ("læringspunkter", "Tett oppfølging fra lederne var avgjørende."),
    ("overføringsverdi", "Andre kommuner kan bruke opplegget for lederopplæring."),
    ("kilder[1].linjer", "1–2"),
    ("kilder[1].sitat", "Denne strategien omfatter internasjonalt prosjektarbeid"),  # lines 1–2 of its text
    ("kontakt[1].rolle", "Kommunalsjef for helse og omsorg"),
]
_PLACEHOLDER_TEXT = re.compile(re.escape(PLACEHOLDER) + r": [^\"\n]*")


def _new_case_by_flags(project_dir) -> Path:
    result = run_cli(project_dir, "new-case", "--tittel", "Heltidskultur i omsorgen", "--kommune", "Bømlo",
                     "--fylke", "hordaland", "--program", "saman-om-ein-betre-kommune",
                     "--sektor", "pleie-og-omsorg", "--tema", "heltid-og-deltid,ledelse")
    assert result.returncode == 0, result.stderr
    path = project_dir / "cases" / "bomlo-heltidskultur-i-omsorgen.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")
    assert "fylke: hordaland" in text
    return path


def _new_case_by_questions(project_dir) -> Path:
    project = Project(project_dir)
    vocabularies, _ = load_vocabularies(project)
    answers = iter(["Lederutvikling i barnehagene", "Molde", "kvalitetskommuneprogrammet",
                    "barnehag", "barnehage", "ledelse, kvalitet-i-barnehage"])
    out = io.StringIO()
    code = run_new_case(project, _args(), vocabularies, input_fn=lambda _prompt: next(answers), out=out)
    assert code == 0
    assert "Mente du «barnehage»?" in out.getvalue()
    return project_dir / "cases" / "molde-lederutvikling-i-barnehagene.yml"


def _placeholder_fields(result, display: str) -> list[str]:
    lines = [l for l in result.stderr.splitlines() if l.startswith(display + ":")]
    fields = []
    for line in lines:
        _, field, message = line.split(": ", 2)
        assert message.startswith(f"feltet inneholder fortsatt malteksten «{PLACEHOLDER}: "), line
        assert " — Skriv inn " in message and f"og fjern «{PLACEHOLDER}»" in message, line
        fields.append(field)
    return fields


@pytest.mark.parametrize("make", [_new_case_by_flags, _new_case_by_questions], ids=["flagg", "spørsmål"])
def test_skeleton_fails_validate_until_every_placeholder_is_replaced(project_dir, make):
    """An untouched skeleton used to pass `validate`. Now each placeholder is reported (file, line,
    field, how to fix) and nothing else; replacing them one by one removes exactly that problem,
    and the file passes only once the last one is gone."""
    path = make(project_dir)
    display = f"cases/{path.name}"
    text = path.read_text(encoding="utf-8")
    values = [l for l in text.splitlines() if not l.lstrip().startswith("#")]
    assert sum(PLACEHOLDER in l for l in values) == len(PLACEHOLDER_FIELDS), "one placeholder per field"
    for done in range(len(PLACEHOLDER_FIELDS) + 1):
        result = run_cli(project_dir, "validate", display)
        remaining = [field for field, _ in PLACEHOLDER_FIELDS[done:]]
        if not remaining:
            assert result.returncode == 0, result.stderr
            break
        assert result.returncode == 1
        assert _placeholder_fields(result, display) == remaining, result.stderr
        first = text.splitlines().index(next(l for l in text.splitlines()
                                             if PLACEHOLDER in l and not l.lstrip().startswith("#")))
        assert f"{display}:{first + 1}:" in result.stderr, result.stderr
        text = _PLACEHOLDER_TEXT.sub(PLACEHOLDER_FIELDS[done][1], text, count=1)
        path.write_text(text, encoding="utf-8")


def test_placeholder_in_any_field_is_refused(project_dir):
    """The check is by the marker, not by field: a placeholder pasted into any text is caught."""
    path = project_dir / "cases" / "haegebostad-sykefravaer.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\ntittel: .*\n", f'\ntittel: "{PLACEHOLDER}: en kort tittel"\n', text, count=1)
    path.write_text(text, encoding="utf-8")
    result = run_cli(project_dir, "validate", "cases/haegebostad-sykefravaer.yml")
    assert result.returncode == 1
    assert "tittel: feltet inneholder fortsatt malteksten «FYLL INN: en kort tittel»" in result.stderr, \
        result.stderr


def test_existing_file_is_not_overwritten(project_dir):
    result = run_cli(project_dir, "new-case", "--id", "haegebostad-sykefravaer", "--tittel", "x y z",
                     "--kommune", "Hægebostad", "--program", "kvalitetskommuneprogrammet",
                     "--sektor", "hele-kommunen", "--tema", "ledelse")
    assert result.returncode == 1 and "finnes fra før" in result.stderr


def test_slugify_norwegian_letters():
    assert slugify("Hægebostad: sykefravær på én måte") == "haegebostad-sykefravaer-pa-en-mate"
