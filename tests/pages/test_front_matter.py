"""Front matter of generated pages reads back as exactly what was written (builder/pages/front_matter.py)."""

from __future__ import annotations

import pytest
from mkdocs.utils import meta as mkdocs_meta

from builder.pages.front_matter import front_matter

TRICKY = ["", "no", "0301", "12:30", "~", "null", "- a", "# ikke kommentar", "a: b", "'enkle'", '"doble"',
          "bak\\skråstrek", "linje\nlinje", "tab\there", "  ledende mellomrom", "slutt  ", "æøå ÆØÅ",
          "bjelle \x07", "DEL \x7f", "C1 \x85 \x9f", "linjeskift \u2028 \u2029", "BOM \ufeff", "emoji 😀",
          "<script>alert(1)</script> & «sitat»", "%YAML", "@at", "`tick`", "{ a: 1 }", "[1, 2]", "*alias", "&anker",
          "!tag", "|", ">", "? spørsmål", "= formel"]


@pytest.mark.parametrize("text", TRICKY)
def test_every_string_reads_back_unchanged_through_mkdocs(text):
    written = front_matter({"case_id": text, "search_alternatives": text, "lang": "nn"})
    body, meta = mkdocs_meta.get_data(written + "innhold")
    assert meta == {"case_id": text, "search_alternatives": text, "lang": "nn"}
    assert body.strip() == "innhold"


def test_titles_are_escaped_for_the_theme():
    _, meta = mkdocs_meta.get_data(front_matter({"title": "A & <b>", "description": '"x"'}) + "x")
    assert meta == {"title": "A &amp; &lt;b&gt;", "description": "&#34;x&#34;"}


def test_other_values_keep_their_type():
    _, meta = mkdocs_meta.get_data(front_matter({"hide": ["toc"], "weight": 2, "draft": False}) + "x")
    assert meta == {"hide": ["toc"], "weight": 2, "draft": False}


def test_keys_are_sorted_and_the_output_is_stable():
    one = front_matter({"title": "T", "description": "D", "lang": "nb"})
    assert one == front_matter({"lang": "nb", "description": "D", "title": "T"})
    assert one.index("description") < one.index("lang") < one.index("title")
