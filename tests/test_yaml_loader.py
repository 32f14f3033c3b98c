from pathlib import Path

import pytest

from builder.yaml_loader import YamlLoadError, field_label, load_yaml_bytes


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
