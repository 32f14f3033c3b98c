"""Norwegian number and date formatting: decimal comma, space as thousands separator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
          "september", "oktober", "november", "desember")
NBSP = "\u00a0"


def format_number(value: float | int, decimals: int | None = None) -> str:
    """9.4 -> '9,4'; 13116 -> '13 116' (non-breaking space); -0.67 -> '−0,67'."""
    if decimals is None:
        if isinstance(value, int) or float(value).is_integer():
            decimals = 0
        else:
            exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent  # 1e-05 has no «.»
            decimals = min(max(-exponent, 0), 6)
    text = f"{abs(value):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return ("\u2212" if value < 0 else "") + text


def format_date(iso: str) -> str:
    """'2026-11-24' -> '24. november 2026'."""
    d = date.fromisoformat(iso)
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
