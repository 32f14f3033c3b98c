"""Theme knowledge-status pages: content/temaer/<tema>.md with validated front matter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import frontmatter

from builder.core.problems import Problem
from builder.core.project import Project
from builder.core.urls import THEMES_FOLDER, reserved_name_problems
from builder.sources.schema import effective_schema, validator_for
from builder.sources.validation import schema_problems
from builder.sources.vocabularies import Vocabularies
from builder.sources.yaml_loader import Position, YamlLoadError, load_yaml_bytes, read_input_file


@dataclass(frozen=True)
class Figure:
    id: str
    tittel: str
    type: str
    enhet: str
    alt: str
    kilde: dict
    serier: tuple[dict, ...]
    forbehold: str | None = None


@dataclass
class Theme:
    tema: str
    tittel: str
    sammendrag: str
    evidensgrad: str
    funn: str
    sist_vurdert: str
    neste_vurdering: str
    kilder: tuple[dict, ...]
    source_file: str
    body: str
    evidensgrad_begrunnelse: str | None = None
    figurer: tuple[Figure, ...] = field(default_factory=tuple)

    @property
    def url(self) -> str:
        return f"temaer/{self.tema}/"

    def is_overdue(self, today: date) -> bool:
        return date.fromisoformat(self.neste_vurdering) < today


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line number where the front matter starts) or None if there is none."""
    if not text.startswith("---"):
        return None
    try:
        fm, body = frontmatter.YAMLHandler().split(text)
    except ValueError:
        return None
    if fm.startswith("\r\n"):  # the split keeps the line break after the opening ---
        fm = fm[2:]
    elif fm.startswith("\n"):
        fm = fm[1:]
    return fm, body, 2


def theme_files(project: Project) -> list[Path]:
    if not project.themes_dir.is_dir():
        return []
    return sorted(p for p in project.themes_dir.glob("*.md") if p.name != "index.md")


def check_theme_pages(project: Project, vocabularies: Vocabularies) -> tuple[list[Theme], list[Problem]]:
    schema = effective_schema(project, "theme", vocabularies)
    validator = validator_for(schema)
    themes: list[Theme] = []
    problems: list[Problem] = []
    for path in theme_files(project):
        display = project.display(path)
        try:
            text = read_input_file(path, display, project.root).decode("utf-8")
        except YamlLoadError as exc:
            problems.extend(exc.problems)
            continue
        except UnicodeDecodeError:
            problems.append(Problem(display, 1, 1, "", "filen er ikke gyldig UTF-8", "Lagre filen med tegnkoding UTF-8"))
            continue
        split = split_front_matter(text)
        if split is None:
            problems.append(Problem(display, 1, 1, "", "siden mangler front matter",
                                    "Start filen med en blokk mellom to linjer med ---"))
            continue
        fm, body, first_line = split
        try:
            doc = load_yaml_bytes(fm.encode("utf-8"), path, display)
        except YamlLoadError as exc:
            problems.extend(_shift(exc.problems, first_line - 1))
            continue
        _shift_document(doc, first_line - 1)
        if not isinstance(doc.data, dict):
            problems.append(Problem(display, first_line, 1, "", "front matter skal inneholde felt",
                                    "Skriv feltene i formen «navn: verdi»"))
            continue
        file_problems = schema_problems(doc, validator, project=project)
        tema = doc.data.get("tema")
        if isinstance(tema, str) and tema != path.stem:
            pos = doc.position(("tema",))
            file_problems.append(Problem(display, pos.line, pos.column, "tema",
                                         f"tema «{tema}» er ikke lik filnavnet «{path.stem}»",
                                         f"Gi filen navnet {tema}.md"))
        if isinstance(tema, str):  # the theme names the page temaer/<tema>/
            pos = doc.position(("tema",))
            file_problems += reserved_name_problems(
                [(tema, display, pos.line, pos.column, "tema")], THEMES_FOLDER, project.content_dir,
                what="temaet", hint="Gi temaet en annen id i vocabularies/temaer.yml, og siden samme filnavn",
                with_content=False)
        figure_ids = [f.get("id") for f in doc.data.get("figurer", []) or [] if isinstance(f, dict)]
        for index, fid in enumerate(figure_ids):
            if fid in figure_ids[:index]:
                pos = doc.position(("figurer", index, "id"))
                file_problems.append(Problem(display, pos.line, pos.column, f"figurer[{index + 1}].id",
                                             f"figur-id «{fid}» er brukt før på siden", "Gi figuren en unik id"))
        file_problems += finding_problems(doc, display)
        if file_problems:
            problems.extend(file_problems)
            continue
        data = doc.data
        themes.append(Theme(
            tema=data["tema"], tittel=data["tittel"], sammendrag=data["sammendrag"],
            evidensgrad=data["evidensgrad"], funn=data["funn"], evidensgrad_begrunnelse=data.get("evidensgrad_begrunnelse"),
            sist_vurdert=data["sist_vurdert"], neste_vurdering=data["neste_vurdering"],
            kilder=tuple(data["kilder"]), source_file=display, body=body,
            figurer=tuple(Figure(id=f["id"], tittel=f["tittel"], type=f["type"], enhet=f["enhet"],
                                 alt=f["alt"], kilde=f["kilde"], serier=tuple(f["serier"]),
                                 forbehold=f.get("forbehold"))
                          for f in data.get("figurer", [])),
        ))
    return themes, problems


def is_sure(value: dict) -> bool:
    """An estimate whose interval (lav–hoy) does not include zero."""
    low, high = value.get("lav"), value.get("hoy")
    return isinstance(low, (int, float)) and isinstance(high, (int, float)) and (low > 0 or high < 0)


def finding_from_figures(figures: list) -> str | None:
    """The finding the theme's estimate figures show, or None when it has none (then the editor's
    finding stands). The first value of the first estimate figure is the overall effect: sure there
    means «bedring» (the editor checks the direction in the text), not sure there but sure in some
    group means «blandet», sure nowhere means «ingen-sikker-effekt»."""
    estimates = [f for f in figures if isinstance(f, dict) and f.get("type") == "estimat"]
    values = [v for f in estimates for s in f.get("serier") or [] if isinstance(s, dict)
              for v in s.get("verdier") or [] if isinstance(v, dict)]
    if not values:
        return None
    if is_sure(values[0]):
        return "bedring"
    return "blandet" if any(is_sure(v) for v in values) else "ingen-sikker-effekt"


FINDING_WORDS = {"bedring": "en sikker effekt samlet", "blandet": "ingen sikker effekt samlet, men en sikker effekt i noen grupper",
                 "ingen-sikker-effekt": "ingen sikker effekt i noen gruppe"}


def finding_problems(doc, display: str) -> list[Problem]:
    """The finding label must agree with the theme's own estimate figures."""
    stated = doc.data.get("funn")
    expected = finding_from_figures(doc.data.get("figurer") or [])
    if not isinstance(stated, str) or expected is None or stated == expected:
        return []
    pos = doc.position(("funn",))
    return [Problem(display, pos.line, pos.column, "funn",
                    f"funn «{stated}» stemmer ikke med figurene på siden: intervallene i figurene av typen "
                    f"estimat viser {FINDING_WORDS[expected]}",
                    f"Skriv «funn: {expected}», eller rett tallene i figurene hvis de er feil")]


def _shift(problems: list[Problem], offset: int) -> list[Problem]:
    return [Problem(p.file, p.line + offset, p.column, p.field, p.message, p.hint) for p in problems]


def _shift_document(doc, offset: int) -> None:
    """Move every position of a front-matter document by `offset` lines (into the file's numbering).
    New tables, not the loaded ones changed in place: load_yaml_bytes remembers a document by its
    bytes and gives the same tables to the next load of the same front matter, which must not see
    them moved twice (a preview rebuild reported theme problems one line further down each time)."""
    doc.values = {key: Position(pos.line + offset, pos.column, pos.raw) for key, pos in doc.values.items()}
    doc.keys = {key: Position(pos.line + offset, pos.column, pos.raw) for key, pos in doc.keys.items()}


def theme_position(project: Project, theme: Theme, path: tuple) -> tuple[int, int]:
    """(line, column) of a front-matter value of a theme page, or (1, 1) when it cannot be found."""
    file = project.root / theme.source_file
    try:
        split = split_front_matter(file.read_text(encoding="utf-8"))
        if split is None:
            return 1, 1
        doc = load_yaml_bytes(split[0].encode("utf-8"), file, theme.source_file)
    except (OSError, UnicodeDecodeError, YamlLoadError):
        return 1, 1
    pos = doc.position(tuple(path))
    return (pos.line + split[2] - 1, pos.column) if pos else (1, 1)
