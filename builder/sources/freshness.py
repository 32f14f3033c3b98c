"""Freshness: stale cases, overdue theme pages, old contacts, and when files last changed in git.

"Today" comes from SOURCE_DATE_EPOCH when set (reproducible builds), otherwise the system clock.
Limits are set in pyproject.toml under [tool.erfaringsbanken].
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

from builder.sources.model import Case, Contact


@dataclass(frozen=True)
class Settings:
    stale_after_days: int = 730
    contact_stale_after_days: int = 365


def load_settings(root: Path) -> Settings:
    path = root / "pyproject.toml"
    if not path.is_file():
        return Settings()
    data = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("erfaringsbanken", {})
    return Settings(**{k: int(v) for k, v in data.items() if k in Settings.__dataclass_fields__})


def today() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def age_days(iso: str, on: date) -> int:
    return (on - date.fromisoformat(iso)).days


def is_stale(case: Case, settings: Settings, on: date) -> bool:
    return age_days(case.sist_vurdert, on) > settings.stale_after_days


def contact_status(contact: Contact, settings: Settings, on: date) -> str:
    """'ok', 'old' or 'unchecked'."""
    if not contact.kontrollert:
        return "unchecked"
    return "old" if age_days(contact.kontrollert, on) > settings.contact_stale_after_days else "ok"


@lru_cache(maxsize=4)
def git_last_changed(root: Path) -> dict[str, str]:
    """{path relative to root: YYYY-MM-DD of the last commit touching it}, or {} outside git.

    One `git log` over the content folders, not one call per file (linear in history, not N²).
    """
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--no-renames",
             "--", "cases", "content"],
            capture_output=True, text=True, timeout=60, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    changed: dict[str, str] = {}
    current = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            current = line[1:]
        elif line and current:
            changed.setdefault(line, current)
    return changed


def git_first_added(root: Path) -> dict[str, str]:
    """{case file relative to root: YYYY-MM-DD of the first commit that added it}, or {} outside git."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "--diff-filter=A", "--format=%x00%cs", "--name-only",
             "--no-renames", "--", "cases"],
            capture_output=True, text=True, timeout=60, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    added: dict[str, str] = {}
    current = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            current = line[1:]
        elif line and current:
            added[line] = current  # the log runs newest first: the last date seen is the first add
    return added
