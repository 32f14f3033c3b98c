"""Case claims the sources carry: no figures from outside the sources in a source note, no evidence
type or status the cited lines do not give (issue 25)."""

from __future__ import annotations

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
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


# --- contacts: a role is a fact only when a source names it ------------------------------------

SOURCED_CONTACTS = {c.id for c in CATALOG.cases for k in c.kontakt if k.kilder}


def test_a_sourced_contact_role_carries_lines_and_a_quote_that_the_quote_test_checks():
    from builder.sources.quotes import catalog_quotes

    checked = {(q.file, q.field) for q in catalog_quotes(CATALOG)}
    for case in CATALOG.cases:
        for index, contact in enumerate(case.kontakt, start=1):
            for number, source in enumerate(contact.kilder, start=1):
                assert source.linjer and source.sitat, case.id
                assert (case.source_file, f"kontakt[{index}].kilder[{number}].sitat") in checked
    assert SOURCED_CONTACTS >= {"larvik-etisk-refleksjon", "midt-troms-lokta-kvalitetsutvikling",
                                "vestfold-12k-plo-fagnettverk", "rogaland-interkommunalt-palliasjonsprosjekt"}


def test_case_pages_label_unsourced_roles_as_the_editors_suggestion(built_site):
    for case in CATALOG.cases:
        html = (built_site / case.url / "index.html").read_text(encoding="utf-8")
        contact = html[html.index('class="eb-contacts"'):]
        contact = contact[:contact.index("</ul>")]
        suggested = "Forslag fra redaksjonen – spør:" if case.språk == "nb" else "Framlegg frå redaksjonen – spør:"
        items = contact.split("<li>")[1:]
        assert len(items) == len(case.kontakt), case.id
        for k, item in zip(case.kontakt, items):
            assert (suggested in item) == (not k.kilder), case.id
            for source in k.kilder:
                assert ("rollen er nevnt i" if case.språk == "nb" else "rolla er nemnd i") in item
                assert source.linjer in item and "<blockquote>" in item
        assert ("står ikke i kildene" in html or "står ikkje i kjeldene" in html) == \
            any(not k.kilder for k in case.kontakt), case.id


@pytest.mark.parametrize("kilde, message", [
    ('{dokument: ukjent-rapport, linjer: "3789"}', "ukjent-rapport"),
    ('{linjer: "3789"}', "dokument"),
    ('{dokument: fafo-2013-52, linjer: "linje 3789"}', "linjer"),
    ('{dokument: fafo-2013-52}', "kontakt[1].kilder[1]"),  # neither linjer nor sider
    ('{dokument: fafo-2013-52, linjer: "3789", telefon: "12345678"}', "telefon"),
    ('"Fafo 2013"', "kontakt[1].kilder[1]"),
])
def test_a_broken_contact_source_fails_validation_with_its_line(project_dir, kilde, message):
    from conftest import run_cli

    path = project_dir / "cases" / "bomlo-ny-arbeidstidsordning.yml"
    text = path.read_text(encoding="utf-8")
    old = "    virksomhet: Bømlo kommune\n"
    assert old in text
    path.write_text(text.replace(old, old + f"    kilder: [{kilde}]\n"), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index(f"    kilder: [{kilde}]") + 1
    result = run_cli(project_dir, "validate")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert f"cases/bomlo-ny-arbeidstidsordning.yml:{line}:" in output and message in output, output


# --- the cases added from the Fafo report (issue 25) ---------------------------------------------

@pytest.mark.parametrize("case_id, pages, lines", [
    ("bergen-stavanger-etikk-i-det-daglige", ["bergen", "stavanger"], "2823–2887"),
    ("baerum-utviklingssenter-hjemmetjenester", ["baerum"], "4391–4419"),
    ("oslo-intermediaere-plasser-ous", ["oslo"], "4746–4750"),
])
def test_new_cases_cite_their_passage_with_a_quote_and_show_on_their_municipalities(case_id, pages, lines):
    from builder.pages.municipality_pages import build_pages

    case = BY_ID[case_id]
    assert any(k.dokument == "fafo-2013-52" and k.linjer == lines and k.sitat for k in case.kilder)
    by_id = {p.id: p for p in build_pages(CATALOG)[0]}
    for page_id in pages:
        assert case in by_id[page_id].all_cases
