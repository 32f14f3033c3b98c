"""Erfaringsbanken builder: YAML cases -> validated model -> generated pages, charts and exports.

A plain library with a CLI (``python -m builder``); the MkDocs plugin in ``mkdocs_plugin.py`` is a
thin adapter on top of it.
"""

__version__ = "0.1.0"
