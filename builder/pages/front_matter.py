"""Front matter for generated Markdown pages."""

from __future__ import annotations

from markupsafe import escape
import yaml


def front_matter(meta: dict) -> str:
    """YAML front matter. Titles are HTML-escaped here because MkDocs themes print page.title
    unescaped (Material's templates do not autoescape)."""
    safe = dict(meta)
    for key in ("title", "description"):
        if key in safe and safe[key] is not None:
            safe[key] = str(escape(safe[key]))
    dumped = yaml.safe_dump(safe, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{dumped}---\n\n"
