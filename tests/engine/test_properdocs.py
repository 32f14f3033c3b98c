"""Engine insurance (issue 15): ProperDocs, the maintained fork of MkDocs 1.x, builds the same site
from the same mkdocs.yml, plugin and Material theme, in its own environment without MkDocs.

`make test` creates `.venv-properdocs` from `requirements-properdocs.txt` (requirements.txt with
ProperDocs instead of MkDocs). The one expected difference between the two builds is Material's
`<meta name="generator">`, which names the engine; Pagefind's filter shards are written in hash-map
order by any build (see test_site_build.py), so they are compared by count.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

VENV = ROOT / ".venv-properdocs"
PYTHON = VENV / "bin" / "python"
PROPERDOCS = VENV / "bin" / "properdocs"
# mkdocs-get-deps is MkDocs's `get-deps` command; ProperDocs has its own.
MKDOCS_ONLY = {"mkdocs", "mkdocs-get-deps"}
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


RUNTIME = _pins(ROOT / "requirements.txt")
DEV = _pins(ROOT / "requirements-dev.txt")
PROPERDOCS_PINS = _pins(ROOT / "requirements-properdocs.txt")


def _files(site: Path, under: str | None = None) -> set[Path]:
    root = site / under if under else site
    return {p.relative_to(site) for p in root.rglob("*")
            if p.is_file() and (under or p.relative_to(site).parts[0] != "pagefind")}


def _without_generator(data: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator" content="">', data)


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory) -> Path:
    """The real project built by the `properdocs` CLI, as a user of the fork would run it."""
    if not PROPERDOCS.exists():
        pytest.fail("ProperDocs is missing: run `make test`, which creates .venv-properdocs")
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = subprocess.run([str(PROPERDOCS), "build", "--config-file", str(ROOT / "mkdocs.yml"),
                             "--site-dir", str(site)],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr[-4000:]
    return site


def test_the_properdocs_environment_has_properdocs_and_no_mkdocs():
    if not PYTHON.exists():
        pytest.fail("ProperDocs is missing: run `make test`, which creates .venv-properdocs")
    probe = ("import importlib.util, properdocs, material;"
             "print(properdocs.__version__, importlib.util.find_spec('mkdocs') is None)")
    result = subprocess.run([str(PYTHON), "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [PROPERDOCS_PINS["properdocs"], "True"]


def test_properdocs_pins_are_the_mkdocs_pins_without_mkdocs():
    """Every runtime pin but MkDocs's own is installed for ProperDocs at the same version, so the
    two builds differ only in the engine; the rest are ProperDocs and pins from
    requirements-dev.txt (the editable install's build backend, typing_extensions)."""
    assert MKDOCS_ONLY <= RUNTIME.keys() and not MKDOCS_ONLY & PROPERDOCS_PINS.keys()
    assert {name: RUNTIME[name] for name in RUNTIME.keys() - MKDOCS_ONLY} == \
        {name: PROPERDOCS_PINS.get(name) for name in RUNTIME.keys() - MKDOCS_ONLY}
    extra = {name: version for name, version in PROPERDOCS_PINS.items() if name not in RUNTIME}
    assert extra.pop("properdocs").startswith("1.6.")
    assert extra == {name: DEV.get(name) for name in extra}


def test_properdocs_writes_the_same_pages(built_site, properdocs_site):
    mkdocs_pages = {p for p in _files(built_site) if p.suffix == ".html"}
    properdocs_pages = {p for p in _files(properdocs_site) if p.suffix == ".html"}
    assert len(mkdocs_pages) > 400
    assert sorted(map(str, mkdocs_pages - properdocs_pages)) == []
    assert sorted(map(str, properdocs_pages - mkdocs_pages)) == []


def test_every_file_is_identical_but_the_generator_tag(built_site, properdocs_site):
    """Pages, charts, data files, feeds and assets: byte for byte, except that each page's
    generator tag names ProperDocs instead of MkDocs."""
    files = _files(built_site)
    assert files == _files(properdocs_site)
    differing, generators = [], set()
    for rel in sorted(files):
        ours, theirs = (built_site / rel).read_bytes(), (properdocs_site / rel).read_bytes()
        if rel.suffix == ".html":
            generators.add((tuple(GENERATOR.findall(ours)), tuple(GENERATOR.findall(theirs))))
            ours, theirs = _without_generator(ours), _without_generator(theirs)
        if ours != theirs:
            differing.append(str(rel))
    assert differing == []
    material = f"mkdocs-material-{RUNTIME['mkdocs-material']}".encode()
    expected = ((f"mkdocs-{RUNTIME['mkdocs']}, ".encode() + material,),
                (f"mkdocs-ProperDocs {PROPERDOCS_PINS['properdocs']}, ".encode() + material,))
    assert generators - {((), ())} == {expected}  # ((), ()): the editing form has no tag


def test_the_search_index_holds_the_same_records(built_site, properdocs_site):
    """Pagefind's per-page records (fragments) are content-addressed and identical; its word
    index and filter shards come in the same numbers."""
    fragments = _files(built_site, "pagefind/fragment")
    assert len(fragments) > 400 and fragments == _files(properdocs_site, "pagefind/fragment")
    assert [p for p in sorted(fragments)
            if (built_site / p).read_bytes() != (properdocs_site / p).read_bytes()] == []
    for folder in ("pagefind/index", "pagefind/filter"):
        assert len(_files(built_site, folder)) == len(_files(properdocs_site, folder))
    entries = [json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
               for site in (built_site, properdocs_site)]
    assert entries[0]["languages"]["nb"]["page_count"] == entries[1]["languages"]["nb"]["page_count"]


def test_builder_build_runs_on_properdocs_when_mkdocs_is_missing(properdocs_site, tmp_path):
    """`python -m builder build` (what `make site` runs) selects ProperDocs in-process
    (builder/engine/engine_compat.py) and builds the same site as the `properdocs` CLI."""
    site = tmp_path / "site"
    result = subprocess.run([str(PYTHON), "-m", "builder", "--project", str(ROOT), "build",
                             "--site-dir", str(site)],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr and "Traceback" not in result.stderr
    assert _files(site) == _files(properdocs_site)
    assert [str(p) for p in sorted(_files(site))
            if (site / p).read_bytes() != (properdocs_site / p).read_bytes()] == []


def test_an_engine_error_under_properdocs_is_a_norwegian_problem_and_keeps_the_site(tmp_path):
    """The builder catches ProperDocs's exceptions as it catches MkDocs's: exit 1, a message,
    no traceback, the previous site untouched."""
    project = copy_project(tmp_path / "project", with_cases=False)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("forrige nettsted", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "use_directory_urls: true", "use_directory_urls: kanskje"), encoding="utf-8")
    result = subprocess.run([str(PYTHON), "-m", "builder", "--project", str(project), "build"],
                            capture_output=True, text=True, cwd=project, timeout=300)
    assert result.returncode == 1, result.stderr[-4000:]
    assert "Traceback" not in result.stderr
    assert "mkdocs.yml:1:1:" in result.stderr
    # the engine's own message comes through the builder's log handler, as under MkDocs
    assert "ERROR   -  Config value 'use_directory_urls'" in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "forrige nettsted"
    assert [p.name for p in project.iterdir() if p.name.startswith("site.")] == []
