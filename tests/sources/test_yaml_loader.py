from pathlib import Path

import pytest

from builder.sources.yaml_loader import YamlLoadError, field_label, load_yaml_bytes


def load(text: str):
    return load_yaml_bytes(text.encode("utf-8"), Path("x.yml"), "x.yml")


def problems_of(text: str):
    with pytest.raises(YamlLoadError) as info:
        load(text)
    return info.value.problems


def test_plain_values_and_positions():
    doc = load('a: tekst\nb: 9.4\nc: 12\nd: true\ne:\n  - "2007"\nf: 2026-11-24\n')
    assert doc.data == {"a": "tekst", "b": 9.4, "c": 12, "d": True, "e": ["2007"], "f": "2026-11-24"}
    assert doc.position(("e", 0)).line == 6
    assert doc.position(("e", 0)).column == 5
    assert doc.position(("b",), key=True).line == 2


@pytest.mark.parametrize("text, line, fragment", [
    ("nr: 0301\n", 1, "kan bli tolket som et annet tall"),
    ("nr: 0389\n", 1, "kan bli lest som tallet 389"),
    ("svar: no\n", 1, "sann/usann"),
    ("svar: On\n", 1, "sann/usann"),
    ("tid: 12:30\n", 1, "kan bli tolket som et annet tall"),
    ("x: 1_000\n", 1, "kan bli tolket som et annet tall"),
    ("x: 0x1F\n", 1, "kan bli tolket som et annet tall"),
    ("x: .nan\n", 1, "ikke et vanlig desimaltall"),
])
def test_yaml_11_coercions_are_errors_with_quote_hint(text, line, fragment):
    [problem] = problems_of(text)
    assert problem.line == line
    assert fragment in problem.message
    assert "anførselstegn" in problem.hint


def test_quoted_values_are_kept_as_text():
    doc = load('nr: "0301"\nsvar: "no"\ntid: "12:30"\n')
    assert doc.data == {"nr": "0301", "svar": "no", "tid": "12:30"}


def test_duplicate_keys_name_both_lines():
    [problem] = problems_of("a: 1\nb: 2\na: 3\n")
    assert (problem.line, problem.column, problem.field) == (3, 1, "a")
    assert "første gang på linje 1" in problem.message


def test_python_tags_are_refused_and_never_constructed():
    [problem] = problems_of('x: !!python/object/apply:os.system ["touch /tmp/pwned-erfaringsbanken"]\n')
    assert "taggen" in problem.message
    assert not Path("/tmp/pwned-erfaringsbanken").exists()


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    [problem] = problems_of(bomb)
    assert "aliaser" in problem.message
    assert problem.line == 1


def test_tabs_empty_and_encoding():
    assert "tabulator" in problems_of("a:\n\tb: 1\n")[0].message
    assert "tom" in problems_of("# bare en kommentar\n")[0].message
    with pytest.raises(YamlLoadError) as info:
        load_yaml_bytes("a: Hægebostad\n".encode("latin-1"), Path("x.yml"), "x.yml")
    assert "UTF-8" in info.value.problems[0].message
    assert load_yaml_bytes(b"\xef\xbb\xbfa: 1\n", Path("x.yml"), "x.yml").data == {"a": 1}


def test_syntax_errors_are_translated():
    [problem] = problems_of("a: [1, 2\nb: 3\n")
    assert problem.message.startswith("YAML-syntaksfeil")
    assert problem.line >= 1


def test_field_label_counts_list_items_from_one():
    assert field_label(("kilder", 0, "linjer")) == "kilder[1].linjer"
    assert field_label(()) == ""


# Typing slips: repaired in a copy, verified, reported; the rest of the file is still read.
@pytest.mark.parametrize("text, expected, data", [
    ('t:\n  - {periode: "2007", verdi: 12,5}\n',
     [(2, 30, "t[1].verdi", "desimaltallet «12,5» er skrevet med komma", "«verdi: 12.5»")],
     {"t": [{"periode": "2007", "verdi": 12.5}]}),
    ('t: {verdi: -0,25, periode: "2007"}\n',
     [(1, 12, "t.verdi", "desimaltallet «-0,25»", "«verdi: -0.25»")],
     {"t": {"verdi": -0.25, "periode": "2007"}}),
    ('t: {a: 1,5 , b: 2,75}  # kommentar, x: 1,5}\n',
     [(1, 8, "t.a", "«1,5»", "«a: 1.5»"), (1, 17, "t.b", "«2,75»", "«b: 2.75»")],
     {"t": {"a": 1.5, "b": 2.75}}),
    ('tittel:Tekst\nb: 2\n',
     [(1, 1, "tittel", "det mangler et mellomrom etter kolonet i «tittel:»", "«tittel: …»")],
     {"tittel": "Tekst", "b": 2}),
    ('a: 1\nliste:\n  - navn: Molde\n    fylke:x\n',
     [(4, 5, "liste[1].fylke", "mellomrom etter kolonet i «fylke:»", "«fylke: …»")],
     {"a": 1, "liste": [{"navn": "Molde", "fylke": "x"}]}),
    ('t: {periode: "2007", verdi:9.4}\n',
     [(1, 22, "t.verdi", "mellomrom etter kolonet i «verdi:»", "«verdi: …»")],
     {"t": {"periode": "2007", "verdi": 9.4}}),
    ('t: {p: "2007", verdi:12,5}\n',  # both slips at once
     [(1, 16, "t.verdi", "mellomrom etter kolonet", "«verdi: …»"),
      (1, 22, "t.verdi", "desimaltallet «12,5»", "«verdi: 12.5»")],
     {"t": {"p": "2007", "verdi": 12.5}}),
    ('t: {verdi: 12,5}\nnr: 0301\n',  # a value problem as well: all reported, document kept
     [(1, 12, "t.verdi", "desimaltallet «12,5»", "«verdi: 12.5»"),
      (2, 5, "nr", "kan bli tolket som et annet tall", "anførselstegn")],
     {"t": {"verdi": 12.5}, "nr": "0301"}),
])
def test_typing_slips_are_reported_and_the_rest_still_read(text, expected, data):
    problems = problems_of(text)
    found = sorted((p.line, p.column, p.field, p.message, p.hint) for p in problems)
    assert len(found) == len(expected), found
    for (line, column, field, message, hint), got in zip(sorted(expected), found):
        assert got[:3] == (line, column, field), found
        assert message in got[3] and hint in got[4], got
    with pytest.raises(YamlLoadError) as info:
        load(text)
    assert info.value.document is not None and info.value.document.data == data
    assert info.value.document.source == text  # positions and quotes refer to what the editor wrote


@pytest.mark.parametrize("text, data", [
    ('a: |\n  {verdi: 12,5} og {a, b: 1,5}\n  Merk:dette\n', {"a": "{verdi: 12,5} og {a, b: 1,5}\nMerk:dette\n"}),
    ("a: 'x, verdi: 12,5}'\n", {"a": "x, verdi: 12,5}"}),
    ('a: "{verdi: 12,5}"\n', {"a": "{verdi: 12,5}"}),
    ('a: 1  # {verdi: 12,5} tittel:x\n', {"a": 1}),
    ('lenke: https://example.org/a:b\n', {"lenke": "https://example.org/a:b"}),
    ('a: >\n  kl:12 og {b: 1,5}\n', {"a": "kl:12 og {b: 1,5}\n"}),
    ('t: {verdi: 12.5, x: "1,5"}\n', {"t": {"verdi": 12.5, "x": "1,5"}}),
    ('a: [1,5]\n', {"a": [1, 5]}),  # a list of two numbers, written as YAML means it
    ('a:\n  - KS:Oslo\n  - NAV\n', {"a": ["KS:Oslo", "NAV"]}),  # list items are texts as written
    ('a: [b, c:d]\n', {"a": ["b", "c:d"]}),
    ('a: [{b: 1}, c:d]\n', {"a": [{"b": 1}, "c:d"]}),
    ('a: Dette er en tekst\n  Merk:dette fortsetter\n', {"a": "Dette er en tekst Merk:dette fortsetter"}),
])
def test_text_that_only_looks_like_a_slip_is_never_changed(text, data):
    assert load(text).data == data


def test_a_slip_next_to_a_real_syntax_error_reports_the_syntax_error():
    [problem] = problems_of('t: {verdi: 12,5}\nb: [1, 2\n')
    assert problem.message.startswith("YAML-syntaksfeil")


@pytest.mark.parametrize("text, kept", [
    ("nr: 0301\nb: tekst\n", True),
    ("a: 1\nb: 2\na: 3\n", True),
    ("x: !!python/object/apply:os.system [ls]\n", True),
    ("a: [1, 2\n", False),
    ("a:\n\tb: 1\n", False),
    ("a: " + "[" * 30 + "]" * 30 + "\n", False),
])
def test_value_problems_keep_the_document_for_the_other_checks(text, kept):
    with pytest.raises(YamlLoadError) as info:
        load(text)
    assert (info.value.document is not None) is kept


def test_followup_problems_at_a_reported_field_are_dropped():
    from builder.core.problems import Problem
    from builder.sources.yaml_loader import followup_filter

    loader = [Problem("x.yml", 3, 5, "t[1].verdi", "desimaltall"), Problem("x.yml", 1, 1, "", "fil")]
    others = [Problem("x.yml", 3, 5, "t[1].verdi", "skal være et tall"),
              Problem("x.yml", 3, 5, "t[1].verdi.x", "under"),
              Problem("x.yml", 3, 5, "t[1].verdier", "et annet felt"),
              Problem("x.yml", 9, 1, "tittel", "annet")]
    assert [p.message for p in followup_filter(loader, others)] == ["et annet felt", "annet"]


def test_a_file_loaded_again_gives_its_own_data_and_the_right_places(tmp_path):
    """`mkdocs serve` loads every input after each edit; the bytes seen before come from memory.
    A caller that changes the data it got must not change what the next caller gets; the same
    bytes under another name report that name; a file with mistakes fails every time."""
    from builder.sources.yaml_loader import YamlLoadError, load_yaml_bytes

    raw = "id: a\nliste:\n  - x\n  - y\n".encode()
    first = load_yaml_bytes(raw, tmp_path / "a.yml", "cases/a.yml")
    first.data["liste"].append("z")
    first.data["id"] = "endret"
    again = load_yaml_bytes(raw, tmp_path / "a.yml", "cases/a.yml")
    assert again.data == {"id": "a", "liste": ["x", "y"]}
    assert again.position(("liste", 1)).line == 4
    other = load_yaml_bytes(raw, tmp_path / "b.yml", "cases/b.yml")
    assert other.display_path == "cases/b.yml" and other.path == tmp_path / "b.yml"
    bad = "id: a\nid: b\n".encode()
    for _ in range(2):
        with pytest.raises(YamlLoadError) as caught:
            load_yaml_bytes(bad, tmp_path / "c.yml", "cases/c.yml")
        assert caught.value.problems[0].line == 2
