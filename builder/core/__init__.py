"""The pieces every stage leans on, with no knowledge of cases: where the project's files are
(``project``), problems and how they are printed (``problems``), the site's addresses and reserved
names (``urls``), Norwegian number and date formatting (``formatting``), the fixed UI labels in
Bokmål and Nynorsk (``labels``), cache entries and keys (``build_cache``), and whole-folder copies
and removals (``file_tree``).

May import: nothing else in ``builder``.
"""
