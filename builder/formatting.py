"""Norwegian number and date formatting: decimal comma, space as thousands separator."""

from __future__ import annotations

from datetime import date

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
          "september", "oktober", "november", "desember")
NBSP = "\u00a0"


def format_number(value: float | int, decimals: int | None = None) -> str:
    """9.4 -> '9,4'; 13116 -> '13 116' (non-breaking space); -0.67 -> '−0,67'."""
    if decimals is None:
        if isinstance(value, int) or float(value).is_integer():
            decimals = 0
        else:
            decimals = min(len(repr(float(value)).split(".")[1]), 4)
    text = f"{abs(value):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return ("\u2212" if value < 0 else "") + text


def format_date(iso: str) -> str:
    """'2026-11-24' -> '24. november 2026'."""
    d = date.fromisoformat(iso)
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def norwegian_key(text: str) -> str:
    """A sort key for Norwegian alphabetical order: case-insensitive, æ, ø, å after z."""
    return text.lower().translate(_NORWEGIAN_ORDER)


_NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})
