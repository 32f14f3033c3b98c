"""Keep pre-rendered HTML blocks away from Python-Markdown.

Generated pages are mostly HTML that the builder has already rendered and escaped. Python-Markdown
would re-parse every raw HTML block with its HTML parser, which was the largest cost in the build
profile. Each HTML block is replaced by a token before Markdown runs and put back into the HTML
afterwards; headings stay Markdown, so the table of contents still works.

An HTML block starts at a paragraph-level chunk beginning with «<» and runs until the next Markdown
heading, blank lines included: a field's text may contain blank lines, and what follows one must
stay escaped text, never become Markdown (a link) or a token. The token is chosen so that it does
not occur in the page, so a field that contains the builder's own token is shown as written.
"""

from __future__ import annotations

import re

_TOKEN_BASE = "EBHTMLBLOCK"


class StashedBlocks(list):
    """The HTML blocks of one page, with the token that stands for them in the Markdown."""

    token: str = _TOKEN_BASE


def _free_token(markdown: str) -> str:
    token = _TOKEN_BASE
    while token in markdown:
        token += "Q"
    return token


def stash_html_blocks(markdown: str) -> tuple[str, StashedBlocks]:
    blocks = StashedBlocks()
    blocks.token = _free_token(markdown)
    out: list[str] = []
    current: list[str] | None = None  # the chunks of the open HTML block
    for chunk in markdown.split("\n\n"):
        stripped = chunk.strip()
        if stripped.startswith("#") or (current is None and not stripped.startswith("<")) \
                or "markdown=" in stripped:
            current = None
            out.append(chunk)
        elif current is None:
            current = [stripped]
            blocks.append(current)  # joined below
            out.append(f"{blocks.token}{len(blocks) - 1}X")
        else:
            current.append(chunk)
    for index, parts in enumerate(blocks):
        blocks[index] = "\n\n".join(parts).rstrip()
    return "\n\n".join(out), blocks


def restore_html_blocks(html: str, blocks: list[str]) -> str:
    if not blocks:
        return html
    token = getattr(blocks, "token", _TOKEN_BASE)
    return re.sub(rf"<p>{token}(\d+)X</p>", lambda m: blocks[int(m.group(1))], html)
