"""Every case field is escaped in the generated HTML."""

import re

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.generate import generate_site_files
from conftest import copy_project

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_fields_are_escaped_in_generated_pages(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "cases" / "haegebostad-sykefravaer.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("tittel: Nesten halvert", f"tittel: 'Nesten {EVIL} halvert")
    text = text.replace("følger opp nærvær\n", "følger opp nærvær'\n", 1)
    text = text.replace("  - NAV\n", f"  - '{EVIL}'\n")
    text = text.replace("    virksomhet: Hægebostad kommune", f"    virksomhet: '{EVIL}'")
    text = text.replace("      datakilde: Kommunens egne tall", f"      datakilde: 'x {EVIL}'\n      merknad: 'y")
    text = text.replace("gjengitt i sluttrapporten\n", "gjengitt i sluttrapporten'\n")
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog(Project(project))
    page = generate_site_files(catalog)["eksempler/haegebostad-sykefravaer.md"]
    assert "<script>" not in page
    assert not re.search(r"<img[^>]*onerror", page)
    assert page.count("&lt;script&gt;") >= 4
    index = generate_site_files(catalog)["eksempler/index.md"]
    assert "<script>" not in index


def test_generation_is_deterministic(tmp_path):
    project = copy_project(tmp_path / "p")
    first = generate_site_files(load_catalog(Project(project)))
    second = generate_site_files(load_catalog(Project(project)))
    assert first == second
    assert list(first) == sorted(first)
