"""Markdown for the long-text fields of cases, rendered safely.

Editors may use paragraphs, lists, emphasis and links. Raw HTML is shown as text, headings and
images are not Markdown here, and links keep only http(s), mailto and relative targets, so no
field can inject markup or script.

Links are judged on the URL the browser will use: character references decoded (``&#106;``,
``&colon;``), tabs and newlines removed, backslashes read as slashes. A link an editor writes must
also be readable as what it is: no character references, no invisible characters, an external
address as a plain ``https://host/…``, and no relative link that opens another host (``//host``,
``/\\host``). ``link_problems`` gives the reason for each refused link (``validate`` reports them
with file and line); the renderer drops the same links, so a field that skipped validation still
cannot run script or hide where a link goes.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from urllib.parse import unquote

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from markupsafe import Markup

SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_PLAIN_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?(?:[/?#]\S*)?")
_MARKDOWN_CHAR_REF = re.compile(re.escape(AMP_SUBSTITUTE) + r"#([0-9]+);")  # Markdown's own e-mail obfuscation
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
                        r"\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]")

PLAIN_LINK_HINT = "Skriv lenken rett ut som https://adresse eller en relativ lenke, uten koder og skjulte tegn"


@dataclass(frozen=True)
class LinkProblem:
    target: str  # the link target as written in the Markdown
    message: str
    hint: str


def link_target_problem(target: str) -> tuple[str, str] | None:
    """Why a link target is refused, as (message, hint), or None if it is a safe, plain link."""
    shown = target if len(target) <= 80 else target[:77] + "…"
    if html.unescape(target) != target:
        return (f"lenken «{shown}» inneholder tegnreferanser (&…;) som nettleseren gjør om til andre tegn",
                PLAIN_LINK_HINT)
    if _INVISIBLE.search(target):
        return (f"lenken «{shown}» inneholder mellomrom, kontrolltegn eller usynlige tegn",
                "Fjern tegnene, eller skriv mellomrom i en adresse som %20")
    if "\\" in target:
        return (f"lenken «{shown}» inneholder en omvendt skråstrek (\\), som nettleseren leser som /",
                "Bruk vanlig skråstrek (/), og skriv eksterne lenker som https://adresse")
    scheme = _SCHEME.match(target)
    if scheme:
        name = scheme.group(1).lower()
        if name not in SAFE_SCHEMES:
            return (f"lenken «{shown}» bruker «{scheme.group(1)}:», som ikke er tillatt",
                    "Bare https://, http://, mailto: og relative lenker er tillatt")
        if name != "mailto" and not _PLAIN_WEB_ADDRESS.fullmatch(target):
            return (f"lenken «{shown}» er ikke en vanlig nettadresse",
                    "Skriv eksterne lenker som https://vertsnavn/sti (små bokstaver i https, ingen brukernavn@)")
        return None
    if unquote(target).replace("\\", "/").startswith("//"):
        return (f"lenken «{shown}» går til et annet nettsted, men ser ut som en lenke på dette nettstedet",
                "Skriv eksterne lenker som https://adresse, så leseren ser hvor lenken går")
    return None


def is_safe_url(url: str) -> bool:
    return link_target_problem(url) is None


def _browser_target(href: str) -> str:
    """The href as Markdown put it in the tree, with Markdown's own character references decoded."""
    return _MARKDOWN_CHAR_REF.sub(lambda m: chr(int(m.group(1))), href).replace(AMP_SUBSTITUTE, "&")


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self.md.link_problems = []
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    target = _browser_target(child.get("href", ""))
                    problem = link_target_problem(target)
                    if problem is not None:
                        self.md.link_problems.append(LinkProblem(target, *problem))
                        span = etree.Element("span")
                        span.text, span.tail = child.text, child.tail
                        span.extend(list(child))
                        parent.remove(child)
                        parent.insert(index, span)
                        continue
                    for attr in list(child.attrib):
                        if attr not in ("href", "title"):
                            del child.attrib[attr]
                    if target.startswith(("http://", "https://")):
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
    html_text = _md.convert(text.strip())
    return Markup("\n".join(line for line in html_text.splitlines() if line.strip()))


def link_problems(text: str | None) -> list[LinkProblem]:
    """Every link in a long-text field that the renderer refuses, with the reason (for validate)."""
    if not text:
        return []
    _md.reset()
    _md.convert(text.strip())
    return list(getattr(_md, "link_problems", []))
