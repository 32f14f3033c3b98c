"""The form runs the checks of `validate` (rediger/sjekk.js) before saving, in headless Chromium
against a real decap-server (the harness of tests/test_editor_form.py): a case with a mistake is
not saved, and the message stands at the field's label and in the list at the top."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from test_editor_form import STEP, _choose, _rich_text, cms, editor  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

CASE = "askim-skole-kvalitetssystem"

# (what the editor does, the field's label, a word of the message)
MISTAKES = [
    ("bakgrunn", "Ring meg på 912 34 567.", "Bakgrunn", "telefonnummer"),
    ("tiltak", "Skriv til kari.nordmann@gmail.com.", "Tiltak", "personlig e-postadresse"),
    ("bakgrunn", "[Les mer](javascript:alert(1))", "Bakgrunn", "javascript:"),
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
    page.wait_for_timeout(1500)
    branches = subprocess.run(["git", "-C", str(repo), "branch", "--list", f"cms/eksempler/{CASE}"],
                              capture_output=True, text=True, timeout=30).stdout
    assert branches.strip() == "", "nothing was saved"
