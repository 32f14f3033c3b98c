"""Which static-site engine runs the build: MkDocs 1.x, or ProperDocs 1.x, its maintained fork.

ProperDocs is a separate package (module and CLI ``properdocs``) with the same API under the
``properdocs.*`` names. Its CLI imports ``properdocs.replacement``, which makes every ``mkdocs.*``
import in that process load the ``properdocs.*`` module instead, so the plugin (``from mkdocs...``)
runs unchanged under ``properdocs build``. This module does the same for the builder's own entry
points (``python -m builder build``, which runs the engine in-process): call ``select_engine()``
before the first ``mkdocs`` import.

MkDocs is used when a 1.x is installed; ProperDocs when MkDocs is missing or is 2.x or later
(which drops plugins and themes). Nothing changes when MkDocs 1.x is installed.
"""

from __future__ import annotations

import importlib.util
import sys
from importlib.metadata import PackageNotFoundError, version


def select_engine() -> str:
    """Make ``mkdocs.*`` imports work with the installed engine; return the engine's name,
    ``"mkdocs"`` or ``"properdocs"``. Safe to call more than once."""
    if sys.modules.get("mkdocs") is sys.modules.get("properdocs") is not None:
        return "properdocs"  # already redirected (the properdocs CLI, or an earlier call)
    if _mkdocs_1_installed() or importlib.util.find_spec("properdocs") is None:
        return "mkdocs"
    import properdocs  # noqa: F401 (replacement needs the package in sys.modules)
    import properdocs.replacement  # noqa: F401 (redirects mkdocs.* to properdocs.*)
    return "properdocs"


def engine_logger_name() -> str:
    """The root logger of the running engine (MkDocs logs under ``mkdocs``, ProperDocs under
    ``properdocs``; ProperDocs's ``mkdocs.*`` loggers are children of the ``mkdocs`` logger only
    when its CLI set that up)."""
    return "properdocs" if sys.modules.get("mkdocs") is sys.modules.get("properdocs") is not None else "mkdocs"


def _mkdocs_1_installed() -> bool:
    if "mkdocs" in sys.modules:
        return True  # the real MkDocs is already imported: use it, never mix two engines
    try:
        return version("mkdocs").split(".")[0] == "1"
    except PackageNotFoundError:
        return False
