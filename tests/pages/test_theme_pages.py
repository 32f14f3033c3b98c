import re
import shutil
from datetime import date

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.theme_page import decorate_theme_page
from conftest import ROOT, copy_project, run_cli

CATALOG = load_catalog(Project(ROOT))
REQUIRED = ("sykefravaer-og-naervaer", "heltid-og-deltid", "kompetanse-og-rekruttering", "omdomme",
            "kvalitet-i-barnehage", "kvalitet-i-skole", "kvalitet-i-pleie-og-omsorg", "brukermedvirkning",
            "ledelse", "spredning-og-laeringsnettverk")


def _linked_case_ids(html: str) -> set[str]:
    section = html.split('id="eksempler"', 1)[1].split('id="kilder"', 1)[0]
    return set(re.findall(r'data-case-id="([^"]+)"', section))


def test_required_theme_pages_exist_and_validate():
    assert {t.tema for t in CATALOG.themes} >= set(REQUIRED)


def test_each_theme_page_lists_exactly_its_cases(built_site):
    for theme in CATALOG.themes:
        html = (built_site / theme.url / "index.html").read_text(encoding="utf-8")
        expected = {c.id for c in CATALOG.cases if theme.tema in c.temaer}
        assert _linked_case_ids(html) == expected, theme.tema
        assert "Kunnskapsgrunnlag" in html and "Neste vurdering" in html


def test_adding_a_case_file_adds_it_to_the_theme_page(project_dir):
    source = (project_dir / "cases" / "haegebostad-sykefravaer.yml").read_text(encoding="utf-8")
    new = source.replace("haegebostad-sykefravaer", "testkommune-omdomme").replace(
        "  - sykefravaer-og-naervaer\n", "  - omdomme\n")
    (project_dir / "cases" / "testkommune-omdomme.yml").write_text(new, encoding="utf-8")
    catalog = load_catalog(Project(project_dir))
    theme = next(t for t in catalog.themes if t.tema == "omdomme")
    page = decorate_theme_page(theme, theme.body, catalog)
    assert 'data-case-id="testkommune-omdomme"' in page
    sick = next(t for t in catalog.themes if t.tema == "sykefravaer-og-naervaer")
    assert 'data-case-id="testkommune-omdomme"' not in decorate_theme_page(sick, sick.body, catalog)


def test_overdue_note_appears_only_when_review_is_due():
    theme = CATALOG.themes[0]
    fresh = decorate_theme_page(theme, theme.body, CATALOG, on=date.fromisoformat(theme.sist_vurdert))
    late = decorate_theme_page(theme, theme.body, CATALOG, on=date(2099, 1, 1))
    assert "eb-overdue" not in fresh
    assert "eb-overdue" in late and "Siden skulle vært vurdert på nytt" in late


def test_theme_front_matter_is_validated(project_dir):
    page = project_dir / "content" / "temaer" / "ledelse.md"
    page.write_text(page.read_text(encoding="utf-8").replace("evidensgrad: ", "evidensgrad: sterkt-", 1),
                    encoding="utf-8")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 1
    line = next(l for l in result.stderr.splitlines() if l.startswith("content/temaer/ledelse.md:"))
    assert ": evidensgrad: «sterkt-" in line and "er ikke en gyldig verdi" in line


def test_evidence_scale_page_explains_every_grade(built_site):
    html = (built_site / "om" / "kunnskapsgrunnlaget" / "index.html").read_text(encoding="utf-8")
    for term in CATALOG.vocabularies["evidensgrader"].terms:
        assert term.navn in html, term.id


def _quotes_in(html_fragment: str) -> list[tuple[str, str]]:
    import html as html_lib
    found = re.findall(r'<details class="eb-quote" data-pagefind-ignore>\s*<summary>(.*?)</summary>\s*<blockquote><p>(.*?)</p>'
                       r'</blockquote>\s*</details>', html_fragment, re.S)
    return [(" ".join(html_lib.unescape(s).split()), " ".join(html_lib.unescape(q).split())) for s, q in found]


def test_every_quote_on_a_theme_page_is_shown_with_its_line_reference(built_site):
    """Figure quotes sit under their figure (section «Tall fra kildene»), source quotes in the source list."""
    for theme in CATALOG.themes:
        html = (built_site / theme.url / "index.html").read_text(encoding="utf-8")
        figures = html.split('id="tall"', 1)[1].split('id="eksempler"', 1)[0] if theme.figurer else ""
        sources = html.split('<h2 id="kilder"', 1)[1]

        def expected(kilder):
            return [(f"Sitat fra {'linjene' if re.search('[–,-]', k['linjer']) else 'linje'} {k['linjer']} "
                     "i tekstversjonen", " ".join(k["sitat"].split())) for k in kilder if k.get("sitat")]

        assert _quotes_in(figures) == expected([f.kilde for f in theme.figurer]), theme.tema
        assert _quotes_in(sources) == expected(theme.kilder), theme.tema
        for f in theme.figurer:
            if f.kilde.get("linjer"):
                assert f"{f.kilde['linjer']} i tekstversjonen" in figures, (theme.tema, f.id)
