"""Command line: ``python -m builder validate|build|schema|generate``.

Editors see Norwegian messages and an exit code; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from builder.core.problems import Problem, format_problems
from builder.core.project import Project
from builder.editing.pr_report import report_on_pull_request


def _print_problems(problems: list[Problem], project: Project | None = None) -> None:
    print(format_problems(problems), file=sys.stderr)
    report_on_pull_request(project, problems)


def cmd_validate(project: Project, args) -> int:
    from builder.sources.catalog import check_case_files
    from builder.sources.themes import check_theme_pages

    paths = None
    if args.paths:
        paths = []
        for given in args.paths:
            p = Path(given)
            if p.is_dir():
                paths.extend(sorted(x for x in p.iterdir() if x.suffix.lower() in (".yml", ".yaml")
                                    and not x.name.startswith(("_", "."))))
            else:
                paths.append(p)
        paths = [Path(os.path.abspath(p)) for p in paths]  # not resolved: a symlink stays one, to be refused
        missing = [p for p in paths if not p.exists() and not p.is_symlink()]
        if missing:
            _print_problems([Problem(project.display(p), 1, 1, "", "filen finnes ikke",
                                     "Sjekk filnavnet") for p in missing], project)
            return 1
        project_cases = project.cases_dir.resolve()
        paths = [p if p.parent.resolve() != project_cases else project.cases_dir / p.name for p in paths]
    if not args.paths:  # the whole project: first the links that would publish other files
        from builder.sources.input_links import input_link_problems

        links = input_link_problems(project)
        if links:
            _print_problems(links, project)
            return 1
    check = check_case_files(project, paths)
    cases, problems, vocabularies = check.cases, check.problems, check.vocabularies
    theme_count = 0
    themes = []
    if not args.paths and not problems:
        from builder.sources.glossary import load_glossary

        themes, theme_problems = check_theme_pages(project, vocabularies)
        problems += theme_problems
        problems += load_glossary(project, vocabularies)[1]
        from builder.sources.synonyms import load_synonyms

        problems += load_synonyms(project, vocabularies)[1]
        theme_count = len(themes)
        from builder.core.build_cache import save_known_valid

        save_known_valid(project.root)
    note = None
    if vocabularies and "kilder" in vocabularies:  # quotes of the valid cases and theme pages
        note = _check_quotes(project, check, cases, themes, vocabularies, problems)
    if problems:
        _print_problems(problems, project)
        return 1
    extra = f" og {theme_count} temasider" if theme_count else ""
    print(f"OK: {len(cases)} eksempler{extra} er gyldige.")
    if note:
        print(note)
    return 0


def _check_quotes(project: Project, check, cases, themes, vocabularies, problems: list[Problem]) -> str | None:
    """Add a problem for every quote that is not verbatim in its source text (when the texts are
    there); returns a note when they are not."""
    from builder.sources.quotes import quote_problems, quotes_of
    from builder.sources.themes import theme_position

    case_of = {case.source_file: case for case in cases}
    theme_of = {theme.source_file: theme for theme in themes}

    def position(quote) -> tuple[int, int]:
        if quote.file in case_of:
            return check.position(case_of[quote.file], quote.path)
        return theme_position(project, theme_of[quote.file], quote.path)

    found, note = quote_problems(project.root, quotes_of(cases, themes), vocabularies, position)
    problems += found
    return note


def cmd_build(project: Project, args) -> int:
    from builder.core.build_cache import REUSE_VARIABLE
    from builder.build.site_build import build_site

    if args.fresh:
        os.environ[REUSE_VARIABLE] = "nei"

    return build_site(project, site_dir=Path(args.site_dir) if args.site_dir else None,
                      report=_print_problems)


def cmd_schema(project: Project, args) -> int:
    from builder.sources.schema import write_published_schemas
    from builder.sources.vocabularies import load_vocabularies

    vocabularies, problems = load_vocabularies(project)
    if problems:
        _print_problems(problems, project)
        return 1
    for path in write_published_schemas(project, vocabularies):
        print(f"Skrev {project.display(path)}")
    return 0


def cmd_geography(project: Project, args) -> int:
    """Write vocabularies/geografi/kommuner-2024.json from the pinned map data (builder/knowledge/geography.py)."""
    from builder.sources.municipality_list import load_municipality_list
    from builder.sources.vocabularies import load_vocabularies
    from builder.knowledge.geography import GeographyError, write_geography

    vocabularies, problems = load_vocabularies(project)
    if not problems:
        municipality_list, problems = load_municipality_list(project, vocabularies)
    if problems:
        _print_problems(problems, project)
        return 1
    try:
        path = write_geography(project, municipality_list.municipalities)
    except GeographyError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    print(f"Skrev {project.display(path)}")
    return 0


def cmd_generate(project: Project, args) -> int:
    """Write the generated pages as files (for MkDocs-free pipelines such as Zensical)."""
    from builder.core.problems import ProblemsFound
    from builder.sources.catalog import load_catalog
    from builder.sources.site_address import address_problems
    from builder.pages.generate import generate_site_files, write_files

    if address_problems():
        _print_problems(address_problems(), project)
        return 1
    try:
        catalog = load_catalog(project)
        files = generate_site_files(catalog)
    except ProblemsFound as exc:
        _print_problems(exc.problems, project)
        return 1
    out = Path(args.out)
    write_files(files, out)
    print(f"Skrev {len(files)} filer til {out}")
    return 0


def cmd_glossary_gaps(project: Project, args) -> int:
    """Frequent Nynorsk words the glossary does not cover, so editors can grow it."""
    from builder.core.problems import ProblemsFound
    from builder.sources.catalog import load_catalog
    from builder.sources.glossary import glossary_gaps
    from builder.pages.site_search import texts_by_standard

    try:
        catalog = load_catalog(project)
    except ProblemsFound as exc:
        _print_problems(exc.problems, project)
        return 1
    nn_texts, nb_texts = texts_by_standard(catalog)
    gaps = glossary_gaps(catalog.glossary, nn_texts, nb_texts, min_count=args.min_count)[:args.limit]
    if not gaps:
        print(f"Ordlisten dekker alle ord som står minst {args.min_count} ganger i nynorsktekstene "
              f"({len(nn_texts)} filer) og ikke finnes i bokmålstekstene.")
        return 0
    print(f"Hyppige ord i nynorsktekstene ({len(nn_texts)} filer) som ordlisten ikke dekker og som ingen "
          "bokmålstekst bruker. Legg til ordpar i vocabularies/ordliste.yml der ordet skrives ulikt på bokmål:")
    width = max(len(g.word) for g in gaps)
    for gap in gaps:
        print(f"  {gap.word:<{width}}  {gap.count:>3}  {', '.join(gap.files[:3])}{' …' if len(gap.files) > 3 else ''}")
    return 0


def cmd_new_case(project: Project, args) -> int:
    from builder.sources.vocabularies import load_vocabularies
    from builder.editing.new_case import run_new_case

    vocabularies, problems = load_vocabularies(project)
    if problems:
        _print_problems(problems, project)
        return 1
    try:
        return run_new_case(project, args, vocabularies)
    except EOFError:
        print("Avbrutt.", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m builder", description="Erfaringsbanken: valider og bygg nettstedet.")
    parser.add_argument("--project", default=None, help="prosjektmappen (standard: mappen med mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="valider eksempelfiler (alle, eller de som er oppgitt)")
    p.add_argument("paths", nargs="*")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("build", help="valider og bygg nettstedet til site/ (atomisk)")
    p.add_argument("--site-dir", default=None)
    p.add_argument("--fresh", action="store_true",
                   help="bygg alt på nytt uten hurtigbuffer (.cache/): validering, sider, figurer og søkeindeks")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("schema", help="skriv schema/*.schema.json fra kildeskjema og vokabularer")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("geography", help="skriv kartdataene (vocabularies/geografi/) fra de låste pakkene")
    p.set_defaults(func=cmd_geography)
    p = sub.add_parser("new-case", help="lag en ny eksempelfil med kommentarer (spørsmål eller flagg)")
    from builder.editing.new_case import add_arguments

    add_arguments(p)
    p.set_defaults(func=cmd_new_case)
    p = sub.add_parser("glossary-gaps", help="vis hyppige nynorskord som ordlisten for søket ikke dekker")
    p.add_argument("--limit", type=int, default=60, help="høyst så mange ord (standard 60)")
    p.add_argument("--min-count", type=int, default=2, help="bare ord som står minst så mange ganger (standard 2)")
    p.set_defaults(func=cmd_glossary_gaps)
    p = sub.add_parser("generate", help="skriv genererte sider til en mappe")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_generate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    project = Project(Path(args.project).resolve()) if args.project else Project.find()
    try:
        return args.func(project, args)
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except Exception as exc:  # never show editors a traceback
        if os.environ.get("ERFARINGSBANKEN_DEBUG"):
            raise
        print(f"Intern feil i byggeverktøyet: {type(exc).__name__}: {exc}\n"
              "Dette skyldes ikke eksempelfilene dine. Meld fra til utviklerne, gjerne med "
              "utskriften fra ERFARINGSBANKEN_DEBUG=1 python -m builder …", file=sys.stderr)
        return 2
