"""Validation results reused per case file (builder/sources/catalog.py + builder/core/build_cache.py)."""

from __future__ import annotations

import json
from pathlib import Path

import builder.sources.catalog
from builder.core.build_cache import JsonStore, digest, read_entry, write_entry
from builder.core.project import Project
from builder.sources.catalog import check_case_files

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
    real = builder.sources.catalog.schema_problems
    monkeypatch.setattr(builder.sources.catalog, "schema_problems", lambda doc, v: checked.append(doc) or real(doc, v))
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
    from builder.core.build_cache import REUSE_VARIABLE

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


# --- entries carry a sha256 and are never read through a link (issue 19, items 8 and 9) --------

import errno  # noqa: E402
import os  # noqa: E402

import pytest  # noqa: E402

import builder.core.build_cache as build_cache  # noqa: E402
from builder.core.build_cache import cache_folder, read_file  # noqa: E402
from builder.build.build_lock import project_lock  # noqa: E402


@pytest.fixture
def quiet_once(monkeypatch):
    """A fresh «said once» state for the notice."""
    monkeypatch.setattr(build_cache, "_NOTICED", [])


def _damage_truncate(folder, rel):
    path = folder / rel
    path.write_bytes(path.read_bytes()[:-3])


def _damage_edit(folder, rel):
    path = folder / rel
    path.write_bytes(path.read_bytes().replace(b"side", b"SIDE"))


def _damage_header(folder, rel):
    path = folder / rel
    path.write_bytes(path.read_bytes().split(b"\n", 1)[1])


def _damage_rename(folder, rel):
    write_entry(folder, "ab/other.html", b"<p>en annen side</p>")
    (folder / "ab" / "other.html").replace(folder / rel)


def _damage_link(folder, rel):
    (folder / rel).unlink()
    (folder / rel).symlink_to("/etc/passwd")


def _damage_link_to_valid_copy(folder, rel):
    (folder / rel).rename(folder.parent / "copy.html")
    (folder / rel).symlink_to(folder.parent / "copy.html")


def _damage_folder_link(folder, rel):
    (folder / "ab").rename(folder.parent / "ab")
    (folder / "ab").symlink_to(folder.parent / "ab")


def _damage_directory(folder, rel):
    (folder / rel).unlink()
    (folder / rel / "x").mkdir(parents=True)


def _damage_fifo(folder, rel):
    (folder / rel).unlink()
    os.mkfifo(folder / rel)


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_edit, _damage_header, _damage_rename, _damage_link,
                                    _damage_link_to_valid_copy, _damage_folder_link, _damage_directory,
                                    _damage_fifo])
def test_a_damaged_entry_is_a_miss_and_is_replaced(tmp_path, damage, quiet_once, capsys):
    folder = tmp_path / ".cache" / "pages"
    folder.mkdir(parents=True)
    rel = "ab/abc.html"
    assert write_entry(folder, rel, b"<p>en side</p>") is None
    assert read_entry(folder, rel) == b"<p>en side</p>"
    damage(folder, rel)
    assert read_entry(folder, rel) is None
    assert write_entry(folder, rel, b"<p>ny side</p>") is None
    assert read_entry(folder, rel) == b"<p>ny side</p>"
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("make", ["file", "dangling link", "link to a folder"])
def test_a_cache_folder_that_is_not_a_folder_is_not_used_and_said_once(tmp_path, make, quiet_once, capsys):
    root = tmp_path / "project"
    root.mkdir()
    cache = root / ".cache"
    if make == "file":
        cache.write_text("x", encoding="utf-8")
    elif make == "dangling link":
        cache.symlink_to(tmp_path / "missing")
    else:
        (tmp_path / "elsewhere").mkdir()
        cache.symlink_to(tmp_path / "elsewhere")
    assert cache_folder(cache / "pages", root) is None
    assert cache_folder(cache / "charts", root) is None
    store = JsonStore(cache / "s.json", "k")
    store.put("a", 1)
    store.save()
    err = capsys.readouterr().err
    assert err.count("Merk: hurtigbufferen i") == 1 and f"{cache} kan ikke brukes" in err
    assert not (tmp_path / "missing").exists() and not (tmp_path / "elsewhere" / "pages").exists()
    with project_lock(root):  # the build is still locked, on the project folder
        pass


@pytest.mark.parametrize("make", ["file", "dangling link", "link to a folder"])
def test_a_wrong_folder_inside_the_cache_is_replaced(tmp_path, make, quiet_once, capsys):
    root = tmp_path / "project"
    (root / ".cache").mkdir(parents=True)
    charts = root / ".cache" / "charts"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "keep.svg").write_text("x", encoding="utf-8")
    if make == "file":
        charts.write_text("x", encoding="utf-8")
    elif make == "dangling link":
        charts.symlink_to(tmp_path / "missing")
    else:
        charts.symlink_to(tmp_path / "elsewhere")
    assert cache_folder(charts, root) == charts
    assert charts.is_dir() and not charts.is_symlink() and list(charts.iterdir()) == []
    assert (tmp_path / "elsewhere" / "keep.svg").is_file()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("code,said", [(errno.ENOSPC, "disken er full"), (errno.EROFS, "skrivebeskyttet"),
                                       (errno.EACCES, "skrivebeskyttet")])
def test_a_failing_write_leaves_no_entry_and_is_said_once(tmp_path, monkeypatch, quiet_once, capsys, code, said):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(build_cache, "write_file", fail)
    for name in ("a.json", "b.json"):
        store = JsonStore(tmp_path / ".cache" / name, "k")
        store.put("x", 1)
        store.save()
    err = capsys.readouterr().err
    assert err.count("Merk: hurtigbufferen i") == 1 and said in err
    assert [p.name for p in (tmp_path / ".cache").iterdir()] == []


def test_read_file_never_follows_a_link(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "f").symlink_to("/etc/passwd")
    (tmp_path / "c" / "d").symlink_to("/etc")
    assert read_file(tmp_path / "c", "f") is None
    assert read_file(tmp_path / "c", "d/passwd") is None
    assert read_file(tmp_path / "c", "../c/f") is None


def test_unchanged_files_give_the_case_made_before_and_a_changed_file_a_new_one(project_dir, monkeypatch):
    """Within one process (a `mkdocs serve` preview), a file the store vouches for is not loaded or
    made into a case again: the case made before is handed out. An edited file is loaded, checked
    and made anew; a file made invalid is reported, and made again once it is valid again."""
    loaded = []
    real = builder.sources.catalog.load_yaml_bytes
    monkeypatch.setattr(builder.sources.catalog, "load_yaml_bytes", lambda *a: loaded.append(a[2]) or real(*a))
    first = check_case_files(Project(project_dir))
    second = check_case_files(Project(project_dir))
    assert loaded == [] or set(loaded) <= {c.source_file for c in first.cases}
    loaded.clear()
    third = check_case_files(Project(project_dir))
    assert loaded == [], "nothing was loaded again"
    assert [id(c) for c in third.cases] == [id(c) for c in second.cases]
    path = project_dir / "cases" / CASE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntittel: ", "\ntittel: Endret ", 1), encoding="utf-8")
    edited = check_case_files(Project(project_dir))
    changed = {c.id: c for c in edited.cases}["haegebostad-sykefravaer"]
    assert changed.tittel.startswith("Endret ") and edited.problems == []
    assert [c for c in edited.cases if c is not changed] == [c for c in third.cases if c.id != changed.id]
    path.write_text(text.replace('sist_vurdert: "2026-11-24"', "sist_vurdert: 24.11.2026"), encoding="utf-8")
    broken = check_case_files(Project(project_dir))
    assert {p.file for p in broken.problems} == {f"cases/{CASE}"}
    assert "haegebostad-sykefravaer" not in {c.id for c in broken.cases}
    path.write_text(text, encoding="utf-8")
    restored = check_case_files(Project(project_dir))
    assert restored.problems == [] and _as_data(restored) == _as_data(first)


def test_no_case_is_handed_out_again_without_the_stores_verdict(project_dir, monkeypatch):
    """With reuse off (build --fresh) every file is loaded and checked, made or not before."""
    from builder.core.build_cache import REUSE_VARIABLE

    check_case_files(Project(project_dir))
    check_case_files(Project(project_dir))
    monkeypatch.setenv(REUSE_VARIABLE, "nei")
    checked = []
    real = builder.sources.catalog.schema_problems
    monkeypatch.setattr(builder.sources.catalog, "schema_problems", lambda doc, v: checked.append(doc) or real(doc, v))
    check = check_case_files(Project(project_dir))
    assert len(checked) == len(check.cases) > 30 and len(check.documents) == len(check.cases)
