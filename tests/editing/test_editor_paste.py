"""Pasting from Word into a long text of the form keeps lists as Markdown lists (issue 20, item 8).

A real paste in Chromium: the clipboard is written with navigator.clipboard.write (text/html as
Word writes it, with mso-list paragraphs, and Word's text/plain with «•⇥», «o⇥», «–⇥», «1.⇥», «1)⇥»),
and Control+V is pressed in Decap's Markdown box (content/rediger/skjema.js, pasteAsMarkdown). The
box must hold Markdown lists; the saved file must hold them exactly, and the generated case page must
show them as <ul>/<ol>. Same real parts as tests/editing/test_editor_form.py.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from builder.editing.new_case import slugify
from conftest import copy_project, run_cli
from test_editor_form import STEP, _fill_valid_case, _markdown_box, _saved_file, _wait_for_caret, cms  # noqa: F401

pytestmark = pytest.mark.browser


def _word_html(body: str) -> str:
    """Word's clipboard HTML around `body` (the shape Word 2016–365 writes)."""
    return ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">"
            "<head><meta charset=utf-8><style><!-- p.MsoListParagraph {mso-style-priority:34;} --></style>"
            "</head><body lang=NO-BOK><!--StartFragment-->" + body + "<!--EndFragment--></body></html>")


def _word_item(kind: str, marker: str, text: str, level: int = 1, font: str = "Symbol") -> str:
    return (f"<p class=MsoListParagraphCx{kind} style='text-indent:-18.0pt;mso-list:l0 level{level} lfo1'>"
            f"<![if !supportLists]><span style='font-family:{font}'>{marker}<span style='font:7.0pt \"Times New Roman\"'>"
            "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>"
            f"<span>{text}</span></p>")


WORD_LIST_HTML = _word_html(
    "<p class=MsoNormal>Tiltakene var:</p>"
    + _word_item("SpFirst", "·", "Kartlegging av fallrisiko")
    + _word_item("SpMiddle", "o", "hos nye beboere", level=2, font="\"Courier New\"")
    + _word_item("SpLast", "·", "Opplæring&nbsp;av alle ansatte")
    + "<p class=MsoNormal>Rekkefølgen:</p>"
    + _word_item("SpFirst", "1.", "Kartlegge", font="Calibri")
    + _word_item("SpLast", "2.", "Evaluere", font="Calibri")
    + "<p class=MsoNormal>Slutt.</p>")
WORD_LIST_PLAIN = ("Tiltakene var:\n·\tKartlegging av fallrisiko\no\thos nye beboere\n·\tOpplæring av alle ansatte\n"
                   "Rekkefølgen:\n1.\tKartlegge\n2.\tEvaluere\nSlutt.\n")
WORD_LIST_MARKDOWN = ("Tiltakene var:\n\n- Kartlegging av fallrisiko\n    - hos nye beboere\n- Opplæring av alle ansatte\n\n"
                      "Rekkefølgen:\n\n1. Kartlegge\n2. Evaluere\n\nSlutt.")

# (what is on the clipboard: text/html or None, text/plain) -> what the Markdown box holds
PASTES = {
    "word-html": (WORD_LIST_HTML, WORD_LIST_PLAIN, WORD_LIST_MARKDOWN),
    "word-plain-bullets": (None, "Slik gjorde vi det:\n•\tFørste\n•\tAndre\no\tUnder\n–\tTredje\n",
                           "Slik gjorde vi det:\n\n- Første\n- Andre\n    - Under\n- Tredje"),
    "word-plain-numbers": (None, "1)\tEn\n2)\tTo\n3.\tTre\nEtterpå.", "1. En\n2. To\n3. Tre\n\nEtterpå."),
    "plain-without-lists": (None, "To linjer\nuten liste - her", "To linjer\nuten liste - her"),
    "hostile-word-html": (_word_html("<script>window.eb_hacked=1</script><p class=MsoNormal>Før<img src=x "
                                     "onerror='window.eb_hacked=2'></p>"
                                     + _word_item("SpFirst", "·", "<a href='javascript:window.eb_hacked=3'>lenke</a>")
                                     + _word_item("SpLast", "·", "=HYPERLINK(\"http://example.invalid\")")),
                          "Før\n·\tlenke\n·\t=HYPERLINK(\"http://example.invalid\")",
                          "Før\n\n- lenke\n- =HYPERLINK(\"http://example.invalid\")"),
}


def _paste(page, box, html: str | None, plain: str) -> None:
    page.evaluate("""async ([html, plain]) => {
        const parts = {'text/plain': new Blob([plain], {type: 'text/plain'})};
        if (html !== null) parts['text/html'] = new Blob([html], {type: 'text/html'});
        await navigator.clipboard.write([new ClipboardItem(parts)]);
    }""", [html, plain])
    assert _box_text(page, box) == "", "the box must be empty before the paste"
    box.click()
    # Slate (Decap's Markdown box) learns where the caret is from `selectionchange`, throttled to
    # 100 ms; a Control+V before that is dropped whole (seen under CI load: the paste event came,
    # the box stayed empty). A reader pastes later than that, so the test waits for the caret in
    # the box, and presses again only while nothing at all has arrived: never a second copy.
    _wait_for_caret(page, box)
    for _attempt in range(4):
        page.keyboard.press("Control+V")
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            if _box_text(page, box):
                return
            page.wait_for_timeout(100)
        box.click()


@pytest.fixture
def pasting(browser, cms):  # noqa: F811
    url, repo = cms
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    context.set_default_timeout(STEP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/rediger/", timeout=90_000)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("link", name="Eksempler").first.wait_for()
    yield page, url, repo
    context.close()
    assert errors == []


def _box_text(page, box) -> str:
    """What the raw Markdown editor holds: one Slate block per line."""
    return box.evaluate("""b => [...b.querySelectorAll(':scope > [data-slate-node=element]')]
        .map(e => e.innerText.replace(/\\n$/, '').replace(/\\uFEFF/g, '')).join('\\n')""")


def _text_once_pasted(page, box, expected: str | None = None, seconds: float = 15) -> str:
    """The editor's text once the paste has been handled: `expected` when given (or whatever it
    holds when `seconds` run out, for the assertion to show), else the first non-empty text that
    stays the same for 300 ms. A loaded machine can take longer than a fixed pause."""
    deadline = time.monotonic() + seconds
    last = None
    while True:
        text = _box_text(page, box)
        if (text == expected) if expected is not None else (text.strip() and text == last):
            return text
        if time.monotonic() > deadline:
            return text
        last = text
        page.wait_for_timeout(300)


@pytest.mark.parametrize("kind", sorted(PASTES))
def test_a_paste_from_word_becomes_markdown(pasting, kind):
    page, url, repo = pasting
    html, plain, expected = PASTES[kind]
    page.goto(f"{url}/rediger/#/collections/eksempler/new")
    box = _markdown_box(page, "læringspunkter")
    box.wait_for()
    _paste(page, box, html, plain)
    assert _text_once_pasted(page, box, expected) == expected
    assert page.evaluate("() => window.eb_hacked || null") is None


def test_pasted_lists_are_saved_and_shown_as_lists(pasting, tmp_path):
    page, url, repo = pasting
    title = "Lister limt inn fra Word"
    page.goto(f"{url}/rediger/#/collections/eksempler/new")
    series = _fill_valid_case(page, title)
    for period, value in (("2008", "12"), ("2009", "7")):
        series.get_by_role("button", name="Legg til verdi").click()
        series.get_by_label(re.compile(r"^Periode( \(valgfritt\))?$")).last.fill(period)
        series.get_by_label(re.compile(r"^Verdi( \(valgfritt\))?$")).last.fill(value)
    box = _markdown_box(page, "læringspunkter")
    _paste(page, box, WORD_LIST_HTML, WORD_LIST_PLAIN)
    assert _text_once_pasted(page, box).strip()
    page.get_by_role("button", name="Lagre").click()
    case_id = slugify(f"Ås {title}")[:60].strip("-")
    text = _saved_file(page, repo, case_id)

    from builder.sources.yaml_loader import load_yaml_bytes
    data = load_yaml_bytes(text.encode("utf-8"), Path(f"cases/{case_id}.yml"), f"cases/{case_id}.yml").data
    assert data["læringspunkter"] == WORD_LIST_MARKDOWN
    project = copy_project(tmp_path / "project")
    (project / "cases" / f"{case_id}.yml").write_text(text, encoding="utf-8")
    result = run_cli(project, "generate", "--out", str(tmp_path / "out"), timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    page_text = (tmp_path / "out" / "eksempler" / f"{case_id}.md").read_text(encoding="utf-8")
    lessons = page_text.split("{ #laeringspunkter }", 1)[1].split("\n## ", 1)[0]
    assert re.sub(r"\s+", "", lessons) == re.sub(r"\s+", "", """<div class="eb-text">
        <p>Tiltakene var:</p><ul><li>Kartlegging av fallrisiko<ul><li>hos nye beboere</li></ul></li>
        <li>Opplæring av alle ansatte</li></ul><p>Rekkefølgen:</p><ol><li>Kartlegge</li><li>Evaluere</li></ol>
        <p>Slutt.</p></div>""")


# toMarkdown(text/html, text/plain) for more clipboards than are worth a real paste each; None means
# «pasted unchanged».
CLIPBOARDS = [
    (None, "", None),
    (None, "Vanlig tekst\nmed linjeskift", None),
    (None, "- allerede Markdown\n- liste", None),  # typed Markdown is left alone
    (None, "o\tUnder uten overpunkt", "    - Under uten overpunkt"),
    (None, "§\tTredje nivå", "        - Tredje nivå"),
    (None, "a)\tBokstav\nb)\tNeste", "1. Bokstav\n2. Neste"),
    (None, "•\t  mange   mellomrom\u00a0og\tfaner  ", "- mange mellomrom og faner"),
    (None, "Tekst\r\n•\tPunkt\r\n", "Tekst\n\n- Punkt"),
    (None, "1.\tEn\n•\tPunkt", "1. En\n\n- Punkt"),  # a new kind of list starts a new list
    ("<ul><li>Fra Word på nettet</li><li>To<ol><li>Nummer</li></ol></li></ul>", "",
     "- Fra Word på nettet\n- To\n    1. Nummer"),
    ("<b>Fet</b> tekst fra en nettside", "Fet tekst fra en nettside", None),  # not from Word
    (_word_html("<p class=MsoNormal>Ett avsnitt</p><p class=MsoNormal>Et annet</p>"), "",
     "Ett avsnitt\n\nEt annet"),
    (_word_html(_word_item("SpFirst", "1)", "Første", font="Calibri") + _word_item("SpLast", "2)", "Andre", font="Calibri")),
     "", "1. Første\n2. Andre"),
    (_word_html(_word_item("SpFirst", "–", "Tankestrek", font="Calibri")
                + _word_item("SpLast", "§", "Nivå tre", level=3, font="Wingdings")), "",
     "- Tankestrek\n        - Nivå tre"),
]


def test_clipboards_become_markdown_or_are_left_alone(pasting):
    page, url, repo = pasting
    got = page.evaluate("""(cases) => cases.map(([html, plain]) =>
        window.erfaringsbanken.paste.toMarkdown(html, plain))""", [[h, p] for h, p, _ in CLIPBOARDS])
    assert list(zip([p or h for h, p, _ in CLIPBOARDS], got)) == [(p or h, e) for h, p, e in CLIPBOARDS]
