"""«Kommuner som ligner»: the ranking and the reasons (builder/knowledge/related.py, the rule in
docs/architecture.md «Similar municipalities»), on a table of municipalities, against a plain
reference implementation of the rule, and on hostile and empty inputs."""

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.municipality_pages import ALL_SIZES, MAX_SIMILAR, build_pages, home_of, similar_by_band
from builder.knowledge.related import (ELSEWHERE, NEARBY, NETWORK, SAME_COUNTY, SAME_REGION, SINGLE, Home, SimilarIndex,
                                       case_members, similar_examples)
from conftest import ROOT

CATALOG = load_catalog(Project(ROOT))
PAGES, _ = build_pages(CATALOG)
BY_ID = {p.id: p for p in PAGES}
INDEX = SimilarIndex(CATALOG)
MEMBERS = case_members(CATALOG)
BANDS = CATALOG.vocabularies["kommunestorrelser"].ids


def _shown(page_id, band, nearby=frozenset()):
    listed = dict((b, examples) for b, examples, _ in similar_by_band(BY_ID[page_id], CATALOG, INDEX, nearby))
    return [(e.case.id, e.reason) for e in listed[band]]


# municipality, band: the first examples with their reasons, in order
TABLE = [
    # Loppa (Finnmark, no cases): one-municipality cases first, though none is in Nord-Norge; then the
    # networks, the one with a small member in Finnmark itself (Tana) before the one in Nord-Norge
    ("loppa", "under-5000", [
        ("fyresdal-gimle-skole-omdomme", "samme størrelse, annen landsdel (Østlandet)"),
        ("fyresdal-pleie-og-omsorg-deltid-rekruttering", "samme størrelse, annen landsdel (Østlandet)"),
        ("gjerstad-var-manelanding", "samme størrelse, annen landsdel (Sørlandet)"),
        ("haegebostad-sykefravaer", "samme størrelse, annen landsdel (Sørlandet)"),
        ("innsatskommuner-sykefravaer", "nettverk av 12 kommuner; to av samme størrelse: Tana og Vaksdal; Finnmark"),
        ("midt-troms-lokta-kvalitetsutvikling",
         "nettverk av 8 kommuner; seks av samme størrelse: Bardu, Berg, Dyrøy og 3 til; samme landsdel (Nord-Norge)"),
    ]),
    # Fedje (Vestland): the Rogaland network is there through Bjerkreim and Rennesøy, not Stavanger
    ("fedje", "under-5000", [
        ("fyresdal-gimle-skole-omdomme", "samme størrelse, annen landsdel (Østlandet)"),
        ("fyresdal-pleie-og-omsorg-deltid-rekruttering", "samme størrelse, annen landsdel (Østlandet)"),
        ("gjerstad-var-manelanding", "samme størrelse, annen landsdel (Sørlandet)"),
        ("haegebostad-sykefravaer", "samme størrelse, annen landsdel (Sørlandet)"),
        ("innsatskommuner-sykefravaer", "nettverk av 12 kommuner; to av samme størrelse: Vaksdal og Tana; Vestland"),
        ("rogaland-interkommunalt-palliasjonsprosjekt",
         "nettverk av 9 kommuner; to av samme størrelse: Bjerkreim og Rennesøy; samme landsdel (Vestlandet)"),
    ]),
    ("fedje", "5000-19999", [
        ("bomlo-ny-arbeidstidsordning", "samme størrelse, Vestland"),
        ("flora-helges-bilverkstad", "samme størrelse, Vestland"),
        ("gloppen-barnehage-minoritetsspraklige-foreldre", "samme størrelse, Vestland"),
        ("odda-lese-for-livet", "samme størrelse, Vestland"),
        ("stord-fem-delprosjekter-pleie-og-omsorg", "samme størrelse, Vestland"),
        ("gjesdal-omsorg-kompetanseutvikling", "samme størrelse, samme landsdel (Vestlandet)"),
    ]),
    # Hattfjelldal (Nordland): the Nord-Norge network with six small members before the one with two
    ("hattfjelldal", "under-5000", [
        ("fyresdal-gimle-skole-omdomme", "samme størrelse, annen landsdel (Østlandet)"),
        ("fyresdal-pleie-og-omsorg-deltid-rekruttering", "samme størrelse, annen landsdel (Østlandet)"),
        ("gjerstad-var-manelanding", "samme størrelse, annen landsdel (Sørlandet)"),
        ("haegebostad-sykefravaer", "samme størrelse, annen landsdel (Sørlandet)"),
        ("midt-troms-lokta-kvalitetsutvikling",
         "nettverk av 8 kommuner; seks av samme størrelse: Bardu, Berg, Dyrøy og 3 til; samme landsdel (Nord-Norge)"),
        ("innsatskommuner-sykefravaer", "nettverk av 12 kommuner; to av samme størrelse: Tana og Vaksdal; samme landsdel (Nord-Norge)"),
    ]),
    # Tynset (Innlandet): every single before a network, even one from its own county, which
    # counts only through its small members
    ("tynset", "under-5000", [
        ("fyresdal-gimle-skole-omdomme", "samme størrelse, samme landsdel (Østlandet)"),
        ("fyresdal-pleie-og-omsorg-deltid-rekruttering", "samme størrelse, samme landsdel (Østlandet)"),
        ("gjerstad-var-manelanding", "samme størrelse, annen landsdel (Sørlandet)"),
        ("haegebostad-sykefravaer", "samme størrelse, annen landsdel (Sørlandet)"),
        ("gausdal-trust-samhandling", "nettverk av 4 kommuner; to av samme størrelse: Ringebu og Øyer; Innlandet"),
        ("hedmark-oppland-effektiviseringsnettverk-utviklingshemmede",
         "nettverk av 4 kommuner; én av samme størrelse: Øyer; Innlandet"),
    ]),
    ("tynset", ALL_SIZES, [
        ("grue-omsorg-myndiggjoring-sykefravaer", "5 000–19 999 innbyggere, Innlandet"),
        ("askim-skole-kvalitetssystem", "5 000–19 999 innbyggere, samme landsdel (Østlandet)"),
    ]),
    # Oslo: its own bydel's case is not «a municipality like Oslo»; Fredrikstad makes the network
    ("oslo", "50000-og-over", [
        ("baerum-utviklingssenter-hjemmetjenester", "samme størrelse, samme landsdel (Østlandet)"),
        ("bergen-nye-arbeidstidsordninger", "samme størrelse, annen landsdel (Vestlandet)"),
        ("innsatskommuner-sykefravaer", "nettverk av 12 kommuner; én av samme størrelse: Fredrikstad; samme landsdel (Østlandet)"),
        ("bergen-stavanger-etikk-i-det-daglige",
         "nettverk av 2 kommuner; to av samme størrelse: Bergen og Stavanger; annen landsdel (Vestlandet)"),
        ("rogaland-interkommunalt-palliasjonsprosjekt",
         "nettverk av 9 kommuner; to av samme størrelse: Sandnes og Stavanger; annen landsdel (Vestlandet)"),
    ]),
    # Vennesla (Agder, mid-size, has cases of its own): Agder first, never its own cases
    ("vennesla", "5000-19999", [
        ("mandal-modellkommune-sykefravaer", "samme størrelse, Agder"),
        ("mandal-tillitsprosjektet", "samme størrelse, Agder"),
        ("askim-skole-kvalitetssystem", "samme størrelse, annen landsdel (Østlandet)"),
    ]),
]


@pytest.mark.parametrize("page_id, band, expected", TABLE, ids=[f"{p}-{b}" for p, b, _ in TABLE])
def test_first_examples_and_reasons(page_id, band, expected):
    assert _shown(page_id, band)[:len(expected)] == expected


def test_nearby_municipalities_come_first_within_each_tier():
    """The lead wires in neighbours from map data; a set of ids ranks their cases first."""
    shown = _shown("loppa", "under-5000", nearby=frozenset({"haegebostad", "bardu"}))
    assert shown[0] == ("haegebostad-sykefravaer", "samme størrelse, i nærheten")
    assert shown[1][0] == "fyresdal-gimle-skole-omdomme"  # then the rest of the singles …
    networks = [case_id for case_id, _ in shown if case_id in ("midt-troms-lokta-kvalitetsutvikling",
                                                               "innsatskommuner-sykefravaer")]
    assert networks[:1] == ["midt-troms-lokta-kvalitetsutvikling"]  # … and Bardu's network first
    assert dict(shown)["midt-troms-lokta-kvalitetsutvikling"].startswith(
        "nettverk av 8 kommuner; seks av samme størrelse: Bardu, Berg")
    assert dict(shown)["midt-troms-lokta-kvalitetsutvikling"].endswith("; i nærheten")


def _reference(home, band, exclude, nearby):
    """The rule written out plainly: every case, filter, sort."""
    rank = {NEARBY: 0, SAME_COUNTY: 1, SAME_REGION: 2, ELSEWHERE: 3}
    out = []
    for case in CATALOG.cases:
        members = MEMBERS[case.id]
        matching = [m for m in members if (band is None or m.band == band) and m.place != home.place]
        if case.id in exclude or not matching:
            continue
        def closeness(m):
            if m.place in nearby:
                return NEARBY
            if m.county == home.county:
                return SAME_COUNTY
            return SAME_REGION if m.region == home.region else ELSEWHERE
        tier = SINGLE if len(members) == 1 else NETWORK
        share = sum(1 for m in members if band is None or m.band == band) / len(members)
        out.append(((tier, rank[min(map(closeness, matching))], -share, len(members), case.id), case.id))
    return [case_id for _, case_id in sorted(out)]


@pytest.mark.parametrize("nearby", [frozenset(), frozenset({"tana", "bergen", "vennesla", "oslo"})])
def test_the_index_ranks_as_the_rule_says_on_every_page_and_band(nearby):
    for page in PAGES:
        home = home_of(page, CATALOG)
        own = frozenset(c.id for c in page.all_cases)
        for band in (None, *BANDS):
            expected = _reference(home, band, own, nearby)
            full, total = INDEX.examples(home, band, exclude=own, nearby=nearby)
            assert [e.case.id for e in full] == expected, (page.id, band)
            assert total == len(expected)
            first, total = INDEX.examples(home, band, exclude=own, nearby=nearby, limit=MAX_SIMILAR)
            assert [e.case.id for e in first] == expected[:MAX_SIMILAR] and total == len(expected)


def test_a_network_is_an_example_only_through_members_of_the_band():
    for page in PAGES[::7]:
        home = home_of(page, CATALOG)
        for band in BANDS:
            for e in similar_examples(CATALOG, home, band, index=INDEX):
                assert e.matching and all(m.band == band for m in e.matching)
                assert all(m.place != home.place for m in e.matching)
                if e.tier == NETWORK:
                    names = [m.navn for m in e.matching]
                    assert names[0] in e.reason  # the member that makes it so is named
                    assert f"nettverk av {e.members} kommuner" in e.reason
                else:
                    assert e.reason.startswith("samme størrelse, ")


def test_singles_come_before_networks_on_every_page():
    for page in PAGES:
        for band, examples, total in similar_by_band(page, CATALOG, INDEX):
            tiers = [e.tier for e in examples]
            assert tiers == sorted(tiers), (page.id, band)
            assert len(examples) == min(total, MAX_SIMILAR)


def test_own_cases_and_the_own_municipality_are_never_examples():
    for page_id in ("oslo", "bydel-alna", "mandal", "lindesnes", "vennesla", "fredrikstad"):
        page = BY_ID[page_id]
        own = {c.id for c in page.all_cases}
        for band, examples, _ in similar_by_band(page, CATALOG, INDEX):
            ids = {e.case.id for e in examples}
            assert not ids & own
            if page_id in ("oslo", "bydel-alna"):  # Oslo's bydel case is Oslo's own
                assert "oslo-nordre-aker-hjemmetjeneste" not in ids


@pytest.mark.parametrize("home", [
    Home(None, None, None),                        # nowhere known: everything is «elsewhere»
    Home("finnes-ikke", "finnes-ikke", "finnes-ikke"),  # ids no vocabulary has
    Home("oslo", "oslo", "ostlandet"),
])
@pytest.mark.parametrize("band", [None, *BANDS])
def test_every_home_and_band_gives_a_complete_consistent_ranking(home, band):
    everything = frozenset(c.id for c in CATALOG.cases)
    assert similar_examples(CATALOG, home, band, exclude=everything, index=INDEX) == []
    assert INDEX.examples(home, band, exclude=everything)[1] == 0
    full = similar_examples(CATALOG, home, band, index=INDEX, nearby=frozenset({"<script>", ""}))
    assert [e.case.id for e in full] == _reference(home, band, frozenset(), frozenset())
    assert len({e.case.id for e in full}) == len(full)
    if home.county is None:
        assert all(e.proximity == ELSEWHERE for e in full)


def test_the_pages_take_neighbours_when_the_lead_wires_them_in():
    from builder.pages.municipality_pages import municipality_page_jobs

    plain = {j.path: j.shows for j in municipality_page_jobs(CATALOG)}
    near = {j.path: j.shows for j in municipality_page_jobs(CATALOG, nearby={"loppa": frozenset({"haegebostad"})})}
    assert [p for p in plain if plain[p] != near[p]] == ["kommuner/loppa.md"]
    under_5000 = next(listed for band, listed, _ in near["kommuner/loppa.md"][2] if band == "under-5000")
    assert under_5000[0] == ("haegebostad-sykefravaer", "samme størrelse, i nærheten")
