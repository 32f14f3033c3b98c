"""Markdown for the long-text fields of cases, rendered safely.

Editors may use paragraphs, lists, emphasis and links. Raw HTML is shown as text, headings and
images are not Markdown here, and links keep only http(s), mailto and relative targets, so no
field can inject markup or script.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = {"http", "https", "mailto", ""}


def is_safe_url(url: str) -> bool:
    cleaned = "".join(ch for ch in url if ch > " ").strip()  # browsers ignore control chars/spaces
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES and not cleaned.lower().startswith(("//", "\\\\"))


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    href = child.get("href", "")
                    if not is_safe_url(href):
                        span = etree.Element("span")
                        span.text, span.tail = child.text, child.tail
                        span.extend(list(child))
                        parent.remove(child)
                        parent.insert(index, span)
                        continue
                    for attr in list(child.attrib):
                        if attr not in ("href", "title"):
                            del child.attrib[attr]
                    if href.startswith(("http://", "https://")):
                        child.set("rel", "noopener nofollow")


class SafeTextExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        for name in ("image_link", "image_reference", "short_image_ref"):
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        for name in ("hashheader", "setextheader", "hr"):
            if name in md.parser.blockprocessors:
                md.parser.blockprocessors.deregister(name)
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


_md = markdown.Markdown(extensions=[SafeTextExtension(), "sane_lists"], output_format="html")


def render_markdown(text: str | None) -> Markup:
    """Render one long-text field to safe HTML (no blank lines, so it embeds in raw HTML blocks)."""
    if not text:
        return Markup("")
    _md.reset()
    html = _md.convert(text.strip())
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))
