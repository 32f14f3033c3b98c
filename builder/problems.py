"""Problems found in editors' input, and how they are printed.

Every problem names the file, line, column and field, says what is wrong and how to fix it (in
Norwegian, for editors), in the form ``file:line:column: field: what is wrong — how to fix``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def format(self) -> str:
        if not self.line:  # not about a place in a file (an environment variable): no position
            text = f"{self.file}: {self.message}"
        else:
            text = f"{self.file}:{self.line}:{self.column}: {self.field or '(filen)'}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command, so the error shows on the pull request's diff."""
        message = self.message + (f" — {self.hint}" if self.hint else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        if not self.line:
            return f"::error title={self.file}::{message}"
        return (
            f"::error file={self.file},line={self.line},col={self.column},"
            f"title={self.field or 'fil'}::{message}"
        )


class ProblemsFound(Exception):
    """Raised when input has problems; carries all of them so they can be printed at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    lines = [p.format() for p in sorted(problems)]
    lines.append(f"Fant {len(problems)} feil. Rett feilene over og prøv igjen.")  # «feil» is also plural
    return "\n".join(lines)


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"
