"""What readers see: no repository paths, Norwegian landmark labels, honest wording on the home
page, and «Alle eksempler» sorted the way it says."""

import re
from html.parser import HTMLParser

from builder.core.formatting import norwegian_key

REPO_PATH = re.compile(r"\b(cases|content|vocabularies|schema|builder)/[\w./-]+\.(yml|md|py)\b")
EDITOR_PAGES = ("redaktorer",)  # the editors' pages name files on purpose


def _reader_pages(site):
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        if parts[0] not in EDITOR_PAGES and "pagefind" not in parts:
            yield path


def test_reader_pages_show_no_repository_paths(built_site):
    found = []
    for path in _reader_pages(built_site):
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(built_site)}: {m.group(0)}" for m in REPO_PATH.finditer(text)]
    assert found == [], found[:10]


def test_landmark_labels_are_norwegian(built_site):
    labels = set()
    for path in ("index.html", "eksempler/index.html", "kommuner/index.html", "404.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        labels |= set(re.findall(r'aria-label="([^"]*)"', html))
    assert {"Sidehode", "Sidefot"} <= labels
    english = {"Header", "Footer", "Navigation", "Table of contents", "Search", "Skip to content"}
    assert labels & english == set()


def test_home_page_says_where_the_cases_come_from(built_site):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (built_site / "index.html").read_text(encoding="utf-8")))
    assert "ingen fra Saman om ein betre kommune" in text
    assert "Eksemplene kommer fra de nasjonale utviklingsprogrammene" not in text


class _Column(HTMLParser):
    def __init__(self, column):
        super().__init__()
        self.column, self.cell, self.values, self.text = column, -1, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.cell = -1
        elif tag == "td":
            self.cell += 1
            self.text = [] if self.cell == self.column else None

    def handle_endtag(self, tag):
        if tag == "td" and self.text is not None:
            self.values.append("".join(self.text).strip())
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def test_all_cases_are_sorted_by_the_municipality_column(built_site):
    html = (built_site / "eksempler" / "index.html").read_text(encoding="utf-8")
    assert "sortert etter kommune" in html
    parser = _Column(1)
    parser.feed(html)
    assert len(parser.values) > 10
    assert parser.values == sorted(parser.values, key=norwegian_key)


# Words for developers that readers should not meet (item 9 of issue 21). The editors' pages, the
# editing form and the open-data page name files and formats on purpose.
DEVELOPER_WORDS = re.compile(
    r"\b(JSON|YAML|CSV|Atom|RSS|Markdown|GitHub|[Pp]ull request|[Cc]ommit\w*)\b|[Ss]tatisk nettsted|"
    r"\bcases/|\bvocabularies/")
NOT_FOR_READERS = ("redaktorer", "rediger", "data", "pagefind", "assets", "feed")


def _visible_text(html: str) -> str:
    body = html.split("<body", 1)[-1]
    body = re.sub(r"<(script|style|template|svg)\b.*?</\1>", " ", body, flags=re.S | re.I)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", body)


def test_reader_pages_have_no_developer_words(built_site):
    found, pages = [], 0
    for path in sorted(built_site.rglob("*.html")):
        if path.relative_to(built_site).parts[0] in NOT_FOR_READERS:
            continue
        pages += 1
        text = _visible_text(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(built_site)}: …{text[max(0, m.start() - 40):m.end() + 20]}…"
                  for m in DEVELOPER_WORDS.finditer(text)]
    assert pages > 400
    assert found == [], found[:15]


def test_case_pages_offer_the_data_in_plain_words(built_site):
    page = next(p for p in sorted((built_site / "eksempler").glob("*/index.html")))
    text = _visible_text(page.read_text(encoding="utf-8"))
    assert "Last ned opplysningene om eksempelet" in text and "(JSON)" not in text
