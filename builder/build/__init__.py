"""The build as a process: one build per project at a time (``build_lock``), MkDocs run into a
fresh folder and swapped in atomically (``site_build``).

May import: every other stage (``builder.cli`` is the only module above it).
"""
