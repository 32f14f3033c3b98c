"""Problems found in editors' input, and how they are printed.

Every problem names the file, line, column and field, says what is wrong and how to fix it (in
Norwegian, for editors), in the form ``file:line:column: field: what is wrong — how to fix``.
"""

from __future__ import annotations

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

    def github_annotation(self, title: str | None = None) -> str:
        """A GitHub Actions workflow command, so the error shows on the pull request's diff;
        `title` (the form's name for the field, for a case file) replaces the field's name."""
        message = _command_data(self.message + (f" — {self.hint}" if self.hint else ""))
        if not self.line:
            return f"::error title={_command_property(self.file)}::{message}"
        return (
            f"::error file={_command_property(self.file)},line={self.line},col={self.column},"
            f"title={_command_property(title or self.field or 'fil')}::{message}"
        )


def _command_data(text: str) -> str:
    """Escaped as GitHub's workflow commands want their message (a newline would end the command)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _command_property(text: str) -> str:
    """Escaped as a workflow command's property (a comma or colon would end it)."""
    return _command_data(text).replace(":", "%3A").replace(",", "%2C")


class ProblemsFound(Exception):
    """Raised when input has problems; carries all of them so they can be printed at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    lines = [p.format() for p in sorted(problems)]
    lines.append(f"Fant {len(problems)} feil. Rett feilene over og prøv igjen.")  # «feil» is also plural
    return "\n".join(lines)

