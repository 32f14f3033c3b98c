"""The adapter to the static-site engine (MkDocs 1.x, or its fork ProperDocs): the plugin that
feeds generated pages to MkDocs (``mkdocs_plugin``), which engine runs (``engine_compat``), the
shared navigation, HTML stash and markup fixes, reused finished pages (``page_cache``), what
``mkdocs serve`` does after an edit (``serve_mode``) and which output folder may be replaced
(``output_folder``).

May import: every stage above it: ``core``, ``sources``, ``knowledge``, ``charts``, ``editing``,
``pages``, ``search``.
"""
