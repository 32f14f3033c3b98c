"""The editing form's configuration (Decap CMS ``config.yml``), generated from the case schema.

Nothing here lists the case fields: every field of ``schema/case.source.json`` becomes a form field,
with the schema's description as the hint, so a field added to the schema appears in the form at the
next build. The vocabularies become choice lists (label shown, id stored), long texts Markdown
editors, nested objects and lists object and list widgets, and the schema's ``required`` lists the
form's required fields. ``tests/editing/test_cms_config.py`` walks the published schema and this
configuration side by side and fails when they disagree.

One field is different on purpose: ``id`` is computed by the form (``content/rediger/skjema.js``)
from municipality and title by the same rule as ``python -m builder new-case``, so it is a hidden
field that the editor never types.
"""

from __future__ import annotations

import json
import os
import re

import yaml

from builder.core.project import Project
from builder.sources.schema import resolve_ref, source_path
from builder.sources.vocabularies import Term, Vocabularies, Vocabulary

COLLECTION = "eksempler"
FORMAT = "erfaringsbanken-yml"  # registered by content/rediger/skjema.js (keeps files and diffs tidy)
COMPUTED_FIELDS = ("id",)  # written by the form itself, see skjema.js
DATE_FORMAT = "YYYY-MM-DD"
LONG_TEXT = 1000  # strings allowed to be longer than this are edited as Markdown
PLAIN_TEXT = 300  # … longer than this (but not Markdown) get a multi-line text box

# Labels where the field name alone reads badly; every other field is labelled by its own
# (Norwegian) name, so a new schema field needs no entry here.
LABELS = {
    "språk": "Målform", "kommuner": "Kommuner", "kommunenummer": "Kommunenummer",
    "samarbeidsorgan": "Samarbeidsorgan", "temaer": "Temaer", "periode": "Periode",
    "mål": "Mål", "tall": "Tall (målte resultater)", "lavere_er_bedre": "Lavere verdi er bedre",
    "læringspunkter": "Læringspunkter og suksessfaktorer", "kildemerknader": "Merknader om kildene",
    "kontakt": "Kontakt", "epost": "E-post", "sist_vurdert": "Sist vurdert", "år": "År",
    "verdier": "Verdier", "fra": "Fra", "til": "Til",
}
# What one item of a list is called («Legg til kommune»); other lists say «Legg til <label>».
SINGULAR = {"kommuner": "kommune", "tall": "tallserie", "verdier": "verdi", "priser": "pris",
            "kilder": "kilde", "kildemerknader": "merknad", "kontakt": "kontakt",
            "samarbeidspartnere": "samarbeidspartner"}
ENUM_LABELS = {"nb": "Bokmål", "nn": "Nynorsk", "vinner": "Vinner", "nominert": "Nominert"}
NUMBER_WIDGET = "tall"  # registered by content/rediger/skjema.js: «12,5», «12.5», «1 234» or a message
NUMBER_HINT = "Skriv tallet slik det står i kilden, med komma eller punktum før desimalene: 12,5 eller 1 234."
SITE_NAME = "Erfaringsbanken"


# --- hints in plain Norwegian ---------------------------------------------------------------------
# The schema's descriptions are written for people who write the YAML file (and are shown as such on
# «Feltene i en eksempelfil»); the form's user never sees YAML, so its hints drop what only matters
# there: quotes around years and numbers, «true»/«false», vocabulary file names, the decimal point.
_PLAIN_REWRITES = (
    (re.compile(r"\s*\(se vocabularies/[^)]*\)"), ""),
    (re.compile(r"\s+i anførselstegn"), ""),
    (re.compile(r"(?:^|(?<=\.\s))[^.]*?\bYAML\b.*?\.(?=\s|$)\s*"), ""),  # a sentence about YAML
    (re.compile(r"^true hvis "), "Slå på hvis "),
    (re.compile(r"Markdown er tillatt(?: \(for eksempel punktlister\))?\."),
     "Du kan lage punktlister: begynn linjen med «- »."),
)


def _unquote(match: re.Match) -> str:
    text = match[1]
    return f"«{text}»" if re.search(r"[,\s]", text) else text  # «1713–1758, 4754» stays one example


def plain_text(text: str) -> str:
    """A schema description or format hint as the form shows it (no YAML words)."""
    for pattern, replacement in _PLAIN_REWRITES:
        text = pattern.sub(replacement, text)
    return re.sub(r'"([^"]*)"', _unquote, text).strip()


def _pattern_message(node: dict) -> str:
    """What the form says when a value has the wrong form: one sentence, ending in one full stop."""
    if node.get("x-format-hint"):
        return f"Skriv {plain_text(node['x-format-hint'])}."
    described = plain_text(node.get("description") or "").rstrip(".")
    return f"Sjekk skrivemåten. {described}." if described else "Sjekk skrivemåten."


def label_for(name: str, node: dict) -> str:
    if node.get("title"):
        return node["title"]
    if name in LABELS:
        return LABELS[name]
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


def _length_pattern(node: dict) -> list[str] | None:
    low, high = node.get("minLength"), node.get("maxLength")
    if low is None and high is None:
        return None
    low = low or 0
    if high is None:
        return [f"^[\\s\\S]{{{low},}}$", f"Minst {low} tegn."]
    if low:
        return [f"^[\\s\\S]{{{low},{high}}}$", f"Mellom {low} og {high} tegn."]
    return [f"^[\\s\\S]{{0,{high}}}$", f"Høyst {high} tegn."]


def municipality_names(project: Project, vocabularies: Vocabularies) -> list[str]:
    """Every municipality a case may name: the complete list of today's municipalities
    (vocabularies/kommuner-2024.yml) and the former ones named in the sources (the register)."""
    from builder.core.formatting import norwegian_key
    from builder.sources.municipalities import load_register
    from builder.sources.municipality_list import load_municipality_list

    current, _ = load_municipality_list(project, vocabularies)
    register, _, _ = load_register(project, vocabularies)
    names = {m.navn for m in current.municipalities}
    names |= {e.navn for e in register.entries if not e.bydel_av}
    return sorted(names, key=norwegian_key)


def _options(node: dict, vocabularies: Vocabularies) -> list[dict] | None:
    if node.get("x-choices") and node["x-choices"] in vocabularies:  # e.g. every municipality name
        return [{"label": t.navn, "value": t.id} for t in vocabularies[node["x-choices"]].terms]
    vocabulary = node.get("x-vocabulary")
    if vocabulary:
        return [{"label": t.navn, "value": t.id} for t in vocabularies[vocabulary].terms]
    if "enum" in node:
        return [{"label": ENUM_LABELS.get(v, str(v)), "value": v} for v in node["enum"]]
    return None


def _hint(node: dict) -> str | None:
    parts = [plain_text(node["description"])] if node.get("description") else []
    if node.get("type") in ("number", "integer"):
        parts.append(NUMBER_HINT)
    if node.get("x-format-hint") and plain_text(node["x-format-hint"]) not in " ".join(parts):
        parts.append(f"Form: {plain_text(node['x-format-hint'])}.")
    for alternative in node.get("anyOf", []):  # e.g. a source needs lines or pages
        if "required" in alternative:
            names = [label_for(n, node.get("properties", {}).get(n, {})) for a in node["anyOf"]
                     for n in a.get("required", [])]
            parts.append("Fyll inn minst ett av feltene " + " eller ".join(names) + ".")
            break
    return " ".join(parts) or None


def form_field(schema: dict, name: str, prop: dict, *, required: bool,
               vocabularies: Vocabularies) -> dict:
    """One Decap field for the schema property `name`."""
    node, ref = resolve_ref(schema, prop)
    field: dict = {"name": name, "label": label_for(name, node)}
    hint = _hint(node)
    if hint:
        field["hint"] = hint
    field["required"] = required
    kind = node.get("type")
    options = _options(node, vocabularies)
    if name in COMPUTED_FIELDS:
        field.update(widget="hidden", required=False)
    elif options is not None:
        field.update(widget="select", options=options)
    elif kind == "array":
        item, _ = resolve_ref(schema, node.get("items", {}))
        item_options = _options(item, vocabularies)
        if item_options is not None:
            field.update(widget="select", multiple=True, options=item_options)
        elif item.get("type") == "object":
            singular = SINGULAR.get(name, field["label"].lower())
            field.update(widget="list", collapsed=False, summary=_summary(item, singular),
                         label_singular=singular,
                         fields=_object_fields(schema, item, vocabularies))
        else:
            singular = SINGULAR.get(name, field["label"].lower())
            field.update(widget="list", label_singular=singular,
                         field=_scalar_item(schema, item, vocabularies, singular[:1].upper() + singular[1:]))
        if field["widget"] == "list":  # start empty: Decap would otherwise pre-fill one item when
            field["default"] = []      # a subfield has a default (a date), making its siblings required
        if node.get("minItems"):
            field["min"] = node["minItems"]
        if node.get("maxItems"):
            field["max"] = node["maxItems"]
    elif kind == "object":
        field.update(widget="object", collapsed=False, fields=_object_fields(schema, node, vocabularies))
    elif kind in ("number", "integer"):
        field.update(widget=NUMBER_WIDGET, value_type="int" if kind == "integer" else "float")
    elif kind == "boolean":
        field["widget"] = "boolean"
    elif ref == "dato":
        # No default: a date (sist vurdert, kontrollert) is the editor's statement, empty until made.
        field.update(widget="datetime", format=DATE_FORMAT, date_format=DATE_FORMAT, time_format=False,
                     picker_utc=False)
    elif (node.get("maxLength") or 0) > LONG_TEXT:
        field.update(widget="markdown", buttons=[],
                     editor_components=[], modes=["raw"], sanitize_preview=True)
    elif (node.get("maxLength") or 0) > PLAIN_TEXT:
        field["widget"] = "text"
    else:
        field["widget"] = "string"
    if kind == "string" and options is None and name not in COMPUTED_FIELDS:
        if node.get("pattern"):
            field["pattern"] = [node["pattern"], _pattern_message(node)]
        elif ref != "dato":
            length = _length_pattern(node)
            if length:
                field["pattern"] = length
    if "default" in node and options is not None:
        field["default"] = node["default"]
    return field


def _scalar_item(schema: dict, item: dict, vocabularies: Vocabularies, label: str) -> dict:
    field = form_field(schema, "verdi", item, required=True, vocabularies=vocabularies)
    field["label"] = label
    return field


def _summary(item: dict, singular: str) -> str | None:
    """A list item's title when collapsed; an item with that field still empty says «Ny kilde»
    (Decap would say «No dokument»)."""
    first = next(iter(item.get("required", [])), None) or next(iter(item.get("properties", {})), None)
    return f"{{{{fields.{first} | default('Ny {singular}')}}}}" if first else None


def _object_fields(schema: dict, node: dict, vocabularies: Vocabularies) -> list[dict]:
    required = set(node.get("required", []))
    return [form_field(schema, name, prop, required=name in required, vocabularies=vocabularies)
            for name, prop in node.get("properties", {}).items()]


def github_repo(repo_url: str | None) -> str | None:
    """`owner/name` of a GitHub repository URL (REPO_URL), or None."""
    match = re.fullmatch(r"https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?", repo_url or "")
    return f"{match[1]}/{match[2]}" if match else None


def cms_config(project: Project, vocabularies: Vocabularies, *, repo_url: str | None = None,
               branch: str | None = None) -> dict:
    schema = json.loads(source_path(project, "case").read_text(encoding="utf-8"))
    repo_url = repo_url if repo_url is not None else os.environ.get("REPO_URL")
    backend: dict = {"name": "github"}
    repo = github_repo(repo_url)
    if repo:
        backend["repo"] = repo
    backend.update(branch=branch or os.environ.get("CMS_BRANCH") or "main", open_authoring=True,
                   squash_merges=True,
                   commit_messages={
                       "create": "Nytt eksempel: {{slug}}",
                       "update": "Endret eksempel: {{slug}}",
                       "delete": "Slettet eksempel: {{slug}}",
                       "uploadMedia": "Lastet opp {{path}}",
                       "deleteMedia": "Slettet {{path}}",
                       "openAuthoring": "{{message}}",
                   })
    if os.environ.get("CMS_AUTH_URL"):  # an OAuth proxy of your own (see CONTRIBUTING.md)
        backend["base_url"] = os.environ["CMS_AUTH_URL"]
        backend["auth_endpoint"] = os.environ.get("CMS_AUTH_ENDPOINT", "auth")
    required = set(schema.get("required", []))
    vocabularies = Vocabularies(vocabularies)  # plus the choice lists that are not vocabularies
    vocabularies["kommunenavn"] = Vocabulary("kommunenavn", [
        Term(name, name) for name in municipality_names(project, vocabularies)])
    fields = [form_field(schema, name, prop, required=name in required, vocabularies=vocabularies)
              for name, prop in schema["properties"].items()]
    return {
        "backend": backend,
        "local_backend": True,
        "publish_mode": "editorial_workflow",
        "locale": "nb_no",
        "logo": {"src": "logo.svg"},  # the site's name on the login page (content/rediger/logo.svg)
        "media_folder": "content/assets/opplastet",  # required by Decap; the case form has no uploads
        "public_folder": "/assets/opplastet",
        "show_preview_links": False,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [{
            "name": COLLECTION,
            "label": "Eksempler",
            "label_singular": "eksempel",
            "description": "Ett eksempel er én fil i cases/. Når du lagrer, blir endringen et forslag "
                           "(pull request) som redaksjonen ser gjennom før det publiseres.",
            "folder": "cases",
            "extension": "yml",
            "format": FORMAT,
            "create": True,
            "delete": False,
            "slug": "{{fields.id}}",
            "identifier_field": "tittel",
            "summary": "{{tittel}}",
            "sortable_fields": ["tittel"],
            # the case as its page will show it (skjema.js registers the template; on a phone behind
            # Decap's eye button, see skjema.css)
            "editor": {"preview": True},
            "fields": fields,
        }],
    }


def cms_config_yaml(project: Project, vocabularies: Vocabularies, **kwargs) -> str:
    config = cms_config(project, vocabularies, **kwargs)
    header = ("# Generated by builder/editing/cms_config.py from schema/case.source.json and vocabularies/ "
              "at build time. Do not edit.\n")
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
