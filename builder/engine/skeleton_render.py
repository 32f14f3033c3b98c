"""Render the Markdown that is left of a generated page once its HTML is stashed, without a full
Python-Markdown pass per page.

After ``html_stash`` a case or municipality page's Markdown is only a *skeleton*: stash tokens
(«EBHTMLBLOCK3X») and level-2 headings with an anchor («## Tiltak { #tiltak }»). MkDocs would
build a new Markdown object with every extension for each page (the largest fixed cost per page);
here each distinct heading line is converted once, by a Markdown object configured exactly as
MkDocs configures it, and the page is put together from the pieces. A page with anything else in
it, or with a heading twice, gets the normal Markdown pass. tests/engine/test_skeleton_render.py proves
the result is byte-identical to MkDocs' own rendering for every generated page of the project.
"""

from __future__ import annotations

import copy
import re

_TOKEN = re.compile(r"EBHTMLBLOCK(Q*)\d+X")
_HEADING = re.compile(r'## [^\n#{}<>&*_`\[\]\\!|]+ \{ #[a-z0-9-]+(?: [a-z-]+="[a-z]+")? \}')


def skeleton_parts(markdown: str) -> list[str] | None:
    """The page's chunks when it is a skeleton, else None."""
    chunks = markdown.split("\n\n")
    headings = [c for c in chunks if not _TOKEN.fullmatch(c)]
    if any(not _HEADING.fullmatch(c) for c in headings) or len(set(headings)) != len(headings):
        return None
    return chunks


class SkeletonRenderer:
    """One per build (the Markdown configuration is the build's)."""

    def __init__(self, extensions, extension_configs):
        self.extensions, self.extension_configs = extensions, extension_configs
        self._md = None
        self._headings: dict[str, tuple[str, dict]] = {}

    def _heading(self, line: str) -> tuple[str, dict]:
        if line not in self._headings:
            import markdown

            if self._md is None:
                self._md = markdown.Markdown(extensions=self.extensions,
                                             extension_configs=self.extension_configs or {})
            self._md.reset()
            html = self._md.convert(line)
            tokens = getattr(self._md, "toc_tokens", [])
            assert len(tokens) == 1, line  # one heading in, one token out
            self._headings[line] = (html, tokens[0])
        return self._headings[line]

    def render(self, chunks: list[str]) -> tuple[str, list[dict]]:
        """(HTML, toc tokens) for a skeleton's chunks, as Python-Markdown would give them."""
        html, toc = [], []
        for chunk in chunks:
            if _TOKEN.fullmatch(chunk):
                html.append(f"<p>{chunk}</p>")
            else:
                heading_html, token = self._heading(chunk)
                html.append(heading_html)
                toc.append(copy.deepcopy(token))
        return "\n".join(html), toc
