"""Editors' field reference, generated from the effective JSON Schema (never written by hand)."""

from __future__ import annotations

from builder.sources.catalog import Catalog
from builder.sources.schema import resolve_ref
from builder.sources.vocabularies import Vocabularies
from builder.pages.front_matter import front_matter
from builder.pages.templating import render

PAGE_URL = "redaktorer/felt/"
_TYPE_NAMES = {"string": "tekst", "number": "tall", "integer": "heltall", "boolean": "true/false",
               "array": "liste", "object": "gruppe av felt"}


def _type_label(schema: dict, node: dict) -> str:
    node, _ = resolve_ref(schema, node)
    kind = node.get("type")
    if kind == "array":
        item, _ = resolve_ref(schema, node.get("items", {}))
        return f"liste av {_TYPE_NAMES.get(item.get('type'), 'verdier')}"
    return _TYPE_NAMES.get(kind, "verdi")


def describe_fields(schema: dict, node: dict, vocabularies: Vocabularies, prefix: str = "") -> list[dict]:
    rows = []
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        resolved, _ = resolve_ref(schema, prop)
        item = resolve_ref(schema, resolved.get("items", {}))[0] if resolved.get("type") == "array" else None
        vocab_name = resolved.get("x-vocabulary") or (item or {}).get("x-vocabulary")
        enum = resolved.get("enum") or (item or {}).get("enum")
        rows.append({
            "name": prefix + name,
            "required": name in required,
            "type": _type_label(schema, prop),
            "description": prop.get("description") or resolved.get("description", ""),
            "format": resolved.get("x-format-hint") or (item or {}).get("x-format-hint"),
            "allowed": [(t.id, t.navn) for t in vocabularies[vocab_name].terms] if vocab_name else
                      [(v, None) for v in enum] if enum else [],
            "vocabulary": vocab_name,
        })
        child = item if item is not None else resolved
        if child.get("type") == "object" and child.get("properties"):
            suffix = "[]." if item is not None else "."
            rows.extend(describe_fields(schema, child, vocabularies, prefix + name + suffix))
    return rows


def render_field_docs(catalog: Catalog) -> str:
    schema = catalog.case_schema
    rows = describe_fields(schema, schema, catalog.vocabularies)
    # strip the vocabulary list that effective_schema appends to descriptions; the table shows it
    for row in rows:
        row["description"] = row["description"].split(" Gyldige verdier:")[0]
    return front_matter({
        "title": "Feltene i en eksempelfil",
        "description": "Alle feltene i en eksempelfil, generert fra skjemaet som validerer filene.",
    }) + render("field_docs.html", rows=rows, page_url=PAGE_URL, schema=schema)
