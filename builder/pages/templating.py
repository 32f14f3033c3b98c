"""The Jinja environment for generated pages. Autoescape is on: every case field is escaped."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from builder.core.formatting import format_date, format_number, soft_hyphens
from builder.core.urls import edit_url, relative_url
from builder.sources.markdown_text import render_markdown

TEMPLATES = Path(__file__).parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = render_markdown
    env.filters["number"] = format_number
    env.filters["date"] = format_date
    env.filters["shy"] = soft_hyphens
    env.globals["relative_url"] = relative_url
    env.globals["edit_url"] = edit_url
    return env


def render(template: str, **context) -> str:
    html = environment().get_template(template).render(**context)
    # Raw HTML blocks inside Markdown must not contain blank lines.
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
