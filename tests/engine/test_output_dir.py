"""`--site-dir`: only a folder this builder wrote may be replaced (issue 19, item 4).

A build replaces its whole output folder. Before the marker file, any folder with an index.html was
emptied, a git checkout of another site included (its .git gone). Every refused target here must
come back with exit 1, a Norwegian message naming the folder, and every file still there byte for
byte (links still links)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder.core.project import Project
from builder.engine.output_folder import MARKER_BYTES, SITE_MARKER, output_dir_problem, output_path
from conftest import run_cli


def _tree(root: Path) -> list[tuple[str, str, bytes]]:
    """Everything under `root`, links recorded as links (never followed)."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out.append((rel, "link", os.readlink(path).encode()))
            elif path.is_dir():
                out.append((rel, "dir", b""))
            else:
                out.append((rel, "file", path.read_bytes()))
    return sorted(out)


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=folder, check=True, capture_output=True)


def _folder(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    return path


def _built(path: Path, extra: dict[str, str] | None = None) -> Path:
    """A folder that looks like a previous build (marker included), plus `extra` files."""
    _folder(path, {"index.html": "<h1>Forrige bygg</h1>", "pagefind/pagefind.js": "//",
                   "eksempler/index.html": "liste", **(extra or {})})
    (path / SITE_MARKER).write_bytes(MARKER_BYTES)
    return path


def git_checkout(tmp: Path, project: Path) -> Path:
    site = _folder(tmp / "annet-nettsted", {"index.html": "<h1>Et annet nettsted</h1>", "om.html": "om"})
    _git(site, "init", "-q")
    _git(site, "add", ".")
    _git(site, "commit", "-qm", "første")
    return site


def git_checkout_with_marker(tmp: Path, project: Path) -> Path:
    site = _built(tmp / "bygd-og-innsjekket")
    _git(site, "init", "-q")
    _git(site, "add", ".")
    _git(site, "commit", "-qm", "bygget")
    return site


def git_checkout_as_default_site(tmp: Path, project: Path) -> Path:
    site = _folder(project / "site", {"index.html": "<h1>gh-pages</h1>", "pagefind/pagefind.js": "//"})
    _git(site, "init", "-q")
    _git(site, "add", ".")
    _git(site, "commit", "-qm", "gh-pages")
    return site


def marker_and_dotfile(tmp: Path, project: Path) -> Path:
    return _built(tmp / "med-env", {".env": "HEMMELIG=1"})


def marker_and_nested_dotfolder(tmp: Path, project: Path) -> Path:
    return _built(tmp / "med-svn", {"assets/.svn/entries": "12"})


def marker_and_nojekyll(tmp: Path, project: Path) -> Path:
    return _built(tmp / "med-nojekyll", {".nojekyll": ""})


def marker_and_symlink_inside(tmp: Path, project: Path) -> Path:
    outside = _folder(tmp / "viktig", {"rapport.txt": "ikke slett"})
    site = _built(tmp / "med-lenke")
    (site / "data").mkdir()
    (site / "data" / "rapporter").symlink_to(outside)
    return site


def marker_is_a_symlink(tmp: Path, project: Path) -> Path:
    real = tmp / "ekte-merke"
    real.write_bytes(MARKER_BYTES)
    site = _folder(tmp / "lenket-merke", {"index.html": "x"})
    (site / SITE_MARKER).symlink_to(real)
    return site


def marker_with_other_text(tmp: Path, project: Path) -> Path:
    return _folder(tmp / "feil-merke", {"index.html": "x", SITE_MARKER: "noe annet\n"})


def old_style_site_outside_project(tmp: Path, project: Path) -> Path:
    return _folder(tmp / "gammelt-bygg", {"index.html": "x", "pagefind/pagefind.js": "//"})


def someones_site_with_index(tmp: Path, project: Path) -> Path:
    return _folder(tmp / "hjemmeside", {"index.html": "<h1>Min side</h1>", "bilder/ferie.jpg": "jpg"})


def default_site_without_marker_or_index(tmp: Path, project: Path) -> Path:
    return _folder(project / "site", {"notater.txt": "mine notater", "bilder/kart.png": "png"})


def symlink_to_empty_folder(tmp: Path, project: Path) -> Path:
    (tmp / "tom").mkdir()
    (tmp / "lenke-til-tom").symlink_to(tmp / "tom")
    return tmp / "lenke-til-tom"


def symlink_to_previous_build(tmp: Path, project: Path) -> Path:
    _built(tmp / "forrige")
    (tmp / "lenke-til-bygg").symlink_to(tmp / "forrige")
    return tmp / "lenke-til-bygg"


def default_site_is_a_symlink(tmp: Path, project: Path) -> Path:
    _built(tmp / "www")
    (project / "site").symlink_to(tmp / "www")
    return project / "site"


def dangling_symlink(tmp: Path, project: Path) -> Path:
    (tmp / "brutt").symlink_to(tmp / "finnes-ikke")
    return tmp / "brutt"


def a_file(tmp: Path, project: Path) -> Path:
    (tmp / "nettsted.zip").write_bytes(b"PK\x03\x04")
    return tmp / "nettsted.zip"


def inside_another_git_folder(tmp: Path, project: Path) -> Path:
    repo = _folder(tmp / "annet-repo", {"README.md": "x"})
    _git(repo, "init", "-q")
    return repo / ".git" / "site"


def the_home_folder(tmp: Path, project: Path) -> Path:
    return _folder(tmp / "brukere" / "hjem", {"index.html": "x", "notater.txt": "x"})


def above_the_home_folder(tmp: Path, project: Path) -> Path:
    _folder(tmp / "brukere" / "hjem", {"index.html": "x"})
    return tmp / "brukere"


REFUSED = [
    (git_checkout, "inneholder «.git»"),
    (git_checkout_with_marker, "inneholder «.git»"),
    (git_checkout_as_default_site, "inneholder «.git»"),
    (marker_and_dotfile, "inneholder «.env»"),
    (marker_and_nested_dotfolder, "inneholder «assets/.svn»"),
    (marker_and_nojekyll, "inneholder «.nojekyll»"),
    (marker_and_symlink_inside, "inneholder «data/rapporter»"),
    (marker_is_a_symlink, f"inneholder «{SITE_MARKER}»"),
    (marker_with_other_text, f"merkefilen {SITE_MARKER}"),
    (old_style_site_outside_project, f"merkefilen {SITE_MARKER}"),
    (someones_site_with_index, "inneholder noe annet enn et bygd nettsted"),
    (default_site_without_marker_or_index, "inneholder noe annet enn et bygd nettsted"),
    (symlink_to_empty_folder, "er en symbolsk lenke"),
    (symlink_to_previous_build, "er en symbolsk lenke"),
    (default_site_is_a_symlink, "er en symbolsk lenke"),
    (dangling_symlink, "er en symbolsk lenke"),
    (a_file, "er en fil, ikke en mappe"),
    (inside_another_git_folder, "ligger i en git-mappe (.git)"),
    (the_home_folder, "hjemmemappen"),
    (above_the_home_folder, "hjemmemappen"),
]


@pytest.mark.parametrize("make_target, reason", REFUSED, ids=[f.__name__ for f, _ in REFUSED])
def test_a_folder_the_builder_did_not_write_is_refused_and_kept(make_target, reason, tmp_path, monkeypatch):
    from conftest import copy_project

    project = copy_project(tmp_path / "prosjekt", with_cases=False)
    monkeypatch.setenv("HOME", str(tmp_path / "brukere" / "hjem"))  # inherited by run_cli's subprocess
    (tmp_path / "brukere" / "hjem").mkdir(parents=True, exist_ok=True)
    target = make_target(tmp_path, project)
    before = _tree(tmp_path)
    result = run_cli(project, "build", "--site-dir", str(target))
    first = result.stderr.splitlines()[0] if result.stderr else ""
    assert result.returncode == 1, result.stderr
    assert first.startswith(f"{target}:1:1: --site-dir: utdatamappen ") or \
        first.startswith(f"{target.relative_to(project)}:1:1: --site-dir: utdatamappen "), result.stderr
    assert reason in first, result.stderr
    assert " — " in first  # says what to do
    assert "Traceback" not in result.stderr
    assert _tree(tmp_path) == before


def test_plain_mkdocs_build_refuses_a_git_checkout_as_output(tmp_path):
    """The plugin checks MkDocs' own site_dir in on_config, before MkDocs empties it."""
    from conftest import copy_project

    project = copy_project(tmp_path / "prosjekt")
    target = git_checkout(tmp_path, project)
    before = _tree(target)  # the validation before the check writes its cache in the project
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                             "--site-dir", str(target)], capture_output=True, text=True, cwd=project, timeout=300)
    assert result.returncode != 0
    assert f"{target}:1:1: --site-dir: utdatamappen inneholder «.git»" in result.stderr
    assert _tree(target) == before


@pytest.mark.parametrize("given", ["/", "~", "~/..", "../../../../../../../../../.."])
def test_root_and_home_are_never_an_output_folder(given, project_dir):
    """Checked on the function only: a real build aimed at / or ~ would be reckless if this broke."""
    target = output_path(Path(os.path.expanduser(given)))
    problem = output_dir_problem(Project(project_dir), target)
    assert problem is not None
    assert problem.message.startswith("utdatamappen er ")
    assert "hjemmemappen" in problem.message or "prosjektmappen" in problem.message


def test_folders_beside_the_site_are_removed_only_when_ours(project_dir):
    """Leftovers of a killed build carry the marker (written first thing) and are removed; a folder
    of the user's that only has a similar name (www.old-backup) is kept, and never put back as the
    site. The build here fails on a bad case, after the clean-up."""
    _built(project_dir / "site.tmp-a1b2c3d4")
    (project_dir / "site.tmp-zzzzzzzz").mkdir()  # killed before the marker was written
    mine = _folder(project_dir / "site.old-backup", {"index.html": "min sikkerhetskopi", ".git/HEAD": "ref"})
    old_version = _folder(project_dir / "site.tmp-q9w8e7r6", {"index.html": "eldre versjons rest"})
    (project_dir / "cases" / "ny.yml").write_text("id: ny\n", encoding="utf-8")
    kept = _tree(mine), _tree(old_version)
    result = run_cli(project_dir, "build")
    assert result.returncode == 1
    assert not (project_dir / "site.tmp-a1b2c3d4").exists()
    assert not (project_dir / "site.tmp-zzzzzzzz").exists()
    assert (_tree(mine), _tree(old_version)) == kept
    assert not (project_dir / "site").exists()  # site.old-backup was not taken for a lost site
    assert f"MERK: {project_dir / 'site.tmp-q9w8e7r6'} ser ut som en rest" in result.stderr
    assert "site.old-backup" not in result.stderr


def test_an_old_default_site_is_upgraded_and_every_build_is_marked(project_dir, tmp_path):
    """The project's own site/ built before the marker (index.html, pagefind/) is replaced once; the
    new site carries the marker, so the next build replaces it again. Elsewhere an unmarked old
    build is refused (see the table above)."""
    old = _folder(project_dir / "site", {"index.html": "gammel", "pagefind/pagefind.js": "//",
                                         "eksempler/borte/index.html": "fjernet eksempel"})
    assert not (old / SITE_MARKER).exists()
    result = run_cli(project_dir, "build", timeout=600)
    assert result.returncode == 0, result.stderr
    site = project_dir / "site"
    assert (site / SITE_MARKER).read_bytes() == MARKER_BYTES
    assert not (site / "eksempler" / "borte").exists()
    assert sorted(p.name for p in project_dir.iterdir() if p.name.startswith("site.")) == []
