"""Case claims the sources carry: no figures from outside the sources in a source note, no evidence
type or status the cited lines do not give (issue 25)."""

from __future__ import annotations

import pytest

from builder.catalog import load_catalog
from builder.project import Project
from conftest import ROOT

CATALOG = load_catalog(Project(ROOT))
BY_ID = {c.id: c for c in CATALOG.cases}


@pytest.mark.parametrize("phrase", ["utenfor kilden", "befolkningsstatistikk", "SSB", "redaksjonens egen kontroll"])
def test_no_source_note_leans_on_figures_from_outside_the_sources(phrase):
    assert [c.id for c in CATALOG.cases for note in c.kildemerknader if phrase.lower() in note.lower()] == []


@pytest.mark.parametrize("case_id, field, not_allowed, why", [
    ("midt-troms-lokta-kvalitetsutvikling", "status", "pagar",
     "the 2013 source describes a permanent organisation, not a project under way"),
    ("oslo-nordre-aker-hjemmetjeneste", "kunnskapsgrunnlag", "egne-tall",
     "the cited lines give no figures"),
])
def test_claims_the_cited_lines_do_not_carry_are_gone(case_id, field, not_allowed, why):
    value = getattr(BY_ID[case_id], field)
    assert not_allowed != value and not_allowed not in (value if isinstance(value, tuple) else ()), why
