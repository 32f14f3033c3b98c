"""The editing form at /rediger/ (Decap CMS) in headless Chromium, against a real decap-server.

decap-server runs in git mode on a throw-away git copy of the project, so saving in the form's
editorial workflow makes a branch and a commit exactly as the GitHub backend makes a pull request.
The built site is served from a copy whose config.yml points `local_backend` at that server's port
(the only change to the built files). No request may leave 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from builder.editing.new_case import slugify
from conftest import ROOT, copy_project, run_cli
from static_host import serve_directory

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STEP = 20_000  # ms: the longest any one step in the browser may take

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          timeout=30).stdout


@pytest.fixture(scope="module")
def cms(tmp_path_factory, built_site):
    """(site URL, repository) with decap-server serving the repository; both stopped afterwards."""
    if not DECAP_SERVER.exists():
        pytest.fail("decap-server is missing: run `make test`, which runs `npm ci`")
    base = tmp_path_factory.mktemp("cms")
    repo = copy_project(base / "repo")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "start")
    port = _free_port()
    site = base / "site"
    shutil.copytree(built_site, site)
    config = site / "rediger" / "config.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nlocal_backend: true\n" in text
    config.write_text(text.replace("\nlocal_backend: true\n",
                                   f"\nlocal_backend:\n  url: http://127.0.0.1:{port}/api/v1\n"), encoding="utf-8")
    env = {**os.environ, "MODE": "git", "PORT": str(port), "BIND_HOST": "127.0.0.1",
           "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "warn",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    log = (base / "decap-server.log").open("wb")
    server = subprocess.Popen(["node", str(DECAP_SERVER)], cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT)
    host, url = serve_directory(site)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("decap-server did not start: " + (base / "decap-server.log").read_text())
                time.sleep(0.2)
        yield url, repo
    finally:
        host.shutdown()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


@pytest.fixture
def editor(browser, cms):
    """A logged-in form; a page error or a request to anywhere but 127.0.0.1 fails the test."""
    url, repo = cms
    context, page, errors = _form_page(browser, url)
    yield page, url, repo
    context.close()
    assert errors == []


def _field(page, name: str):
    """The control container of a top-level or nested field, found by its Decap id prefix."""
    return page.locator(f"[id^='{name}-field-']").first


def _choose(page, control, label: str) -> None:
    """Pick `label` in a choice list: click its box (the small text box inside takes no pointer
    events, see skjema.css), type to filter, click the option, and see the box show it. On a
    loaded machine the list can still be filtering when the option is clicked, and the click then
    lands on an option that is being replaced; the pick is made again then (at most three times),
    as a person would who saw the box stay empty."""
    box = control.locator("xpath=ancestor::div[contains(@class,'-control')][1]")
    for attempt in range(3):
        box.click()
        expect(control).to_be_focused()
        page.keyboard.type(label)
        page.get_by_role("option", name=label, exact=True).first.click()
        try:
            expect(box).to_contain_text(label, timeout=5_000)
            return
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")


def _labelled(container, label: str):
    """A control by its label; Decap adds « (valgfritt)» to optional fields' labels."""
    return container.get_by_label(re.compile(rf"^{re.escape(label)}( \(valgfritt\))?$"))


def _markdown_box(page, name: str):
    """The editable part of a Markdown field (Decap's Slate box), found by the field's name."""
    label = page.locator(f"label[for^='{name}-field-']").first
    return label.locator("xpath=ancestor::div[contains(@class,'ControlContainer')][1]").locator(
        "[contenteditable='true']").first


def _rich_text(page, name: str, text: str) -> None:
    editable = _markdown_box(page, name)
    editable.click()
    _wait_for_caret(page, editable)
    editable.press_sequentially(text)


def _wait_for_caret(page, editable) -> None:
    """Wait until Decap's Markdown box (Slate) knows the caret is in it. Slate learns the caret from
    `selectionchange`, throttled to 100 ms; keys typed before that go to its previous place (under CI
    load: «Cannot resolve a DOM point from Slate point» and the words lost). A person types later than
    that, so the test waits for the caret in the box and for one throttle period more."""
    page.wait_for_function("b => { const s = document.getSelection(); return s && b.contains(s.anchorNode); }",
                           arg=editable.element_handle())
    page.wait_for_timeout(250)


def _saved_branch(page, repo: Path, case_id: str, timeout: float = 120) -> str:
    """The editorial-workflow branch decap-server makes on saving (what would be a pull request)."""
    branch = f"cms/eksempler/{case_id}"
    deadline = time.monotonic() + timeout
    def committed() -> bool:  # the branch exists, has the form's commit, and the server is done
        count = subprocess.run(["git", "-C", str(repo), "rev-list", "--count", f"main..{branch}"],
                               capture_output=True, text=True, timeout=30)
        return count.returncode == 0 and int(count.stdout) > 0 and not _git(repo, "status", "--porcelain")

    while not committed():
        if time.monotonic() > deadline:
            page.screenshot(path=str(repo.parent / "not-saved.png"), full_page=True)
            problems = page.locator("#eb-sjekk, .eb-sjekk-felt, [class*='Toast'], [role='alert']")
            pytest.fail(f"no branch {branch} after saving; branches: {_git(repo, 'branch')}; "
                        f"problems shown: {problems.all_inner_texts()}; "
                        f"page ends: {page.inner_text('body')[-1500:]}")
        time.sleep(0.25)
    return branch


def _saved_file(page, repo: Path, case_id: str) -> str:
    return _git(repo, "show", f"{_saved_branch(page, repo, case_id)}:cases/{case_id}.yml")


def test_new_case_through_the_form_validates_and_builds(editor, tmp_path):
    page, url, repo = editor
    title = "Færre fallulykker på Øvre Åsen sykehjem"
    municipality = "Ås"
    page.goto(f"{url}/rediger/#/collections/eksempler/new")
    series = _fill_valid_case(page, title, municipality)  # checks that «Sist vurdert» starts empty
    for period, value in (("2008", "12"), ("2009", "7.5")):
        series.get_by_role("button", name="Legg til verdi").click()
        _labelled(series, "Periode").last.fill(period)
        _labelled(series, "Verdi").last.fill(value)
    page.get_by_role("button", name="Lagre").click()
    case_id = slugify(f"{municipality} {title}")[:60].strip("-")
    text = _saved_file(page, repo, case_id)
    assert text.startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")
    project = copy_project(tmp_path / "project")  # decap-server keeps working in its own copy
    target = project / "cases" / f"{case_id}.yml"
    target.write_text(text, encoding="utf-8")
    result = run_cli(project, "validate", str(target))
    assert result.returncode == 0, result.stdout + result.stderr
    assert '\nsist_vurdert: "2026-11-24"\n' in text and "kontrollert" not in text  # only the date given
    build = run_cli(project, "build", timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    html = (project / "site" / "eksempler" / case_id / "index.html").read_text(encoding="utf-8")
    for shown in (title, municipality, "Fall per måned", "7,5", "fallrisiko", "linjene 120–130", QUOTE):
        assert shown in html, shown


# Three real cases: Bokmål with a long title, Nynorsk, and one with value series.
EDITED = ("askim-skole-kvalitetssystem", "flora-helges-bilverkstad", "gjesdal-omsorg-kompetanseutvikling")
EDITED_TITLE = "Målrettet kompetanseheving i omsorgstjenestene i Gjesdal"


@pytest.mark.parametrize("case_id", EDITED)
def test_editing_a_title_changes_only_that_line(editor, case_id):
    page, url, repo = editor
    original = (repo / "cases" / f"{case_id}.yml").read_text(encoding="utf-8")
    old_title = re.search(r"^tittel: (.*)$", original, re.M)[1]
    page.goto(f"{url}/rediger/#/collections/eksempler/entries/{case_id}")
    title = page.get_by_label("Tittel", exact=True)
    expect(title).to_have_value(old_title, timeout=STEP)  # the entry has loaded
    title.fill("Ny tittel for " + case_id)
    page.get_by_role("button", name="Lagre").click()
    branch = _saved_branch(page, repo, case_id)
    diff = _git(repo, "diff", "--unified=0", "main", branch, "--", f"cases/{case_id}.yml")
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [f"-tittel: {old_title}", f"+tittel: Ny tittel for {case_id}"]


def _axe_violations(page) -> list:
    page.wait_for_timeout(300)  # the form names Decap's unnamed controls on the next animation frame
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations']})""")
    return [{"id": v["id"], "nodes": [n["html"][:120] for n in v["nodes"][:5]]} for v in result["violations"]]


def test_every_state_of_the_form_passes_axe(browser, cms):
    """Login, list of cases, workflow board, a new case with open lists, an existing case."""
    url, repo = cms
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(STEP)
    page = context.new_page()
    try:
        page.goto(f"{url}/rediger/", timeout=90_000)
        login = page.get_by_role("button", name="Logg inn")
        login.wait_for()
        states = {"innlogging": _axe_violations(page)}
        login.click()
        page.get_by_role("link", name="Eksempler").first.wait_for()
        page.get_by_text(EDITED_TITLE).first.wait_for()
        states["eksempler"] = _axe_violations(page)
        page.goto(f"{url}/rediger/#/workflow")
        page.get_by_text("Gjennomgås", exact=True).first.wait_for()
        states["arbeidsflyt"] = _axe_violations(page)
        page.goto(f"{url}/rediger/#/collections/eksempler/new")
        for item in ("kommune", "tallserie", "kilde", "kontakt", "pris"):
            page.get_by_role("button", name=f"Legg til {item}").click()
        page.get_by_role("button", name="Legg til verdi").click()
        states["nytt eksempel"] = _axe_violations(page)
        page.goto(f"{url}/rediger/#/collections/eksempler/entries/{EDITED[2]}")
        page.get_by_label("Indikator", exact=True).first.wait_for()
        states["eksisterende eksempel"] = _axe_violations(page)
    finally:
        context.close()
    assert {k: v for k, v in states.items() if v} == {}, json.dumps(states, indent=1, ensure_ascii=False)


def test_the_form_works_from_the_keyboard(browser, cms):
    url, repo = cms
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(STEP)
    page = context.new_page()
    try:
        page.goto(f"{url}/rediger/", timeout=90_000)
        page.get_by_role("button", name="Logg inn").wait_for()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Logg inn"
        page.keyboard.press("Enter")
        page.get_by_role("link", name="Eksempler").first.wait_for()
        page.goto(f"{url}/rediger/#/collections/eksempler/new")
        title = page.get_by_label("Tittel", exact=True)
        title.wait_for()
        title.focus()
        page.keyboard.type("Tittel skrevet med tastaturet")
        reached = []
        for _ in range(12):  # Tab onwards: every stop has a name, and the choice lists work by keys
            page.keyboard.press("Tab")
            reached.append(page.evaluate("""() => { const e = document.activeElement;
                const label = e.id && document.querySelector(`label[for="${e.id}"]`);
                return (label ? label.textContent : e.getAttribute('aria-label') || e.textContent || '').trim(); }"""))
            if reached[-1] == "Program":
                page.keyboard.type("Kvalitetskommune")
                page.keyboard.press("Enter")
                break
        assert "Program" in reached and all(reached), reached
        assert page.get_by_text("Kvalitetskommuneprogrammet", exact=True).first.is_visible()
    finally:
        context.close()


def test_ids_follow_the_new_case_rule(editor):
    page, url, repo = editor
    for municipality, title in (("Ås", "Færre fall på Øvre Åsen"), ("Bø i Telemark", "«Heltid» – ja takk!"),
                                ("Évje og Hornnes", "Über-ÆØÅ " + "lang tittel " * 8), ("Fjell", "  --  ")):
        expected = slugify(f"{municipality} {title}")[:60].strip("-")
        assert page.evaluate("([m, t]) => window.erfaringsbanken.caseId(m, t)", [municipality, title]) == expected


def test_case_files_read_and_written_by_the_form_are_unchanged_and_valid(editor, tmp_path):
    """Every real case: read and written back is byte-identical; written fresh, it validates to the same data."""
    from builder.sources.yaml_loader import load_yaml_file

    page, url, repo = editor
    project = copy_project(tmp_path / "project")
    page.wait_for_function("() => (window.erfaringsbanken.fieldInfo.order[''] || []).length > 0")
    for path in sorted((ROOT / "cases").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        again, fresh = page.evaluate("""(text) => { const f = window.erfaringsbanken.format;
            const data = f.fromFile(text); const again = f.toFile(data);
            const copy = JSON.parse(JSON.stringify(data)); copy.id = copy.id + '-ny';
            return [again, f.toFile(copy)]; }""", text)
        assert again == text, path.name
        target = project / "cases" / path.name
        target.write_text(fresh.replace(f"id: {path.stem}-ny\n", f"id: {path.stem}\n"), encoding="utf-8")
        assert load_yaml_file(target).data == load_yaml_file(path).data, path.name
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stdout + result.stderr


# Typed into the form as an editor might (issue 19: the writer lost or broke these); each must come
# back from the saved file, through the strict loader, exactly as typed.
HOSTILE_TYPED = {
    ("enhet",): "  12:30 # no  ",
    ("resultater", "tall", 0, "indikator"): " |4 innrykket: første",
    ("resultater", "tall", 0, "enhet"): "no",
    ("resultater", "tall", 0, "merknad"): " innrykket første linje\n  to mellomrom foran og bak  \nslutt",
    ("resultater", "tall", 0, "verdier", 0, "periode"): "0301",
    ("kilder", 0, "sitat"): "\tTabulator først, «sitat» og \"anførsel\"  ",
}


def test_hostile_values_typed_into_the_form_are_saved_exactly(editor, tmp_path):
    from builder.sources.yaml_loader import load_yaml_bytes

    page, url, repo = editor
    title = "Skjemaet lagrer verdier nøyaktig"
    municipality = "Ås"
    page.goto(f"{url}/rediger/#/collections/eksempler/new")
    page.get_by_label("Tittel", exact=True).fill(title)
    page.get_by_role("button", name="Legg til kommune").click()
    _choose(page, _labelled(page.locator("[id^='kommuner-field-']").first.locator(".."), "Navn"), municipality)
    _choose(page, page.get_by_label("Program", exact=True), "Kvalitetskommuneprogrammet")
    _choose(page, page.get_by_label("Sektor", exact=True), "Pleie og omsorg")
    _choose(page, page.get_by_label("Temaer", exact=True), "Kvalitet i pleie og omsorg")
    page.locator("input[id^='enhet-field-']").first.fill(HOSTILE_TYPED[("enhet",)])  # the top-level one
    _rich_text(page, "bakgrunn", "Mange beboere falt, og fallene ga brudd og sykehusinnleggelser.")
    _rich_text(page, "tiltak", "Alle ansatte lærte å kartlegge fallrisiko hos nye beboere.")
    _add_series(page, indicator=HOSTILE_TYPED[("resultater", "tall", 0, "indikator")],
                unit=HOSTILE_TYPED[("resultater", "tall", 0, "enhet")],
                note=HOSTILE_TYPED[("resultater", "tall", 0, "merknad")],
                values=((HOSTILE_TYPED[("resultater", "tall", 0, "verdier", 0, "periode")], "12"), ("2009", "7.5")))
    _add_source(page, quote=HOSTILE_TYPED[("kilder", 0, "sitat")])
    page.locator("input[id^='sist_vurdert-field-']").fill("2026-11-24")
    page.get_by_role("button", name="Lagre").click()
    case_id = slugify(f"{municipality} {title}")[:60].strip("-")
    text = _saved_file(page, repo, case_id)
    data = load_yaml_bytes(text.encode("utf-8"), Path(f"cases/{case_id}.yml"), f"cases/{case_id}.yml").data
    for path, typed in HOSTILE_TYPED.items():
        value = data
        for part in path:
            value = value[part]
        assert value == typed, (path, text)
    assert data["resultater"]["tall"][0]["verdier"] == [{"periode": "0301", "verdi": 12}, {"periode": "2009", "verdi": 7.5}]
    again = page.evaluate("(text) => window.erfaringsbanken.format.fromFile(text)", text)
    assert again == data  # what the form shows when the case is opened again


# --- numbers as people write them (issue 20, item 2) -------------------------------------------

NUMBERS_STORED = [  # typed into «Verdi» -> the number in the saved file
    ("12,5", 12.5), ("12.5", 12.5), ("1 234", 1234), ("1\u00a0234", 1234), ("1\u2009234", 1234),
    ("1\u202f234,75", 1234.75), ("\u22123", -3), ("-0,25", -0.25), (" 7 ", 7), ("1 234 567", 1234567),
]
NUMBERS_REFUSED = [  # typed -> the message on the field; nothing saved
    ("12,5,3", "«12,5,3» er ikke et tall."), ("ca. 12", "«ca. 12» er ikke et tall."),
    ("12 %", "«12 %» er ikke et tall."), ("1.234.567", "«1.234.567» er ikke et tall."),
    ("12 34", "«12 34» er ikke et tall."), ("1e5", "«1e5» er ikke et tall."), ("12,", "«12,» er ikke et tall."),
    (",5", "«,5» er ikke et tall."), ("– 3", "«– 3» er ikke et tall."), ("tolv", "«tolv» er ikke et tall."),
    ("", "«Verdi» må fylles ut."), ("   ", "«Verdi» må fylles ut."),
]


# A sentence of the cited lines 120–130 of the text version of «Sluttrapport Kvalitetskommuneprogrammet»
# (001_5925048363be4780.txt): the quote a source citing that report needs.
QUOTE = "Det er iverksatt 40 ulike prosjekter innen kvalitetsutvikling i barnehagene."


def _fill_valid_case(page, title: str, municipality: str | None = "Ås", *, source: bool = True,
                     lines: str | None = "120–130", quote: str | None = QUOTE):
    """Fill a new case that validate accepts once its series has a value; the keyword arguments
    leave out one thing each (a municipality, the source, its lines, its quote)."""
    page.get_by_label("Tittel", exact=True).fill(title)
    if municipality:
        page.get_by_role("button", name="Legg til kommune").click()
        _choose(page, _labelled(page.locator("[id^='kommuner-field-']").first.locator(".."), "Navn"), municipality)
    _choose(page, page.get_by_label("Program", exact=True), "Kvalitetskommuneprogrammet")
    _choose(page, page.get_by_label("Sektor", exact=True), "Pleie og omsorg")
    _choose(page, page.get_by_label("Temaer", exact=True), "Kvalitet i pleie og omsorg")
    _rich_text(page, "bakgrunn", "Mange beboere falt, og fallene ga brudd og sykehusinnleggelser.")
    _rich_text(page, "tiltak", "Alle ansatte lærte å kartlegge fallrisiko hos nye beboere.")
    if source:
        _add_source(page, lines=lines, quote=quote)
    reviewed = page.locator("input[id^='sist_vurdert-field-']")
    assert reviewed.input_value() == ""  # empty until the editor gives a date
    reviewed.fill("2026-11-24")
    return _add_series(page)


def _add_series(page, *, indicator: str = "Fall per måned", unit: str = "antall", note: str | None = None,
                values=()):
    """Add the first series (its data source: the nursing home's reports) with `values` [(period,
    value as typed)]; returns its form block."""
    page.get_by_role("button", name="Legg til tallserie").click()
    series = page.locator("[id^='tall-field-']").first.locator("..")
    _labelled(series, "Indikator").fill(indicator)
    _labelled(series, "Enhet").fill(unit)
    _labelled(series, "Datakilde").fill("Sykehjemmets avvikssystem")
    if note is not None:
        _labelled(series, "Merknad").fill(note)
    for period, value in values:
        series.get_by_role("button", name="Legg til verdi").click()
        _labelled(series, "Periode").last.fill(period)
        _labelled(series, "Verdi").last.fill(value)
    return series


def _add_source(page, *, lines: str | None = "120–130", quote: str | None = None) -> None:
    """Add the first source: the programme's final report, with `lines` and `quote` when given."""
    page.get_by_role("button", name="Legg til kilde").click()
    sources = page.locator("[id^='kilder-field-']").first.locator("..")
    _choose(page, _labelled(sources, "Dokument"), "Sluttrapport Kvalitetskommuneprogrammet")
    if lines:
        _labelled(sources, "Linjer").fill(lines)
    if quote:
        _labelled(sources, "Sitat").fill(quote)


def _form_page(browser, url, *, width: int = 1280, height: int = 900, touch: bool = False, log_in: bool = True):
    """(context, page, errors): the form in a desktop window, or with `touch` in a phone's (a mobile
    browser with a touch screen), logged in unless `log_in` is False. `errors` collects the page's
    errors (the only one a test may allow is Decap's bare rejection of a blocked save, «undefined»)
    and every request to anywhere but 127.0.0.1."""
    context = browser.new_context(locale="nb-NO", viewport={"width": width, "height": height},
                                  **({"has_touch": True, "is_mobile": True, "device_scale_factor": 2} if touch else {}))
    context.set_default_timeout(STEP)
    errors: list[str] = []
    context.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
               else errors.append(f"request outside the site: {r.url}"))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/rediger/", timeout=90_000)  # 5 MB of JavaScript on a busy machine
    if log_in:
        page.get_by_role("button", name="Logg inn").click()
        page.get_by_role("link", name="Eksempler").first.wait_for()
    return context, page, errors


def _field_messages(control) -> list[str]:
    box = control.locator("xpath=ancestor::div[contains(@class,'ControlContainer')][1]")
    return [t.strip() for t in box.locator("[class*='ControlErrorsList'] li").all_inner_texts()]


def test_numbers_typed_as_people_write_them_are_saved_as_numbers(browser, cms):
    url, repo = cms
    context, page, errors = _form_page(browser, url)
    try:
        title = "Tall skrevet på norsk"
        page.goto(f"{url}/rediger/#/collections/eksempler/new")
        series = _fill_valid_case(page, title)
        for i, (typed, _) in enumerate(NUMBERS_STORED):
            series.get_by_role("button", name="Legg til verdi").click()
            _labelled(series, "Periode").last.fill(str(2000 + i))
            box = _labelled(series, "Verdi").last
            box.fill(typed)
            assert box.input_value() == typed  # the box keeps what was typed (today «12,5» became «125»)
        page.get_by_role("button", name="Lagre").click()
        case_id = slugify(f"Ås {title}")[:60].strip("-")
        text = _saved_file(page, repo, case_id)
    finally:
        context.close()
    from builder.sources.yaml_loader import load_yaml_bytes
    data = load_yaml_bytes(text.encode("utf-8"), Path(f"cases/{case_id}.yml"), f"cases/{case_id}.yml").data
    saved = [v["verdi"] for v in data["resultater"]["tall"][0]["verdier"]]
    assert list(zip([t for t, _ in NUMBERS_STORED], saved)) == [(t, v) for t, v in NUMBERS_STORED]
    assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in saved)
    assert errors == []


def test_anything_else_typed_as_a_number_is_refused_on_the_field(browser, cms):
    url, repo = cms
    context, page, errors = _form_page(browser, url)
    shown = {}
    try:
        page.goto(f"{url}/rediger/#/collections/eksempler/new")
        series = _fill_valid_case(page, "Tall som ikke er tall")
        series.get_by_role("button", name="Legg til verdi").click()
        _labelled(series, "Periode").last.fill("2008")
        box = _labelled(series, "Verdi").last
        assert _field_messages(box) == []  # before any input: no message
        for typed, _ in NUMBERS_REFUSED:
            box.fill(typed)
            assert box.input_value() == typed  # nothing silently changed
            page.get_by_role("button", name="Lagre").click()
            page.wait_for_timeout(300)
            shown[typed] = _field_messages(box)
        box.fill("12,5")  # after a correction the message goes at the next save
        page.get_by_role("button", name="Lagre").click()
        page.wait_for_timeout(300)
        shown["12,5 (rettet)"] = _field_messages(box)
    finally:
        context.close()
    expected = {typed: message for typed, message in NUMBERS_REFUSED}
    for typed, message in expected.items():
        assert len(shown[typed]) == 1 and shown[typed][0].startswith(message), (typed, shown[typed])
        assert not shown[typed][0].endswith(".."), shown[typed]
    assert shown["12,5 (rettet)"] == []
    assert set(errors) <= {"undefined"}  # Decap rejects a blocked save without a reason



# --- plain Norwegian in every state an editor reaches (issue 20, item 7) ------------------------

# Decap's English outside its locale, and words of the case file's YAML no hint may use.
ENGLISH_OUTSIDE_LOCALE = re.compile(r"^No \w+$|\b(January|February|March|April|May|June|July|August|September|"
                                    r"October|November|December) \d|To pick up a draggable item|^Media$")
YAML_WORDS = re.compile(r"anførselstegn|\btrue\b|\bfalse\b|vocabularies/|\.yml\b|\bYAML\b|\"")
SAME_IN_NORWEGIAN = {"Markdown", "Status: %{status}", "%{date}", "＋ %{collectionLabel}", "OK"}

_TEXTS = """() => {
  const out = [];
  const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const t = walker.currentNode.textContent.trim();
    if (t && visible(walker.currentNode.parentElement)) out.push(t);
  }
  document.querySelectorAll('[aria-label],[placeholder],[title],img[alt]').forEach(e => {
    for (const a of ['aria-label', 'placeholder', 'title', 'alt']) if (e.getAttribute(a)) out.push(e.getAttribute(a).trim());
  });
  document.querySelectorAll('[aria-describedby]').forEach(e => e.getAttribute('aria-describedby').split(' ').forEach(id => {
    const d = document.getElementById(id); if (d && d.textContent.trim()) out.push(d.textContent.trim()); }));
  return out;
}"""


def _english_strings(page) -> set[str]:
    """Every string of Decap's English locale, placeholders left as they are and filled in as words."""
    values = page.evaluate("""() => { const out = []; const walk = o => Object.values(o).forEach(v =>
        typeof v === 'string' ? out.push(v) : walk(v)); walk(CMS.getLocale('en')); return out; }""")
    english = set()
    for value in values:
        if value in SAME_IN_NORWEGIAN or not re.search(r"[A-Za-z]{2}", re.sub(r"%\{\w+\}", "", value)):
            continue
        english.add(re.sub(r"%\{\w+\}", "", value).strip())
    return {e for e in english if len(e) >= 3}


def _english_found(texts: list[str], english: set[str]) -> list[str]:
    found = []
    for text in texts:
        if ENGLISH_OUTSIDE_LOCALE.search(text) or text in english or text.rstrip(".") in english:
            found.append(text)
        elif any(len(e) > 12 and e in text for e in english):  # an English sentence with a value in it
            found.append(text)
    return found


def test_every_state_of_the_form_is_in_plain_norwegian(browser, cms):
    """Login, case list, workflow board with a saved case, a new case with every list open and
    closed: no string of Decap's English locale, no English outside it, no YAML in any hint, no
    message ending in «..», no date filled in before the editor gives one."""
    url, repo = cms
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(STEP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    dialogs: list[str] = []  # leaving a case with unsaved changes asks first (in Norwegian)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    states: dict[str, list[str]] = {}
    hints: dict[str, list[str]] = {}
    try:
        page.goto(f"{url}/rediger/", timeout=90_000)
        page.get_by_role("button", name="Logg inn").wait_for()
        english = _english_strings(page)
        assert len(english) > 100
        states["innlogging"] = page.evaluate(_TEXTS)
        assert page.get_by_role("img", name="Erfaringsbanken").is_visible()
        page.get_by_role("button", name="Logg inn").click()
        page.get_by_text(EDITED_TITLE).first.wait_for()
        states["eksempler"] = page.evaluate(_TEXTS)
        page.goto(f"{url}/rediger/#/collections/eksempler/new")
        page.get_by_label("Tittel", exact=True).wait_for()
        states["nytt eksempel"] = page.evaluate(_TEXTS)
        for item in ("kommune", "tallserie", "kilde", "kontakt", "pris"):
            page.get_by_role("button", name=f"Legg til {item}").click()
        page.get_by_role("button", name="Legg til verdi").click()
        page.get_by_role("button", name="Legg til kilde").last.click()
        page.wait_for_timeout(300)
        states["alle lister åpne"] = page.evaluate(_TEXTS)
        hints["nytt eksempel"] = page.locator("[class*='ControlHint']").all_inner_texts()
        dates = page.locator("input[type='date']")
        assert dates.count() >= 2 and all(v == "" for v in dates.evaluate_all("es => es.map(e => e.value)"))
        for toggle in reversed(page.get_by_role("button", name="Vis eller skjul").all()):  # inner lists first
            if toggle.is_visible():
                toggle.click()
        page.wait_for_timeout(300)
        states["alle lister lukket"] = page.evaluate(_TEXTS)
        page.get_by_role("button", name="Lagre").click()  # blocked: required fields are empty
        page.wait_for_timeout(500)
        states["lagring stoppet"] = page.evaluate(_TEXTS)
        page = context.new_page()  # a fresh page: the unsaved new case stays behind in the old one
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/rediger/#/collections/eksempler/entries/{EDITED[2]}", timeout=90_000)
        page.get_by_label("Indikator", exact=True).first.wait_for()
        page.get_by_label("Tittel", exact=True).fill(EDITED_TITLE + " (endret)")
        page.get_by_role("button", name="Lagre").click()
        _saved_branch(page, repo, EDITED[2])
        states["eksisterende eksempel"] = page.evaluate(_TEXTS)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/rediger/#/workflow", timeout=90_000)
        page.get_by_text("Gjennomgås", exact=True).first.wait_for()
        page.locator("[class*='WorkflowCard']").first.wait_for()  # the saved case's card, with its date
        states["arbeidsflyt"] = page.evaluate(_TEXTS)
    finally:
        context.close()
    found = {state: _english_found(texts, english) for state, texts in states.items()}
    found["spørsmål"] = _english_found(dialogs, english)
    assert {k: v for k, v in found.items() if v} == {}
    for state, texts in states.items():
        assert not [t for t in texts if t.endswith("..")], state
        assert "Media" not in texts and not any(re.search(r"\b(\w*[Ii]nnlegg(et|ene)?)\b(?<!innleggelse)", t)
                                                and not re.search(r"innleggelse", t) for t in texts), state
    assert hints["nytt eksempel"] and [h for h in hints["nytt eksempel"] if YAML_WORDS.search(h)] == []
    assert set(errors) <= {"undefined"}


def test_a_year_typed_as_digits_is_accepted(browser, cms):
    """The year hint no longer says «i anførselstegn»; 2008 typed plainly is saved as the text "2008"."""
    url, repo = cms
    context, page, errors = _form_page(browser, url)
    try:
        page.goto(f"{url}/rediger/#/collections/eksempler/new")
        fra = page.locator("[id^='fra-field-']").first
        fra.fill("2008")
        page.get_by_role("button", name="Lagre").click()
        page.wait_for_timeout(300)
        assert _field_messages(fra) == []
        fra.fill('"2008"')
        page.get_by_role("button", name="Lagre").click()
        page.wait_for_timeout(300)
        assert _field_messages(fra) == ["Fra: Skriv år eller år-måned, for eksempel 2008 eller 2008-11."]
    finally:
        context.close()


# --- a build without REPO_URL (issue 20, item 10) -----------------------------------------------

def test_without_a_repository_the_page_explains_how_to_contribute(browser, built_site, tmp_path):
    """The default build (no REPO_URL) and no local decap-server: a Norwegian explanation, no Decap error."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    config = site / "rediger" / "config.yml"
    unused = _free_port()  # never the default 8081, where a developer's own decap-server may run
    config.write_text(config.read_text(encoding="utf-8").replace(
        "\nlocal_backend: true\n", f"\nlocal_backend:\n  url: http://127.0.0.1:{unused}/api/v1\n"), encoding="utf-8")
    host, url = serve_directory(site)
    context = browser.new_context(locale="nb-NO")
    try:
        page = context.new_page()
        page.goto(f"{url}/rediger/", timeout=90_000)
        page.wait_for_selector("#eb-uten-lager[data-sjekket]")
        text = page.inner_text("body")
        assert page.get_by_role("heading", name="Foreslå et eksempel").is_visible()
        for needed in ("Foreslå et nytt eksempel", "e-post", "npx decap-server", "For redaktører", "REPO_URL"):
            assert needed in text, needed
        assert "Error" not in text and "needs a" not in text and "konfigurasjon" not in text.lower()
        assert page.locator("#nc-root").count() == 0  # Decap never started
    finally:
        context.close()
        host.shutdown()
