"""Private phone numbers and e-mail addresses are refused in every spelling; what a case text writes
with digits and is not a phone number (switchboards, ranges, years, dates, amounts) stays allowed."""

from pathlib import Path

import pytest

from builder.sources.validation import privacy_problems
from builder.sources.yaml_loader import load_yaml_bytes


def _found(text: str, field: str = "bakgrunn") -> list[str]:
    """The problems privacy_problems reports for a one-field document, as «line:column message»."""
    raw = f"{field}: |\n  {text}\n".encode("utf-8")
    doc = load_yaml_bytes(raw, Path("x.yml"), "cases/x.yml")
    return [f"{p.line}:{p.column} {p.message}" for p in privacy_problems(doc)]


# (text, the number as the message quotes it)
PHONE_REFUSED = [
    ("Ring +4791234567 for mer.", "+4791234567"),
    ("Ring 0047 91234567 for mer.", "0047 91234567"),
    ("Ring 0047 912 34 567 for mer.", "0047 912 34 567"),
    ("Ring +47 912 34 567 for mer.", "+47 912 34 567"),
    ("Ring (+47) 91 23 45 67 for mer.", "(+47) 91 23 45 67"),
    ("Ring 47 91234567 for mer.", "47 91234567"),
    ("Ring 9123 45 67 for mer.", "9123 45 67"),
    ("Ring 912 345 67 for mer.", "912 345 67"),
    ("Ring 91 23 4567 for mer.", "91 23 4567"),
    ("Ring 91 234 567 for mer.", "91 234 567"),
    ("Ring 912 34 567 for mer.", "912 34 567"),
    ("Ring 91 23 45 67 for mer.", "91 23 45 67"),
    ("Ring 9123 4567 for mer.", "9123 4567"),
    ("Ring 91234567 for mer.", "91234567"),
    ("ring 91234567, eller skriv", "91234567"),
    ("ring 912 34 567, eller skriv", "912 34 567"),
    ("Nummeret er 91234567.", "91234567"),
    ("tlf:91234567", "91234567"),
    ("Ring 912.34.567 for mer.", "912.34.567"),
    ("Ring 91.23.45.67 for mer.", "91.23.45.67"),
    ("Ring 912-34-567 for mer.", "912-34-567"),
    ("Ring 912–34–567 for mer.", "912–34–567"),
    ("Ring 912/34/567 for mer.", "912/34/567"),
    ("Ring 912  34  567 for mer.", "912  34  567"),
    ("Ring 9123\u00a04567 for mer.", "9123\u00a04567"),
    ("Ring 912\u202f34\u202f567 for mer.", "912\u202f34\u202f567"),
    ("Ring 22 12 34 56 for mer.", "22 12 34 56"),  # a landline without a switchboard label
    ("Ring +47 22 12 34 56 for mer.", "+47 22 12 34 56"),
    ("Sentralbord 912 34 567", "912 34 567"),  # a mobile number is never a switchboard
    ("Ring +46 70 123 45 67 for mer.", "+46 70 123 45 67"),  # a foreign number
    ("Ring 2006–91234567 for mer.", "91234567"),  # one side of a pair
    ("Ring 91234567 08–16.", "91234567"),  # next to other digits: opening hours, a year, a count
    ("Ring 912 34 567 24/7.", "912 34 567"),
    ("Ring 91 23 45 67 1 gang i uka.", "91 23 45 67"),
    ("Fra 2022 91 23 45 67.", "91 23 45 67"),
    ("Ring 91234567 2009.", "91234567"),
    ("Ring \uff19\uff11\uff12\uff13\uff14\uff15\uff16\uff17.",  # fullwidth digits
     "\uff19\uff11\uff12\uff13\uff14\uff15\uff16\uff17"),
    ("Ring 91\u00ad234567.", "91\u00ad234567"),  # soft hyphen, zero-width space, tab: unseen or blank
    ("Ring 91\u200b23\u200b45\u200b67.", "91\u200b23\u200b45\u200b67"),
    ("Ring 91\t23\t45\t67.", "91\t23\t45\t67"),
]

PHONE_ALLOWED = [
    "Kommunens sentralbord 71 11 10 00 svarer.",
    "Sentralbord 71 11 10 00 / 71 11 10 01.",
    "Sentralbordet: +47 71 11 10 00.",
    "Servicetorget 71 11 10 00.",
    "Kommunens sentralbord, tlf. 71 11 10 00.",  # linking words between the label and the number
    "Ring sentralbordet på telefon 71 11 10 00.",
    "Ring 71 11 10 00 (sentralbordet).",  # the label after the number
    "Prosjektet gikk 2006–2009.",
    "Prosjektet gikk 2006-2009.",
    "I årene 2006 2009 skjedde lite.",
    "Se linje 6181–6190 og 1713–1758, 4754.",
    "Vedtatt 24.11.2026 og 2026-11-24.",
    "Kommunenummer 0301 og 4601.",
    "Kommunen har 12 345 innbyggere.",
    "Budsjettet var 23 456 789.",
    "Budsjettet var 91 234 567 kroner.",
    "Budsjettet var kr 91 234 567.",
    "Budsjettet var 45 000 000 NOK.",
    "Sykefraværet falt til 9,4 prosent.",
    "Snittet var 91234567,5.",
    "Fra 2 000–4 000 brukere.",
    "Åpent kl. 08.00–15.30.",
    "Side 12–14.",
    "Det var i 2019. 9123 deltok.",
    "Organisasjonsnummer 974 760 673.",
    "Tabellen: 7.809 7.876 og 3,14159265.",
    "Saksnummer 12345678.",
    "Beløpet var 45 123 456 789.",  # one amount in thousands, not split into a phone number
    "Tabellen: 4 500 3 200 2 100.",
    "I 2019 2020 2021 var det 45 46 47.",
    "Kommunene 3001 3002 3003 slo seg sammen.",  # a list of kommunenummer
]


@pytest.mark.parametrize("text, number", PHONE_REFUSED, ids=[r[0] for r in PHONE_REFUSED])
def test_phone_numbers_in_every_spelling_are_refused(text, number):
    found = _found(text)
    column = 3 + text.index(number)  # the value starts at column 3 of line 2
    assert found == [f"2:{column} ser ut til å inneholde et telefonnummer («{number}»)"]


@pytest.mark.parametrize("text", PHONE_ALLOWED)
def test_numbers_that_are_not_phone_numbers_are_allowed(text):
    assert _found(text) == []


MAIL_REFUSED = [
    "kari@gmail.com", "Kari@GMAIL.COM", "kari@yahoo.co.uk", "kari@hotmail.co.uk", "kari@hotmail.no",
    "kari@outlook.com", "kari@mail.hotmail.co.uk", "kari@yahoo.com.au", "kari@proton.me", "kari@online.no",
    "kari@nordmann.priv.no", "kari@icloud.com", "kari.nordmann@molde.kommune.no", "kari-n@ks.no",
    "kari (at) gmail.com", "kari[at]gmail.com", "kari(a)hotmail.co.uk", "kari.nordmann [at] ks.no",
    "kari @ gmail.com", "kari@ gmail.com", "kari\uff20gmail.com", "kari <at> gmail.com", "kari {at} gmail.com",
    "kari(at)gmail(dot)com", "kari (at) gmail (dot) com", "kari@gmail[punktum]com",
]
MAIL_ALLOWED = [
    "postmottak@molde.kommune.no", "servicetorget@molde.kommune.no", "post@ks.no", "info@ks.no",
    "postmottak@kommune.no", "kontakt@example.co.uk", "personvernombud@molde.kommune.no",
    "postmottak (at) molde.kommune.no", "postmottak @ molde (dot) kommune (dot) no", "oss @ ks.no",
    "postmottak.helse@bergen.kommune.no", "servicetorget-oppvekst@molde.kommune.no",  # a unit's role mailbox
]


@pytest.mark.parametrize("address", MAIL_REFUSED)
def test_private_mail_addresses_are_refused(address):
    assert _found(f"Skriv til {address} for mer.") == [
        f"2:13 «{address}» ser ut som en personlig e-postadresse"]


@pytest.mark.parametrize("address", MAIL_ALLOWED)
def test_role_mailboxes_are_allowed(address):
    assert _found(f"Skriv til {address} for mer.") == []


@pytest.mark.parametrize("domain, registrable", [
    ("hotmail.co.uk", "hotmail.co.uk"), ("mail.hotmail.co.uk", "hotmail.co.uk"), ("gmail.com", "gmail.com"),
    ("molde.kommune.no", "kommune.no"), ("kari.priv.no", "kari.priv.no"), ("GMAIL.COM.", "gmail.com"),
])
def test_registrable_domain(domain, registrable):
    from builder.sources.privacy import registrable_domain

    assert registrable_domain(domain)[0] == registrable


def test_fields_that_hold_numbers_by_design_are_not_checked():
    assert _found("91234567", field="linjer") == []
    assert _found("91234567", field="kommunenummer") == []



def test_long_hostile_texts_are_checked_in_linear_time(project_dir):
    """Digits and separators, or letters without an @, over whole fields: each number or address
    is judged once (a check that rescanned the text before each number took minutes here)."""
    from conftest import ROOT, run_cli

    fields = {"bakgrunn": "1. ", "tiltak": "9 .", "mål": "+1 ", "læringspunkter": "a",
              "overføringsverdi": "a.", "samarbeidsorgan": "1. 2 "}
    template = (ROOT / "tests" / "bad_inputs" / "phone-double-spaces.yml").read_text(encoding="utf-8")
    lines = [line.replace("phone-double-spaces", "lang-tekst") for line in template.splitlines()
             if not line.startswith(tuple(f"{field}:" for field in fields))]
    lines += [f'{field}: "{(unit * (49_000 // len(unit))).strip()}"' for field, unit in fields.items()]
    (project_dir / "cases" / "lang-tekst.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli(project_dir, "validate", "cases/lang-tekst.yml", timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cases/lang-tekst.yml:" in result.stderr and "teksten er for lang" in result.stderr


def test_both_numbers_of_a_pair_are_reported():
    assert _found("Ring 91 23 45 67/91 23 45 68 for mer.") == [
        "2:8 ser ut til å inneholde et telefonnummer («91 23 45 67»)",
        "2:20 ser ut til å inneholde et telefonnummer («91 23 45 68»)"]
