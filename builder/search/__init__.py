"""The site search's index, made after the pages: Pagefind over the built site
(``search_index``), reusing the previous index when no page changed (``search_index_cache``), the
list of each page's real words (``search_words``) and the preview's search in its own process
(``serve_search``).

May import: the stages listed before it in ``builder/__init__.py`` (core to pages); today it uses
only ``builder.core``.
"""
