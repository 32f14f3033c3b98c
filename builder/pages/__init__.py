"""Every generated page and file: ``generate`` gathers them as {site-relative path: content}.
Each ``*_page`` module turns part of the catalog into Markdown for the site; beside them the
templates (``templating``), the search facets and result cards (``facets``, ``result_cards``,
``site_search``), theme pages' generated parts (``theme_page``), exports and feeds, and the key of
what each detail page is made from (``page_inputs``).

May import: ``builder.core``, ``builder.sources``, ``builder.knowledge``, ``builder.charts``,
``builder.editing``.
"""
