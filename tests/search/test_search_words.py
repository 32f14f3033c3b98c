"""The search's word list (builder/search/search_words.py): which words a page really shows in its
searchable text, every kind of markup that must not count, and a deterministic file."""

import json

import pytest

from builder.search.search_words import (OUTPUT, WORD, _PageText, _searchable_start, page_words, word_index,
                                         write_word_index)

PAGE = """<html><body><nav>Meny Demokrati</nav>
<div data-pagefind-body><span data-pagefind-filter="side:eksempler/a/" hidden></span>
<h1>Demens&shy;omsorg i Åsnes</h1>
<p class="eb-lede" data-pagefind-ignore>Eksempel · Mandal</p>
<div data-pagefind-ignore="index"><dl><dt>Fylke</dt><dd>Agder</dd></dl></div>
<p>Tiltaket <b>hjalp</b> dem med <a href="x">skulen</a>.<br>Ny&nbsp;linje &amp; mer</p>
<script>var skulle = 1;</script><style>.x{}</style><template>skjult</template>
<p>Uavsluttet <i>tag<p>etter</p>
<div class="eb-search-alternatives" hidden>⁂ skole ⁂ tilsette</div>
</div><footer>Bunntekst</footer></body></html>"""


def test_only_the_searchable_text_counts():
    side, words = page_words(PAGE)
    assert side == "eksempler/a/"
    for word in ("demens", "omsorg", "åsnes", "tiltaket", "hjalp", "dem", "skulen", "ny", "linje", "mer",
                 "uavsluttet", "tag", "etter"):
        assert word in words, word
    for word in ("meny", "demokrati", "eksempel", "mandal", "fylke", "agder", "skulle", "var", "skjult",
                 "skole", "tilsette", "bunntekst", "x"):
        assert word not in words, word


def test_a_page_without_a_body_or_side_is_left_out(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Ingen indeks</p>", encoding="utf-8")
    (tmp_path / "c.html").write_text("<div data-pagefind-body><p>uten side</p></div>", encoding="utf-8")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "x.html").write_text(PAGE.replace("eksempler/a/", "pf/"), encoding="utf-8")
    index = word_index(tmp_path)
    assert index["sider"] == ["eksempler/a/"]
    assert index["ord"]["demens"] == [0] and "uten" not in index["ord"]


def test_the_file_is_sorted_and_the_same_every_time(tmp_path):
    for name, side in (("b", "temaer/b/"), ("a", "eksempler/a/")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(PAGE.replace("eksempler/a/", side), encoding="utf-8")
    first = write_word_index(tmp_path).read_bytes()
    assert write_word_index(tmp_path).read_bytes() == first
    data = json.loads((tmp_path / OUTPUT).read_text("utf-8"))
    assert data["sider"] == ["eksempler/a/", "temaer/b/"]
    assert list(data["ord"]) == sorted(data["ord"]) and data["ord"]["dem"] == [0, 1]


def test_the_built_site_lists_every_indexed_page(built_site):
    data = json.loads((built_site / OUTPUT).read_text("utf-8"))
    cases = [s for s in data["sider"] if s.startswith("eksempler/")]
    assert len(cases) == len(list((built_site / "eksempler").glob("*/index.html")))
    demens = {data["sider"][n] for n in data["ord"]["demens"]}
    dem = {data["sider"][n] for n in data["ord"]["dem"]}
    assert demens and dem - demens  # «dem» pages that never say «demens»: the trap this list avoids


def test_words_known_from_an_earlier_run_are_used_and_odd_files_ignored(tmp_path, monkeypatch):
    """The preview's search process keeps the words of pages parsed before in a file; a page whose
    bytes are known is not parsed again, and a missing or odd file only means parsing everything."""
    import builder.search.search_words as search_words

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(PAGE, encoding="utf-8")
    known = tmp_path / "words.json"
    search_words.load_known_words(known)  # missing: start empty
    assert search_words._LAST == {}
    expected = word_index(site)
    search_words.save_known_words(known)
    search_words._LAST = {}
    search_words.load_known_words(known)
    monkeypatch.setattr(search_words, "page_words", lambda html: pytest.fail("a known page was parsed again"))
    assert word_index(site) == expected
    monkeypatch.undo()
    for odd in ("", "[]", "{\"zz\": [null, []]}", "{\"00\": [1, []]}", "{\"00\": [null, [1]]}",
                "{\"00\": [null]}", "\"text\"", "{\"00\": \"x\"}"):
        known.write_text(odd, encoding="utf-8")
        search_words.load_known_words(known)
        assert search_words._LAST == {} and word_index(site) == expected, odd


def test_a_build_keeps_the_words_of_its_pages_for_the_next_build(tmp_path, monkeypatch):
    """A build remembers each page's words in .cache/search-words.json: the next build (a new
    process) parses only the pages it does not know, and writes the same file as a full parse. A
    damaged or edited store, or a build with reuse off, parses everything."""
    import builder.search.search_words as search_words
    from builder.core.build_cache import REUSE_VARIABLE

    site, project = tmp_path / "site", tmp_path / "project"
    project.mkdir()
    for name, side in (("a", "eksempler/a/"), ("b", "temaer/b/")):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(PAGE.replace("eksempler/a/", side), encoding="utf-8")
    search_words._LAST = {}
    full = write_word_index(site, project).read_bytes()
    store = project / ".cache" / "search-words.json"
    assert store.is_file()

    parsed: list[str] = []
    real = search_words.page_words

    def counting(html):
        parsed.append(html)
        return real(html)

    monkeypatch.setattr(search_words, "page_words", counting)

    def next_build() -> bytes:  # a new process: nothing in memory
        search_words._LAST = {}
        parsed.clear()
        return write_word_index(site, project).read_bytes()

    assert next_build() == full and parsed == []
    (site / "b" / "index.html").write_text(PAGE.replace("eksempler/a/", "temaer/b/").replace("hjalp", "hjelper"),
                                           encoding="utf-8")
    changed = next_build()
    assert len(parsed) == 1 and b"hjelper" in changed and changed != full
    stored = json.loads(store.read_bytes().partition(b"\n")[2])
    assert len(stored["entries"]) == 2  # the old version of page b is forgotten

    for damage in (lambda b: b.replace(b"hjelper", b"hjalpx"), lambda b: b[:-5], lambda b: b"{}"):
        store.write_bytes(damage(store.read_bytes()))
        assert next_build() == changed and len(parsed) == 2
    monkeypatch.setenv(REUSE_VARIABLE, "nei")
    store.unlink()
    assert next_build() == changed and len(parsed) == 2 and not store.exists()


# --- parsing starts at the searchable body: the same words as parsing the whole page ---------------

def _words_of_whole_page(html: str) -> tuple:
    parser = _PageText()
    parser.feed(html)
    parser.close()
    return parser.side, set(WORD.findall(" ".join(parser.parts).lower()))


HEAD = "<html><head><title>Demens</title></head><body><nav>Meny</nav>"
BODY = ('<div data-pagefind-body><span data-pagefind-filter="side:eksempler/a/" hidden></span>'
        "<p>Tiltaket hjalp</p></div><footer>Bunntekst</footer></body></html>")

# (what is before the body, whether parsing may start at the body): a mark inside markup the parser
# does not read as tags, or markup that could wrap the body, makes the whole page parsed; either way
# the words are those of the whole page
BEFORE_THE_BODY = [
    ("nothing unusual", "", True),
    ("the mark inside a comment", "<!-- <div data-pagefind-body> kommentar -->", False),
    ("an unclosed comment around the body", "<!-- ", False),
    ("the mark inside a script", "<script>document.querySelector('[data-pagefind-body]')</script>", False),
    ("an unclosed script around the body", "<script>var a = '", False),
    ("an element Pagefind ignores, around the body", "<div data-pagefind-ignore><p>Ignorert tekst</p>", False),
    ("the mark as another attribute's value", '<a title="data-pagefind-body" href="x">Lenke</a>', True),
    ("the side filter before the body", '<span data-pagefind-filter="side:eksempler/b/"></span>', True),
    ("the mark inside a style", "<style>.a{content:'<div data-pagefind-body>'}</style>", False),
    ("a closed script and comment before the body", "<script>var a = 1;</script><!-- x -->", True),
    ("an svg around the body", "<svg><text>", False),
]


@pytest.mark.parametrize("before,fast", [(b, f) for _, b, f in BEFORE_THE_BODY], ids=[w for w, _, _ in BEFORE_THE_BODY])
def test_parsing_from_the_body_gives_the_words_of_the_whole_page(before, fast):
    html = HEAD + before + BODY
    assert page_words(html) == _words_of_whole_page(html)
    assert (_searchable_start(html) > 0) == fast


def test_every_page_of_the_built_site_gives_the_same_words_from_its_body(built_site):
    pages = [p for p in sorted(built_site.rglob("*.html")) if p.relative_to(built_site).parts[0] != "pagefind"]
    indexed = [p.read_text(encoding="utf-8") for p in pages]
    indexed = [html for html in indexed if "data-pagefind-body" in html]
    assert len(indexed) > 400
    for html in indexed:
        assert page_words(html) == _words_of_whole_page(html)
    # and the shortcut is taken: every indexed page starts at its body, which skips the theme's head
    # (a third or more of the bytes over the whole site; theme pages have long bodies with maps)
    assert all(_searchable_start(html) > 0 for html in indexed)
    assert sum(map(_searchable_start, indexed)) > sum(map(len, indexed)) / 3

