"""Shared fixtures: a throw-away copy of the real project, and helpers to run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from static_host import serve_directory

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "content", "overrides", "schema", "vocabularies", "cases")


def copy_project(target: Path, *, with_cases: bool = True) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            if part == "cases" and not with_cases:
                (target / "cases").mkdir()
                continue
            shutil.copytree(src, target / part)
        else:
            shutil.copy2(src, target / part)
    return target


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A full copy of the project (real cases, content, schema) that a test may change."""
    return copy_project(tmp_path / "project")


def run_cli(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "builder", "--project", str(project), *args],
        capture_output=True, text=True, timeout=timeout, cwd=project,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project built once with the real MkDocs + Material build."""
    from builder.core.project import Project
    from builder.build.site_build import build_site

    site = tmp_path_factory.mktemp("built") / "site"
    problems = []
    code = build_site(Project(ROOT), site_dir=site, report=problems.extend, quiet=True)
    assert code == 0, "\n".join(p.format() for p in problems)
    return site


# --- real browser -------------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="session")
def site_url(built_site):
    server, url = serve_directory(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    yield page
    context.close()
