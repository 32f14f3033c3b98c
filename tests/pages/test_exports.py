"""Open data: JSON and CSV exports round-trip every case field and stay in sync with the YAML."""

import csv
import io
import json

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.exports import csv_columns, export_files, parse_csv_cell
from conftest import ROOT

CATALOG = load_catalog(Project(ROOT))
FILES = export_files(CATALOG)


def test_json_round_trips_every_case():
    records = json.loads(FILES["data/cases.json"])
    assert [r["id"] for r in records] == [c.id for c in CATALOG.cases]
    for case, record in zip(CATALOG.cases, records):
        expected = dict(case.raw)
        expected.setdefault("språk", "nb")
        assert record == expected
        assert json.loads(FILES[f"data/eksempler/{case.id}.json"]) == expected


def test_csv_is_excel_friendly_and_round_trips():
    data = FILES["data/cases.csv"]
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header == csv_columns(CATALOG.case_schema)
    assert len(body) == len(CATALOG.cases)
    for case, row in zip(CATALOG.cases, body):
        parsed = {name: parse_csv_cell(CATALOG.case_schema, name, cell) for name, cell in zip(header, row)}
        parsed = {k: v for k, v in parsed.items() if v is not None}
        expected = dict(case.raw)
        expected.setdefault("språk", "nb")
        assert parsed == expected, case.id


def test_data_dictionary_describes_every_column():
    rows = list(csv.reader(io.StringIO(FILES["data/datakatalog.csv"].decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == csv_columns(CATALOG.case_schema)
    assert all(r[4] for r in rows[1:]), "every column has a description"


def test_exports_are_published_and_linked(built_site):
    for name in ("cases.json", "cases.csv", "datakatalog.csv"):
        assert (built_site / "data" / name).is_file()
    case = CATALOG.cases[0]
    html = (built_site / case.url / "index.html").read_text(encoding="utf-8")
    assert f'href="../../data/eksempler/{case.id}.json"' in html
    assert (built_site / "data" / "eksempler" / f"{case.id}.json").is_file()


def test_csv_never_starts_a_cell_with_a_formula_and_json_stays_exact(tmp_path):
    """OWASP «CSV Injection»: no cell may start with = + - @ tab or CR; «'» in front neutralises it
    (and is itself escaped), the CSV still round-trips, and the JSON keeps the exact text."""
    import shutil

    from conftest import copy_project

    project = copy_project(tmp_path / "p")
    shutil.copy2(ROOT / "tests" / "bad_inputs" / "formula-cells-ok.yml", project / "cases")
    catalog = load_catalog(Project(project))
    files = export_files(catalog)
    hostile = next(c for c in catalog.cases if c.id == "formula-cells-ok")
    assert json.loads(files["data/eksempler/formula-cells-ok.json"])["tittel"] == hostile.raw["tittel"]
    assert hostile.raw["tittel"].startswith("=") and hostile.raw["tiltak"].startswith("- ")
    for name in ("data/cases.csv", "data/datakatalog.csv"):
        rows = list(csv.reader(io.StringIO(files[name].decode("utf-8-sig")), delimiter=";"))
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], name
    rows = list(csv.reader(io.StringIO(files["data/cases.csv"].decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("id")] == "formula-cells-ok")
    assert row[header.index("tittel")] == "'" + hostile.raw["tittel"]
    assert row[header.index("kildemerknader")] == "''=allerede sitert, og lang nok"
    parsed = {n: parse_csv_cell(catalog.case_schema, n, c) for n, c in zip(header, row)}
    expected = dict(hostile.raw, språk="nb")
    assert {k: v for k, v in parsed.items() if v is not None} == expected
    dictionary = files["data/datakatalog.csv"].decode("utf-8-sig")
    assert "en ' er satt foran hvis cellen ellers ville begynt med =" in dictionary
