"""Problems reported on a pull request: GitHub annotations and the check's summary page.

In GitHub Actions, `validate` (and any command that finds problems) also prints each problem as a
workflow command, so it shows on the changed line of the pull request, and writes a table to the
job's summary page. For a case file the field is named as the editing form names it
(«Kilder 1 → Linjer», not «kilder[1].linjer»), so that someone who only used the form can find it;
the editors' guide (content/redaktorer/index.md, «Når kontrollen av endringen feiler») shows how.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from builder.core.problems import Problem
from builder.core.project import Project

MAX_ANNOTATIONS = 50  # GitHub shows at most 50 error annotations per step


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _form_labels(project: Project) -> dict[str, str]:
    """Field path -> the form's label; empty when the vocabularies cannot make a form (their own
    problems are then the ones reported)."""
    from builder.sources.vocabularies import load_vocabularies
    from builder.editing.form_checks import form_labels

    vocabularies, problems = load_vocabularies(project)
    if problems:
        return {}
    try:
        return form_labels(project, vocabularies)
    except (KeyError, TypeError, ValueError):  # a vocabulary the form cannot show: plain field names
        return {}


def form_field_name(project: Project, problem: Problem, labels: dict[str, str]) -> str | None:
    """How the form names the problem's field, for a problem in a case file; otherwise None."""
    from builder.editing.form_checks import form_label

    cases = project.display(project.cases_dir).rstrip("/") + "/"
    if not problem.file.startswith(cases) or not problem.field or problem.field == "(filen)":
        return None
    return form_label(problem.field, labels)


def _cell(text: str) -> str:
    """Text for a Markdown table cell on GitHub: no HTML, no link, no table break, one line."""
    text = html.escape(" ".join(text.split()), quote=False)
    for char, entity in (("|", "&#124;"), ("[", "&#91;"), ("]", "&#93;"), ("`", "&#96;"), ("*", "&#42;"),
                         ("_", "&#95;"), ("\\", "&#92;")):
        text = text.replace(char, entity)
    return text


def summary_markdown(project: Project, problems: list[Problem], labels: dict[str, str]) -> str:
    rows = []
    for problem in sorted(problems):
        place = problem.file + (f", linje {problem.line}" if problem.line else "")
        field = form_field_name(project, problem, labels) or problem.field or "–"
        rows.append(f"| {_cell(place)} | {_cell(field)} | {_cell(problem.message)} | {_cell(problem.hint or '–')} |")
    return "\n".join([
        f"## Kontrollen fant {len(problems)} feil",
        "",
        "Rett feilene og lagre på nytt; kontrollen kjører da igjen. Har du brukt skjemaet, åpner du "
        "eksemplet i skjemaet og finner feltet i kolonnen «Felt i skjemaet» (tallet etter et navn sier "
        "hvilket element i listen det gjelder, for eksempel «Kilder 2» er den andre kilden).",
        "",
        "| Fil | Felt i skjemaet | Hva er galt | Slik retter du det |",
        "|---|---|---|---|",
        *rows,
        "",
    ])


def report_on_pull_request(project: Project | None, problems: list[Problem]) -> None:
    """Annotations on stdout and the summary table, when running in GitHub Actions."""
    if not in_github_actions() or not problems:
        return
    labels = _form_labels(project) if project is not None else {}
    for problem in sorted(problems)[:MAX_ANNOTATIONS]:
        title = form_field_name(project, problem, labels) if project is not None else None
        print(problem.github_annotation(f"Feltet «{title}» i skjemaet" if title else None))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and project is not None:
        with Path(summary).open("a", encoding="utf-8") as out:
            out.write(summary_markdown(project, problems, labels))
