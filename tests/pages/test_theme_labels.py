"""Theme labels that match their text (issue 21, item 10): the evidence grade (how sure we are) and
the finding (what the measurements showed) are two separate labels on theme pages, the theme index
and the home page tiles, and a finding must agree with the theme's own estimate figures."""

import re

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.sources.themes import finding_from_figures
from conftest import ROOT, run_cli

CATALOG = load_catalog(Project(ROOT))
THEMES = {t.tema: t for t in CATALOG.themes}

# Theme → (evidence grade, finding), read against the sources (Oslo Economics 2016, tables 11-6 and
# 11-7, lines 8744–8861: sickness absence fell significantly overall; average position size rose
# significantly only in kindergartens).
EXPECTED = {
    "sykefravaer-og-naervaer": ("Moderat kunnskapsgrunnlag", "Bedring målt"),
    "heltid-og-deltid": ("Moderat kunnskapsgrunnlag", "Blandede funn"),
    "kompetanse-og-rekruttering": ("Begrenset kunnskapsgrunnlag", "Effekten er ikke målt"),
    "omdomme": ("For lite kunnskap", "Effekten er ikke målt"),
    "kvalitet-i-barnehage": ("For lite kunnskap", "Effekten er ikke målt"),
    "kvalitet-i-skole": ("For lite kunnskap", "Effekten er ikke målt"),
    "kvalitet-i-pleie-og-omsorg": ("Begrenset kunnskapsgrunnlag", "Effekten er ikke målt"),
    "brukermedvirkning": ("For lite kunnskap", "Effekten er ikke målt"),
    "ledelse": ("Begrenset kunnskapsgrunnlag", "Effekten er ikke målt"),
    "spredning-og-laeringsnettverk": ("Begrenset kunnskapsgrunnlag", "Effekten er ikke målt"),
}


def test_every_theme_is_in_the_table():
    assert set(THEMES) == set(EXPECTED)


@pytest.mark.parametrize("tema", sorted(EXPECTED))
def test_theme_grade_and_finding(tema):
    theme = THEMES[tema]
    grade, finding = EXPECTED[tema]
    assert CATALOG.vocabularies.label("evidensgrader", theme.evidensgrad) == grade
    assert CATALOG.vocabularies.label("funn", theme.funn) == finding


def test_grades_and_findings_are_separate_scales():
    grades = {t.navn for t in CATALOG.vocabularies["evidensgrader"].terms}
    findings = {t.navn for t in CATALOG.vocabularies["funn"].terms}
    assert grades & findings == set()
    assert "Ingen effekt funnet" not in grades and "Blandede funn" not in grades


def _estimate(*values):
    return [{"type": "estimat", "serier": [{"navn": "x", "verdier": list(values)}]}]


@pytest.mark.parametrize("figures, expected", [
    ([], None),
    ([{"type": "stolpe", "serier": [{"navn": "x", "verdier": [{"etikett": "a", "verdi": 1}]}]}], None),
    (_estimate({"verdi": -0.67, "lav": -1.06, "hoy": -0.28}), "bedring"),
    (_estimate({"verdi": 0.002, "lav": -0.005, "hoy": 0.009}, {"verdi": 0.024, "lav": 0.005, "hoy": 0.043}), "blandet"),
    (_estimate({"verdi": 0.002, "lav": -0.005, "hoy": 0.009}, {"verdi": 0.01, "lav": -0.01, "hoy": 0.03}), "ingen-sikker-effekt"),
    (_estimate({"verdi": 0.1, "lav": 0, "hoy": 0.2}), "ingen-sikker-effekt"),  # touching zero is not sure
    (_estimate({"verdi": 0.1}), "ingen-sikker-effekt"),  # no interval: nothing is sure
    (_estimate({"verdi": 0.1, "lav": "0,05", "hoy": 0.2}), "ingen-sikker-effekt"),  # text is not a number
    ([{"type": "estimat", "serier": None}], None),
    (["not a figure", {"type": "estimat"}], None),
])
def test_finding_follows_from_the_estimate_figures(figures, expected):
    assert finding_from_figures(figures) == expected


@pytest.mark.parametrize("tema", sorted(t for t, th in THEMES.items() if finding_from_figures(
    [{"type": f.type, "serier": list(f.serier)} for f in th.figurer])))
def test_themes_with_estimates_have_the_finding_their_figures_show(tema):
    theme = THEMES[tema]
    assert finding_from_figures([{"type": f.type, "serier": list(f.serier)} for f in theme.figurer]) == theme.funn


@pytest.mark.parametrize("tema, old, new, wanted", [
    ("heltid-og-deltid", "funn: blandet", "funn: ingen-sikker-effekt", "funn: blandet"),
    ("heltid-og-deltid", "funn: blandet", "funn: bedring", "funn: blandet"),
    ("sykefravaer-og-naervaer", "funn: bedring", "funn: blandet", "funn: bedring"),
])
def test_a_finding_that_contradicts_the_figures_is_an_editor_error(project_dir, tema, old, new, wanted):
    page = project_dir / "content" / "temaer" / f"{tema}.md"
    text = page.read_text(encoding="utf-8")
    line_no = text[:text.index(old)].count("\n") + 1
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = next(l for l in result.stderr.splitlines() if l.startswith(f"content/temaer/{tema}.md:{line_no}:"))
    assert ": funn: " in line and "stemmer ikke med figurene" in line and f"«{wanted}»" in line


@pytest.mark.parametrize("old, new, message", [
    ("funn: ikke-malt\n", "", "funn"),
    ("funn: ikke-malt", "funn: ingen-effekt-funnet", "er ikke en gyldig verdi"),
    ("evidensgrad: begrenset", "evidensgrad: blandet", "er ikke en gyldig verdi"),
])
def test_finding_is_required_and_from_its_own_list(project_dir, old, new, message):
    page = project_dir / "content" / "temaer" / "ledelse.md"
    page.write_text(page.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any(l.startswith("content/temaer/ledelse.md:") and message in l for l in result.stderr.splitlines())


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("tema", sorted(EXPECTED))
def test_theme_page_shows_both_labels_separately(built_site, tema):
    grade, finding = EXPECTED[tema]
    html = (built_site / "temaer" / tema / "index.html").read_text(encoding="utf-8")
    facts = html.split('class="eb-summary__facts"', 1)[1].split("</dl>", 1)[0]
    assert re.search(rf"<dt>Kunnskapsgrunnlag</dt><dd><span class=\"eb-grade[^\"]*\">{grade}</span>", facts)
    assert re.search(rf"<dt>Hva målingene fant</dt><dd><span class=\"eb-finding[^\"]*\">{finding}</span>", facts)


def test_theme_index_and_home_tiles_show_both_labels(built_site):
    index = (built_site / "temaer" / "index.html").read_text(encoding="utf-8")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for tema, (grade, finding) in EXPECTED.items():
        row = re.search(rf'<tr>\s*<td><a href="{tema}/">.*?</tr>', index, re.S)
        assert row, tema
        cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)]
        assert cells[1] == grade and cells[2] == finding, (tema, cells)
        tile = re.search(rf'<a href="temaer/{tema}/"><span class="eb-tile__title">.*?</a>', home, re.S)
        assert tile, tema
        spans = tile.group(0)
        assert re.search(rf'<span class="eb-grade[^"]*"><span class="eb-sr-only">Kunnskapsgrunnlag: </span>{grade}</span>', spans)
        assert re.search(rf'<span class="eb-finding[^"]*"><span class="eb-sr-only">Funn: </span>{finding}</span>', spans)


def test_knowledge_page_table_matches_the_themes(built_site):
    html = (built_site / "om" / "kunnskapsgrunnlaget" / "index.html").read_text(encoding="utf-8")
    for tema, (grade, finding) in EXPECTED.items():
        row = re.search(rf'<tr>\s*<td><a href="../../temaer/{tema}/">.*?</tr>', html, re.S)
        assert row, tema
        cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)]
        assert cells[1:] == [grade, finding], (tema, cells)
    for term in CATALOG.vocabularies["funn"].terms:
        assert f'id="funn-{term.id}"' in html
