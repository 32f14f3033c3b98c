import json

from jsonschema import Draft202012Validator

from builder.core.project import Project
from builder.sources.schema import SCHEMA_KINDS, effective_schema, published_path, schema_json
from builder.sources.vocabularies import load_vocabularies
from conftest import ROOT


def _vocabularies():
    vocabularies, problems = load_vocabularies(Project(ROOT))
    assert problems == []
    return vocabularies


def test_committed_schemas_are_up_to_date():
    """schema/*.schema.json (used by editors' autocompletion) equals what the validator uses."""
    vocabularies = _vocabularies()
    for kind in SCHEMA_KINDS:
        expected = schema_json(effective_schema(Project(ROOT), kind, vocabularies))
        actual = published_path(Project(ROOT), kind).read_text(encoding="utf-8")
        assert actual == expected, f"run `make schema` to update schema/{kind}.schema.json"


def test_schemas_are_valid_draft_2020_12():
    for kind in SCHEMA_KINDS:
        Draft202012Validator.check_schema(json.loads(published_path(Project(ROOT), kind).read_text()))


def test_vocabulary_fields_are_enums_with_labels():
    schema = effective_schema(Project(ROOT), "case", _vocabularies())
    themes = schema["properties"]["temaer"]["items"]
    assert "sykefravaer-og-naervaer" in themes["enum"]
    assert "Sykefravær og nærvær" in themes["description"]


def test_site_publishes_the_validators_schema(built_site):
    vocabularies = _vocabularies()
    for kind in SCHEMA_KINDS:
        published = (built_site / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert published == schema_json(effective_schema(Project(ROOT), kind, vocabularies))


def test_field_docs_cover_every_field(built_site):
    html = (built_site / "redaktorer" / "felt" / "index.html").read_text(encoding="utf-8")
    source = json.loads((ROOT / "schema" / "case.source.json").read_text())
    for name in source["properties"]:
        assert f"<code>{name}</code>" in html, name
    for name in ("kilder[].linjer", "resultater.tall[].verdier[].verdi", "kommuner[].fylke"):
        assert f"<code>{name}</code>" in html, name
    assert "<code>sykefravaer-og-naervaer</code> (Sykefravær og nærvær)" in html
