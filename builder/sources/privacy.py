"""Cases name roles, never private persons: no private phone number or e-mail address in any field.

Phone numbers are found the way people write them, not by a list of groupings: every run of digit
groups joined by separators (spaces of any width, a dot, dashes, slashes; ``+47``, ``0047`` or
``(+47)`` in front) is read, the separators dropped and the country prefix taken off, and then the
digits are judged. Eight digits starting with 2–9 are a Norwegian phone number (mobile numbers
start with 4 or 9), ``+`` and 8–15 digits a foreign one. What a case text writes with digits and
is not a phone number stays allowed:

* a public switchboard, written with its label: «sentralbord 71 11 10 00», «sentralbordet på telefon
  71 11 10 00», «71 11 10 00 (sentralbord)» (never a mobile number);
* a range or a pair, two numbers joined by a dash or slash: «2006–2009», «linje 6181–6190» (each
  side is judged on its own: «91234567/91234568» is two phone numbers);
* years side by side («2006 2009») and dates («24.11.2026», «2026-11-24»);
* amounts with thousands grouping, «23 456 789» (for a number that starts like a mobile number,
  only with a unit: «91 234 567 kroner»); decimals, kommunenummer (four digits), statistics.

E-mail addresses (also written «kari (at) gmail.com», «kari @ gmail (dot) com») are judged by their
registrable domain (``hotmail.co.uk``, ``gmail.com``, ``kari.priv.no``), so any subdomain or country variant of a
private mail service is caught; an address shaped like a person's name (``kari.nordmann@…``) is
private on any domain, unless it is a role mailbox (``postmottak@``, ``postmottak.helse@``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from builder.core.problems import Problem
from builder.sources.yaml_loader import YamlDocument, field_label

# --- phone numbers ------------------------------------------------------------------------------

_SPACE = "[ \u00a0\u2007\u2009\u202f]"
_DASH = "[-\u2010-\u2015/]"  # hyphen, the Unicode dashes (en, em …) and slash
# Between two digit groups: one to three spaces, a single dot, or a dash/slash with spaces around.
_SEP = rf"(?:{_SPACE}{{0,3}}{_DASH}{_SPACE}{{0,3}}|{_SPACE}{{1,3}}|\.)"
_NUMBER = re.compile(
    rf"(?<![\w+])"  # not inside a word
    rf"(?:\(\+\d{{1,3}}\){_SPACE}{{0,3}}|\+)?\d+(?:{_SEP}\d+)*"
    rf"(?!\w)(?![.,]\d{{1,3}}(?!\d))")  # not followed by letters or decimals («91234567,5»); a comma is fine
_DECIMALS_BEFORE = re.compile(r"(?<!\d)\d{1,6}[.,]$")  # «3,14159265»: the match is the decimals of a number
_GROUP = re.compile(r"\d+")
_RANGE = re.compile(rf"{_SPACE}*{_DASH}{_SPACE}*")
_BOARDS = r"(?:sentralbord|servicetorg|servicesenter|kundesenter|innbyggertorg)"
# The label before the number, also with a few linking words: «sentralbordet på telefon 22 05 00 00».
_SWITCHBOARD = re.compile(rf"{_BOARDS}\w*(?:\W{{0,5}}\b(?:på|er|har|tlf|tel|telefon|telefonnummer|telefonnr|"
                          rf"nummer|nr)\b){{0,3}}\W{{0,20}}$", re.IGNORECASE)
_SWITCHBOARD_AFTER = re.compile(rf"\W{{0,3}}{_BOARDS}", re.IGNORECASE)  # «22 05 00 00 (sentralbord)»
_UNIT_AFTER = re.compile(r"\s?(?:(?i:kr\b|kr\.|kroner|mill|mrd|milliard|innbygger|elev|person|deltaker|bruker|"
                         r"ansatt|prosent)|NOK\b|,-|%)")
_UNIT_BEFORE = re.compile(r"(?:(?i:kr\.?|kroner)|NOK)\s?$")

PHONE_HINT = ("Oppgi rolle og virksomhet, ikke private telefonnummer; et offentlig sentralbord kan stå "
              "som «sentralbord 75 16 00 00»")


def _is_year(group: str) -> bool:
    return len(group) == 4 and group[:2] in ("19", "20")


def _is_date(groups: list[str]) -> bool:
    """2026-11-24 or 24.11.2026 (day and month with two digits, so eight digits in all)."""
    shape = [len(g) for g in groups]
    if shape == [4, 2, 2]:
        year, month, day = groups
    elif shape == [2, 2, 4]:
        day, month, year = groups
    else:
        return False
    return _is_year(year) and 1 <= int(month) <= 12 and 1 <= int(day) <= 31


@dataclass(frozen=True)
class PhoneNumber:
    text: str  # as written
    start: int  # index in the value
    national: str | None  # the eight Norwegian digits, or None for a foreign number


def _reading(text: str) -> tuple[str | None, bool]:
    """The eight-digit national number a written number stands for (None if it is none), and
    whether a country code was written (then the spelling alone says «phone number»)."""
    digits = re.sub(r"\D", "", text)
    if text.lstrip("(").startswith("+"):
        if digits.startswith("47") and len(digits) == 10:
            return digits[2:], True
        return ("" if 8 <= len(digits) <= 15 and not digits.startswith("47") else None), True
    if digits.startswith("0047") and len(digits) == 12:
        return digits[4:], True
    if digits.startswith("47") and len(digits) == 10 and _GROUP.match(text).group() in ("47", digits):
        return digits[2:], True  # «47 91234567», «4791234567»
    if len(digits) == 8:
        return digits, False
    return None, False


class _AsRead(dict):
    """str.translate table for what a reader sees: digits of any script (fullwidth ９, Arabic-Indic
    ٩) as ASCII digits, invisible characters (soft hyphen, zero-width space …) and tabs as spaces.
    One character for one, so positions in the text stay the same."""

    def __missing__(self, code: int):
        char = chr(code)
        if char.isdecimal() and not char.isascii():
            self[code] = str(unicodedata.decimal(char))
        elif char == "\t" or (unicodedata.category(char) == "Cf" and not char.isascii()):
            self[code] = " "
        else:
            self[code] = code
        return self[code]


_AS_READ = _AsRead()


def phone_numbers(value: str) -> list[PhoneNumber]:
    """The phone numbers written in a text, except the allowed spellings listed in the module doc."""
    written, value = value, value.translate(_AS_READ)
    return [PhoneNumber(written[n.start:n.start + len(n.text)], n.start, n.national) for n in _phone_numbers(value)]


def _numbers_inside(value: str, text: str, start: int, label_end: int) -> list[PhoneNumber]:
    """The phone numbers in a run with more digits than one number has («91234567 2009», «2022 91 23
    45 67», «91234567 08»): each stretch of whole groups of two or more digits that makes eight
    digits is judged on its own. An amount grouped in thousands is one number and is not split."""
    groups = [(m.start(), m.end()) for m in _GROUP.finditer(text)]
    lengths = [end - begin for begin, end in groups]
    if len(groups) < 2 or (lengths[0] <= 3 and all(n == 3 for n in lengths[1:])) or set(lengths) == {4}:
        return []  # one amount in thousands, or a list of four-digit numbers (kommunenummer, years)
    found, i = [], 0
    while i < len(groups):
        if lengths[i] == 4 and _is_year(text[groups[i][0]:groups[i][1]]):
            i += 1  # «2022 91 23 45 67»: the year is a word of its own
            continue
        total, j = 0, i
        while j < len(groups) and total < 8 and lengths[j] >= 2:
            total, j = total + lengths[j], j + 1
        if total == 8:
            piece = text[groups[i][0]:groups[j - 1][1]]
            number = _phone_number(value, piece, start + groups[i][0], label_end)
            if number is not None:
                found.append(number)
                i = j
                continue
        i += 1
    return found


def _phone_numbers(value: str) -> list[PhoneNumber]:
    found = []
    for match in _NUMBER.finditer(value):
        if _DECIMALS_BEFORE.search(value[max(0, match.start() - 8):match.start()]):
            continue
        parts = [(match.group(), match.start())]
        dash = _RANGE.search(match.group())
        if dash and len(_RANGE.split(match.group())) == 2 and not _reading(match.group())[1]:
            # 2006–2009, 6181-6190, 2 000–4 000: a range or a pair, whose sides may each be a number
            parts = [(match.group()[:dash.start()], match.start()),
                     (match.group()[dash.end():], match.start() + dash.end())]
        for text, start in parts:
            number = _phone_number(value, text, start, match.start())
            if number is not None:
                found.append(number)
            elif _reading(text)[0] is None:
                found += _numbers_inside(value, text, start, match.start())
    return found


def _phone_number(value: str, text: str, start: int, label_end: int) -> PhoneNumber | None:
    """The number `text` (at `start` in `value`) as a phone number, or None if it is none or allowed.
    A label («sentralbord») ends at `label_end`: before the number, or before the pair it is part of."""
    national, prefixed = _reading(text)
    if national is None:
        return None
    if national == "":  # a foreign number: + and 8-15 digits
        return PhoneNumber(text, start, None)
    if national[0] not in "23456789":
        return None
    mobile = national[0] in "49"
    before = value[max(0, start - 60):start]  # bounded: linear time on long texts
    if not prefixed:
        groups = _GROUP.findall(text)
        if all(_is_year(g) for g in groups) or _is_date(groups):
            return None
        if "." in text and re.search(_SPACE, text):
            return None  # 7.809 7.876: numbers with thousands dots, side by side in a table
        thousands = 1 <= len(groups[0]) <= 3 and len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) \
            and not _RANGE.search(text)
        if thousands and (not mobile or _UNIT_AFTER.match(value, start + len(text))
                          or _UNIT_BEFORE.search(before)):
            return None  # 23 456 789, 91 234 567 kroner: an amount
    if not mobile and (_SWITCHBOARD.search(value[max(0, label_end - 60):label_end])
                       or _SWITCHBOARD_AFTER.match(value, start + len(text))):
        return None  # a public switchboard (landline, labelled)
    return PhoneNumber(text, start, national)


# --- e-mail addresses ---------------------------------------------------------------------------

# Private e-mail services, by the name of the registrable domain (gmail.com, hotmail.co.uk,
# proton.me, online.no …): an address there belongs to a person, never to a role.
PRIVATE_MAIL = {"gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "ymail", "rocketmail",
                "icloud", "me", "mac", "aol", "gmx", "proton", "protonmail", "pm", "tutanota", "tuta", "yandex",
                "zoho", "hey", "online", "start", "frisurf", "c2i", "broadpark", "getmail", "lyse", "altibox",
                "telia", "mail", "email", "fastmail", "posteo", "mailbox", "hushmail", "libero", "seznam", "qq",
                "rediffmail", "btinternet", "virginmedia", "bigpond", "optusnet", "comcast", "sbcglobal",
                "bellsouth", "earthlink"}
# Public suffixes of two labels (the registrable domain is then three labels: hotmail.co.uk).
# Not complete; it covers where private mail services register country domains.
_TWO_LABEL_SUFFIXES = {
    f"{second}.{top}"
    for top, seconds in {
        "uk": "co org me ltd plc net ac gov sch nhs",
        "au": "com net org edu gov id asn",
        "nz": "co net org ac govt school geek gen kiwi maori",
        "za": "co org net gov ac web",
        "jp": "co ne or ac go ad gr",
        "kr": "co ne or ac go re",
        "in": "co net org firm gen ind ac gov",
        "br": "com net org gov edu art",
        "ar": "com net org gov edu int",
        "mx": "com net org gob edu",
        "tr": "com net org gov edu gen web",
        "cn": "com net org gov edu ac",
        "tw": "com net org gov edu idv",
        "hk": "com net org gov edu idv",
        "sg": "com net org gov edu per",
        "my": "com net org gov edu name",
        "il": "co net org gov ac muni",
        "id": "co net or go ac web my",
        "th": "co net or go ac in",
        "ua": "com net org gov edu in",
        "ru": "com net org msk spb",
        "pl": "com net org gov edu",
        "es": "com nom org gob edu",
        "fr": "com asso nom gouv",
        "no": "priv",
    }.items()
    for second in seconds.split()
}
# Person-owned domains: every address under them is private (kari@nordmann.priv.no).
_PRIVATE_SUFFIXES = {"priv.no", "me.uk", "id.au", "idv.tw", "idv.hk", "per.sg", "name.my", "nom.es", "nom.fr"}
# Role addresses that are public by design (postmottak@molde.kommune.no, servicetorget@…).
ROLE_MAILBOXES = {"postmottak", "post", "postkasse", "servicetorg", "servicetorget", "sentralbord",
                  "sentralbordet", "kundesenter", "kontakt", "info", "firmapost", "innbyggerservice",
                  "innbyggertorg", "innbyggertorget", "personvernombud", "personvern", "arkiv"}
# An address, also written to dodge harvesters: kari (at) gmail.com, kari[at]gmail.com. A match
# starts only where a run of address characters starts, which keeps the search linear in time.
_EMAIL = re.compile(r"(?<![\w.+-])(?P<local>[\w.+-]+)"
                    r"(?: ?[@\uff20] ?| ?[(\[{<](?:at|a|@|krøllalfa|alfakrøll)[)\]}>] ?)"
                    r"(?P<domain>[\w-]+(?:(?:\.| ?[(\[{<](?:dot|punktum|prikk)[)\]}>] ?)[\w-]+)+)", re.IGNORECASE)
_DOT_WRITTEN = re.compile(r" ?[(\[{<](?:dot|punktum|prikk)[)\]}>] ?", re.IGNORECASE)  # gmail (dot) com
_PERSON_NAME_MAILBOX = re.compile(r"[^\W\d_]+([._-][^\W\d_]+)+")  # fornavn.etternavn, kari-n


def registrable_domain(domain: str) -> tuple[str, str]:
    """(registrable domain, public suffix): mail.hotmail.co.uk -> ("hotmail.co.uk", "co.uk")."""
    labels = domain.lower().rstrip(".").split(".")
    width = 2 if ".".join(labels[-2:]) in _TWO_LABEL_SUFFIXES else 1
    suffix = ".".join(labels[-width:])
    return ".".join(labels[-width - 1:]), suffix


def private_email(address: str) -> bool:
    local, _, domain = address.lower().rpartition("@")
    registrable, suffix = registrable_domain(domain)
    if suffix in _PRIVATE_SUFFIXES or registrable.split(".")[0] in PRIVATE_MAIL:
        return True
    if any(part in ROLE_MAILBOXES for part in re.split(r"[._-]", local)):
        return False  # a role mailbox of a unit: postmottak.helse@, servicetorget-oppvekst@
    return bool(_PERSON_NAME_MAILBOX.fullmatch(local))


# --- the check ----------------------------------------------------------------------------------

_NOT_TEXT = {"linjer", "sider", "kommunenummer", "id", "sist_vurdert", "kontrollert", "fra", "til"}


def _strings(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def privacy_problems(doc: YamlDocument) -> list[Problem]:
    """Every phone number (except a labelled public switchboard) and personal e-mail address in any
    text field of a case, with file, line and column."""
    problems = []
    for path, value in _strings(doc.data):
        if path and path[-1] in _NOT_TEXT:
            continue
        for number in phone_numbers(value):
            pos = doc.locate(path, number.text)
            problems.append(Problem(doc.display_path, pos.line, pos.column, field_label(path),
                                    f"ser ut til å inneholde et telefonnummer («{number.text}»)", PHONE_HINT))
        for match in _EMAIL.finditer(value):
            address = match.group()
            if private_email(f"{match.group('local')}@{_DOT_WRITTEN.sub('.', match.group('domain'))}"):
                pos = doc.locate(path, address)
                problems.append(Problem(doc.display_path, pos.line, pos.column, field_label(path),
                                        f"«{address}» ser ut som en personlig e-postadresse",
                                        "Bruk en funksjonsadresse, for eksempel postmottak@kommune.no"))
    return problems
