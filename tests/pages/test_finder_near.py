"""«Nær meg» on «Finn eksempler» (builder/pages/facets.py near_facet, finn.js section «Nær meg»): choosing a
municipality gives the examples of it and its neighbours, the choice is in the URL, and the number
beside each municipality is the number of hits choosing it gives."""

import re

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.knowledge.geography import load_geography
from builder.pages.facets import case_facets, near_choices, near_counts, near_facet
from builder.pages.finder_page import render_finder_page
from builder.pages.map_page import current_municipalities_of_cases
from conftest import ROOT
from test_finder import _results, _wait

CATALOG = load_catalog(Project(ROOT))
GEO = load_geography(CATALOG.project.vocabularies_dir)
OWN = current_municipalities_of_cases(CATALOG)


def _expected(kommune_id: str, sector: str | None = None) -> list[str]:
    """Cases in `kommune_id` or in one of its neighbours (by the geography, not by near_facet)."""
    near = {kommune_id, *(n.id for n in GEO.neighbours(kommune_id))}
    return sorted(c.id for c in CATALOG.cases if set(OWN.get(c.id, [])) & near
                  and (sector is None or sector in case_facets(c, CATALOG)["sektor"]))


# A municipality with its own cases, and one with none whose neighbour has some.
WITH_OWN = next(i for i in sorted({i for ids in OWN.values() for i in ids}))
ONLY_NEIGHBOURS = next(m.id for m in CATALOG.municipality_list.municipalities
                       if not any(m.id in ids for ids in OWN.values()) and _expected(m.id))


def test_near_values_are_own_and_neighbouring_municipalities():
    for case in CATALOG.cases:
        near = set(near_facet(case, CATALOG).get("naer", []))
        for own in OWN.get(case.id, []):
            assert own in near and {n.id for n in GEO.neighbours(own)} <= near
    assert len(near_choices(CATALOG)) == 357
    labels = [label for _, label in near_choices(CATALOG)]
    assert "Herøy (Nordland)" in labels and "Herøy (Møre og Romsdal)" in labels  # shared names told apart
    assert near_counts(CATALOG)[WITH_OWN] == len(_expected(WITH_OWN))


def test_the_finder_offers_a_choice_list_not_checkboxes():
    html = render_finder_page(CATALOG)
    assert html.count('<select id="eb-naer" name="naer">') == 1
    assert len(re.findall(r'<option value="[^"]+" data-label=', html)) == 357
    assert 'type="checkbox" id="f-naer' not in html


@pytest.mark.browser
@pytest.mark.parametrize("kommune_id", [WITH_OWN, ONLY_NEIGHBOURS])
def test_choosing_a_municipality_gives_it_and_its_neighbours(page, site_url, kommune_id):
    page.goto(f"{site_url}/finn/?naer={kommune_id}")
    assert _results(page) == _expected(kommune_id)
    assert page.input_value("#eb-naer") == kommune_id


@pytest.mark.browser
def test_choice_is_url_state_and_counts_are_right(page, site_url):
    page.goto(f"{site_url}/finn/")
    _wait(page)
    page.select_option("#eb-naer", WITH_OWN)
    page.wait_for_function(f"() => location.search.includes('naer={WITH_OWN}')")
    assert _results(page) == _expected(WITH_OWN)
    # With another filter ticked, the number beside a municipality is what choosing it gives.
    sector = case_facets(next(c for c in CATALOG.cases if c.id in _expected(WITH_OWN)), CATALOG)["sektor"][0]
    page.goto(f"{site_url}/finn/?sektor={sector}")
    _wait(page)
    text = page.eval_on_selector(f'#eb-naer option[value="{WITH_OWN}"]', "o => o.textContent")
    assert text.endswith(f"({len(_expected(WITH_OWN, sector))})")
    page.goto(f"{site_url}/finn/?sektor={sector}&naer={WITH_OWN}")
    assert _results(page) == _expected(WITH_OWN, sector)
    page.click("#eb-reset")
    page.wait_for_function("() => !location.search.includes('naer=')")
    assert page.input_value("#eb-naer") == ""
