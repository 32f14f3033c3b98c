"""What is derived from the catalog without making a page: where municipalities are and who
their neighbours are (``geography``), counties of today and regions (``regions``), and related
cases and similar municipalities (``related``).

May import: ``builder.core``, ``builder.sources``.
"""
