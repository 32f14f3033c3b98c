"""/rediger/: Decap's bundle and licences are copied in when installed; without them the page says so."""

from __future__ import annotations

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.editor_page import DECAP_BUNDLE, DECAP_DIST, editor_files
from conftest import ROOT, copy_project


def test_the_form_ships_decap_its_chunks_and_licences():
    files = editor_files(load_catalog(Project(ROOT)))
    page = files["rediger/index.html"]
    scripts = ["js-yaml.min.js", "skjema.js", DECAP_BUNDLE]
    positions = [page.index(f'<script src="{s}"></script>') for s in scripts]
    assert positions == sorted(positions)  # skjema.js must run before Decap starts
    assert files[f"rediger/{DECAP_BUNDLE}"] == (ROOT / DECAP_DIST / DECAP_BUNDLE).read_bytes()
    chunks = {p.name for p in (ROOT / DECAP_DIST).iterdir() if p.name.endswith("." + DECAP_BUNDLE)}
    assert chunks and chunks <= {name.split("/")[-1] for name in files}
    licences = files["rediger/LISENSER.txt"]
    assert licences.count("MIT License") >= 2 and "js-yaml" in licences and "@license" in licences
    assert "://" not in page  # nothing loaded from elsewhere


def test_without_node_modules_the_page_explains_and_the_build_goes_on(tmp_path):
    project = Project(copy_project(tmp_path / "p"))  # a fresh clone: no node_modules
    files = editor_files(load_catalog(project))
    page = files["rediger/index.html"]
    assert "<script" not in page and "npm ci" in page and "make site" in page
    assert set(files) == {"rediger/index.html", "rediger/config.yml"}


@pytest.mark.parametrize(("repo_url", "explained"), [
    (None, True), ("", True), ("https://gitlab.com/ks/erfaringsbanken", True),
    ("https://github.com/ks/erfaringsbanken", False), ("https://github.com/ks/erfaringsbanken.git", False),
])
def test_without_a_github_repository_the_page_explains_how_to_contribute(monkeypatch, repo_url, explained):
    """The README's `make site` (no REPO_URL): the form has nowhere to send a suggestion, so the page
    says in Norwegian how to suggest an example; the scripts stay, to start the form against a local
    decap-server. With a GitHub repository the form starts at once."""
    if repo_url is None:
        monkeypatch.delenv("REPO_URL", raising=False)
    else:
        monkeypatch.setenv("REPO_URL", repo_url)
    files = editor_files(load_catalog(Project(ROOT)))
    page = files["rediger/index.html"]
    assert ('id="eb-uten-lager"' in page) is explained
    assert f'<script src="{DECAP_BUNDLE}"></script>' in page
    config = files["rediger/config.yml"]
    assert ("\n  repo: ks/erfaringsbanken\n" in config) is not explained
    assert "\nlocal_backend: true\n" in config
    if explained:
        for needed in ("Foreslå et eksempel", "Foreslå et nytt eksempel", "e-post", "npx decap-server",
                       "../redaktorer/", "REPO_URL"):
            assert needed in page, needed
