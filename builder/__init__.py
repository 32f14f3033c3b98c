"""Erfaringsbanken builder: YAML cases -> validated model -> generated pages, charts and exports.

A plain library with a CLI (``python -m builder``, ``cli.py``). Its packages are the stages of the
pipeline, and data flows one way: each may import only the ones listed before it.

    core       project, problems, addresses, formatting, labels, cache entries, folder copies
    sources    reading and checking what editors write: the catalog
    knowledge  what is derived from the catalog: geography, regions, related cases
    charts     chart specs, matplotlib drawing, inline maps
    editing    the editing form's configuration, checks and preview; new-case; PR reports
    pages      every generated page and file
    search     the Pagefind index and the search word list
    engine     the MkDocs (or ProperDocs) adapter: the plugin, its caches, the output folder
    build      the build as a process: lock, atomic swap

``tests/test_package_layers.py`` keeps the order. docs/architecture.md has the map.
"""

__version__ = "0.1.0"
