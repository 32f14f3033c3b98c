"""The editing form's configuration agrees with the published case schema, field by field."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from builder.core.formatting import norwegian_key
from builder.core.project import Project
from builder.sources.schema import published_path, source_path
from builder.sources.vocabularies import load_vocabularies
from builder.editing.cms_config import COMPUTED_FIELDS, NUMBER_WIDGET, cms_config, cms_config_yaml, github_repo, plain_text
from conftest import ROOT

PROJECT = Project(ROOT)
VOCABULARIES = load_vocabularies(PROJECT)[0]
SCHEMA = json.loads(published_path(PROJECT, "case").read_text(encoding="utf-8"))  # what validate uses
SOURCE = json.loads(source_path(PROJECT, "case").read_text(encoding="utf-8"))
_LIST = yaml.safe_load((ROOT / "vocabularies" / "kommuner-2024.yml").read_text(encoding="utf-8"))["kommuner"]
_REGISTER = yaml.safe_load((ROOT / "vocabularies" / "kommuner.yml").read_text(encoding="utf-8"))
MUNICIPALITY_NAMES = sorted({m["navn"] for m in _LIST} | {e["navn"] for e in _REGISTER if "bydel_av" not in e},
                            key=norwegian_key)


def _resolve(schema: dict, node: dict) -> dict:
    if "$ref" in node:
        merged = dict(schema["$defs"][node["$ref"].split("/")[-1]])
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        return merged
    return node


def _fields(config: dict) -> list[dict]:
    return config["collections"][0]["fields"]


def _accepts(pattern: list[str], text: str) -> bool:  # Decap tests patterns with JavaScript RegExp
    return re.search(pattern[0], text) is not None


def _check_object(schema: dict, source: dict, node: dict, fields: list[dict], path: str, seen: list[str]) -> None:
    node, source = _resolve(schema, node), _resolve(SOURCE, source)
    assert [f["name"] for f in fields] == list(node["properties"]), f"{path}: fields differ from the schema"
    required = set(node.get("required", []))
    for field in fields:
        name = field["name"]
        where = f"{path}{name}"
        seen.append(where)
        prop = _resolve(schema, node["properties"][name])
        src = _resolve(SOURCE, source["properties"][name])
        assert field["label"].strip(), where
        if src.get("description"):
            assert field["hint"].startswith(plain_text(src["description"])), where
        if name in COMPUTED_FIELDS and not path:
            assert field["widget"] == "hidden" and name in required, where
            continue
        assert field["required"] is (name in required), f"{where}: required differs"
        _check_value(schema, src, prop, field, where, seen)


def _check_value(schema: dict, source: dict, prop: dict, field: dict, where: str, seen: list[str]) -> None:
    kind = prop.get("type")
    if "enum" in prop:
        assert field["widget"] == "select", where
        assert [o["value"] for o in field["options"]] == prop["enum"], f"{where}: choices differ"
        if prop.get("x-vocabulary"):
            vocabulary = VOCABULARIES[prop["x-vocabulary"]]
            assert [o["label"] for o in field["options"]] == [t.navn for t in vocabulary.terms], where
    elif kind == "array":
        item = _resolve(schema, prop["items"])
        assert field.get("min") == prop.get("minItems"), f"{where}: minimum count differs"
        if "enum" in item:
            assert field["widget"] == "select" and field["multiple"] is True, where
            assert [o["value"] for o in field["options"]] == item["enum"], f"{where}: choices differ"
        elif item.get("type") == "object":
            assert field["widget"] == "list" and field["default"] == [], where
            _check_object(schema, _resolve(SOURCE, source["items"]), item, field["fields"], where + "[].", seen)
        else:
            assert field["widget"] == "list" and "field" in field, where
            _check_value(schema, source["items"], item, field["field"], where + "[]", seen)
    elif kind == "object":
        assert field["widget"] == "object", where
        _check_object(schema, source, prop, field["fields"], where + ".", seen)
    elif kind == "number":
        assert (field["widget"], field["value_type"]) == (NUMBER_WIDGET, "float"), where
    elif kind == "integer":
        assert (field["widget"], field["value_type"]) == (NUMBER_WIDGET, "int"), where
    elif kind == "boolean":
        assert field["widget"] == "boolean", where
    elif source.get("x-choices") == "kommunenavn":  # every municipality, not a vocabulary
        assert field["widget"] == "select", where
        assert [o["value"] for o in field["options"]] == MUNICIPALITY_NAMES, f"{where}: choices differ"
    elif source.get("$ref") == "#/$defs/dato" or prop.get("pattern") == SCHEMA["$defs"]["dato"]["pattern"]:
        assert (field["widget"], field["format"]) == ("datetime", "YYYY-MM-DD"), where
        assert "default" not in field, f"{where}: a date is empty until the editor gives one"
    else:
        assert kind == "string", where
        long_text = prop.get("maxLength", 0) > 1000
        assert field["widget"] == ("markdown" if long_text else "text" if prop.get("maxLength", 0) > 300
                                   else "string"), where
        if "pattern" in prop:
            assert field["pattern"][0] == prop["pattern"], where
        elif "minLength" in prop or "maxLength" in prop:
            low, high = prop.get("minLength", 0), prop.get("maxLength", 10 ** 6)
            assert _accepts(field["pattern"], "x" * max(low, 1)) and _accepts(field["pattern"], "x" * min(high, 30000))
            if low:
                assert not _accepts(field["pattern"], "x" * (low - 1)), where
            if high < 10 ** 6:
                assert not _accepts(field["pattern"], "x" * (high + 1)), where


def test_every_schema_field_is_in_the_form_as_the_schema_says():
    seen: list[str] = []
    _check_object(SCHEMA, SOURCE, SCHEMA, _fields(cms_config(PROJECT, VOCABULARIES)), "", seen)
    assert {"tittel", "resultater.tall[].verdier[].verdi", "kilder[].linjer", "kontakt[].epost"} <= set(seen)


def test_the_form_follows_a_changed_schema(tmp_path):
    """A field added to the schema (here a quote under each source) is in the form at the next build."""
    from conftest import copy_project

    project = Project(copy_project(tmp_path / "p", with_cases=False))
    source = json.loads(source_path(project, "case").read_text(encoding="utf-8"))
    source["$defs"]["kilde"]["properties"]["prøvefelt"] = {
        "type": "string", "maxLength": 400, "description": "Et felt som bare finnes i denne testen."}
    source["required"].append("samarbeidsorgan")
    source_path(project, "case").write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    fields = {f["name"]: f for f in _fields(cms_config(project, VOCABULARIES))}
    added = {f["name"]: f for f in fields["kilder"]["fields"]}["prøvefelt"]
    assert added == {"name": "prøvefelt", "label": "Prøvefelt", "hint": "Et felt som bare finnes i denne testen.",
                     "required": False, "widget": "text", "pattern": ["^[\\s\\S]{0,400}$", "Høyst 400 tegn."]}
    assert fields["samarbeidsorgan"]["required"] is True


def test_the_form_opens_pull_requests_and_speaks_norwegian():
    config = cms_config(PROJECT, VOCABULARIES, repo_url="https://github.com/ks/erfaringsbanken")
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "ks/erfaringsbanken",
                                 "open_authoring": True}
    assert config["local_backend"] is True
    assert config["locale"] == "nb_no"
    collection = config["collections"][0]
    assert (collection["folder"], collection["extension"], collection["slug"]) == ("cases", "yml", "{{fields.id}}")


def test_repository_address_gives_the_github_repo():
    assert github_repo("https://github.com/ks/erfaringsbanken") == "ks/erfaringsbanken"
    assert github_repo("https://github.com/ks/erfaringsbanken.git") == "ks/erfaringsbanken"
    assert github_repo("https://gitlab.com/ks/erfaringsbanken") is None
    assert github_repo(None) is None
    assert "repo" not in cms_config(PROJECT, VOCABULARIES, repo_url="")["backend"]


def test_site_publishes_the_generated_configuration(built_site):
    published = (built_site / "rediger" / "config.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(published) == yaml.safe_load(cms_config_yaml(PROJECT, VOCABULARIES))



YAML_WORDS = re.compile(r"anførselstegn|\btrue\b|\bfalse\b|vocabularies/|\.yml\b|\bYAML\b|\"|\bMarkdown\b")


def _all_fields(fields: list[dict], path: str = ""):
    for field in fields:
        yield path + field["name"], field
        if "fields" in field:
            yield from _all_fields(field["fields"], path + field["name"] + ".")
        if "field" in field:
            yield from _all_fields([field["field"]], path + field["name"] + "[].")


def test_hints_and_messages_are_plain_norwegian():
    """No YAML words in a hint or a message; each message one sentence ending in one full stop."""
    fields = list(_all_fields(_fields(cms_config(PROJECT, VOCABULARIES))))
    assert len(fields) > 40
    problems = []
    for where, field in fields:
        if field["widget"] == "hidden":  # never shown (the id, computed by the form)
            continue
        if YAML_WORDS.search(field.get("hint", "")):
            problems.append((where, field["hint"]))
        if "pattern" in field:
            message = field["pattern"][1]
            if YAML_WORDS.search(message) or not message.endswith(".") or message.endswith(".."):
                problems.append((where, message))
        if field.get("summary") and "default('" not in field["summary"]:
            problems.append((where, field["summary"]))  # Decap writes «No <field>» for an empty summary
    assert problems == []


@pytest.mark.parametrize(("description", "plain"), [
    ('et årstall i anførselstegn, for eksempel "2009"', "et årstall, for eksempel 2009"),
    ('Firesifret kommunenummer i anførselstegn, for eksempel "4650".', "Firesifret kommunenummer, for eksempel 4650."),
    ('for eksempel "3464–3508" eller "1713–1758, 4754".', "for eksempel 3464–3508 eller «1713–1758, 4754»."),
    ("Kildedokumentet (se vocabularies/kilder.yml).", "Kildedokumentet."),
    ("true hvis lavere verdier er bedre.", "Slå på hvis lavere verdier er bedre."),
    ("Tallet, med punktum som desimaltegn i YAML (9.4). Vises med komma.", "Vises med komma."),
    ("Hva kommunen gjorde. Markdown er tillatt (for eksempel punktlister).",
     "Hva kommunen gjorde. Du kan lage punktlister: begynn linjen med «- »."),
    ("Tittel som sier hva prosjektet handlet om.", "Tittel som sier hva prosjektet handlet om."),
])
def test_plain_text_drops_what_only_the_yaml_file_needs(description, plain):
    assert plain_text(description) == plain


def test_the_year_fields_accept_a_year_typed_without_quotes():
    fields = dict(_all_fields(_fields(cms_config(PROJECT, VOCABULARIES))))
    fra = fields["periode.fra"]
    assert re.search(fra["pattern"][0], "2008") and not re.search(fra["pattern"][0], '"2008"')
    assert "anførselstegn" not in fra["hint"] and '"' not in fra["pattern"][1]


def test_login_page_shows_the_site_name():
    config = cms_config(PROJECT, VOCABULARIES)
    assert config["logo"] == {"src": "logo.svg"}
    assert "Erfaringsbanken" in (ROOT / "content" / "rediger" / "logo.svg").read_text(encoding="utf-8")

def test_the_municipality_choice_offers_every_municipality_current_and_former():
    kommuner = next(f for f in _fields(cms_config(PROJECT, VOCABULARIES)) if f["name"] == "kommuner")
    navn = next(f for f in kommuner["fields"] if f["name"] == "navn")
    values = [o["value"] for o in navn["options"]]
    assert navn["widget"] == "select" and len(values) == len(set(values))
    former = [e["navn"] for e in _REGISTER if e.get("slatt_sammen")]
    assert former and set(former) <= set(values)            # former municipalities named in the sources
    assert {"Sokndal", "Evenes", "Haram", "Asker"} <= set(values)  # only in the complete list
    assert "kommuner.yml" not in json.dumps(navn, ensure_ascii=False)


def test_the_quote_field_says_when_it_is_required():
    """«Sitat» cannot be marked required for every source (other documents have none), so its hint says
    when it is: for a report with a text version, the rule validate and the form's check enforce."""
    fields = dict(_all_fields(_fields(cms_config(PROJECT, VOCABULARIES))))
    for name in ("kilder.sitat", "kontakt.kilder.sitat"):
        assert fields[name]["required"] is False
        assert fields[name]["hint"].startswith("Påkrevd når kilden er en av rapportene prosjektet har tekstversjon av")
