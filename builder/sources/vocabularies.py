"""Controlled vocabularies (themes, sectors, programmes, …) read from vocabularies/*.yml.

The terms are data, not code: editors add a theme by adding three lines to a YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import re

from builder.core.problems import Problem
from builder.core.project import Project
from builder.core.urls import THEMES_FOLDER, reserved_name_problems
from builder.sources.yaml_loader import YamlLoadError, load_yaml_file

VOCABULARY_NAMES = (
    "temaer", "sektorer", "programmer", "kunnskapsgrunnlag", "resultattyper",
    "status", "fylker", "kilder", "evidensgrader", "kommunestorrelser", "landsdeler",
    "funn",
)
# A term id ends up in addresses (temaer/<id>/, the finder's ?tema=<id>), file names and CSS
# classes: the same rule as a case id, so that no id can climb folders or differ only by case.
TERM_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Term:
    id: str
    navn: str
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def get(self, key: str, default=None):
        return self.extra.get(key, default)


@dataclass
class Vocabulary:
    name: str
    terms: list[Term]

    def __post_init__(self):
        self._by_id = {t.id: t for t in self.terms}

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.terms]

    def __contains__(self, term_id: str) -> bool:
        return term_id in self._by_id

    def __getitem__(self, term_id: str) -> Term:
        return self._by_id[term_id]

    def label(self, term_id: str) -> str:
        term = self._by_id.get(term_id)
        return term.navn if term else term_id


class Vocabularies(dict):
    """name -> Vocabulary"""

    def label(self, name: str, term_id: str) -> str:
        return self[name].label(term_id)


def load_vocabularies(project: Project) -> tuple[Vocabularies, list[Problem]]:
    vocabularies = Vocabularies()
    problems: list[Problem] = []
    county_positions: dict[str, tuple[str, int, int]] = {}  # fylker.yml: id -> place of the entry
    for name in VOCABULARY_NAMES:
        path = project.vocabularies_dir / f"{name}.yml"
        display = project.display(path)
        try:
            doc = load_yaml_file(path, display)
        except YamlLoadError as exc:
            problems.extend(exc.problems)
            continue
        terms: list[Term] = []
        indexed: list[tuple[int, Term]] = []  # (place in the file, term)
        if not isinstance(doc.data, list):
            problems.append(Problem(display, 1, 1, "", "en vokabularfil skal være en liste",
                                    "Start hvert begrep med «- id: …»"))
            continue
        seen: set[str] = set()
        for index, item in enumerate(doc.data):
            pos = doc.position((index,))
            if not isinstance(item, dict) or not isinstance(item.get("id"), str) \
                    or not isinstance(item.get("navn"), str):
                problems.append(Problem(display, pos.line, pos.column, f"[{index + 1}]",
                                        "hvert begrep må ha «id» og «navn» som tekst",
                                        "Skriv for eksempel «- id: ledelse» og «navn: Ledelse»"))
                continue
            if not TERM_ID.fullmatch(item["id"]):
                id_pos = doc.position((index, "id"))
                problems.append(Problem(
                    display, id_pos.line, id_pos.column, f"[{index + 1}].id",
                    f"id «{item['id']}» kan ikke brukes: en id skal bare ha små bokstaver a–z, sifre og "
                    "bindestrek mellom ordene",
                    "Skriv for eksempel «heltid-og-deltid» (æ, ø og å skrives ae, o og a; ingen mellomrom, "
                    "skråstrek eller punktum)"))
                continue
            if item["id"] in seen:
                problems.append(Problem(display, pos.line, pos.column, f"[{index + 1}].id",
                                        f"id «{item['id']}» finnes fra før", "Bruk en unik id"))
                continue
            seen.add(item["id"])
            extra = {k: v for k, v in item.items() if k not in ("id", "navn")}
            terms.append(Term(item["id"], item["navn"], extra))
            indexed.append((index, terms[-1]))
            if name == "fylker":
                at = doc.position((index, "landsdel")) if "landsdel" in item else pos
                county_positions[item["id"]] = (display, at.line, at.column)
        if name == "temaer":  # a theme id names the page temaer/<id>/
            problems += reserved_name_problems(
                [(t.id, display, *_id_position(doc, index), f"[{index + 1}].id")
                 for index, t in indexed], THEMES_FOLDER, project.content_dir,
                what="id-en", hint="Gi temaet en annen id", with_content=False)
        vocabularies[name] = Vocabulary(name, terms)
    problems += landsdel_problems(vocabularies, county_positions)
    return vocabularies, problems


def _id_position(doc, index: int) -> tuple[int, int]:
    pos = doc.position((index, "id"))
    return pos.line, pos.column


def landsdel_problems(vocabularies: Vocabularies, positions: dict[str, tuple[str, int, int]]) -> list[Problem]:
    """Every county must name its landsdel, and the landsdel must be in landsdeler.yml.
    `positions`: county id -> (file, line, column) of its entry."""
    if "fylker" not in vocabularies or "landsdeler" not in vocabularies:
        return []
    regions = vocabularies["landsdeler"]
    problems = []
    for index, term in enumerate(vocabularies["fylker"].terms):
        landsdel = term.get("landsdel")
        file, line, column = positions.get(term.id, ("vocabularies/fylker.yml", 1, 1))
        if not isinstance(landsdel, str) or landsdel not in regions:
            if landsdel is None:
                what = f"fylket «{term.navn}» mangler landsdel"
            elif not isinstance(landsdel, str):
                what = f"fylket «{term.navn}» har en landsdel som ikke er én id (tekst)"
            else:
                what = f"fylket «{term.navn}» har landsdel «{landsdel}», som ikke finnes i vocabularies/landsdeler.yml"
            problems.append(Problem(file, line, column, f"[{index + 1}].landsdel", what,
                                    "Skriv for eksempel «landsdel: vestlandet»; gyldige verdier: "
                                    + ", ".join(regions.ids)))
    return problems
