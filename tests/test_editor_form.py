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
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from builder.new_case import slugify
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
    """A logged-in form; a request to anywhere but 127.0.0.1 fails the test."""
    url, repo = cms
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(STEP)
    outside: list[str] = []
    context.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
               else outside.append(r.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/rediger/", timeout=90_000)  # 5 MB of JavaScript on a busy machine
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("link", name="Eksempler").first.wait_for()
    yield page, url, repo
    context.close()
    assert outside == [], f"the form asked for files outside the site: {outside}"
    assert errors == []


def _field(page, name: str):
    """The control container of a top-level or nested field, found by its Decap id prefix."""
    return page.locator(f"[id^='{name}-field-']").first


def _choose(page, control, label: str) -> None:
    control.click()
    control.press_sequentially(label)
    page.get_by_role("option", name=label, exact=True).first.click()


def _labelled(container, label: str):
    """A control by its label; Decap adds « (valgfritt)» to optional fields' labels."""
    return container.get_by_label(re.compile(rf"^{re.escape(label)}( \(valgfritt\))?$"))


def _rich_text(page, name: str, text: str) -> None:
    label = page.locator(f"label[for^='{name}-field-']").first
    box = label.locator("xpath=ancestor::div[contains(@class,'ControlContainer')][1]")
    editable = box.locator("[contenteditable='true']").first
    editable.click()
    editable.press_sequentially(text)


def _saved_branch(page, repo: Path, case_id: str, timeout: float = 60) -> str:
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
            pytest.fail(f"no branch {branch} after saving; branches: {_git(repo, 'branch')}; "
                        f"page says: {page.inner_text('body')[:2000]}")
        time.sleep(0.25)
    return branch


def _saved_file(page, repo: Path, case_id: str) -> str:
    return _git(repo, "show", f"{_saved_branch(page, repo, case_id)}:cases/{case_id}.yml")


def test_new_case_through_the_form_validates_and_builds(editor, tmp_path):
    page, url, repo = editor
    before = date.today()
    title = "Færre fallulykker på Øvre Åsen sykehjem"
    municipality = "Ås"
    page.goto(f"{url}/rediger/#/collections/eksempler/new")
    page.get_by_label("Tittel", exact=True).fill(title)
    page.get_by_role("button", name="Legg til kommune").click()
    _choose(page, _labelled(page.locator("[id^='kommuner-field-']").first.locator(".."), "Navn"), municipality)
    _choose(page, page.get_by_label("Program", exact=True), "Kvalitetskommuneprogrammet")
    _choose(page, page.get_by_label("Sektor", exact=True), "Pleie og omsorg")
    _choose(page, page.get_by_label("Temaer", exact=True), "Kvalitet i pleie og omsorg")
    _rich_text(page, "bakgrunn", "Mange beboere falt, og fallene ga brudd og sykehusinnleggelser.")
    _rich_text(page, "tiltak", "Alle ansatte lærte å kartlegge fallrisiko hos nye beboere.")
    page.get_by_role("button", name="Legg til tallserie").click()
    series = page.locator("[id^='tall-field-']").first.locator("..")
    _labelled(series, "Indikator").fill("Fall per måned")
    _labelled(series, "Enhet").fill("antall")
    _labelled(series, "Datakilde").fill("Sykehjemmets avvikssystem")
    for period, value in (("2008", "12"), ("2009", "7.5")):
        series.get_by_role("button", name="Legg til verdi").click()
        _labelled(series, "Periode").last.fill(period)
        _labelled(series, "Verdi").last.fill(value)
    page.get_by_role("button", name="Legg til kilde").click()
    sources = page.locator("[id^='kilder-field-']").first.locator("..")
    _choose(page, _labelled(sources, "Dokument"), "Sluttrapport Kvalitetskommuneprogrammet")
    _labelled(sources, "Linjer").fill("120–130")
    page.get_by_role("button", name="Lagre").click()
    case_id = slugify(f"{municipality} {title}")[:60].strip("-")
    text = _saved_file(page, repo, case_id)
    assert text.startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")
    project = copy_project(tmp_path / "project")  # decap-server keeps working in its own copy
    target = project / "cases" / f"{case_id}.yml"
    target.write_text(text, encoding="utf-8")
    result = run_cli(project, "validate", str(target))
    assert result.returncode == 0, result.stdout + result.stderr
    reviewed = re.search(r'\nsist_vurdert: "([0-9-]+)"\n', text)[1]  # dates default to today
    assert reviewed in {before.isoformat(), date.today().isoformat()}
    build = run_cli(project, "build", timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    html = (project / "site" / "eksempler" / case_id / "index.html").read_text(encoding="utf-8")
    for shown in (title, municipality, "Fall per måned", "7,5", "fallrisiko", "linjene 120–130"):
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
    from builder.yaml_loader import load_yaml_file

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
    from builder.yaml_loader import load_yaml_bytes

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
    page.get_by_role("button", name="Legg til tallserie").click()
    series = page.locator("[id^='tall-field-']").first.locator("..")
    _labelled(series, "Indikator").fill(HOSTILE_TYPED[("resultater", "tall", 0, "indikator")])
    _labelled(series, "Enhet").fill(HOSTILE_TYPED[("resultater", "tall", 0, "enhet")])
    _labelled(series, "Datakilde").fill("Sykehjemmets avvikssystem")
    _labelled(series, "Merknad").fill(HOSTILE_TYPED[("resultater", "tall", 0, "merknad")])
    for period, value in ((HOSTILE_TYPED[("resultater", "tall", 0, "verdier", 0, "periode")], "12"), ("2009", "7.5")):
        series.get_by_role("button", name="Legg til verdi").click()
        _labelled(series, "Periode").last.fill(period)
        _labelled(series, "Verdi").last.fill(value)
    page.get_by_role("button", name="Legg til kilde").click()
    sources = page.locator("[id^='kilder-field-']").first.locator("..")
    _choose(page, _labelled(sources, "Dokument"), "Sluttrapport Kvalitetskommuneprogrammet")
    _labelled(sources, "Linjer").fill("120–130")
    _labelled(sources, "Sitat").fill(HOSTILE_TYPED[("kilder", 0, "sitat")])
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
