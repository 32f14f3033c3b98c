"""Norwegian number and date formatting: decimal comma, space as thousands separator."""

from __future__ import annotations

import re
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


def norwegian_key(text: str) -> str:
    """A sort key for Norwegian alphabetical order: case-insensitive, æ, ø, å after z."""
    return text.lower().translate(_NORWEGIAN_ORDER)


_NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


# Long words from the vocabularies, with their compound joints: in narrow table columns they break
# there (with a hyphen) instead of anywhere or not at all.
_JOINTS = ("kvalitets|kommune|programmet", "effektiviserings|nettverkene", "utviklings|senter",
           "hjemme|tjenester", "kompetanse|heving", "utviklings|arbeid", "bruker|medvirkning",
           "lærings|nettverk", "spørre|undersøkelse", "kunnskaps|grunnlag", "utviklings|programmet",
           "arbeidsmiljø|undersøkelse", "register|data", "sykefraværs|statistikk")
_SOFT = {j.replace("|", ""): j.split("|") for j in _JOINTS}
SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W\d_]{12,}")


def soft_hyphens(text: str) -> str:
    """Insert soft hyphens at the compound joints of known long words (case kept)."""
    def split(match):
        word = match.group(0)
        parts = _SOFT.get(word.lower())
        if not parts:
            return word
        out, start = [], 0
        for part in parts:
            out.append(word[start:start + len(part)])
            start += len(part)
        return SOFT_HYPHEN.join(out)
    return _WORD.sub(split, text)

