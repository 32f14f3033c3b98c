"""The form's preview (issue 20, item 5): rediger/forhandsvisning.json and the preview pane.

builder/editing/form_preview.py exports what the case page uses (labels.py, the vocabularies' labels,
formatting.py's number and date format); content/rediger/skjema.js draws the case from it in Decap's
preview pane. The browser tests type into the real form (decap-server on a throw-away repository,
as tests/editing/test_editor_form.py) and read the preview: the case page's labels, the chart with its title
and unit, the table in Norwegian number format, every hostile value as plain text; on a phone the
preview is behind Decap's eye button and nothing scrolls sideways.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from builder.core.formatting import MONTHS, NBSP, format_date, format_number
from builder.core.labels import LABELS
from builder.core.project import Project
from builder.sources.vocabularies import load_vocabularies
from builder.charts.specs import MIN_CHART_VALUES
from builder.editing.form_preview import LABELLED_VOCABULARIES, PREVIEW_FILE, number_format, preview_data, preview_json
from conftest import ROOT
from test_editor_form import STEP, _add_series, _add_source, _choose, _form_page, _labelled, _rich_text, cms  # noqa: F401
from test_editor_phone import _check, _tap_button, phone  # noqa: F401

VOCABULARIES = load_vocabularies(Project(ROOT))[0]


# --- the exported file -----------------------------------------------------------------------------

def test_the_preview_uses_the_case_pages_labels_and_formats():
    data = preview_data(VOCABULARIES)
    assert data["etiketter"] == LABELS
    for name in LABELLED_VOCABULARIES:
        assert data["lister"][name] == {t.id: VOCABULARIES.label(name, t.id) for t in VOCABULARIES[name].terms}
    assert data["kilder"]["kvp-sluttrapport-2010"] == {
        "navn": "Sluttrapport Kvalitetskommuneprogrammet", "utgiver": "Sekretariatet for Kvalitetskommuneprogrammet (KS)",
        "år": "2010"}
    assert data["kilder"].keys() == set(VOCABULARIES["kilder"].ids)
    assert data["tall"] == {"minus": "\u2212", "tusen": NBSP, "desimal": ","}
    assert data["måneder"] == list(MONTHS) and data["figur_fra_antall_verdier"] == MIN_CHART_VALUES


def test_the_number_format_is_read_from_format_number(monkeypatch):
    import builder.editing.form_preview as form_preview
    monkeypatch.setattr(form_preview, "format_number", lambda v: "-1.234;5")  # another convention
    assert number_format() == {"minus": "-", "tusen": ".", "desimal": ";"}


def test_the_preview_file_is_deterministic_and_published(built_site):
    text = preview_json(VOCABULARIES)
    assert text == preview_json(load_vocabularies(Project(ROOT))[0])
    assert (built_site / PREVIEW_FILE).read_text(encoding="utf-8") == text
    assert json.loads(text)["etiketter"]["nn"]["sources"] == "Kjelder"


# --- the preview pane in the real form -------------------------------------------------------------

NUMBERS = [1234.5, -0.67, 13116, 9.4, 0.00001, 2, 1234567.125, -1234]


def test_the_preview_formats_numbers_and_dates_as_the_site(browser, cms):  # noqa: F811
    url, repo = cms
    context, page, errors = _form_page(browser, url)
    try:
        page.wait_for_function("() => window.erfaringsbanken && window.erfaringsbanken.preview")
        shown = page.evaluate("""(numbers) => numbers.map(n => window.erfaringsbanken.preview.number(n,
            {minus: '\u2212', tusen: '\u00a0', desimal: ','}))""", NUMBERS)
        dates = page.evaluate("""() => ['2026-11-24', '2009-01-05'].map(d => window.erfaringsbanken.preview.date(d,
            ['januar','februar','mars','april','mai','juni','juli','august','september','oktober','november','desember']))""")
    finally:
        context.close()
    assert shown == [format_number(n) for n in NUMBERS]
    assert dates == [format_date("2026-11-24"), format_date("2009-01-05")]


def _preview(page):
    return page.frame_locator("#preview-pane")


def _fill_case(page, *, title: str, values, indicator="Fall per måned", unit="antall", bakgrunn=None):
    page.get_by_label("Tittel", exact=True).fill(title)
    page.get_by_role("button", name="Legg til kommune").click()
    _choose(page, _labelled(page.locator("[id^='kommuner-field-']").first.locator(".."), "Navn"), "Ås")
    _choose(page, page.get_by_label("Program", exact=True), "Kvalitetskommuneprogrammet")
    _choose(page, page.get_by_label("Sektor", exact=True), "Pleie og omsorg")
    _choose(page, page.get_by_label("Temaer", exact=True), "Kvalitet i pleie og omsorg")
    _rich_text(page, "bakgrunn", bakgrunn or "Mange beboere falt.")
    _add_series(page, indicator=indicator, unit=unit, values=values)
    _add_source(page)
    page.locator("input[id^='sist_vurdert-field-']").fill("2026-11-24")


def test_the_preview_shows_the_typed_case_with_the_sites_labels(browser, cms):  # noqa: F811
    url, repo = cms
    context, page, errors = _form_page(browser, url)
    try:
        page.goto(f"{url}/rediger/#/collections/eksempler/new")
        _fill_case(page, title="Færre fall på Åsen", values=[("2008", "1 234,5"), ("2009", "12,5"), ("2010", "-3")],
                   bakgrunn="Mange beboere falt.\n\n- en\n    - under\n- to\n\n1. a\n2. b\n\nSlutt")
        preview = _preview(page)
        expect(preview.locator("h1")).to_have_text("Færre fall på Åsen", timeout=STEP)
        # the Markdown field as the site renders it (builder/sources/markdown_text.py): paragraphs and nested lists
        assert preview.locator(".eb-text").first.evaluate("e => e.innerHTML") == (
            "<p>Mange beboere falt.</p><ul><li>en<ul><li>under</li></ul></li><li>to</li></ul>"
            "<ol><li>a</li><li>b</li></ol><p>Slutt</p>")
        lede = preview.locator(".eb-lede").inner_text()
        assert lede == "Eksempel · Ås · Pleie og omsorg"
        facts = dict(zip(preview.locator(".eb-facts dt").all_inner_texts(), preview.locator(".eb-facts dd").all_inner_texts()))
        assert facts == {"Kommune": "Ås", "Program": "Kvalitetskommuneprogrammet", "Sektor": "Pleie og omsorg",
                         "Temaer": "Kvalitet i pleie og omsorg", "Sist vurdert": "24. november 2026"}
        headings = preview.locator("h2").all_inner_texts()
        assert headings == ["Bakgrunn", "Tiltak", "Resultater", "Kilder"]
        table = preview.locator("table.eb-data")
        assert table.locator("caption").inner_text() == "Fall per måned (antall)"
        assert table.locator("thead th").all_inner_texts() == ["Periode", "Verdi (antall)"]
        assert table.locator("tbody td").all_inner_texts() == [f"1{NBSP}234,5", "12,5", "\u22123"]
        chart = preview.locator("figure.eb-chart")
        assert chart.locator("svg").get_attribute("aria-label") == "Fall per måned (antall)"
        assert chart.locator("svg rect").count() == 3
        assert chart.locator("figcaption").inner_text() == "Fall per måned. Datakilde: Sykehjemmets avvikssystem."
        assert preview.locator(".eb-sources li").inner_text() == (
            "Sluttrapport Kvalitetskommuneprogrammet (Sekretariatet for Kvalitetskommuneprogrammet (KS), 2010), "
            "linjene 120–130 i tekstversjonen.")
        assert page.locator("#preview-pane").get_attribute("title") == "Forhåndsvisning av eksempelet"
        # As the editor types on, the preview follows.
        title = page.get_by_label("Tittel", exact=True)
        title.click()  # Decap puts the cursor back where the last change left it: select, then type
        page.keyboard.press("Control+A")
        page.keyboard.type("Ny tittel")
        expect(preview.locator("h1")).to_have_text("Ny tittel", timeout=STEP)
        _labelled(page.locator("[id^='kommuner-field-']").first.locator(".."), "Bydel").fill("Nordby")
        expect(preview.locator(".eb-lede")).to_have_text("Eksempel · Ås (bydel Nordby) · Pleie og omsorg", timeout=STEP)
        assert preview.locator(".eb-facts dd").first.inner_text() == "Ås (bydel Nordby)"
    finally:
        context.close()
    assert errors == []


def test_a_nynorsk_case_is_previewed_with_nynorsk_labels(browser, cms):  # noqa: F811
    url, repo = cms
    context, page, errors = _form_page(browser, url)
    try:
        page.goto(f"{url}/rediger/#/collections/eksempler/entries/flora-helges-bilverkstad")
        preview = _preview(page)
        expect(preview.locator("h1")).not_to_be_empty(timeout=STEP)
        assert "Kjelder" in preview.locator("h2").all_inner_texts()
        assert preview.locator(".eb-lede").inner_text().startswith("Døme · ")
    finally:
        context.close()
    assert errors == []


HOSTILE = {
    "tittel": '<script>window.eb_hacked = 1</script><img src=x onerror="window.eb_hacked=2">',
    "bakgrunn": "[Les mer](javascript:window.eb_hacked=3)\n\n<b onmouseover=alert(1)>fet</b> &amp; &#106;",
    "indikator": '=HYPERLINK("http://example.invalid","klikk")',
    "enhet": "+SUM(A1:A2)<svg onload=alert(1)>",
}


def test_hostile_values_are_shown_as_plain_text_in_the_preview(browser, cms):  # noqa: F811
    url, repo = cms
    context, page, errors = _form_page(browser, url)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"{url}/rediger/#/collections/eksempler/new")
        _fill_case(page, title=HOSTILE["tittel"], values=[("2008", "1"), ("2009", "2")],
                   indicator=HOSTILE["indikator"], unit=HOSTILE["enhet"], bakgrunn=HOSTILE["bakgrunn"])
        preview = _preview(page)
        expect(preview.locator("h1")).to_have_text(HOSTILE["tittel"], timeout=STEP)
        assert preview.locator(".eb-text").first.inner_text().split("\n\n") == HOSTILE["bakgrunn"].split("\n\n")
        assert preview.locator("table caption").inner_text() == f"{HOSTILE['indikator']} ({HOSTILE['enhet']})"
        frame = page.frame(url=re.compile(r"^about:")) or next(f for f in page.frames if f != page.main_frame)
        found = frame.evaluate("""() => ({
            script: document.querySelectorAll('article script, article img, article b, article a, article iframe').length,
            svg: document.querySelectorAll('article svg svg').length,
            handlers: [...document.querySelectorAll('article *')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
            hacked: window.eb_hacked || window.parent.eb_hacked || null})""")
        assert found == {"script": 0, "svg": 0, "handlers": 0, "hacked": None}
    finally:
        context.close()
    assert dialogs == [] and errors == []


def test_on_a_phone_the_preview_is_behind_the_eye_button(phone):  # noqa: F811
    page, url, repo = phone
    page.get_by_role("button", name="Logg inn").tap()
    page.get_by_role("link", name="Eksempler").first.wait_for()
    page.goto(f"{url}/rediger/#/collections/eksempler/entries/gjesdal-omsorg-kompetanseutvikling")
    page.get_by_label("Indikator", exact=True).first.wait_for()
    assert page.locator("#preview-pane").count() == 0  # the form comes first
    _check(page, "skjema", {})
    eye = page.get_by_role("button", name="Vis eller skjul forhåndsvisning").bounding_box()
    back = page.locator("[class*='-ToolbarContainer'] > a").first.bounding_box()
    # in the toolbar's first row, beside (not over) the link back to the list
    assert eye["y"] >= 0 and eye["y"] + eye["height"] <= back["y"] + back["height"] + 0.5
    assert eye["x"] >= back["x"] + back["width"] - 0.5 and eye["x"] + eye["width"] <= 390.5
    _tap_button(page, "Vis eller skjul forhåndsvisning")
    preview = _preview(page)
    expect(preview.locator("h1")).to_have_text("Målrettet kompetanseheving i omsorgstjenestene i Gjesdal", timeout=STEP)
    box = page.locator("#preview-pane").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390.5 and box["width"] > 350
    assert not page.get_by_label("Indikator", exact=True).first.is_visible()
    _check(page, "forhåndsvisning", {})
    inner = preview.locator("body").evaluate("b => b.ownerDocument.scrollingElement.scrollWidth")
    assert inner <= box["width"] + 0.5  # the preview itself does not scroll sideways either
    _tap_button(page, "Vis eller skjul forhåndsvisning")
    page.get_by_label("Indikator", exact=True).first.wait_for()
    _check(page, "skjema igjen", {})
