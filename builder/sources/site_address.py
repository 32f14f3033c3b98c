"""The site's and the repository's address (SITE_URL, REPO_URL), checked before anything is built.

Both end up in every page: SITE_URL in canonical links, Open Graph, the sitemap and the feeds;
REPO_URL in the repository link, «edit» and «history» links and the editing form. A value that is
not a plain https address would be written into those attributes as it is, so it is refused at
start-up with a message that names the variable, says what is wrong and shows a right value.
"""

from __future__ import annotations

import ipaddress
import os
import re
import unicodedata
from urllib.parse import urlsplit

from builder.core.problems import Problem

EXAMPLES = {
    "SITE_URL": "https://kommune.example.org/erfaringsbanken/",
    "REPO_URL": "https://github.com/kommune/erfaringsbanken",
}
WHAT = {
    "SITE_URL": "nettstedets adresse",
    "REPO_URL": "adressen til kodelageret",
}
# Characters that could end an HTML attribute, start a tag or be read differently by a browser.
_FORBIDDEN = set('"\'<>`\\{}|^')
_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")


def _shown(value: str) -> str:
    """The value as it may be printed: control and invisible characters written as \\xNN/\\uNNNN."""
    return "".join(ch if ch == " " or unicodedata.category(ch)[0] not in "CZ" else ascii(ch)[1:-1]
                   for ch in value)


def _character_name(ch: str) -> str:
    if ch == " ":
        return "et mellomrom"
    if unicodedata.category(ch)[0] in "CZ":
        return f"et usynlig tegn eller kontrolltegn ({ascii(ch)[1:-1]})"
    return f"tegnet «{ch}»"


def _host_ok(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    return bool(host) and len(host) <= 253 and all(_LABEL.fullmatch(label) and len(label) <= 63 for label in labels)


def address_problem(name: str, value: str) -> str | None:
    """What is wrong with `value` as the variable `name` (Norwegian), or None when it is a plain
    https address: a host, an optional port and path, no user name or password, no fragment and
    (SITE_URL) no query, and none of the characters that could break out of an HTML attribute."""
    if value != value.strip():
        return "har mellomrom eller linjeskift først eller sist; ta dem bort"
    odd = next((ch for ch in value if ch in _FORBIDDEN or unicodedata.category(ch)[0] in "CZ"), None)
    if odd is not None:
        return f"inneholder {_character_name(odd)}, som ikke kan stå i en nettadresse"
    if value.lower().startswith("http://"):
        return "bruker http://, som ikke er kryptert; adressen må begynne med https://"
    if value.lower().startswith("https://") and not value.startswith("https://"):
        return "må begynne med https:// skrevet med små bokstaver"
    if not value.startswith("https://"):
        return "er ikke en fullstendig nettadresse; den må begynne med https://"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return "har et ugyldig portnummer eller en ugyldig vertsdel"
    if "@" in parts.netloc:
        return "inneholder brukernavn eller passord (tegnet «@» foran vertsnavnet); ta dem bort"
    if not parts.hostname:
        return "mangler vertsnavn etter https://"
    if not _host_ok(parts.hostname):
        return f"har et ugyldig vertsnavn («{parts.hostname}»)"
    if port == 0:
        return "har et ugyldig portnummer"
    if "#" in value:
        return "inneholder et anker («#…»), som ikke hører hjemme i adressen"
    if name == "SITE_URL" and "?" in value:
        return "inneholder en spørring («?…»), som ikke hører hjemme i nettstedets adresse"
    if name == "REPO_URL" and "?" in value:
        return "inneholder en spørring («?…»), som ikke hører hjemme i adressen til kodelageret"
    if "//" in parts.path:
        return ("har to skråstreker etter hverandre i stien («//»); en lenke som begynner slik går til et "
                "annet vertsnavn")
    if re.search(r"%(?![0-9A-Fa-f]{2})", value):
        return "inneholder et «%» som ikke er fulgt av to heksadesimale sifre"
    return None


def address_problems(environ=None) -> list[Problem]:
    """Problems with SITE_URL and REPO_URL in the environment. Unset or empty means not set."""
    environ = os.environ if environ is None else environ
    problems = []
    for name in ("SITE_URL", "REPO_URL"):
        value = environ.get(name)
        if value:
            problem = address_problem(name, value)
            if problem:
                problems.append(variable_problem(name, value, problem))
    return problems


def variable_problem(name: str, value: str, what_is_wrong: str) -> Problem:
    return Problem(f"miljøvariabelen {name}", 0, 0, name, f"«{_shown(value)}» {what_is_wrong}",
                   f"Sett {name} til {WHAT[name]}, for eksempel {name}={EXAMPLES[name]}, "
                   f"eller la den være tom")


def inert_in_markup(url: str) -> str:
    """`url` with every character that could end an HTML attribute or a JavaScript string
    percent-encoded: the same address, and nothing for a browser to read as markup. A checked
    address has none of them; this is for the places where the theme prints an address raw."""
    return re.sub(r"[\x00-\x20\"'<>`\\\x7f]", lambda m: f"%{ord(m.group()):02X}", url)
