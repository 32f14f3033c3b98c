"""The GitHub workflow and issue-form files are valid against their published schemas."""

import subprocess
import sys

from conftest import ROOT


def _check(schema: str, *files):
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           *map(str, files)], capture_output=True, text=True)


def test_workflows_validate():
    files = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(files) >= 2
    result = _check("vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_validate():
    files = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    result = _check("vendor.github-issue-forms", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_broken_workflow_is_caught(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps: not-a-list\n")
    assert _check("vendor.github-workflows", bad).returncode != 0


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme.split("\n## ", 1)[0]
    assert "make test" in (ROOT / ".ci" / "run").read_text()
