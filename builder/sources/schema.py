"""The JSON Schemas: one source file per record type, plus the controlled vocabularies.

``schema/case.source.json`` is written by hand and marks vocabulary fields with
``"x-vocabulary": "<name>"``. The *effective* schema injects each vocabulary's ids as an ``enum``
(with ``"x-vocabulary-having": "<field>"`` only the ids of the terms that have that field: a source
report with a text version, `fil`, must have a quote);
it is what the validator uses, what ``schema/case.schema.json`` holds (for editors'
autocompletion) and what the site publishes. One source, three uses.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from builder.core.project import Project
from builder.sources.vocabularies import Vocabularies

SCHEMA_KINDS = ("case", "theme", "municipality", "kommuneinndeling", "glossary")


def source_path(project: Project, kind: str) -> Path:
    return project.schema_dir / f"{kind}.source.json"


def published_path(project: Project, kind: str) -> Path:
    return project.schema_dir / f"{kind}.schema.json"


def effective_schema(project: Project, kind: str, vocabularies: Vocabularies) -> dict:
    source = json.loads(source_path(project, kind).read_text(encoding="utf-8"))
    return _inject_vocabularies(source, vocabularies)


def _inject_vocabularies(node, vocabularies: Vocabularies):
    if isinstance(node, dict):
        if "x-vocabulary-values" in node:  # «kilder.fil» -> {id: fil} of the terms that have the field
            name, field = node["x-vocabulary-values"].split(".")
            return {t.id: t.get(field) for t in vocabularies[name].terms if t.get(field)}
        out = {k: _inject_vocabularies(v, vocabularies) for k, v in node.items()}
        name = node.get("x-vocabulary")
        having = node.get("x-vocabulary-having")
        if name and having:  # the ids of the terms that have this field (the reports with a text version)
            out["enum"] = [t.id for t in vocabularies[name].terms if t.get(having)]
        elif name:
            vocabulary = vocabularies[name]
            out["enum"] = vocabulary.ids
            labels = "; ".join(f"{t.id} = {t.navn}" for t in vocabulary.terms)
            out["description"] = (node.get("description", "") + f" Gyldige verdier: {labels}.").strip()
        return out
    if isinstance(node, list):
        return [_inject_vocabularies(v, vocabularies) for v in node]
    return copy.copy(node)


def resolve_ref(schema: dict, node: dict) -> tuple[dict, str | None]:
    """A schema node with its local ``$ref`` («#/$defs/name») merged in, and the definition's name."""
    ref = node.get("$ref")
    if ref and ref.startswith("#/$defs/"):
        name = ref.split("/")[-1]
        merged = dict(schema["$defs"][name])
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        return merged, name
    return node, None


def schema_json(schema: dict) -> str:
    """The canonical serialisation: stable key order and a final newline, so output is deterministic."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


@lru_cache(maxsize=8)
def _compiled(schema_text: str) -> Draft202012Validator:
    schema = json.loads(schema_text)
    Draft202012Validator.check_schema(schema)
    # «format» is checked (a date that matches the pattern may still not exist: 2026-02-30)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validator_for(schema: dict) -> Draft202012Validator:
    """A compiled validator, built once per distinct schema."""
    return _compiled(schema_json(schema))


def write_published_schemas(project: Project, vocabularies: Vocabularies) -> list[Path]:
    written = []
    for kind in SCHEMA_KINDS:
        path = published_path(project, kind)
        path.write_text(schema_json(effective_schema(project, kind, vocabularies)), encoding="utf-8")
        written.append(path)
    return written
