"""Case pages say where each claim comes from and who is speaking: every source note and every quote is
on the page, line references are labelled as lines of the text version, the editors' assessment is
labelled, and status is what the source reported at its date."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOG = load_catalog(Project(ROOT))
CASES = CATALOG.cases


def page_of(built_site: Path, case_id: str) -> str:
    return (built_site / "eksempler" / case_id / "index.html").read_text(encoding="utf-8")


def section(page: str, anchor: str) -> str:
    """The HTML from the heading with this id to the next h2."""
    start = page.index(f'<h2 id="{anchor}"')
    end = page.find("<h2", start + 1)
    return page[start:end if end > 0 else len(page)]


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_source_note_and_quote_is_on_the_page(built_site, case):
    page = page_of(built_site, case.id)
    notes = re.search(r'<div class="admonition warning eb-source-notes">(.*?)</div>', page, re.S)
    if case.kildemerknader:
        items = [text_of(li) for li in re.findall(r"<li>(.*?)</li>", notes.group(1), re.S)]
        assert items == [" ".join(n.split()) for n in case.kildemerknader]
    else:
        assert notes is None
    sources = section(page, "kilder")
    quoted = re.findall(r'<details class="eb-quote" data-pagefind-ignore>\s*<summary>(.*?)</summary>\s*<blockquote><p>(.*?)</p>'
                        r'</blockquote>\s*</details>', sources, re.S)
    expected = [(f"Sitat {'frå' if case.språk == 'nn' else 'fra'} "
                 f"{'linjene' if re.search('[–,-]', k.linjer) else 'linje'} {k.linjer} i tekstversjonen",
                 " ".join(k.sitat.split()))
                for k in case.kilder if k.sitat]
    assert [(text_of(s), text_of(q)) for s, q in quoted] == expected


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_line_references_are_labelled_as_lines_of_the_text_version(built_site, case):
    items = re.findall(r"<li><cite>.*?(?=<details|</li>)", section(page_of(built_site, case.id), "kilder"), re.S)
    assert len(items) == len(case.kilder)
    for k, item in zip(case.kilder, items):
        if k.linjer:
            assert f"{k.linjer} i tekstversjonen" in text_of(item)


@pytest.mark.parametrize("case", [c for c in CASES if c.overføringsverdi], ids=lambda c: c.id)
def test_transfer_value_is_labelled_as_the_editors_assessment(built_site, case):
    page = page_of(built_site, case.id)
    heading = re.search(r'<h2 id="overforingsverdi">(.*?)</h2>', page, re.S)
    label = "redaksjonen si vurdering" if case.språk == "nn" else "redaksjonens vurdering"
    assert label in text_of(heading.group(1))
    first_paragraph = re.search(r"</h2>\s*<p[^>]*>(.*?)</p>", section(page, "overforingsverdi"), re.S).group(1)
    assert text_of(first_paragraph).startswith(
        "Redaksjonen si vurdering:" if case.språk == "nn" else "Redaksjonens vurdering:")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_status_is_what_the_first_source_reported_at_its_date(built_site, case):
    facts = re.search(r'<div class="eb-facts".*?</dl>', page_of(built_site, case.id), re.S).group(0)
    period = re.search(r"<dt>Periode</dt><dd>(.*?)</dd>", facts, re.S)
    if not case.status:
        assert period is None or "kilden ble skrevet" not in period.group(1)
        return
    year = CATALOG.vocabularies["kilder"][case.kilder[0].dokument].get("år")
    label = CATALOG.vocabularies.label("status", case.status)
    assert label.endswith("da kilden ble skrevet")
    assert text_of(period.group(1)).endswith(f"{label} ({year})")
    assert "Pågår" not in text_of(period.group(1))
