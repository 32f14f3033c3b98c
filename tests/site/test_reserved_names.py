"""Ids and slugs never take the address of another page or of a file the site needs
(builder/core/urls.py: reserved_names, output_collisions), and generation refuses two files on one path."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from builder.core.problems import ProblemsFound
from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.sources.vocabularies import TERM_ID
from builder.charts.drawing import ChartSpec, Point, Series
from builder.pages.generate import _check_chart_names, content_files, generate_site
from builder.core.urls import (SITE_FILES, SITE_FOLDERS, SITE_PAGES, output_collisions, output_path,
                               reserved_name_reason, reserved_names)
from conftest import ROOT, run_cli

CASE = "sola-solrommet"

# Case ids that name a page the site makes itself, a folder or file it needs, or a name a
# static host on Windows cannot store, in any spelling.
RESERVED_CASE_IDS = ["index", "404", "assets", "search", "sitemap", "pagefind", "readme", "con", "nul", "aux",
                     "prn", "com1", "com9", "lpt1", "robots", "favicon"]


def _rename_case(project: Path, new_id: str) -> Path:
    old = project / "cases" / f"{CASE}.yml"
    written = f'"{new_id}"' if new_id.isdigit() else new_id
    text = old.read_text(encoding="utf-8").replace(f"\nid: {CASE}\n", f"\nid: {written}\n", 1)
    old.unlink()
    new = project / "cases" / f"{new_id}.yml"
    new.write_text(text, encoding="utf-8")
    return new


@pytest.mark.parametrize("case_id", RESERVED_CASE_IDS)
def test_a_case_id_may_not_take_a_reserved_name(project_dir, case_id):
    _rename_case(project_dir, case_id)
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1, result.stdout
    assert f"cases/{case_id}.yml:2:5: id: id-en «{case_id}» kan ikke brukes" in result.stderr, result.stderr
    assert "Velg en annen id" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("case_id", ["index", "con"])
def test_build_refuses_a_reserved_case_id_and_writes_nothing(project_dir, case_id):
    _rename_case(project_dir, case_id)
    result = run_cli(project_dir, "build")
    assert result.returncode == 1
    assert f"cases/{case_id}.yml:2:5: id: id-en «{case_id}» kan ikke brukes" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (project_dir / "site").exists()


@pytest.mark.parametrize("content_file", ["eksempler/foo-bar.md", "eksempler/Foo-Bar.md", "eksempler/foo-bar/x.png",
                                          "eksempler/FOO-BAR.html"])
def test_a_case_id_may_not_take_the_name_of_a_hand_written_file_in_its_folder(project_dir, content_file):
    path = project_dir / "content" / content_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitle: X\n---\nX\n", encoding="utf-8")
    _rename_case(project_dir, "foo-bar")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1
    assert "cases/foo-bar.yml:2:5: id: id-en «foo-bar» kan ikke brukes: navnet er reservert" in result.stderr, \
        result.stderr


# (file, old text, new text, expected start of the problem; {line} is the line the new text starts
# on after the change): municipality ids in the 2024 list and
# the register name kommuner/<id>/, theme ids name temaer/<id>/.
MUNICIPALITY_IDS = [
    ("kommuner-2024.yml", "{id: eigersund,", "{id: index,", "vocabularies/kommuner-2024.yml:32:10: kommuner[2].id: id-en «index»"),
    ("kommuner-2024.yml", "{id: eigersund,", "{id: nul,", "vocabularies/kommuner-2024.yml:32:10: kommuner[2].id: id-en «nul»"),
    ("kommuner-2024.yml", "{id: eigersund,", "{id: sitemap,", "vocabularies/kommuner-2024.yml:32:10: kommuner[2].id: id-en «sitemap»"),
    ("kommuner.yml", "\n- id: afjord\n", "\n- id: index\n", "vocabularies/kommuner.yml:{line}:7: [1].id: id-en «index»"),
    ("kommuner.yml", "\n- id: afjord\n", "\n- id: com3\n", "vocabularies/kommuner.yml:{line}:7: [1].id: id-en «com3»"),
]


@pytest.mark.parametrize("file, old, new, expected", MUNICIPALITY_IDS)
def test_a_municipality_id_may_not_take_a_reserved_name(project_dir, file, old, new, expected):
    path = project_dir / "vocabularies" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")
    # The line of the changed id, counted in the file as it now is (the register grows with content).
    line = changed[: changed.index(new)].count("\n") + 2
    expected = expected.format(line=line)
    for command in ("validate", "build"):
        result = run_cli(project_dir, command)
        assert result.returncode == 1, result.stdout
        assert expected in result.stderr and "kan ikke brukes" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not (project_dir / "site").exists()


@pytest.mark.parametrize("theme", ["con", "sitemap", "search"])
def test_a_theme_may_not_take_a_reserved_name(project_dir, theme):
    vocab = project_dir / "vocabularies" / "temaer.yml"
    vocab.write_text(vocab.read_text(encoding="utf-8") + f"- id: {theme}\n  navn: Tema\n  beskrivelse: X.\n",
                     encoding="utf-8")
    page = (project_dir / "content" / "temaer" / "ledelse.md").read_text(encoding="utf-8")
    (project_dir / "content" / "temaer" / f"{theme}.md").write_text(
        page.replace("tema: ledelse", f"tema: {theme}", 1), encoding="utf-8")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1
    # The id is refused where it is made, in the vocabulary (the theme page's own check,
    # content/temaer/<id>.md: tema, stays behind it for pages whose theme is not in the vocabulary).
    assert re.search(rf"vocabularies/temaer\.yml:\d+:7: \[\d+\]\.id: id-en «{theme}» kan ikke brukes", result.stderr), \
        result.stderr


def test_a_hand_written_theme_index_is_refused_by_the_build(project_dir):
    """content/temaer/index.md is no theme page; the generated theme index would replace it."""
    (project_dir / "content" / "temaer" / "index.md").write_text("---\ntitle: X\n---\nX\n", encoding="utf-8")
    result = run_cli(project_dir, "build")
    assert result.returncode == 1
    assert "temaer/index.md" in result.stderr and "content/temaer/index.md" in result.stderr, result.stderr
    assert not (project_dir / "site").exists()


@pytest.mark.parametrize("name, folder, reserved", [
    ("index", "eksempler", True), ("INDEX", "eksempler", True), ("Index", "kommuner", True),
    ("404", "temaer", True), ("Assets", "eksempler", True), ("con", "kommuner", True), ("CON", "eksempler", True),
    ("con.txt", "eksempler", True), ("lpt¹", "eksempler", True), (".hidden", "eksempler", True),
    ("_utkast", "kommuner", True), ("", "eksempler", True), (" ", "kommuner", True),
    ("eksempler", "", True), ("Kommuner", "", True), ("figurer", "", True), ("robots", "", True),
    ("console", "eksempler", False), ("index-2024", "eksempler", False), ("molde", "kommuner", False),
    ("indeks", "eksempler", False), ("felt", "eksempler", False),
    ("felt", "redaktorer", True), ("status", "redaktorer", True),
])
def test_reserved_name_rules(name, folder, reserved):
    taken = reserved_names(folder, ROOT / "content")
    assert (reserved_name_reason(name, folder, taken) is not None) == reserved


def test_the_declared_site_paths_are_what_generation_makes(tmp_path):
    """urls.SITE_PAGES, SITE_FOLDERS and SITE_FILES name every page and file the builder makes that
    no id names: a new generated page must be declared there, or validation would not reserve it."""
    catalog = load_catalog(Project(ROOT))
    site = generate_site(catalog, cache_dir=tmp_path, defer_charts=True)
    try:
        named = {f"eksempler/{c.id}.md" for c in catalog.cases}
        pages = {p for p in site.files if p.endswith(".md") and p not in named and not
                 (p.startswith("kommuner/") and p not in ("kommuner/index.md", "kommuner/kart.md"))}
        assert pages == set(SITE_PAGES)
        others = {p for p in site.files if not p.endswith(".md")} | {f"figurer/{n}" for n in site.charts.paths}
        declared = [f"{f}/" for f in SITE_FOLDERS]
        assert all(p in SITE_FILES or p.startswith(tuple(declared)) for p in others), \
            sorted(p for p in others if p not in SITE_FILES and not p.startswith(tuple(declared)))
    finally:
        site.charts.wait()
        site.cleanup()


@pytest.mark.parametrize("src, out", [
    ("eksempler/index.md", "eksempler/index.html"), ("eksempler/x.md", "eksempler/x/index.html"),
    ("index.md", "index.html"), ("om/README.md", "om/index.html"), ("a.MD", "a/index.html"),
    ("figurer/a.svg", "figurer/a.svg"), ("robots.txt", "robots.txt"),
])
def test_output_path(src, out):
    assert output_path(src) == out


# Two sources that MkDocs would write to one place (on a case-insensitive disk too), or a file
# where a folder must be.
COLLIDING = [
    {"kommuner/index.md": "byggeren", "kommuner/INDEX.md": "content/kommuner/INDEX.md"},
    {"eksempler/a.md": "cases/a.yml", "eksempler/a/index.md": "content/eksempler/a/index.md"},
    {"eksempler/a.md": "cases/a.yml", "eksempler/A.md": "content/eksempler/A.md"},
    {"data/x.json": "byggeren", "data/X.json": "content/data/X.json"},
    {"om/index.md": "content/om/index.md", "om/README.md": "content/om/README.md"},
    {"tall.md": "content/tall.md", "tall/index.md": "byggeren"},
    {"feed": "content/feed", "feed/eksempler.xml": "byggeren"},
    {"eksempler/å.md": "a", "eksempler/a\u030a.md": "b"},  # the same name in two Unicode spellings
]


@pytest.mark.parametrize("sources", COLLIDING)
def test_output_collisions_are_found(sources):
    problems = output_collisions(sources)
    assert len(problems) == 1
    assert "skal publiseres på samme sted" in problems[0].message
    assert all(src in problems[0].message for src in sources)


def test_the_real_site_has_no_collisions():
    catalog = load_catalog(Project(ROOT))
    assert output_collisions({**{p: "x" for p in SITE_PAGES}, **content_files(catalog),
                              **{f"eksempler/{c.id}.md": c.source_file for c in catalog.cases}}) == []


def test_generation_refuses_a_page_that_would_replace_another(project_dir, tmp_path):
    """Defence in depth: a case that slipped past validation with a reserved id."""
    catalog = load_catalog(Project(project_dir))
    catalog.cases[0] = dataclasses.replace(catalog.cases[0], id="index")
    with pytest.raises(ProblemsFound) as caught:
        generate_site(catalog, cache_dir=tmp_path)
    text = "\n".join(p.format() for p in caught.value.problems)
    assert "eksempler/index.md" in text and catalog.cases[0].source_file in text


def test_build_refuses_a_hand_written_page_on_a_generated_pages_place(project_dir):
    (project_dir / "content" / "kommuner").mkdir()
    (project_dir / "content" / "kommuner" / "INDEX.md").write_text("---\ntitle: X\n---\nX\n", encoding="utf-8")
    result = run_cli(project_dir, "build")
    assert result.returncode == 1
    assert re.search(r"content/kommuner/INDEX\.md:1:1: .*skal publiseres på samme sted i nettstedet "
                     r"\(kommuner/index\.html\)", result.stderr), result.stderr
    assert "Traceback" not in result.stderr and not (project_dir / "site").exists()
    result = run_cli(project_dir, "generate", "--out", str(project_dir / "ut"))
    assert result.returncode == 1 and "kommuner/index.html" in result.stderr
    assert not (project_dir / "ut").exists()


def test_two_charts_with_one_file_name_are_refused():
    def spec(title):
        return ChartSpec(id="tema-a-b-c", kind="bar", title=title, unit="", alt="x", source="x",
                         series=(Series("s", (Point("2020", 1.0), Point("2021", 2.0))),))
    _check_chart_names([spec("Én"), spec("Én")])  # the same chart twice is one file
    with pytest.raises(ProblemsFound) as caught:
        _check_chart_names([spec("Én"), spec("To")])
    assert "figurer/tema-a-b-c.svg" in caught.value.problems[0].message


# (vocabulary, hostile id, what the message says): a term id ends up in addresses, file names and
# CSS classes, so every vocabulary holds its ids to the case-id rule; a theme id also names temaer/<id>/.
HOSTILE_TERM_IDS = [
    ("temaer", "../../x", "en id skal bare ha små bokstaver"),
    ("temaer", "Index", "en id skal bare ha små bokstaver"),
    ("temaer", "index", "navnet er reservert"),
    ("temaer", "con", "Windows ikke tillater"),
    ("temaer", "sitemap", "navnet er reservert"),
    ("sektorer", "skole/sfo", "en id skal bare ha små bokstaver"),
    ("programmer", "saman om ein", "en id skal bare ha små bokstaver"),
    ("fylker", "møre-og-romsdal", "en id skal bare ha små bokstaver"),
    ("kilder", "%2e%2e", "en id skal bare ha små bokstaver"),
    ("status", ".skjult", "en id skal bare ha små bokstaver"),
    ("evidensgrader", "-a", "en id skal bare ha små bokstaver"),
    ("landsdeler", "a--b", "en id skal bare ha små bokstaver"),
    ("resultattyper", "'\"", "en id skal bare ha små bokstaver"),
    ("kommunestorrelser", "''", "en id skal bare ha små bokstaver"),
]


@pytest.mark.parametrize("vocabulary, term_id, message", HOSTILE_TERM_IDS)
def test_a_vocabulary_id_follows_the_id_rule(project_dir, vocabulary, term_id, message):
    path = project_dir / "vocabularies" / f"{vocabulary}.yml"
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 1  # the appended term's first line
    quoted = "'" + term_id.replace("'", "''") + "'"
    path.write_text(text + f"- id: {quoted}\n  navn: Nytt begrep\n", encoding="utf-8")
    for command in ("validate", "build"):
        result = run_cli(project_dir, command)
        assert result.returncode == 1, result.stdout
        assert f"vocabularies/{vocabulary}.yml:{line}:7: " in result.stderr, result.stderr
        assert f"«{term_id}» kan ikke brukes" in result.stderr and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not (project_dir / "site").exists()


def test_every_shipped_vocabulary_id_follows_the_id_rule():
    for path in sorted((ROOT / "vocabularies").glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\s*-?\s*\{?id: ([^,}\s]+)", line)
            if match:
                assert TERM_ID.fullmatch(match.group(1)), (path.name, line)
