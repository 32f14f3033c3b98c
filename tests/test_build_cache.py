"""Validation results reused per case file (builder/catalog.py + builder/build_cache.py)."""

from __future__ import annotations

import json
from pathlib import Path

import builder.catalog
from builder.build_cache import JsonStore, digest, read_entry, write_entry
from builder.catalog import check_case_files
from builder.project import Project

CASE = "haegebostad-sykefravaer.yml"


def _stored(project: Path) -> dict:
    return json.loads(read_entry(project / ".cache", "validated-cases.json"))


def _store_entries(project: Path) -> dict:
    return _stored(project)["entries"]


def _write_store(project: Path, stored: dict) -> None:
    """Write the store as the builder does, with a matching sha256."""
    assert write_entry(project / ".cache", "validated-cases.json", json.dumps(stored).encode()) is None


def _as_data(check) -> list:
    return sorted((c.id, c.tittel, c.source_file, repr(c)) for c in check.cases)


def test_a_second_check_reuses_results_and_gives_the_same_cases(project_dir, monkeypatch):
    checked = []
    real = builder.catalog.schema_problems
    monkeypatch.setattr(builder.catalog, "schema_problems", lambda doc, v: checked.append(doc) or real(doc, v))
    first = check_case_files(Project(project_dir))
    assert first.problems == [] and len(first.documents) == len(first.cases) == len(checked) > 30
    entries = _store_entries(project_dir)
    assert set(entries) == {p.name for p in (project_dir / "cases").glob("*.yml")}
    assert all(isinstance(v, str) and len(v) == 64 for v in entries.values()), "verdicts (digests), no data"
    checked.clear()
    second = check_case_files(Project(project_dir))
    assert checked == [], "nothing was checked again"
    assert _as_data(second) == _as_data(first)
    assert second.digests == first.digests


def test_a_changed_file_is_checked_again(project_dir):
    check_case_files(Project(project_dir))
    path = project_dir / "cases" / CASE
    path.write_text(path.read_text(encoding="utf-8").replace('sist_vurdert: "2026-11-24"',
                                                             "sist_vurdert: 24.11.2026"), encoding="utf-8")
    check = check_case_files(Project(project_dir))
    assert {p.file for p in check.problems} == {f"cases/{CASE}"}
    assert any("sist_vurdert" in p.field for p in check.problems)
    assert CASE not in _store_entries(project_dir), "an invalid file is never stored as valid"


def test_a_schema_or_vocabulary_change_checks_every_file_again(project_dir):
    check_case_files(Project(project_dir))
    vocab = project_dir / "vocabularies" / "temaer.yml"
    text = vocab.read_text(encoding="utf-8")
    assert "- id: omdomme\n" in text
    used = [p.name for p in (project_dir / "cases").glob("*.yml") if "omdomme" in p.read_text(encoding="utf-8")]
    assert used
    vocab.write_text(text.replace("- id: omdomme\n", "- id: omdoemme\n"), encoding="utf-8")  # the id goes
    check = check_case_files(Project(project_dir))
    assert {Path(p.file).name for p in check.problems} >= set(used)


def test_a_duplicate_id_is_found_at_its_line_in_a_file_that_was_valid_before(project_dir):
    check_case_files(Project(project_dir))
    original = project_dir / "cases" / CASE
    (project_dir / "cases" / "aa-kopi.yml").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    check = check_case_files(Project(project_dir))
    id_line = next(i for i, line in enumerate(original.read_text(encoding="utf-8").splitlines(), 1)
                   if line.startswith("id:"))
    duplicate = [p for p in check.problems if "allerede brukt" in p.message]
    assert [(p.file, p.field, p.line) for p in duplicate] == [(f"cases/{CASE}", "id", id_line)]


def test_a_damaged_or_foreign_store_is_ignored(project_dir):
    first = check_case_files(Project(project_dir))
    store = project_dir / ".cache" / "validated-cases.json"
    for damaged in ("{not json", json.dumps({"key": "other", "entries": {CASE: ["x", {"id": "x"}]}}), "[]"):
        store.write_text(damaged, encoding="utf-8")
        check = check_case_files(Project(project_dir))
        assert check.problems == [] and _as_data(check) == _as_data(first)
        assert len(check.documents) == len(first.cases), "everything was checked again"


def test_a_wrong_digest_in_the_store_is_not_trusted(project_dir):
    check_case_files(Project(project_dir))
    stored = _stored(project_dir)
    stored["entries"][CASE] = "0" * 64
    _write_store(project_dir, stored)
    check = check_case_files(Project(project_dir))
    assert "haegebostad-sykefravaer" in {c.id for c in check.cases}
    assert _store_entries(project_dir)[CASE] != "0" * 64, "checked again and stored anew"


def test_the_store_holds_no_data_that_could_reach_the_site(project_dir):
    """Data always comes from the case file: a store edited to hold a case's data (the old format,
    with a matching sha256 or without) changes nothing, and a deleted case is gone."""
    first = check_case_files(Project(project_dir))
    stored = _stored(project_dir)
    sha = stored["entries"][CASE]
    for entry in ([sha, {"id": "haegebostad-sykefravaer", "tittel": "<script>INJISERT</script>"}],
                  {"sha": sha, "tittel": "INJISERT"}):
        stored["entries"][CASE] = entry
        _write_store(project_dir, stored)
        check = check_case_files(Project(project_dir))
        assert _as_data(check) == _as_data(first)
        assert "INJISERT" not in repr(check.cases)
    (project_dir / "cases" / CASE).unlink()
    check = check_case_files(Project(project_dir))
    assert "haegebostad-sykefravaer" not in {c.id for c in check.cases}
    assert CASE not in _store_entries(project_dir)


def test_an_edited_store_file_is_ignored(project_dir):
    check_case_files(Project(project_dir))
    store = project_dir / ".cache" / "validated-cases.json"
    store.write_bytes(store.read_bytes().replace(b'"entries":{', b'"entries":{"x.yml":"1",', 1))
    assert JsonStore(store, "any").entries == {}
    assert check_case_files(Project(project_dir)).problems == []


def test_no_reuse_when_turned_off(project_dir, monkeypatch):
    from builder.build_cache import REUSE_VARIABLE

    monkeypatch.setenv(REUSE_VARIABLE, "nei")
    check_case_files(Project(project_dir))
    assert not (project_dir / ".cache" / "validated-cases.json").exists()


def test_json_store_round_trip_and_key(tmp_path):
    store = JsonStore(tmp_path / "s.json", digest("a"))
    store.put("x", [1, {"b": "æ"}])
    store.save()
    assert JsonStore(tmp_path / "s.json", digest("a")).get("x") == [1, {"b": "æ"}]
    assert JsonStore(tmp_path / "s.json", digest("b")).get("x") is None
    again = JsonStore(tmp_path / "s.json", digest("a"))
    again.keep_only(set())
    again.save()
    assert JsonStore(tmp_path / "s.json", digest("a")).entries == {}


def test_digest_separates_parts():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(b"ab") != digest("ab")
    assert digest({"a": 1, "b": 2}) == digest({"b": 2, "a": 1})
