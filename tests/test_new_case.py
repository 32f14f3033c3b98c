import argparse

from builder.new_case import add_arguments, run_new_case, slugify
from builder.project import Project
from builder.vocabularies import load_vocabularies
from conftest import run_cli


def _args(**kw):
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    ns = parser.parse_args([])
    for k, v in kw.items():
        setattr(ns, k, v)
    return ns


def test_flags_write_a_skeleton_that_validates(project_dir):
    result = run_cli(project_dir, "new-case", "--tittel", "Heltidskultur i omsorgen", "--kommune", "Bømlo",
                     "--fylke", "hordaland", "--program", "saman-om-ein-betre-kommune",
                     "--sektor", "pleie-og-omsorg", "--tema", "heltid-og-deltid,ledelse")
    assert result.returncode == 0, result.stderr
    path = project_dir / "cases" / "bomlo-heltidskultur-i-omsorgen.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")
    assert "fylke: hordaland" in text
    check = run_cli(project_dir, "validate", "cases/bomlo-heltidskultur-i-omsorgen.yml")
    assert check.returncode == 0, check.stderr


def test_questions_reject_unknown_terms_and_suggest(project_dir):
    project = Project(project_dir)
    vocabularies, _ = load_vocabularies(project)
    answers = iter(["Lederutvikling i barnehagene", "Molde", "kvalitetskommuneprogrammet",
                    "barnehag", "barnehage", "ledelse, kvalitet-i-barnehage"])
    import io
    out = io.StringIO()
    code = run_new_case(project, _args(), vocabularies, input_fn=lambda _prompt: next(answers), out=out)
    assert code == 0
    assert "Mente du «barnehage»?" in out.getvalue()
    assert (project_dir / "cases" / "molde-lederutvikling-i-barnehagene.yml").exists()
    assert run_cli(project_dir, "validate").returncode == 0


def test_existing_file_is_not_overwritten(project_dir):
    result = run_cli(project_dir, "new-case", "--id", "haegebostad-sykefravaer", "--tittel", "x y z",
                     "--kommune", "Hægebostad", "--program", "kvalitetskommuneprogrammet",
                     "--sektor", "hele-kommunen", "--tema", "ledelse")
    assert result.returncode == 1 and "finnes fra før" in result.stderr


def test_slugify_norwegian_letters():
    assert slugify("Hægebostad: sykefravær på én måte") == "haegebostad-sykefravaer-pa-en-mate"
