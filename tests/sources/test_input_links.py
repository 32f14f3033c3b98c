"""Symbolic links in content/, overrides/, vocabularies/ and schema/ are refused (issue 19, item 5).

MkDocs follows links in docs_dir and copies the theme's static files: `content/assets/x.txt ->
../../.git/config` published the checkout's git configuration (in CI it can hold the checkout
token, and the pull-request preview uploads site/). `validate` and `build` must both stop with exit
1 and a message naming the link, before anything is built: the previous site stays as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_cli

SECRET = "extraheader = AUTHORIZATION: basic aGVtbWVsaWctdG9rZW4="


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    """A project copy with a fake checkout config (holding a token) and a built site/."""
    project = copy_project(tmp_path_factory.mktemp("lenker") / "project")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f"[http]\n\t{SECRET}\n", encoding="utf-8")
    result = run_cli(project, "build", timeout=900)
    assert result.returncode == 0, result.stderr
    return project


def _link(project: Path, where: str, points_to: str) -> None:
    path = project / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(points_to)


def file_link_to_git_config(project: Path) -> str:
    _link(project, "content/assets/x.txt", "../../.git/config")
    return "content/assets/x.txt"


def absolute_file_link(project: Path) -> str:
    _link(project, "content/assets/konfig.txt", str(project / ".git" / "config"))
    return "content/assets/konfig.txt"


def link_to_a_folder(project: Path) -> str:
    _link(project, "content/om/git", "../../.git")
    return "content/om/git"


def dangling_link(project: Path) -> str:
    _link(project, "content/assets/borte.css", "finnes-ikke.css")
    return "content/assets/borte.css"


def link_in_a_nested_folder(project: Path) -> str:
    _link(project, "content/redaktorer/vedlegg/dypt/notat.md", "../../../../.git/config")
    return "content/redaktorer/vedlegg/dypt/notat.md"


def markdown_page_link(project: Path) -> str:
    _link(project, "content/om/kopi.md", "index.md")  # even inside content/: one file, one place
    return "content/om/kopi.md"


def link_in_overrides(project: Path) -> str:
    _link(project, "overrides/assets/konfig.txt", "../../.git/config")
    return "overrides/assets/konfig.txt"


def folder_link_in_overrides(project: Path) -> str:
    _link(project, "overrides/partials/git", "../../.git")
    return "overrides/partials/git"


def link_in_vocabularies(project: Path) -> str:
    _link(project, "vocabularies/ekstra.yml", "../.git/config")
    return "vocabularies/ekstra.yml"


def link_in_schema(project: Path) -> str:
    _link(project, "schema/ekstra.json", "../.git/config")
    return "schema/ekstra.json"


def content_folder_is_a_link(project: Path) -> str:
    (project / "content").rename(project / "innhold")
    (project / "content").symlink_to("innhold")
    return "content"


ROWS = [file_link_to_git_config, absolute_file_link, link_to_a_folder, dangling_link,
        link_in_a_nested_folder, markdown_page_link, link_in_overrides, folder_link_in_overrides,
        link_in_vocabularies, link_in_schema, content_folder_is_a_link]


def _tree(root: Path) -> list[tuple[str, bytes]]:
    return sorted((str(p.relative_to(root)), p.read_bytes()) for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("make_link", ROWS, ids=[f.__name__ for f in ROWS])
def test_a_symlink_among_the_inputs_is_refused_and_nothing_is_published(make_link, built_project, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True, ignore=shutil.ignore_patterns(".cache"))
    site_before = _tree(project / "site")
    shown = make_link(project)
    for command in ("validate", "build"):
        result = run_cli(project, command)
        assert result.returncode == 1, (command, result.stderr)
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"{shown}:1:1: (filen): "), (command, result.stderr)
        assert "symbolsk lenke" in first and " — " in first, (command, result.stderr)
        assert "Traceback" not in result.stderr
    assert _tree(project / "site") == site_before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site.")) == []
    assert not any(SECRET.encode() in data for _, data in _tree(project / "site"))


def test_plain_mkdocs_build_refuses_a_symlink_in_content(built_project, tmp_path):
    import subprocess
    import sys

    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True, ignore=shutil.ignore_patterns(".cache", "site"))
    file_link_to_git_config(project)
    out = tmp_path / "ut"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                             "--site-dir", str(out)], capture_output=True, text=True, cwd=project, timeout=300)
    assert result.returncode != 0
    assert "content/assets/x.txt:1:1: (filen): filen er en symbolsk lenke" in result.stderr
    assert not out.exists() or not any(SECRET.encode() in p.read_bytes() for p in out.rglob("*") if p.is_file())


def test_validating_one_case_file_does_not_scan_the_project(built_project, tmp_path):
    """`validate cases/x.yml` checks that file; the project scan belongs to a full validate and build."""
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True, ignore=shutil.ignore_patterns(".cache", "site"))
    dangling_link(project)
    case = sorted((project / "cases").glob("*.yml"))[0]
    result = run_cli(project, "validate", str(case.relative_to(project)))
    assert result.returncode == 0, result.stderr


def test_a_named_pipe_in_content_is_refused(built_project, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built_project, project, symlinks=True, ignore=shutil.ignore_patterns(".cache", "site"))
    os.mkfifo(project / "content" / "assets" / "ror")
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert result.stderr.startswith("content/assets/ror:1:1: (filen): dette er ikke en vanlig fil")
