"""Everything the builder generates for the site, as {site-relative path: content}.

The MkDocs plugin adds these as generated files; ``python -m builder generate`` writes them to disk.
Output is deterministic: the same input gives the same bytes, in the same order.
"""

from __future__ import annotations

from .catalog import Catalog
from .pages.case_index import render_case_index
from .pages.case_page import case_page_path, render_case_page
from .pages.field_docs import render_field_docs
from .schema import schema_json
from .theme_page import render_theme_index


def generate_site_files(catalog: Catalog) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    theme_pages = {t.tema for t in catalog.themes}
    files["eksempler/index.md"] = render_case_index(catalog)
    for case in catalog.cases:
        files[case_page_path(case)] = render_case_page(case, catalog, theme_pages)
    files["temaer/index.md"] = render_theme_index(catalog)
    files["redaktorer/felt.md"] = render_field_docs(catalog)
    files["schema/case.schema.json"] = schema_json(catalog.case_schema)
    files["schema/theme.schema.json"] = schema_json(catalog.theme_schema)
    return dict(sorted(files.items()))
