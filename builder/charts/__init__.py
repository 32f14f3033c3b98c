"""Figures: which charts the site has (``specs``), drawing them with matplotlib into
deterministic, cached SVG (``drawing``), and the inline SVG maps (``maps``).

May import: ``builder.core``, ``builder.sources``, ``builder.knowledge``.
"""
