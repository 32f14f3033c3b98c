"""Every municipality in the 2024 structure (vocabularies/kommuner-2024.yml), validated.

The file lists all 357 municipalities with kommunenummer (strings), county now, in 2020–2023 and
before the county mergers, and the source of each line. It is joined with the register of
municipalities named in the sources (vocabularies/kommuner.yml, builder/sources/municipalities.py) by id:
a municipality in both has one page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from builder.core.problems import Problem
from builder.core.project import Project
from builder.core.urls import MUNICIPALITIES_FOLDER, reserved_name_problems, reserved_name_reason, reserved_names
from builder.sources.schema import effective_schema, validator_for
from builder.sources.validation import schema_problems
from builder.sources.vocabularies import Vocabularies
from builder.sources.yaml_loader import YamlLoadError, load_yaml_file

MUNICIPALITY_LIST = "kommuner-2024.yml"


def slug(name: str, fallback: str = "") -> str:
    """The page address of a name: lower case, æ→ae, ø→o, å→a, other accents dropped, spaces→-.
    A name that gives no usable address (no Latin letters or digits, or a name the site reserves:
    urls.reserved_names) gets `fallback`, so a slug is never empty and never takes another page."""
    text = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a").replace(" ", "-")
    text = text.translate(str.maketrans("đŋŧłı", "dntli"))
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "", text)).strip("-")
    if not text or reserved_name_reason(text, MUNICIPALITIES_FOLDER, reserved_names(MUNICIPALITIES_FOLDER)):
        text = fallback
    if not text:
        raise ValueError(f"no address for the name {name!r}")
    return text


@dataclass(frozen=True)
class ListSource:
    id: str
    navn: str
    lisens: str | None = None
    usikker: bool = False


@dataclass(frozen=True)
class CurrentMunicipality:
    id: str
    kommunenummer: str
    navn: str
    fylke: str
    kilde: ListSource
    kommunenummer_2020: str | None = None
    fylke_2020: str | None = None
    tidligere_fylke: str | None = None
    andre_navn: tuple[str, ...] = ()
    merknad: str | None = None
    deltakelse_merknad: str | None = None

    @property
    def url(self) -> str:
        return f"kommuner/{self.id}/"


@dataclass
class MunicipalityList:
    municipalities: list[CurrentMunicipality]
    sources: list[ListSource]
    exists: bool = True

    def __post_init__(self):
        self.by_id = {m.id: m for m in self.municipalities}


def _line_column(doc, path) -> tuple[int, int]:
    pos = doc.position(path)
    return pos.line, pos.column


def load_municipality_list(project: Project, vocabularies: Vocabularies) -> tuple[MunicipalityList, list[Problem]]:
    path = project.vocabularies_dir / MUNICIPALITY_LIST
    display = project.display(path)
    if not path.exists():
        return MunicipalityList([], [], exists=False), []
    try:
        doc = load_yaml_file(path, display)
    except YamlLoadError as exc:
        return MunicipalityList([], []), exc.problems
    problems = schema_problems(doc, validator_for(effective_schema(project, "kommuneinndeling", vocabularies)), project=project)
    if problems:
        return MunicipalityList([], []), problems
    sources = {s["id"]: ListSource(s["id"], s["navn"], s.get("lisens"), s.get("usikker", False))
               for s in doc.data["kilder"]}
    seen: dict[tuple[str, str], int] = {}
    municipalities = []
    reserved = reserved_name_problems(  # the id names the page kommuner/<id>/
        [(item["id"], display, *_line_column(doc, ("kommuner", index, "id")), f"kommuner[{index + 1}].id")
         for index, item in enumerate(doc.data["kommuner"])], MUNICIPALITIES_FOLDER, project.content_dir,
        what="id-en", hint="Velg en annen id, for eksempel med fylket til slutt")
    problems += reserved
    refused = {p.field for p in reserved}
    for index, item in enumerate(doc.data["kommuner"]):
        bad = f"kommuner[{index + 1}].id" in refused
        for key in ("id", "kommunenummer"):
            if (key, item[key]) in seen:
                pos = doc.position(("kommuner", index, key))
                problems.append(Problem(display, pos.line, pos.column, f"kommuner[{index + 1}].{key}",
                                        f"{key} «{item[key]}» finnes fra før (oppføring {seen[(key, item[key])] + 1})",
                                        "Hver kommune skal stå én gang"))
                bad = True
            seen.setdefault((key, item[key]), index)
        if item["kilde"] not in sources:
            pos = doc.position(("kommuner", index, "kilde"))
            problems.append(Problem(display, pos.line, pos.column, f"kommuner[{index + 1}].kilde",
                                    f"kilden «{item['kilde']}» står ikke under «kilder» øverst i filen",
                                    "Bruk en av " + ", ".join(sorted(sources))))
            bad = True
        if bad:
            continue
        municipalities.append(CurrentMunicipality(
            id=item["id"], kommunenummer=item["kommunenummer"], navn=item["navn"], fylke=item["fylke"],
            kilde=sources[item["kilde"]], kommunenummer_2020=item.get("kommunenummer_2020"),
            fylke_2020=item.get("fylke_2020"), tidligere_fylke=item.get("tidligere_fylke"),
            andre_navn=tuple(item.get("andre_navn", [])), merknad=item.get("merknad"),
            deltakelse_merknad=item.get("deltakelse_merknad")))
    return MunicipalityList(municipalities, list(sources.values())), problems
