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
    ("decimal-comma-flow.yml", "Skriv desimaltall med punktum: «verdi: 12.5»"),
    ("decimal-comma-block.yml", "Skriv desimaltall med punktum og uten anførselstegn: «verdi: 12.5»"),
    ("number-as-string.yml", "Skriv desimaltall med punktum og uten anførselstegn: «verdi: 9.4»"),
    ("missing-space-after-colon.yml", "Skriv et mellomrom mellom kolonet og verdien: «tittel: …»"),
    ("placeholder-left.yml", "Skriv inn hva utgangspunktet var, og fjern «FYLL INN»"),
    ("source-known-without-quote.yml", "Skriv av en setning fra kilden ordrett i «sitat», fra linjene du oppgir; "
     "tekstversjonen med linjenummer er filen 001_5925048363be4780.txt i mappen med kildetekstene"),
])
def test_hints_suggest_the_fix(name, hint, corpus_output):
    lines = [l for l in corpus_output.stderr.splitlines() if l.startswith(f"cases/{name}:")]
    assert any(hint in l for l in lines), lines


@pytest.mark.parametrize("display, noun, holds", [
    ("cases/x.yml", "en eksempelbeskrivelse", "ett eksempel"),
    ("vocabularies/temaer.yml", "en vokabularfil", "én liste med begreper"),
    ("vocabularies/ordliste.yml", "ordlisten", "én ordliste"),
    ("vocabularies/kommuner-2024.yml", "kommunelisten", "én liste"),
    ("content/temaer/ledelse.md", "en temaside", "én side"),
])
def test_file_messages_name_the_kind_of_file(display, noun, holds):
    """A vocabulary file is not «en eksempelbeskrivelse»: the hints name what the file is."""
    from builder.sources.yaml_loader import MAX_FILE_BYTES, YamlLoadError, load_yaml_bytes

    for raw, hint in [(b"a: 1\n" + b"#" * MAX_FILE_BYTES, f"ikke hører hjemme i {noun}"),
                      (b"- id: a\n---\n- id: b\n", f"Én fil skal inneholde {holds}; fjern linjen med ---")]:
        with pytest.raises(YamlLoadError) as caught:
            load_yaml_bytes(raw, Path(display), display)
        assert caught.value.problems[0].hint.endswith(hint), caught.value.problems[0].hint


def test_vocabulary_problems_say_what_is_wrong(project_dir):
    """A list with the same word twice names the word and both places; a number where a word or a
    list of words belongs names both allowed forms (not «passer ikke med noen av de tillatte formene»)."""
    glossary = project_dir / "vocabularies" / "ordliste.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8")
                        + "- nn: [zzikkje, zzikkje]\n  nb: zzikke\n- nn: 5\n  nb: zzfem\n", encoding="utf-8")
    lines = glossary.read_text(encoding="utf-8").splitlines()
    first = lines.index("- nn: [zzikkje, zzikkje]") + 1
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1
    assert (f"vocabularies/ordliste.yml:{first}:17: " in result.stderr
            and "«zzikkje» står to ganger i listen (element 1 og 2) — Fjern element 2" in result.stderr), result.stderr
    assert (f"vocabularies/ordliste.yml:{first + 2}:7: " in result.stderr
            and "nn: skal være tekst eller en liste, men er et tall" in result.stderr), result.stderr
    assert "tillatte formene" not in result.stderr


def test_theme_figure_series_have_a_length_cap(project_dir):
    """A figure with thousands of values made an 11 MB SVG; a series holds at most 100 values."""
    page = project_dir / "content" / "temaer" / "heltid-og-deltid.md"
    marker = '          - {etikett: "Deltakerkommuner", verdi: 0.28}\n'
    text = page.read_text(encoding="utf-8")
    assert marker in text
    extra = "".join(f'          - {{etikett: "{n}", verdi: {n}}}\n' for n in range(100))
    page.write_text(text.replace(marker, marker + extra), encoding="utf-8")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1
    assert ".serier[1].verdier: listen har 102 elementer, men høyst 100 er tillatt — Ta med ett tall per år" \
        in result.stderr, result.stderr


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
    assert "::error file=cases/yes-value.yml,line=7,col=10,title=Feltet «Program» i skjemaet::" in result.stdout


@pytest.mark.parametrize("row", [r for r in _expectations() if r[1] != "OK"], ids=lambda r: r[0])
def test_each_bad_file_alone_fails_the_build_and_keeps_the_old_site(row, tmp_path):
    """One bad file among the real cases: exit code 1, its exact problem, the previous site intact,
    nothing half-written; a hang guard bounds the run (a bound, not a timing)."""
    import signal

    from builder.core.project import Project
    from builder.build.site_build import build_site

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
    from builder.sources import yaml_loader

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


# --- validate and build agree ---------------------------------------------------------------------

HOSTILE_TEXTS = [
    "EBHTMLBLOCK0X", "<p>EBHTMLBLOCK1X</p>", "<script>window.__pwned=1</script>", '=HYPERLINK("x";"y")',
    "- punkt som en liste", "@SUM(1+1)", "+47 pluss først", "første avsnitt\n\nEBHTMLBLOCK0X\n\n## Overskrift { #x }",
    "{{ jinja }} {% raw %} ${mal}", "\ttabulator først", "æøå ÆØÅ ñ ß 中文 🙂 \u00a0hardt mellomrom",
    "«sitat» ’apostrof’ – tankestrek —", "&amp; &#106; &lt;b&gt; &colon;", "omvendt \\ skråstrek \\\\",
    "`kode` *stjerne* _under_ [lenke](https://www.ks.no/) <https://www.ks.no/>", "---\n...\n---",
    "| tabell | rad |\n|---|---|\n| a | b |", "    innrykket kodeblokk\n\n    med tom linje", "1. én\n2. to",
    "> sitat\n> over linjer", "<!-- kommentar -->", "]]> <![CDATA[", "x" * 400,
]
NUMBERS = [0, -0.000001, 0.00001, 123456789012345, -5, 0.5, 99999.999999, -123456789012345]


def _string_paths(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _string_paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _string_paths(value, path + (index,))
    elif isinstance(data, str):
        yield path


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _variants(count: int = 48):
    """Deterministic variants of a rich real case: hostile or odd text in any text field (free
    text, names, notes), edge numbers in the results."""
    import copy
    import random

    import yaml

    base = yaml.safe_load((ROOT / "cases" / "haegebostad-sykefravaer.yml").read_text(encoding="utf-8"))
    skip = {"id", "program", "sektor", "fylke", "dokument", "linjer", "sist_vurdert", "fra", "vurdering"}
    paths = [p for p in _string_paths(base) if p[-1] not in skip and not (p[0] in ("temaer", "kunnskapsgrunnlag"))
             and p[-2:-1] != ("verdier",)]
    rng = random.Random(11)
    for n in range(count):
        data = copy.deepcopy(base)
        data["id"] = f"variant-{n:02d}"
        for path in rng.sample(paths, 4):
            text = HOSTILE_TEXTS[(n + len(path)) % len(HOSTILE_TEXTS)] if n < len(HOSTILE_TEXTS) else rng.choice(HOSTILE_TEXTS)
            old = data
            for part in path:
                old = old[part]
            _set(data, path, (text + " " + old)[: max(len(old), 40)] if rng.random() < 0.5 else text + " " + old)
        for row in data["resultater"]["tall"][0]["verdier"]:
            row["verdi"] = rng.choice(NUMBERS)
        yield data["id"], yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def test_validate_and_build_agree_on_the_corpus_and_generated_variants(tmp_path):
    """No input that validate accepts makes build fail: every accepted corpus file and every accepted
    variant builds (exit 0) and gets its page; the refused ones were refused with a problem."""
    from builder.core.project import Project
    from builder.sources.catalog import check_case_files
    from builder.build.site_build import build_site

    project = copy_project(tmp_path / "project", with_cases=False)
    for name, text in _variants():
        (project / "cases" / f"{name}.yml").write_text(text, encoding="utf-8")
    for row in _expectations():
        if row[1] == "OK":
            shutil.copy2(CORPUS / row[0], project / "cases" / row[0])
    check = check_case_files(Project(project))
    refused = {p.file for p in check.problems}
    for file in refused:
        (project / file).unlink()
    accepted = sorted(p.stem for p in (project / "cases").glob("*.yml"))
    assert len([a for a in accepted if a.startswith("variant-")]) >= 30, refused  # the test exercises the build
    assert {row[0][:-4] for row in _expectations() if row[1] == "OK"} <= set(accepted)
    reported = []
    assert build_site(Project(project), report=reported.extend, quiet=True) == 0, [p.format() for p in reported]
    for case_id in accepted:
        assert (project / "site" / "eksempler" / case_id / "index.html").is_file(), case_id
