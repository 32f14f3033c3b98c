"""The form runs the checks of `validate` (rediger/sjekk.js) before saving, in headless Chromium
against a real decap-server (the harness of tests/editing/test_editor_form.py): a case with a mistake is
not saved, and the message stands at the field's label and in the list at the bottom of the window."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from test_editor_form import (STEP, _choose, _fill_valid_case, _labelled, _rich_text, _saved_branch,  # noqa: F401
                              cms, editor, slugify)

pytestmark = pytest.mark.browser

CASE = "askim-skole-kvalitetssystem"

# (what the editor does, the field's label, a word of the message)
MISTAKES = [
    ("bakgrunn", "Ring meg på 912 34 567.", "Bakgrunn", "telefonnummer"),
    ("tiltak", "Skriv til kari.nordmann@gmail.com.", "Tiltak", "personlig e-postadresse"),
    ("bakgrunn", "[Les mer](javascript:alert(1))", "Bakgrunn", "javascript:"),
    ("tiltak", "[Les mer](javascript:alert(1))", "Tiltak", "javascript:"),
    ("tittel", "FYLL INN: tittelen", "Tittel", "malteksten"),
    ("sist_vurdert", "2099-01-01", "Sist vurdert", "frem i tid"),
    # the name is chosen from every municipality; one in another county than the case's is refused
    ("kommuner[1].navn", "Sokndal", "Kommuner 1 → Navn", "(fylke: ostfold) finnes ikke i listen over kommuner"),
]


@pytest.mark.parametrize("field, typed, label, word", MISTAKES, ids=[m[3] for m in MISTAKES])
def test_a_mistake_blocks_saving_with_a_message_at_the_field(editor, field, typed, label, word):  # noqa: F811
    page, url, repo = editor
    page.goto(f"{url}/rediger/#/collections/eksempler/entries/{CASE}")
    title = page.get_by_label("Tittel", exact=True)
    expect(title).not_to_have_value("", timeout=STEP)  # the entry has loaded
    if field == "tittel":
        title.fill(typed)
    elif field == "sist_vurdert":
        page.get_by_label("Sist vurdert", exact=True).fill(typed)
    elif field.startswith("kommuner"):
        _choose(page, page.locator("input[id^='navn-field-']").first, typed)
    else:
        _rich_text(page, field, typed)
    page.get_by_role("button", name="Lagre").click()
    summary = page.locator("#eb-sjekk")
    expect(summary).to_contain_text(word, timeout=STEP)
    expect(summary).to_contain_text(label + ":")
    note = page.locator(f".eb-sjekk-felt[data-felt='{field}']")
    expect(note).to_contain_text(word)
    # the note stands right after the label of the field (of the list, for a field in a list item)
    assert note.first.evaluate("n => n.previousElementSibling.tagName") == "LABEL"
    assert label.split(" ")[0] in note.first.evaluate("n => n.previousElementSibling.textContent")
    _nothing_saved(page, repo, CASE)


def _nothing_saved(page, repo, case_id: str) -> None:
    page.wait_for_timeout(1500)
    branches = subprocess.run(["git", "-C", str(repo), "branch", "--list", f"cms/eksempler/{case_id}"],
                              capture_output=True, text=True, timeout=30).stdout
    assert branches.strip() == "", "nothing was saved"


def _add_contact(page, role: str, email: str) -> None:
    page.get_by_role("button", name="Legg til kontakt").click()
    contact = page.locator("[id^='kontakt-field-']").first.locator("..")
    _labelled(contact, "Rolle").fill(role)
    _labelled(contact, "Virksomhet").fill("Ås kommune")
    _labelled(contact, "E-post").fill(email)


# A new case, filled as tests/editing/test_editor_form.py fills a valid one, with one thing left out or wrong:
# (name, what _fill_valid_case leaves out, what is done after, whether the series gets a value,
#  the field as validate names it, a word of the message)
NEW_CASE_MISTAKES = [
    ("no-municipality", {"municipality": None}, None, True, "kommuner", "minst 1 element"),
    ("no-source", {"source": False}, None, True, "kilder", "minst 1 element"),
    ("source-without-lines-or-pages", {"lines": None}, None, True, "kilder[1]", "mangler linjer eller sider"),
    ("source-without-quote", {"quote": None}, None, True, "kilder[1].sitat", "skal den ha et sitat"),
    ("series-without-values", {}, None, False, "resultater.tall[1].verdier", "minst 1 element"),
    ("gmail-in-a-contact", {}, lambda page: _add_contact(page, "Avdelingsleder", "kari.nordmann@gmail.com"), True,
     "kontakt[1].epost", "personlig e-postadresse"),
]


@pytest.mark.parametrize("name, leave_out, then, with_value, field, word", NEW_CASE_MISTAKES,
                         ids=[m[0] for m in NEW_CASE_MISTAKES])
def test_a_new_case_with_a_mistake_is_not_saved(editor, name, leave_out, then, with_value, field, word):  # noqa: F811
    page, url, repo = editor
    title = f"Kontroll før lagring {name}"
    page.goto(f"{url}/rediger/#/collections/eksempler/new")
    series = _fill_valid_case(page, title, **leave_out)
    if with_value:
        series.get_by_role("button", name="Legg til verdi").click()
        _labelled(series, "Periode").last.fill("2008")
        _labelled(series, "Verdi").last.fill("12")
    if then:
        then(page)
    page.get_by_role("button", name="Lagre").click()
    note = page.locator(f".eb-sjekk-felt[data-felt='{field}']")
    expect(note).to_contain_text(word, timeout=STEP)
    expect(page.locator("#eb-sjekk")).to_contain_text(word)
    municipality = leave_out.get("municipality", "Ås")
    _nothing_saved(page, repo, slugify(f"{municipality or ''} {title}")[:60].strip("-"))


def test_the_valid_new_case_saves(editor):  # noqa: F811
    page, url, repo = editor
    title = "Kontroll før lagring gyldig"
    page.goto(f"{url}/rediger/#/collections/eksempler/new")
    series = _fill_valid_case(page, title)
    series.get_by_role("button", name="Legg til verdi").click()
    _labelled(series, "Periode").last.fill("2008")
    _labelled(series, "Verdi").last.fill("12")
    page.get_by_role("button", name="Lagre").click()
    _saved_branch(page, repo, slugify(f"Ås {title}")[:60].strip("-"))
    assert page.locator("#eb-sjekk, .eb-sjekk-felt").count() == 0


def test_a_field_is_checked_as_the_editor_leaves_it(editor):  # noqa: F811
    """Before any save: leaving «Bakgrunn» with a phone number in it shows the message there, and
    only there (fields not yet visited say nothing); fixing it takes the message away."""
    page, url, repo = editor
    page.goto(f"{url}/rediger/#/collections/eksempler/new")
    page.get_by_label("Tittel", exact=True).fill("Kontroll mens du skriver")
    _rich_text(page, "bakgrunn", "Ring meg på 912 34 567.")
    page.get_by_label("Tittel", exact=True).click()  # leave the field
    note = page.locator(".eb-sjekk-felt[data-felt='bakgrunn']")
    expect(note).to_contain_text("telefonnummer", timeout=STEP)
    assert page.locator("#eb-sjekk").count() == 0, "no list before saving"
    assert page.locator(".eb-sjekk-felt").count() == 1, "no message for fields the editor has not left"
    page.locator(".eb-sjekk-felt[data-felt='bakgrunn']").wait_for()
    page.get_by_role("button", name="Lagre").click()  # still blocked, with the whole list now
    expect(page.locator("#eb-sjekk")).to_contain_text("telefonnummer", timeout=STEP)
    label = page.locator("label[for^='bakgrunn-field-']").first
    editable = label.locator("xpath=ancestor::div[contains(@class,'ControlContainer')][1]").locator(
        "[contenteditable='true']").first
    editable.focus()  # by keyboard: the list of problems may cover the field
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("Mange beboere falt, og fallene ga brudd.")
    page.get_by_label("Tittel", exact=True).focus()
    expect(note).to_have_count(0, timeout=STEP)
    expect(page.locator("#eb-sjekk")).not_to_contain_text("telefonnummer")
