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

A link text that looks like an address must name the same place as the link:
``[https://www.ks.no/](https://evil.example/)`` is refused. Text looks like an address when it
starts with ``http://``, ``https://``, ``//`` or ``www.``, or is one word of dot-separated labels
ending in two or more letters (``ks.no``, ``ks.no/side``; not a file name such as
``rapport.pdf``), or an e-mail address; the whole text is judged, and each word of it («Les mer
på www.ks.no»), without quotes, brackets and punctuation around it («(www.ks.no)»). The hosts
are compared case-insensitively after IDNA (punycode) normalisation, with a trailing dot and one
leading ``www.`` ignored; the path may differ.
Text with a user name (``https://www.ks.no@evil.example``) is always refused, an e-mail address
only goes with ``mailto:`` to the same address and no other (no ``?cc=``, ``?bcc=``, ``?to=``).
"""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE
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


LINK_TEXT_HINT = "Skriv lenketeksten som vanlig tekst, eller la den vise samme adresse som lenken går til"
_IDNA_DOTS = re.compile("[\u3002\uff0e\uff61]")  # ideographic and fullwidth full stops: IDNA label separators
# Characters shown as a dot on the line or just above it (middle dots, a hyphenation point, Syriac
# and Arabic full stops): ks·no reads as ks.no.
_LOOKALIKE_DOTS = re.compile("[\u00b7\u0387\u06d4\u0701\u0702\u2027\u2219\u22c5\u2e33\u30fb\ua60e]")
_ADDRESS_START = re.compile(r"https?:/*|(?:[a-z][a-z0-9+.-]*:)?//+|www\.", re.IGNORECASE)
_DOMAIN_WORD = re.compile(r"(?:[^\s./?#@:\\]+\.)+(?P<top>[^\W\d_]{2,}|xn--[a-z0-9-]+)\.?(?::[0-9]*)?(?:[/?#]\S*)?",
                          re.IGNORECASE)
_MAIL_TEXT = re.compile(r"(?:mailto:)?(?P<address>[^\s@/:]+@[^\s@/:]+\.[^\W\d_]{2,})\.?", re.IGNORECASE)
# Endings of file names (and abbreviations), which make a link text look like «name.ending» without being an address.
_FILE_ENDINGS = {"pdf", "html", "htm", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "csv", "ppt",
                 "pptx", "odp", "json", "xml", "yml", "yaml", "md", "jpg", "jpeg", "png", "gif", "svg", "webp",
                 "zip", "epub",
                 "eks", "prp", "meld", "st", "fl", "mva"}  # and of Norwegian abbreviations: f.eks, St.prp,
# St.meld, Meld.St., m.fl., inkl.mva


def _normal_host(host: str) -> str | None:
    """ks.no, KS.NO., www.ks.no and ｋｓ.no -> "ks.no"; None if it is no valid host name."""
    host = _IDNA_DOTS.sub(".", host).rstrip(".").lower()
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    return host[4:] if host.startswith("www.") else host


def _text_addresses(text: str) -> list[tuple[str, str]]:
    """Each address a link text shows: the whole text, and each word of it («Les mer på
    www.ks.no»), without the quotes, brackets and punctuation around it («(www.ks.no)», «"ks.no"»)."""
    text = unicodedata.normalize("NFKC", text)  # what looks the same is read the same: ｋｓ․ｎｏ is ks.no
    text = _LOOKALIKE_DOTS.sub(".", text)
    whole = _text_address(text)
    words = [found for word in text.split() if (found := _text_address(word)) is not None]
    return ([whole] if whole is not None else []) + words


def _strip_around(text: str) -> str:
    """Without spaces, punctuation and symbols at either end (an address's own «/» kept)."""
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or unicodedata.category(text[start])[0] in "PS"):
        start += 1
    while end > start and (text[end - 1].isspace() or (unicodedata.category(text[end - 1])[0] in "PS"
                                                       and text[end - 1] != "/")):
        end -= 1
    return text[start:end]


def _text_address(text: str) -> tuple[str, str] | None:
    """("host", host) or ("mail", address) if a text looks like an address, else None."""
    text = _IDNA_DOTS.sub(".", text.strip().strip("<>")).replace("\\", "/")
    if not _ADDRESS_START.match(text):
        text = _strip_around(text)
    mail = _MAIL_TEXT.fullmatch(text)
    if mail:
        return "mail", mail.group("address").lower()
    start = _ADDRESS_START.match(text)
    if start:
        rest = text if start.group().lower() == "www." else text[start.end():]
        authority = re.split(r"[/?#\s]", rest, maxsplit=1)[0]
        if "@" in authority:
            return "host", "@"  # a user name before the host: never what the reader thinks
        return "host", authority.rsplit(":", 1)[0] if re.search(r":[0-9]*$", authority) else authority
    word = _DOMAIN_WORD.fullmatch(text)
    if word and word.group("top").lower() not in _FILE_ENDINGS:
        return "host", re.split(r"[/?#:]", text, maxsplit=1)[0]
    return None


def link_text_problem(text: str, target: str) -> tuple[str, str] | None:
    """Why a link whose text looks like an address is refused, as (message, hint): the text names
    another place than the link goes to. None if the text is no address or names the same place."""
    shown_text = text.strip() if len(text.strip()) <= 60 else text.strip()[:57] + "…"
    for kind, value in _text_addresses(text):
        problem = _address_problem(kind, value, shown_text, target)
        if problem is not None:
            return problem
    return None


def _address_problem(kind: str, value: str, shown_text: str, target: str) -> tuple[str, str] | None:
    if kind == "mail":
        address, _, query = target[7:].partition("?")
        recipients = {key.lower() for key, _ in parse_qsl(query, keep_blank_values=True)} & {"to", "cc", "bcc"}
        if target.lower().startswith("mailto:") and address.lower() == value and not recipients:
            return None  # the shown address and no other (?cc=, ?bcc=, ?to= would add hidden ones)
        return (f"lenketeksten «{shown_text}» ser ut som en e-postadresse, men lenken går til «{target}»",
                LINK_TEXT_HINT)
    web = re.match(r"https?://([^/?#:]+)", target, re.IGNORECASE)
    if web is None:
        where = "en side på dette nettstedet" if not _SCHEME.match(target) else f"«{target}»"
        return f"lenketeksten «{shown_text}» ser ut som en nettadresse, men lenken går til {where}", LINK_TEXT_HINT
    host = _normal_host(web.group(1))
    if value != "@" and _normal_host(value) == host and host is not None:
        return None
    return (f"lenketeksten «{shown_text}» viser en annen adresse enn lenken går til ({web.group(1).lower()})",
            LINK_TEXT_HINT)


def is_safe_url(url: str) -> bool:
    return link_target_problem(url) is None


def _browser_target(href: str) -> str:
    """The href as Markdown put it in the tree, with Markdown's own character references decoded."""
    return _MARKDOWN_CHAR_REF.sub(lambda m: chr(int(m.group(1))), href).replace(AMP_SUBSTITUTE, "&")


def _shown(link: etree.Element, md: markdown.Markdown) -> str:
    """A link's text as the reader sees it: character references (which Markdown keeps aside in its
    stash) decoded, invisible characters gone."""
    def stashed(match: re.Match) -> str:
        blocks = md.htmlStash.rawHtmlBlocks
        index = int(match.group(1))
        return str(blocks[index]) if index < len(blocks) else ""

    text = HTML_PLACEHOLDER_RE.sub(stashed, "".join(link.itertext()))
    text = html.unescape(_browser_target(text))
    return "".join(ch for ch in text if ch.isspace() or not _INVISIBLE.match(ch))


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self.md.link_problems = []
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    target = _browser_target(child.get("href", ""))
                    problem = link_target_problem(target) or link_text_problem(_shown(child, self.md), target)
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
