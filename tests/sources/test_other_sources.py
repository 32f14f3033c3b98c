"""Any published source (issue 20, item 3): besides the reports the project holds a text version of,
a case may cite any other document (title, publisher, year, address). It is listed with a link, escaped
like everything else, and the status line takes the year of the case's latest source."""

import html
import re

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.case_page import render_case_page
from conftest import run_cli

CASE = "gausdal-trust-samhandling"
TITLE = "Evaluering av <script>alert(1)</script> & «TRUST»"
OTHER = (f"  - tittel: {TITLE!r}\n".replace("'", '"') +
         '    utgiver: "Gausdal kommune <b>"\n    år: "2023"\n'
         '    adresse: https://www.gausdal.kommune.no/trust?del=1&side=2\n    sider: "4–6"\n')


def _page(project_dir, extra: str = "") -> str:
    path = project_dir / "cases" / f"{CASE}.yml"
    text = path.read_text(encoding="utf-8")
    if extra:
        text = text.replace("\nkilder:\n", "\nkilder:\n" + extra, 1)
        path.write_text(text, encoding="utf-8")
    result = run_cli(project_dir, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    catalog = load_catalog(Project(project_dir))
    case = next(c for c in catalog.cases if c.id == CASE)
    return render_case_page(case, catalog, set())


def test_a_case_with_only_known_reports_keeps_the_report_year(project_dir):
    page = _page(project_dir)
    assert re.search(r"Avsluttet da kilden ble skrevet \(2013\)", html.unescape(page))


def test_another_document_is_listed_escaped_with_its_link_and_sets_the_status_year(project_dir):
    page = _page(project_dir, OTHER)
    assert "<script>alert(1)" not in page and "<b>" not in page
    assert html.escape(TITLE, quote=False) in page
    assert 'href="https://www.gausdal.kommune.no/trust?del=1&amp;side=2"' in page
    assert "Gausdal kommune &lt;b&gt;, 2023" in page and "side 4–6" in html.unescape(page).replace("sidene", "side")
    assert re.search(r"Avsluttet da kilden ble skrevet \(2023\)", html.unescape(page))
