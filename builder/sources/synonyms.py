"""Domain synonyms and theme words for search (vocabularies/synonymer.yml).

Each entry groups words or phrases a reader may use for the same thing («ufrivillig deltid»,
«uønsket deltid»); an entry may name a theme, which the search pages then offer directly. The
file is checked like the glossary: every problem names file, line, field, what is wrong and how
to fix it, and a build with problems stops.

The browser gets the groups as ``data/synonymer.json`` (content/assets/sok-felles.js): for each
group its words, and for a group with a theme the theme's name, page and case pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.core.problems import Problem
from builder.core.project import Project
from builder.sources.yaml_loader import YamlLoadError, load_yaml_file

SYNONYMS = "synonymer.yml"
KEYS = ("ord", "tema", "kilde")
PHRASE = re.compile(r"[a-zæøåéèêóòôü]+(?: [a-zæøåéèêóòôü]+)*")


@dataclass(frozen=True)
class SynonymGroup:
    words: tuple[str, ...]
    theme: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[SynonymGroup, ...] = field(default_factory=tuple)

    def as_json(self, catalog) -> dict:
        """{"grupper": [{"ord": [...], "tema": {"navn", "url", "sider"}?}]} for the browser."""
        vocab = catalog.vocabularies
        out = []
        for group in self.groups:
            item: dict = {"ord": list(group.words)}
            if group.theme:
                item["tema"] = {
                    "navn": vocab.label("temaer", group.theme),
                    "url": f"temaer/{group.theme}/",
                    "sider": sorted(case.url for case in catalog.cases if group.theme in case.temaer),
                }
            out.append(item)
        return {"grupper": out}


def load_synonyms(project: Project, vocabularies) -> tuple[Synonyms, list[Problem]]:
    path = project.vocabularies_dir / SYNONYMS
    if not path.exists():
        return Synonyms(), []
    display = project.display(path)
    try:
        doc = load_yaml_file(path, display)
    except YamlLoadError as exc:
        return Synonyms(), exc.problems

    def problem(where, label, message, hint, key=False):
        pos = doc.position(where, key=key)
        return Problem(display, pos.line, pos.column, label, message, hint)

    if not isinstance(doc.data, list):
        return Synonyms(), [problem((), "(filen)", "Fila må være en liste med oppføringer («- ord: [...]»)",
                                    "Se eksempelet øverst i fila")]
    themes = vocabularies["temaer"] if vocabularies is not None else None
    seen: dict[str, tuple[int, int]] = {}  # word -> (entry number, line)
    groups, problems = [], []
    for index, item in enumerate(doc.data):
        label = f"[{index + 1}]"
        if not isinstance(item, dict):
            problems.append(problem((index,), label, "Oppføringen er ikke en tabell med feltene ord, tema og kilde",
                                    "Skriv oppføringen som «- ord: [ord1, ord2]»"))
            continue
        entry = []
        for key in item:
            if key not in KEYS:
                entry.append(problem((index, key), f"{label}.{key}", f"Ukjent felt «{key}»",
                                     "Bruk bare feltene ord, tema og kilde", key=True))
        words = item.get("ord")
        if not isinstance(words, list) or len(words) < 2:
            entry.append(problem((index, "ord"), f"{label}.ord", "«ord» må være en liste med minst to ord eller uttrykk",
                                 "Skriv for eksempel «ord: [ufrivillig deltid, uønsket deltid]»"))
            words = []
        for n, word in enumerate(words):
            where, wlabel = (index, "ord", n), f"{label}.ord[{n + 1}]"
            if not isinstance(word, str) or not PHRASE.fullmatch(word):
                entry.append(problem(where, wlabel, f"«{word}» er ikke et ord eller uttrykk med små bokstaver",
                                     "Bruk små bokstaver og enkle mellomrom, uten tegnsetting"))
            elif word in seen:
                first_index, first_line = seen[word]
                entry.append(problem(where, wlabel,
                                     f"«{word}» står to ganger (også i oppføring {first_index + 1} på linje {first_line})",
                                     "Et ord kan bare stå i én gruppe: slå sammen gruppene eller fjern det ene"))
            else:
                seen[word] = (index, doc.position(where).line)
        theme = item.get("tema")
        if theme is not None and (not isinstance(theme, str) or (themes is not None and theme not in themes)):
            known = ", ".join(themes.ids) if themes is not None else ""
            entry.append(problem((index, "tema"), f"{label}.tema", f"Ukjent tema «{theme}»",
                                 f"Bruk en id fra vocabularies/temaer.yml: {known}"))
        source = item.get("kilde")
        if source is not None and (not isinstance(source, str) or not source.strip()):
            entry.append(problem((index, "kilde"), f"{label}.kilde", "«kilde» må være en tekst",
                                 "Skriv dokumentet og linjen ordbruken er hentet fra, eller fjern feltet"))
        problems += entry
        if not entry:
            groups.append(SynonymGroup(tuple(words), theme, source))
    return Synonyms(tuple(groups)), problems
