"""The bad-input corpus: every failure class gives its exact problem, exit code 1 and no traceback."""

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_cli

CORPUS = ROOT / "tests" / "bad_inputs"


def _expectations():
    rows = []
    for line in (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _expected_line(row) -> str:
    name, location, field, message = row
    return f"cases/{name}:{location}: {field}: {message}"


def test_every_corpus_file_has_an_expectation():
    listed = {row[0] for row in _expectations()}
    assert listed == {p.name for p in CORPUS.glob("*.yml")}


@pytest.fixture(scope="module")
def corpus_project(tmp_path_factory) -> Path:
    """One project holding every bad file (validated in one run, like an editor's big PR)."""
    project = copy_project(tmp_path_factory.mktemp("corpus"), with_cases=False)
    for path in CORPUS.glob("*.yml"):
        shutil.copy2(path, project / "cases" / path.name)
    return project


@pytest.fixture(scope="module")
def corpus_output(corpus_project):
    return run_cli(corpus_project, "validate")


def test_all_problems_reported_at_once_with_exit_code_1(corpus_output):
    assert corpus_output.returncode == 1
    assert "Traceback" not in corpus_output.stderr + corpus_output.stdout
    assert "Fant " in corpus_output.stderr


@pytest.mark.parametrize("row", _expectations(), ids=lambda r: r[0])
def test_bad_input_gives_exact_problem(row, corpus_output):
    name = row[0]
    lines = [l for l in corpus_output.stderr.splitlines() if l.startswith(f"cases/{name}:")]
    if row[1] == "OK":
        assert lines == []
        return
    expected = _expected_line(row)
    assert any(l.startswith(expected) for l in lines), f"expected {expected!r} in:\n" + "\n".join(lines)
    assert all(" — " in l for l in lines), "every problem carries a hint on how to fix it"


@pytest.mark.parametrize("name, hint", [
    ("misspelled-theme.yml", "Mente du «ledelse»?"),
    ("unknown-sector.yml", "Mente du «skole»?"),
    ("unknown-field.yml", "Mente du «bakgrunn»?"),
    ("year-unquoted.yml", 'Sett verdien i anførselstegn, for eksempel "2008"'),
    ("octal-kommunenummer.yml", 'for eksempel "0301"'),
])
def test_hints_suggest_the_fix(name, hint, corpus_output):
    lines = [l for l in corpus_output.stderr.splitlines() if l.startswith(f"cases/{name}:")]
    assert any(hint in l for l in lines), lines


def test_single_file_validation_and_exit_codes(project_dir):
    good = run_cli(project_dir, "validate", "cases/haegebostad-sykefravaer.yml")
    assert good.returncode == 0, good.stderr
    shutil.copy2(CORPUS / "norway-no.yml", project_dir / "cases" / "norway-no.yml")
    bad = run_cli(project_dir, "validate", "cases/norway-no.yml")
    assert bad.returncode == 1
    assert bad.stderr.startswith("cases/norway-no.yml:14:8: språk:")


def test_duplicate_ids_across_files(project_dir):
    source = (project_dir / "cases" / "haegebostad-sykefravaer.yml").read_text(encoding="utf-8")
    (project_dir / "cases" / "zz-kopi.yml").write_text(source, encoding="utf-8")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1
    assert ("cases/zz-kopi.yml:2:5: id: id «haegebostad-sykefravaer» er allerede brukt i "
            "cases/haegebostad-sykefravaer.yml") in result.stderr


def test_missing_file_is_a_clear_error(project_dir):
    result = run_cli(project_dir, "validate", "cases/finnes-ikke.yml")
    assert result.returncode == 1
    assert "filen finnes ikke" in result.stderr
    assert "Traceback" not in result.stderr


def test_github_annotations_in_actions(project_dir, monkeypatch):
    shutil.copy2(CORPUS / "yes-value.yml", project_dir / "cases" / "yes-value.yml")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(project_dir, "validate")
    assert "::error file=cases/yes-value.yml,line=7,col=10,title=program::" in result.stdout


@pytest.mark.parametrize("row", [r for r in _expectations() if r[1] != "OK"], ids=lambda r: r[0])
def test_each_bad_file_alone_fails_the_build_and_keeps_the_old_site(row, tmp_path):
    """One bad file among the real cases: exit code 1, its exact problem, the previous site intact,
    nothing half-written; a hang guard bounds the run (a bound, not a timing)."""
    import signal

    from builder.project import Project
    from builder.site_build import build_site

    name = row[0]
    project = copy_project(tmp_path / "project")
    shutil.copy2(CORPUS / name, project / "cases" / name)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("forrige versjon", encoding="utf-8")
    reported = []

    def hung(*_):
        raise TimeoutError(f"{name}: validation did not finish within the bound")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        code = build_site(Project(project), report=reported.extend, quiet=True)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert code == 1
    lines = [p.format() for p in reported]
    assert any(line.startswith(_expected_line(row)) for line in lines), lines
    assert (site / "index.html").read_text(encoding="utf-8") == "forrige versjon"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


@pytest.mark.parametrize("kind", ["outside", "inside", "dangling", "directory"])
def test_symlinks_in_cases_are_refused(kind, project_dir, tmp_path):
    """A symlink could publish any file on the machine: refused, named where it stands."""
    secret = tmp_path / "secret.yml"
    secret.write_text((project_dir / "cases" / "haegebostad-sykefravaer.yml").read_text(encoding="utf-8")
                      .replace("haegebostad-sykefravaer", "lenke"), encoding="utf-8")
    if kind == "directory":  # the whole cases folder is a link to somewhere else
        shutil.rmtree(project_dir / "cases")
        outside = tmp_path / "cases-elsewhere"
        outside.mkdir()
        shutil.copy2(secret, outside / "lenke.yml")
        (project_dir / "cases").symlink_to(outside)
        expected = "cases/lenke.yml:1:1: (filen): filen ligger utenfor prosjektmappen"
    else:
        target = {"outside": secret, "inside": project_dir / "cases" / "haegebostad-sykefravaer.yml",
                  "dangling": tmp_path / "finnes-ikke.yml"}[kind]
        (project_dir / "cases" / "lenke.yml").symlink_to(target)
        expected = "cases/lenke.yml:1:1: (filen): filen er en symbolsk lenke (symlink), og slike følges ikke"
    for args in (("validate",), ("validate", "cases/lenke.yml"), ("build",)):
        result = run_cli(project_dir, *args, timeout=300)
        assert result.returncode == 1, (args, result.stderr)
        assert expected in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr and "Intern feil" not in result.stderr
    assert not (project_dir / "site").exists()


@pytest.mark.parametrize("name", ["stor-bokstav.YML", "langt-navn.yaml", "blandet.Yml"])
def test_case_files_with_other_endings_are_reported_not_skipped(name, project_dir):
    source = (project_dir / "cases" / "haegebostad-sykefravaer.yml").read_text(encoding="utf-8")
    stem = name.rsplit(".", 1)[0]
    (project_dir / "cases" / name).write_text(source.replace("id: haegebostad-sykefravaer", f"id: {stem}"),
                                              encoding="utf-8")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1
    assert f"cases/{name}:1:1: (filen): filnavnet skal slutte på .yml — Gi filen navnet {stem}.yml" in result.stderr


def test_size_is_checked_before_reading(project_dir):
    """A 2 GB (sparse) file is refused from its size alone: the loader reads at most the limit."""
    from builder import yaml_loader

    big = project_dir / "cases" / "stor.yml"
    with big.open("wb") as handle:
        handle.truncate(2 * 1024 ** 3)
    read_sizes = []
    original = yaml_loader.load_yaml_bytes

    def spy(raw, *args):
        read_sizes.append(len(raw))
        return original(raw, *args)

    yaml_loader.load_yaml_bytes = spy
    try:
        with pytest.raises(yaml_loader.YamlLoadError) as caught:
            yaml_loader.load_yaml_file(big, "cases/stor.yml")
    finally:
        yaml_loader.load_yaml_bytes = original
    assert read_sizes == []
    assert caught.value.problems[0].format().startswith(
        "cases/stor.yml:1:1: (filen): filen er for stor (2097152 KB, grensen er 512 KB)")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1 and "cases/stor.yml:1:1: (filen): filen er for stor" in result.stderr
