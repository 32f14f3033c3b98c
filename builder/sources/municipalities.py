"""The municipality register (vocabularies/kommuner.yml) and its links to cases.

The register is validated like cases (schema/municipality.source.json). Every municipality named in
a case must exist in the register (matched on name and county; a bydel on «Bydel <navn>» under its
municipality), otherwise validation reports a broken link with a suggestion.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from builder.core.problems import Problem
from builder.core.project import Project
from builder.core.urls import MUNICIPALITIES_FOLDER, reserved_name_problems
from builder.sources.model import Case, Municipality
from builder.sources.schema import effective_schema, validator_for
from builder.sources.validation import schema_problems
from builder.sources.vocabularies import Vocabularies
from builder.sources.yaml_loader import YamlDocument, YamlLoadError, load_yaml_file

REGISTER = "kommuner.yml"


@dataclass(frozen=True)
class Participation:
    program: str
    kilde: dict
    pulje: str | None = None
    nettverk: str | None = None
    temaer: tuple[str, ...] = ()
    usikker: bool = False
    merknad: str | None = None


@dataclass
class RegisterEntry:
    id: str
    navn: str
    fylke: str
    storrelse: str | None  # None: known only from the complete list, size band not sourced
    kommunenummer: str | None = None
    bydel_av: str | None = None
    fylke_i_dag: str | None = None
    slatt_sammen: dict | None = None
    deltakelse: tuple[Participation, ...] = ()
    cases: list[Case] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"kommuner/{self.id}/"


@dataclass
class Register:
    entries: list[RegisterEntry]
    exists: bool = True

    def __post_init__(self):
        self.by_id = {e.id: e for e in self.entries}
        self._by_key = {(e.navn, e.fylke): e for e in self.entries}

    def for_case_municipality(self, m: Municipality) -> RegisterEntry | None:
        if m.bydel:
            name = m.bydel if m.bydel.startswith("Bydel ") else f"Bydel {m.bydel}"
            return self._by_key.get((name, m.fylke)) or next(
                (e for e in self.entries if e.navn == name), None)
        if m.fylke:
            return self._by_key.get((m.navn, m.fylke))
        matches = [e for e in self.entries if e.navn == m.navn and not e.bydel_av]
        return matches[0] if len(matches) == 1 else None

    def landsdel(self, entry: RegisterEntry, vocabularies: Vocabularies) -> str | None:
        return vocabularies["fylker"][entry.fylke].get("landsdel") if entry.fylke in vocabularies["fylker"] else None


def load_register(project: Project, vocabularies: Vocabularies) -> tuple[Register, YamlDocument | None, list[Problem]]:
    path = project.vocabularies_dir / REGISTER
    display = project.display(path)
    if not path.exists():
        return Register([], exists=False), None, []
    try:
        doc = load_yaml_file(path, display)
    except YamlLoadError as exc:
        return Register([]), None, exc.problems
    problems = schema_problems(doc, validator_for(effective_schema(project, "municipality", vocabularies)), project=project)
    if problems or not isinstance(doc.data, list):
        return Register([]), doc, problems
    seen: dict[str, int] = {}
    entries = []
    reserved = reserved_name_problems(  # the id names the page kommuner/<id>/
        [(item["id"], display, doc.position((index, "id")).line, doc.position((index, "id")).column,
          f"[{index + 1}].id") for index, item in enumerate(doc.data)], MUNICIPALITIES_FOLDER,
        project.content_dir, what="id-en", hint="Velg en annen id, for eksempel med fylket til slutt")
    problems += reserved
    for index, item in enumerate(doc.data):
        if item["id"] in seen:
            pos = doc.position((index, "id"))
            problems.append(Problem(display, pos.line, pos.column, f"[{index + 1}].id",
                                    f"id «{item['id']}» finnes fra før (oppføring {seen[item['id']] + 1})",
                                    "Bruk en unik id, for eksempel med fylket til slutt"))
            continue
        seen[item["id"]] = index
        entries.append(RegisterEntry(
            id=item["id"], navn=item["navn"], fylke=item["fylke"], storrelse=item["storrelse"],
            kommunenummer=item.get("kommunenummer"), bydel_av=item.get("bydel_av"),
            fylke_i_dag=item.get("fylke_i_dag"), slatt_sammen=item.get("slatt_sammen"),
            deltakelse=tuple(Participation(
                program=d["program"], kilde=d["kilde"], pulje=d.get("pulje"), nettverk=d.get("nettverk"),
                temaer=tuple(d.get("temaer", [])), usikker=d.get("usikker", False), merknad=d.get("merknad"))
                for d in item.get("deltakelse", [])),
        ))
    register = Register(entries)
    for index, entry in enumerate(entries):
        if entry.bydel_av and entry.bydel_av not in register.by_id:
            pos = doc.position((seen[entry.id], "bydel_av"))
            problems.append(Problem(display, pos.line, pos.column, f"[{seen[entry.id] + 1}].bydel_av",
                                    f"kommunen «{entry.bydel_av}» finnes ikke i registeret",
                                    "Legg til kommunen, eller rett id-en"))
    return register, doc, problems


def _from_complete_list(m: Municipality, municipality_list) -> "object | None":
    """The municipality of the complete list (vocabularies/kommuner-2024.yml) a case names: by its
    name (or another official name) and, if the case gives one, its county then, now or before 2020."""
    if municipality_list is None or m.bydel:
        return None
    matches = [c for c in municipality_list.municipalities
               if m.navn == c.navn or m.navn in c.andre_navn]
    if m.fylke:
        matches = [c for c in matches if m.fylke in (c.fylke, c.fylke_2020, c.tidligere_fylke)]
    return matches[0] if len(matches) == 1 else None


def link_cases(register: Register, cases: list[Case], case_positions, municipality_list=None) -> list[Problem]:
    """Attach cases to register entries. A case municipality not in the register (the participants
    named in the sources) but in the complete list of municipalities gets an entry of its own, so
    that a new participant needs no edit of a vocabulary file; any other name is a problem."""
    problems = []
    names = sorted({e.navn for e in register.entries} |
                   {c.navn for c in (municipality_list.municipalities if municipality_list else [])})
    for case in cases:
        for index, m in enumerate(case.kommuner):
            entry = register.for_case_municipality(m)
            if entry is None:
                current = _from_complete_list(m, municipality_list)
                if current is not None:
                    entry = register.by_id.get(current.id)
                    if entry is None:
                        entry = RegisterEntry(id=current.id, navn=current.navn, fylke=m.fylke or current.fylke,
                                              storrelse=None, kommunenummer=current.kommunenummer,
                                              fylke_i_dag=current.fylke)
                        register.entries.append(entry)
                        register.by_id[entry.id] = entry
                        register._by_key.setdefault((entry.navn, entry.fylke), entry)
            if entry is None:
                wanted = m.bydel or m.navn
                close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.7)
                line, column = case_positions(case, ("kommuner", index, "navn"))
                hint = (f"Mente du «{close[0]}»? " if close else "") + \
                    "Skriv navnet slik det står i kommunelisten, og velg fylket kommunen lå i da prosjektet pågikk"
                problems.append(Problem(case.source_file, line, column, f"kommuner[{index + 1}].navn",
                                        f"«{wanted}»{' (fylke: ' + m.fylke + ')' if m.fylke else ''} finnes ikke i listen over kommuner",
                                        hint))
                continue
            if case not in entry.cases:
                entry.cases.append(case)
    return problems
