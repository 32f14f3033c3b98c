"""builder/ is grouped by pipeline stage, and data flows one way (builder/__init__.py): a module
may import only from its own package and the packages before it. Read from the source with ast,
so imports inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

ORDER = ["core", "sources", "knowledge", "charts", "editing", "pages", "search", "engine", "build"]
BUILDER = ROOT / "builder"
TOP_LEVEL = {"__init__.py", "__main__.py", "cli.py"}


def _modules() -> list[Path]:
    return sorted(p for p in BUILDER.rglob("*.py") if "__pycache__" not in p.parts and "templates" not in p.parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute builder module or package) of every import of the builder in `path`."""
    return _imports_of(path.read_text(encoding="utf-8"), ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1]))


def _imports_of(text: str, package: str) -> list[tuple[int, str]]:
    """The same for a module's `text` in `package` (e.g. «builder.core»)."""
    tree = ast.parse(text)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("builder")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.startswith("builder"):
                if module in ("builder", *(f"builder.{p}" for p in ORDER)):  # from builder.core import x
                    found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
                else:
                    found.append((node.lineno, module))
    return found


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ORDER else None


def test_every_module_belongs_to_a_stage():
    loose = [p.name for p in BUILDER.glob("*.py") if p.name not in TOP_LEVEL]
    assert loose == [], f"modules directly in builder/ (put each in its stage's package): {loose}"
    packages = sorted(p.name for p in BUILDER.iterdir() if (p / "__init__.py").is_file())
    assert packages == sorted(ORDER)


@pytest.mark.parametrize("stage", ORDER)
def test_a_stage_imports_only_itself_and_the_stages_before_it(stage):
    allowed = set(ORDER[:ORDER.index(stage) + 1])
    upward = []
    for path in _modules():
        if path.relative_to(BUILDER).parts[0] != stage:
            continue
        for line, module in _imports(path):
            target = _stage(module)
            if target is None:
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {module} (not in a stage)")
            elif target not in allowed:
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {module} ({target} comes after {stage})")
    assert upward == []


@pytest.mark.parametrize("stage", ORDER)
def test_each_package_says_what_it_owns_and_may_import(stage):
    doc = ast.get_docstring(ast.parse((BUILDER / stage / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "May import" in doc


def test_the_checker_sees_an_upward_import():
    """The rule is not vacuous: an import of a later stage at the top, inside a function, and a
    relative one are all found, and so is a module outside every stage."""
    text = ("from builder.pages.generate import generate_site\n"
            "def f():\n    from builder.engine import mkdocs_plugin\n"
            "from ..build.site_build import build_site\n"
            "from builder import cli\n")
    found = [m for _, m in sorted(_imports_of(text, "builder.core"))]
    assert found == ["builder.pages.generate", "builder.engine.mkdocs_plugin", "builder.build.site_build",
                     "builder.cli"]
    assert [_stage(m) for m in found] == ["pages", "engine", "build", None]
