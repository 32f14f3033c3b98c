"""Load and validate everything an editor can write: cases (and vocabularies), all problems at once.

    load_catalog(project) -> Catalog          # raises ProblemsFound listing every problem
    check_case_files(project, paths) -> CaseCheck    # cases, problems, vocabularies, schema
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from builder.core.build_cache import JsonStore, cache_root, code_fingerprint, digest, reuse_enabled, save_known_valid
from builder.core.problems import Problem, ProblemsFound
from builder.core.project import Project
from builder.core.urls import CASES_FOLDER, reserved_name_problems, reserved_name_reason, reserved_names
from builder.sources.freshness import Settings, git_last_changed, load_settings, today
from builder.sources.glossary import Glossary, load_glossary
from builder.sources.input_links import input_link_problems
from builder.sources.model import Case
from builder.sources.municipalities import Register, link_cases, load_register
from builder.sources.municipality_list import MunicipalityList, load_municipality_list
from builder.sources.schema import effective_schema, validator_for
from builder.sources.synonyms import Synonyms, load_synonyms
from builder.sources.validation import (consistency_problems, privacy_problems, markdown_link_problems,
                                        placeholder_problems, schema_problems)
from builder.sources.vocabularies import Vocabularies, load_vocabularies
from builder.sources.yaml_loader import YamlDocument, YamlLoadError, followup_filter, load_yaml_bytes, read_input_file

CASE_SUFFIXES = (".yml", ".yaml")


@dataclass
class Catalog:
    project: Project
    vocabularies: Vocabularies
    case_schema: dict
    cases: list[Case] = field(default_factory=list)
    themes: list = field(default_factory=list)  # list[themes.Theme]
    theme_schema: dict = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    today: date = field(default_factory=today)
    last_changed: dict[str, str] = field(default_factory=dict)  # git dates by file
    repo_url: str | None = None
    register: Register = field(default_factory=lambda: Register([], exists=False))
    glossary: Glossary = field(default_factory=Glossary)
    synonyms: Synonyms = field(default_factory=Synonyms)
    municipality_list: MunicipalityList = field(default_factory=lambda: MunicipalityList([], [], exists=False))
    file_digests: dict[str, str] = field(default_factory=dict)  # sha256 of each case file's bytes

    def history_url(self, source_file: str) -> str | None:
        return f"{self.repo_url.rstrip('/')}/commits/main/{source_file}" if self.repo_url else None

    def edit_url(self, source_file: str) -> str | None:
        return f"{self.repo_url.rstrip('/')}/edit/main/{source_file}" if self.repo_url else None

    def cases_with_theme(self, theme_id: str) -> list[Case]:
        return [c for c in self.cases if theme_id in c.temaer]


def case_files(project: Project) -> list[Path]:
    """Every case file, sorted by name. Files starting with «_» (templates) are not cases. Names
    ending in .YML or .yaml are listed too, so they are reported rather than skipped silently."""
    if not project.cases_dir.is_dir():
        return []
    return sorted(
        p for p in project.cases_dir.iterdir()
        if p.suffix.lower() in CASE_SUFFIXES and not p.name.startswith(("_", "."))
        and (p.is_symlink() or p.is_file())  # symlinks are listed, to be refused with a message
    )


def _read_case_file(project: Project, path: Path) -> bytes:
    """The file's bytes (raises YamlLoadError for symlinks, files outside the project, huge files)."""
    inside = project.root if path.parent == project.cases_dir else None  # not for drafts elsewhere
    return read_input_file(path, project.display(path), inside)


def _load_case_document(project: Project, path: Path, validator,
                        raw: bytes | None = None) -> tuple[YamlDocument | None, list[Problem]]:
    display = project.display(path)
    try:
        doc = load_yaml_bytes(_read_case_file(project, path) if raw is None else raw, path, display)
    except YamlLoadError as exc:
        if exc.document is None or not isinstance(exc.document.data, dict):
            return None, exc.problems
        # Only single values were wrong: report the file's other problems too (not the case itself).
        others = _case_document_problems(project, path, exc.document, validator)
        return None, exc.problems + followup_filter(exc.problems, others)
    if not isinstance(doc.data, dict):
        kind = "en liste" if isinstance(doc.data, list) else "en enkelt verdi"
        return None, [Problem(display, 1, 1, "", f"filen inneholder {kind}, men skal inneholde felt",
                              "Skriv feltene i formen «navn: verdi», uten «- » foran")]
    return doc, _case_document_problems(project, path, doc, validator)


def _case_document_problems(project: Project, path: Path, doc: YamlDocument, validator) -> list[Problem]:
    """Every check of one loaded case file on its own (the loader's checks aside)."""
    display = project.display(path)
    problems = schema_problems(doc, validator)
    problems += privacy_problems(doc)
    problems += markdown_link_problems(doc, validator.schema)
    problems += consistency_problems(doc, today())
    placeholders = placeholder_problems(doc)  # a placeholder's own message replaces the others
    problems = followup_filter(placeholders, problems) + placeholders
    if path.suffix != ".yml":
        problems.append(Problem(display, 1, 1, "", "filnavnet skal slutte på .yml",
                                f"Gi filen navnet {path.stem}.yml"))
    case_id = doc.data.get("id")
    if isinstance(case_id, str) and case_id != path.stem:
        pos = doc.position(("id",))
        problems.append(Problem(display, pos.line, pos.column, "id",
                                f"id «{case_id}» er ikke lik filnavnet «{path.stem}»",
                                f"Gi filen navnet {case_id}.yml, eller sett «id: {path.stem}»"))
    return problems


@dataclass
class CaseCheck:
    cases: list[Case]
    problems: list[Problem]
    vocabularies: Vocabularies
    schema: dict
    documents: dict[str, YamlDocument] = field(default_factory=dict)  # case id -> loaded file
    register: Register = field(default_factory=lambda: Register([], exists=False))
    municipality_list: MunicipalityList = field(default_factory=lambda: MunicipalityList([], [], exists=False))
    project: Project | None = None
    digests: dict[str, str] = field(default_factory=dict)  # display path -> sha256 of the bytes

    def position(self, case: Case, path) -> tuple[int, int]:
        doc = self.documents.get(case.id)
        if doc is None and self.project is not None:  # taken from the validation cache: load it now
            file = self.project.root / case.source_file
            try:
                doc = self.documents[case.id] = load_yaml_bytes(file.read_bytes(), file, case.source_file)
            except (OSError, YamlLoadError):
                doc = None
        pos = doc.position(tuple(path)) if doc else None
        return (pos.line, pos.column) if pos else (1, 1)


# Cases made by this process before, by (display path, sha256 of the file's bytes), from files the
# validation store found valid: `mkdocs serve` loads every case again after each edit, and loading
# the YAML and making the case took about 0.4 s of a 1 000-case rebuild. Used only where the store
# vouches for the bytes under the current schema, code and date. A Case is frozen and its `raw` data
# is never changed once made (exports copy it), so one object can serve every rebuild.
_MADE: dict[tuple[str, str], Case] = {}


def _validation_store(project: Project, schema: dict) -> JsonStore:
    """Verdicts, not data: case files found valid by an earlier run, {file name: sha256 of the
    bytes}. The data is always loaded from the file itself; the store only saves the checks. It is
    valid for one schema (with its vocabularies), one version of the builder's code and one day
    (dates in the future are errors)."""
    key = digest("validation", code_fingerprint(), schema, str(today()))
    return JsonStore(cache_root(project.root) / "validated-cases.json", key)


def check_case_files(project: Project, paths: list[Path] | None = None, *,
                     with_register: bool = True, use_cache: bool = True) -> CaseCheck:
    """Load and validate case files (and the municipality register they link to). A file whose
    bytes were found valid before, under the same schema, code and date, is not checked again
    (``use_cache=False`` checks everything)."""
    vocabularies, problems = load_vocabularies(project)
    if problems:
        return CaseCheck([], problems, vocabularies, {})
    schema = effective_schema(project, "case", vocabularies)
    validator = validator_for(schema)
    all_files = case_files(project)
    selected = all_files if paths is None else sorted(paths)

    cases: list[Case] = []
    documents: dict[str, YamlDocument] = {}
    first_seen: dict[str, str] = {}
    # Ids are compared across every case file, even when only some files are checked.
    for path in all_files:
        if paths is not None and path not in selected:
            first_seen.setdefault(path.stem, project.display(path))
    store = _validation_store(project, schema) if use_cache and reuse_enabled() else None
    digests: dict[str, str] = {}
    seen_made: dict[tuple[str, str], Case] = {}
    for path in selected:
        display = project.display(path)
        try:
            raw = _read_case_file(project, path)
        except YamlLoadError as exc:
            problems.extend(exc.problems)
            continue
        sha = digests[display] = hashlib.sha256(raw).hexdigest()
        doc, made = None, None
        if store is not None and store.get(path.name) == sha:  # valid when last checked: load only
            made = _MADE.get((display, sha))
            if made is not None:  # and made into a case by this process before
                file_problems = []
            else:
                try:
                    doc, file_problems = load_yaml_bytes(raw, path, display), []
                except YamlLoadError:
                    doc = None
                if doc is not None and not isinstance(doc.data, dict):
                    doc = None
        if made is not None:
            seen_made[(display, sha)] = made
            case_id = made.id
        elif doc is None:
            doc, file_problems = _load_case_document(project, path, validator, raw)
            problems.extend(file_problems)
            if file_problems and store is not None:
                store.forget(path.name)
            if doc is None or not isinstance(doc.data, dict):
                continue
        if made is None:
            case_id = doc.data.get("id")
        if isinstance(case_id, str):
            other = first_seen.get(case_id)
            if other and other != display:
                if doc is None:
                    doc, _ = _load_case_document(project, path, validator, raw)
                pos = doc.position(("id",))
                problems.append(Problem(display, pos.line, pos.column, "id",
                                        f"id «{case_id}» er allerede brukt i {other}",
                                        "Velg en annen id (og gi filen samme navn)"))
                continue
            first_seen[case_id] = display
        if made is not None:
            cases.append(made)
        elif not file_problems:
            case = Case.from_data(doc.data, display)
            cases.append(case)
            documents[case_id] = doc
            if store is not None:
                store.put(path.name, sha)
                seen_made[(display, sha)] = case
    if store is not None:
        if paths is None:
            store.keep_only({p.name for p in all_files})
            _MADE.clear()  # only the files of this run: the memo does not grow with every edit
        _MADE.update(seen_made)
        store.save()
    check = CaseCheck(cases, problems, vocabularies, schema, documents, project=project, digests=digests)
    _refuse_reserved_ids(check)
    if with_register:
        register, _, register_problems = load_register(project, vocabularies)
        problems.extend(register_problems)
        check.municipality_list, list_problems = load_municipality_list(project, vocabularies)
        problems.extend(list_problems)
        if not register_problems and register.exists:
            problems.extend(link_cases(register, cases, check.position,
                                       check.municipality_list if not list_problems else None))
        check.register = register
        save_known_valid(project.root)
    return check


def _refuse_reserved_ids(check: CaseCheck) -> None:
    """A case id names its page (eksempler/<id>/): it may not take the address of another page or
    of a file the site needs (urls.reserved_names). Such cases are reported and left out."""
    taken = reserved_names(CASES_FOLDER, check.project.content_dir)
    refused_cases = [c for c in check.cases if reserved_name_reason(c.id, CASES_FOLDER, taken)]
    if not refused_cases:  # (positions load a file the validation cache spared)
        return
    reserved = reserved_name_problems(
        [(c.id, c.source_file, *check.position(c, ("id",)), "id") for c in refused_cases], CASES_FOLDER,
        check.project.content_dir, what="id-en", hint="Velg en annen id, og gi filen samme navn")
    if reserved:
        check.problems.extend(reserved)
        refused = {p.file for p in reserved}
        check.cases[:] = [c for c in check.cases if c.source_file not in refused]


_MEMO: dict[Path, tuple[tuple, "Catalog"]] = {}


def _fingerprint(project: Project) -> tuple:
    """Names, sizes and modification times of every input file (cheap to compute)."""
    files = []
    for folder, pattern in ((project.cases_dir, "*"), (project.vocabularies_dir, "*.yml"),
                            (project.schema_dir, "*.source.json"), (project.themes_dir, "*.md")):
        if folder.is_dir():
            for p in sorted(folder.glob(pattern)):
                st = p.lstat()  # a dangling symlink has no target to stat
                files.append((str(p), st.st_size, st.st_mtime_ns))
    pyproject = project.root / "pyproject.toml"
    if pyproject.exists():
        files.append((str(pyproject), pyproject.stat().st_mtime_ns))
    return tuple(files), os.environ.get("REPO_URL"), os.environ.get("SOURCE_DATE_EPOCH"), str(date.today())


def load_catalog(project: Project) -> Catalog:
    """Everything editors write, validated. Raises ProblemsFound with all problems at once.

    The result is memoised per project on the input files' fingerprint, so the CLI's validation and
    the MkDocs plugin in the same process load and validate each file once. Symbolic links among
    the other input files are looked for every time, before anything else (``input_links``)."""
    links = input_link_problems(project)
    if links:
        raise ProblemsFound(links)
    fingerprint = _fingerprint(project)
    cached = _MEMO.get(project.root)
    if cached and cached[0] == fingerprint:
        return cached[1]
    catalog = _load_catalog(project)
    _MEMO[project.root] = (fingerprint, catalog)
    return catalog


def _load_catalog(project: Project) -> Catalog:
    from builder.sources.themes import check_theme_pages

    check = check_case_files(project)
    cases, problems, vocabularies, schema = check.cases, check.problems, check.vocabularies, check.schema
    themes = []
    if vocabularies and not any(p.file.startswith("vocabularies/") for p in problems):
        themes, theme_problems = check_theme_pages(project, vocabularies)
        problems += theme_problems
    glossary, glossary_problems = load_glossary(project, vocabularies) if vocabularies else (Glossary(), [])
    problems += glossary_problems
    synonyms, synonym_problems = load_synonyms(project, vocabularies) if vocabularies else (Synonyms(), [])
    problems += synonym_problems
    save_known_valid(project.root, prune=True)
    if problems:
        raise ProblemsFound(problems)
    cases.sort(key=lambda c: c.id)
    return Catalog(project=project, vocabularies=vocabularies, case_schema=schema, cases=cases,
                   themes=sorted(themes, key=lambda t: t.tema),
                   theme_schema=effective_schema(project, "theme", vocabularies),
                   settings=load_settings(project.root), today=today(),
                   last_changed=git_last_changed(project.root),
                   repo_url=os.environ.get("REPO_URL") or None,
                   register=check.register, municipality_list=check.municipality_list,
                   glossary=glossary, synonyms=synonyms, file_digests=check.digests)
