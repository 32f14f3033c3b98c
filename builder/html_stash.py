"""Keep pre-rendered HTML blocks away from Python-Markdown.

Generated pages are mostly HTML that the builder has already rendered and escaped. Python-Markdown
would re-parse every raw HTML block with its HTML parser, which was the largest cost in the build
profile. Each HTML block (a paragraph-level chunk starting with «<») is replaced by a token before
Markdown runs and put back into the HTML afterwards; headings stay Markdown, so the table of
contents still works.
"""

from __future__ import annotations

import re

_TOKEN = "EBHTMLBLOCK{}X"
_TOKEN_HTML = re.compile(r"<p>EBHTMLBLOCK(\d+)X</p>")


def stash_html_blocks(markdown: str) -> tuple[str, list[str]]:
    blocks: list[str] = []
    chunks = markdown.split("\n\n")
    for index, chunk in enumerate(chunks):
        stripped = chunk.strip()
        if stripped.startswith("<") and "markdown=" not in stripped:
            chunks[index] = _TOKEN.format(len(blocks))
            blocks.append(stripped)
    return "\n\n".join(chunks), blocks


def restore_html_blocks(html: str, blocks: list[str]) -> str:
    if not blocks:
        return html
    return _TOKEN_HTML.sub(lambda m: blocks[int(m.group(1))], html)
