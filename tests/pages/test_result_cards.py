"""Result cards and sort keys (builder/pages/result_cards.py): every case's facts, hostile values, order."""

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.facets import case_facets
from builder.pages.result_cards import CARD_FIELDS, card_facts, card_meta_attributes, sort_keys
from conftest import ROOT

CATALOG = load_catalog(Project(ROOT))


def test_every_case_has_every_fact_and_sort_key():
    for case in CATALOG.cases:
        facts = card_facts(case, case_facets(case, CATALOG))
        assert all(facts[name].strip() for name in CARD_FIELDS), case.id
        keys = sort_keys(case, CATALOG)
        assert len(keys["nyest"]) == 4 and keys["nyest"].isdigit() and len(keys["evidens"]) == 2


def test_meta_values_keep_commas_and_lose_backslashes():
    case = next(c for c in CATALOG.cases if c.id == "innsatskommuner-sykefravaer")
    facets = {**case_facets(case, CATALOG), "resultat": ["Bedre, men \\ usikkert"]}
    metas = card_meta_attributes(case, facets)
    assert [m.split(":", 1)[0] for m in metas] == list(CARD_FIELDS)
    assert metas[3] == "resultat:Bedre\\, men  usikkert"
    assert all("," not in m.replace("\\,", "") for m in metas)


def test_unknown_values_are_said_in_words():
    case = CATALOG.cases[0]
    facets = {**case_facets(case, CATALOG), "kommunestorrelse": ["Ikke oppgitt"], "resultat": ["Ikke vurdert"],
              "evidenstype": ["Ikke oppgitt"]}
    facts = card_facts(case, facets)
    assert (facts["storrelse"], facts["resultat"], facts["evidens"]) == (
        "Ukjent størrelse", "Ikke vurdert", "Ukjent kunnskapsgrunnlag")


def test_stronger_evidence_sorts_higher():
    order = CATALOG.vocabularies["kunnskapsgrunnlag"].ids
    by_strength = {}
    for case in CATALOG.cases:
        if case.kunnskapsgrunnlag:
            best = min(order.index(e) for e in case.kunnskapsgrunnlag)
            by_strength.setdefault(best, set()).add(sort_keys(case, CATALOG)["evidens"])
    ranks = sorted(by_strength)
    assert len(ranks) >= 2
    for stronger, weaker in zip(ranks, ranks[1:]):
        assert min(by_strength[stronger]) > max(by_strength[weaker])
