"""Reading and checking what editors write: case files, theme pages, vocabularies, the glossary,
synonyms, the municipality registers and the site's settings. Strict YAML loading
(``yaml_loader``), the JSON Schemas (``schema``), validation with Norwegian messages
(``validation``, ``privacy``, ``quotes``, ``input_links``, ``site_address``), the typed case model
(``model``) and the catalog that holds it all (``catalog``, with the validation cache).

May import: ``builder.core``.
"""
