from html.parser import HTMLParser

import pytest

from builder.sources.markdown_text import is_safe_url, render_markdown


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[klikk](javascript:alert(1))",
    "[klikk]( JaVaScRiPt:alert(1))",
    "[klikk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klikk](vbscript:msgbox(1))",
    "![bilde](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(1)>",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
])
def test_no_markup_or_script_survives(text):
    tags = _parse(str(render_markdown(text)))
    allowed = {"p", "ul", "ol", "li", "strong", "em", "a", "span", "code", "pre", "br", "blockquote"}
    for tag, attrs in tags:
        assert tag in allowed, tag
        for name, value in attrs:
            assert not name.startswith("on"), name
            if name == "href":
                assert is_safe_url(value), value


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _parse(html: str):
    collector = _Collector()
    collector.feed(html)
    return collector.tags


def test_ordinary_markdown_still_works():
    html = str(render_markdown("Første avsnitt med **fet** tekst.\n\n- punkt én\n- punkt to\n\n[KS](https://www.ks.no)"))
    assert "<strong>fet</strong>" in html
    assert "<li>punkt én</li>" in html
    assert '<a href="https://www.ks.no" rel="noopener nofollow">KS</a>' in html
    assert "\n\n" not in html  # no blank lines: safe to embed in a raw HTML block


def test_headings_are_not_markdown_in_fields():
    assert "<h1" not in str(render_markdown("# Overskrift"))


@pytest.mark.parametrize("url, safe", [
    ("https://ks.no", True), ("mailto:postmottak@molde.kommune.no", True), ("../side/", True),
    ("javascript:alert(1)", False), ("java\tscript:alert(1)", False), ("data:text/html,x", False),
    ("//evil.example", False), ("&#106;avascript:alert(1)", False), ("javascript&colon;alert(1)", False),
    ("jav&#x09;ascript:alert(1)", False), ("&#x2F;&#x2F;evil.example/", False), ("/\\evil.example/", False),
    ("\\\\evil.example", False), ("%2F%2Fevil.example", False), ("/%2Fevil.example", False),
    ("https://www.ks.no@evil.example/", False), ("https:evil.example", False), ("HTTPS://ks.no", False),
    ("https://ks.no/sti?a=1&b=2#del", True), ("#anker", True), ("mailto:postmottak@molde.kommune.no", True),
    ("java\u2028script:alert(1)", False), ("https://ks.no/\u200bx", False),
])
def test_url_schemes(url, safe):
    assert is_safe_url(url) is safe


@pytest.mark.parametrize("text, target", [
    ("[x](&#106;avascript:alert(1))", "&#106;avascript:alert(1)"),
    ("[r][r]\n\n[r]: &#106;avascript:alert(1)", "&#106;avascript:alert(1)"),
    ("[x](/\\evil.example/)", "/\\evil.example/"),
    ("<javascript:alert(1)>", None),  # not an autolink in Markdown: shown as text
])
def test_link_problems_name_each_refused_link(text, target):
    from builder.sources.markdown_text import link_problems

    found = [p.target for p in link_problems(text)]
    assert found == ([target] if target else [])
    assert "<a " not in str(render_markdown(text))


def test_markdown_mail_obfuscation_is_judged_decoded():
    from builder.sources.markdown_text import link_problems

    assert link_problems("<mailto:postmottak@molde.kommune.no>") == []
    assert "<a href=" in str(render_markdown("<mailto:postmottak@molde.kommune.no>"))


# A link text that looks like an address must name the place the link goes to (CONTRIBUTING: the
# reader always sees where a link goes). (text, refused?)
LINK_TEXTS = [
    ("[https://www.ks.no/](https://evil.example/)", True),
    ("[http://www.ks.no/](https://evil.example/)", True),
    ("[www.ks.no](https://evil.example/)", True),
    ("[ks.no](https://evil.example/)", True),
    ("[ks.no/side](https://evil.example/side)", True),
    ("[KS.NO](https://evil.example/)", True),
    ("[**ks.no**](https://evil.example/)", True),
    ("[`ks.no`](https://evil.example/)", True),
    ("[ks\\.no](https://evil.example/)", True),
    ("[ks&#46;no](https://evil.example/)", True),  # a character reference the browser shows as «.»
    ("[k&shy;s.no](https://evil.example/)", True),  # an invisible soft hyphen
    ("[ks.no\u200b](https://evil.example/)", True),  # a zero-width space
    ("[ks\u3002no](https://evil.example/)", True),  # an ideographic full stop, a dot to IDNA
    ("[ks\u2024no](https://evil.example/)", True),  # a one-dot leader, a full stop after NFKC
    ("[\uff4b\uff53.\uff4e\uff4f](https://evil.example/)", True),  # fullwidth letters
    ("[\u043as.no](https://ks.no/)", True),  # Cyrillic к: another host (xn--s-…)
    ("[ks.n\u043e](https://evil.example/)", True),  # Cyrillic о in the top-level domain
    ("[https://www.ks.no@evil.example/](https://evil.example/)", True),  # a user name hides the host
    ("[https:ks.no](https://evil.example/)", True),
    ("[//evil.example](https://ks.no/)", True),
    ("[sub.ks.no](https://ks.no/)", True),  # another host, even under the same domain
    ("[www.ks.no](https://www.ks.no.evil.example/)", True),
    ("[ks.no](https://ks.no.evil.example/)", True),
    ("[ks.no](../side/)", True),
    ("[https://ks.no](mailto:postmottak@ks.no)", True),
    ("[postmottak@ks.no](mailto:kari@evil.example)", True),
    ("[mailto:postmottak@ks.no](https://evil.example/)", True),
    ("[https://www.ks.no/](https://www.ks.no/side)", False),  # same host, other path
    ("[HTTPS://WWW.KS.NO/](https://www.ks.no/)", False),  # case
    ("[www.ks.no](https://ks.no/)", False),  # one leading www. is ignored
    ("[ks.no](https://www.ks.no/)", False),
    ("[ks.no.](https://ks.no/)", False),  # a trailing dot
    ("[ks.no](https://KS.no/)", False),
    ("[http://ks.no:8080/x](https://ks.no/)", False),  # scheme and port may differ
    ("[\uff4b\uff53.\uff4e\uff4f](https://ks.no/)", False),  # fullwidth letters: IDNA maps them to ks.no
    ("[bücher.de](https://xn--bcher-kva.de/)", False),  # an IDN host and its punycode
    ("[postmottak@ks.no](mailto:postmottak@ks.no)", False),
    ("<https://www.ks.no/x>", False),
    ("<postmottak@ks.no>", False),
    ("[KS](https://evil.example/)", False),  # plain words say nothing about the address
    ("[Les mer på ks.no](https://ks.no/)", False),
    ("[rapport.pdf](https://ks.no/rapport.pdf)", False),  # a file name
    ("[f.eks](https://ks.no/)", False),  # an abbreviation
    ("[«www.ks.no»](https://evil.example/)", True),  # quotes, brackets and punctuation around the address
    ("[(www.ks.no)](https://evil.example/)", True),
    ("[\"https://www.ks.no/\"](https://evil.example/)", True),
    ("[ks.no!](https://evil.example/)", True),
    ("[Les mer på www.ks.no](https://evil.example/)", True),  # an address among other words
    ("[KS (ks.no)](https://evil.example/)", True),
    ("[https://www.ks.no/ og evil.example](https://ks.no/)", True),
    ("[ks\u00b7no](https://evil.example/)", True),  # a middle dot, a hyphenation point: shown as dots
    ("[ks\u2027no](https://evil.example/)", True),
    ("[Kilde: ks.no.](https://ks.no/)", False),
    ("[postmottak@ks.no](mailto:postmottak@ks.no?cc=kari@evil.example)", True),  # hidden recipients
    ("[postmottak@ks.no](mailto:postmottak@ks.no?subject=Hei&BCC=kari@evil.example)", True),
    ("[postmottak@ks.no](mailto:postmottak@ks.no?subject=Sp%C3%B8rsm%C3%A5l)", False),
    ("[Hansen m.fl. (2020), Meld.St. 15](https://evil.example/)", False),  # abbreviations among words
]


@pytest.mark.parametrize("text, refused", LINK_TEXTS, ids=[t for t, _ in LINK_TEXTS])
def test_link_text_that_looks_like_an_address_names_the_link_target(text, refused):
    from builder.sources.markdown_text import LINK_TEXT_HINT, link_problems

    problems = link_problems(text)
    html = str(render_markdown(text))
    if refused:
        assert [p.hint for p in problems] == [LINK_TEXT_HINT], problems
        assert problems[0].message.startswith("lenketeksten «")
        assert "<a " not in html  # the renderer drops the link as a second line
    else:
        assert problems == []
        assert "<a " in html
