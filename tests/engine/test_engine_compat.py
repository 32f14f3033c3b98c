"""builder/engine/engine_compat.py: MkDocs 1.x where installed, else ProperDocs behind the mkdocs.* names."""

import subprocess
import sys

import pytest

from builder.engine.engine_compat import engine_logger_name, select_engine
from test_properdocs import PYTHON


def test_mkdocs_1_is_used_where_it_is_installed():
    assert select_engine() == "mkdocs" and select_engine() == "mkdocs"
    import mkdocs.plugins
    assert mkdocs.plugins.__name__ == "mkdocs.plugins" and "properdocs" not in sys.modules
    assert engine_logger_name() == "mkdocs"


def test_properdocs_stands_in_for_mkdocs_where_mkdocs_is_missing():
    if not PYTHON.exists():
        pytest.fail("ProperDocs is missing: run `make test`, which creates .venv-properdocs")
    probe = """
import importlib.util, sys
from builder.engine.engine_compat import engine_logger_name, select_engine
assert importlib.util.find_spec("mkdocs") is None and engine_logger_name() == "mkdocs"
print(select_engine(), select_engine(), engine_logger_name())
import mkdocs.plugins, properdocs.plugins
from mkdocs.commands.build import build
print(mkdocs.plugins.BasePlugin is properdocs.plugins.BasePlugin, build.__module__)
"""
    result = subprocess.run([str(PYTHON), "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["properdocs properdocs properdocs",
                                             "True properdocs.commands.build"]
