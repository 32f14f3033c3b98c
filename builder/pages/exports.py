"""Open data: every build writes the cases as JSON and CSV, plus a data dictionary from the schema.

    data/cases.json          all cases, exactly the validated YAML data
    data/eksempler/<id>.json one case
    data/cases.csv           one row per case; semicolon-separated UTF-8 with BOM (Excel in Norway)
    data/datakatalog.csv     the data dictionary: one row per CSV column, from the schema

CSV cells: text as is; lists of words joined with " | "; structured values (results, sources,
contacts …) as compact JSON, so every field round-trips.

Formula injection (OWASP, «CSV Injection»): a spreadsheet runs a cell that starts with «=», «+»,
«-», «@», a tab or a carriage return as a formula, and real cells start with «- » (Markdown lists).
Such cells, and cells starting with «'», get a «'» in front, which spreadsheets show as text;
`parse_csv_cell` removes it again. JSON files keep the exact text.
"""

from __future__ import annotations

import csv
import io
import json

from builder.sources.catalog import Catalog
from builder.sources.model import Case

LIST_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")  # «'» too, so the escape can be undone
FORMULA_NOTE = ("en ' er satt foran hvis cellen ellers ville begynt med =, +, -, @, ', tabulator eller "
                "linjeskift (så regneark ikke leser den som en formel); fjern den ved innlesing")


def neutralise_formula(cell: str) -> str:
    """The cell as a spreadsheet will show it as text, never run it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def restore_formula(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def case_record(case: Case) -> dict:
    """The case as open data: the validated YAML data, with defaults made explicit."""
    record = dict(case.raw)
    record.setdefault("språk", "nb")
    return record


def csv_columns(schema: dict) -> list[str]:
    return list(schema["properties"].keys())


def _is_word_list(schema: dict, name: str) -> bool:
    prop = schema["properties"][name]
    return prop.get("type") == "array" and prop.get("items", {}).get("type") == "string"


def csv_cell(schema: dict, name: str, value) -> str:
    if value is None:
        return ""
    if _is_word_list(schema, name):
        return neutralise_formula(LIST_SEPARATOR.join(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return neutralise_formula(str(value))


def parse_csv_cell(schema: dict, name: str, cell: str):
    """Inverse of csv_cell (used by the round-trip test and by anyone reading the CSV back)."""
    if cell == "":
        return None
    cell = restore_formula(cell)
    if _is_word_list(schema, name):
        return cell.split(LIST_SEPARATOR)
    kind = schema["properties"][name].get("type") or ("object" if cell.startswith("{") else None)
    if kind in ("object", "array") or cell[:1] in ("{", "["):
        return json.loads(cell)
    return cell


def cases_csv(catalog: Catalog) -> bytes:
    schema = catalog.case_schema
    columns = csv_columns(schema)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    for case in catalog.cases:
        record = case_record(case)
        writer.writerow([csv_cell(schema, name, record.get(name)) for name in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def data_dictionary_csv(catalog: Catalog) -> bytes:
    from builder.pages.field_docs import describe_fields

    schema = catalog.case_schema
    rows = {r["name"]: r for r in describe_fields(schema, schema, catalog.vocabularies)}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["kolonne", "påkrevd", "type", "format i CSV", "beskrivelse", "lovlige verdier"])
    for name in csv_columns(schema):
        row = rows[name]
        if _is_word_list(schema, name):
            fmt = f"verdier skilt med «{LIST_SEPARATOR.strip()}»; {FORMULA_NOTE}"
        elif row["type"].startswith("liste") or row["type"] == "gruppe av felt":
            fmt = "JSON"
        else:
            fmt = f"tekst; {FORMULA_NOTE}"
        writer.writerow([neutralise_formula(cell) for cell in (
            name, "ja" if row["required"] else "nei", row["type"], fmt,
            row["description"].split(" Gyldige verdier:")[0], ", ".join(i for i, _ in row["allowed"]))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_files(catalog: Catalog) -> dict[str, str | bytes]:
    records = [case_record(c) for c in catalog.cases]
    files: dict[str, str | bytes] = {
        "data/cases.json": json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        "data/cases.csv": cases_csv(catalog),
        "data/datakatalog.csv": data_dictionary_csv(catalog),
    }
    for case, record in zip(catalog.cases, records):
        files[f"data/eksempler/{case.id}.json"] = json.dumps(record, ensure_ascii=False, indent=2,
                                                              sort_keys=True) + "\n"
    return files
