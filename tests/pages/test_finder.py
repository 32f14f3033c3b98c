"""«Finn eksempler» in a real browser: Pagefind index, facet counts, URL state, links, zero hits.

The facet counts are checked against the catalog: the number beside a value that is not ticked is
the number of hits after ticking it; beside a ticked value, how many current hits have it. Every
value is compared in every state a reader reaches (no choice, a word, one filter, several filters,
word and filters), and one value per facet and state is really ticked to see the hits match.
"""

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.facets import FACETS, case_facets, facet_counts
from conftest import ROOT

pytestmark = pytest.mark.browser
CATALOG = load_catalog(Project(ROOT))
FACETS_OF = {case.id: case_facets(case, CATALOG) for case in CATALOG.cases}


def _wait(page) -> str:
    page.wait_for_function(
        "() => { const s = document.querySelector('#eb-status').textContent;"
        " return s.includes('funnet'); }", timeout=15000)
    page.wait_for_timeout(250)
    return page.inner_text("#eb-status")


def _hit_count(page) -> int:
    status = _wait(page)
    return 0 if status.startswith("Ingen") else int(re.match(r"(\d+)", status).group(1))


def _results(page) -> list[str]:
    """Case ids shown in the result list (waits for the search to finish)."""
    expected = _hit_count(page)
    page.wait_for_function(f"() => document.querySelectorAll('#eb-results li').length >= {min(expected, 10)}",
                           timeout=15000)
    for _ in range(200):  # bounded: «Vis flere» disappears when everything is shown
        if not page.is_visible("#eb-more"):
            break
        shown = page.locator("#eb-results li").count()
        page.click("#eb-more")
        page.wait_for_function(f"() => document.querySelectorAll('#eb-results li').length > {shown}")
    else:
        raise AssertionError("«Vis flere treff» never disappeared")
    hrefs = page.eval_on_selector_all("#eb-results a", "els => els.map(e => e.getAttribute('href'))")
    return sorted({h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs})


def _expected(term_hits=None, **wanted) -> list[str]:
    """Case ids that match every facet in `wanted` (any of its values) and the word search."""
    return sorted(cid for cid, facets in FACETS_OF.items()
                  if (term_hits is None or cid in term_hits)
                  and all(set(values) & set(facets[name]) for name, values in wanted.items()))


def _expected_counts(term_hits, selection) -> dict[str, dict[str, int]]:
    counts = {}
    for name, _ in FACETS:
        chosen = selection.get(name, [])
        others = {k: v for k, v in selection.items() if k != name}
        counts[name] = {}
        for value, _ in facet_counts(CATALOG)[name]:
            if value in chosen:
                counts[name][value] = len(_expected(term_hits, **others, **{name: [value]}))
            else:
                counts[name][value] = len(_expected(term_hits, **others, **{name: chosen + [value]}))
    return counts


def _shown_counts(page) -> dict[str, dict[str, int]]:
    rows = page.eval_on_selector_all(
        "fieldset[data-facet] input[type=checkbox]",
        "els => els.map(e => [e.name, e.value, e.parentElement.querySelector('[data-count-for]').textContent,"
        " e.parentElement.classList.contains('eb-facet__option--empty')])")
    out: dict[str, dict[str, int]] = {}
    for name, value, text, empty in rows:
        n = int(text.strip("()"))
        assert empty == (n == 0), f"{name}={value}: shown {text}, marked empty={empty}"
        out.setdefault(name, {})[value] = n
    return out


def _url(q=None, **selection) -> str:
    parts = [f"q={quote(q)}"] if q else []
    parts += [f"{name}={quote(v)}" for name, values in selection.items() for v in values]
    return "/finn/" + ("?" + "&".join(parts) if parts else "")


STATES = {
    "ingen valg": (None, {}),
    "ordsøk": ("sykefravær", {}),
    "ett filter": (None, {"tema": ["Heltid og deltid"]}),
    "flere filtre": (None, {"tema": ["Kvalitet i pleie og omsorg", "Ledelse"], "kommunestorrelse": ["5 000–19 999 innbyggere"]}),
    "ord og filtre": ("kompetanse", {"sektor": ["Pleie og omsorg"], "program": ["Kvalitetskommuneprogrammet"]}),
    "fylke og landsdel": (None, {"fylke": ["Agder", "Vestland"], "landsdel": ["Vestlandet", "Nord-Norge"]}),
}


@pytest.mark.parametrize("state", STATES)
def test_every_count_is_the_number_of_hits_after_ticking(state, page, site_url):
    q, selection = STATES[state]
    term_hits = None
    if q:  # which cases the word finds, without filters
        page.goto(f"{site_url}{_url(q)}")
        term_hits = set(_results(page))
        assert term_hits
    page.goto(f"{site_url}{_url(q, **selection)}")
    assert _results(page) == _expected(term_hits, **selection)
    expected = _expected_counts(term_hits, selection)
    assert _shown_counts(page) == expected
    # tick one value of every facet (a non-empty one not yet ticked) and count the hits
    for name, _ in FACETS:
        candidates = [v for v, n in expected[name].items() if v not in selection.get(name, []) and n]
        if not candidates:
            continue
        value = candidates[len(candidates) // 2]
        box = page.locator(f"input[name='{name}'][value='{value}']")
        box.check()
        page.wait_for_function("v => new URLSearchParams(location.search).getAll(v[0]).includes(v[1])",
                               arg=[name, value])
        assert _hit_count(page) == expected[name][value], f"{name}={value}"
        box.uncheck()
        page.wait_for_function("v => !new URLSearchParams(location.search).getAll(v[0]).includes(v[1])",
                               arg=[name, value])
        _wait(page)


@pytest.mark.parametrize("name", ["fylke", "landsdel"])
def test_every_county_of_today_and_landsdel_gives_exactly_its_cases(name, page, site_url):
    """The counties are those of 2024 (no Vest-Agder or Hordaland) and the landsdeler SSB's five;
    ticking each value shows exactly the cases the catalog gives it."""
    values = [value for value, _ in facet_counts(CATALOG)[name]]
    if name == "fylke":
        assert not {"Vest-Agder", "Aust-Agder", "Hordaland", "Sogn og Fjordane"} & set(values)
    else:
        assert values == ["Østlandet", "Sørlandet", "Vestlandet", "Trøndelag", "Nord-Norge"]
    for value in values:
        page.goto(f"{site_url}{_url(**{name: [value]})}")
        expected = _expected(**{name: [value]})
        assert expected, value
        assert _results(page) == expected, value


def test_facet_values_come_in_reading_order(page, site_url):
    page.goto(f"{site_url}/finn/")
    _wait(page)
    shown = {name: page.eval_on_selector_all(f"fieldset[data-facet='{name}'] input", "els => els.map(e => e.value)")
             for name, _ in FACETS}
    sizes = shown["kommunestorrelse"]
    assert sizes[0].startswith("Under 5 000") and sizes[-1].startswith("50 000"), sizes
    assert shown["periode"][:2] == ["Før 2007", "2007–2010"] and shown["periode"][-1] == "Ikke oppgitt"
    for name in ("tema", "sektor", "fylke"):
        values = [v for v in shown[name] if v != "Ikke oppgitt"]
        key = {"æ": "{", "ø": "|", "å": "}"}
        assert values == sorted(values, key=lambda v: v.lower().translate(str.maketrans(key))), name
    assert shown["fylke"][-1] == "Østfold"


def test_inflected_word_finds_the_case(page, site_url):
    page.goto(f"{site_url}/finn/?q=arbeidsmilj%C3%B8unders%C3%B8kelsene")
    assert "haegebostad-sykefravaer" in _results(page)


def test_bokmal_query_finds_nynorsk_case(page, site_url):
    page.goto(f"{site_url}/finn/?q=minoritetsspr%C3%A5klige")
    assert "gloppen-barnehage-minoritetsspraklige-foreldre" in _results(page)


# Nynorsk | Bokmål pairs from vocabularies/ordliste.yml, words that occur in the cases
PAIRS = [
    ("sjukefråvær", "sykefravær"), ("heiltid", "heltid"), ("leiing", "ledelse"), ("tenester", "tjenester"),
    ("brukarmedverknad", "brukermedvirkning"), ("tilsette", "ansatte"), ("sjukeheim", "sykehjem"),
    ("heimetenester", "hjemmetjenester"), ("medarbeidarar", "medarbeidere"), ("kvardagen", "hverdagen"),
    ("undersøking", "undersøkelse"), ("arbeidsgjevar", "arbeidsgiver"), ("leiar", "leder"),
    ("utfordringar", "utfordringer"), ("sjukepleiar", "sykepleier"), ("pårørande", "pårørende"),
]


@pytest.mark.parametrize("nn,nb", PAIRS)
def test_nynorsk_and_bokmal_queries_find_the_same_cases(nn, nb, page, site_url):
    page.goto(f"{site_url}/finn/?q={quote(nn)}")
    nn_hits = set(_results(page))
    page.goto(f"{site_url}/finn/?q={quote(nb)}")
    nb_hits = set(_results(page))
    assert nb_hits, f"«{nb}» finds nothing: pick a pair that occurs in the cases"
    assert min(len(nn_hits), len(nb_hits)) >= 0.8 * max(len(nn_hits), len(nb_hits)), (nn_hits, nb_hits)
    bokmal_cases = {c.id for c in CATALOG.cases if c.språk == "nb"}
    assert len(nb_hits & bokmal_cases & nn_hits) >= 0.8 * len(nb_hits & bokmal_cases), \
        f"«{nn}» misses Bokmål cases: {sorted((nb_hits & bokmal_cases) - nn_hits)}"


def test_related_cases_and_facts_are_not_searched(page, site_url):
    """A case matches a word only through its own text, and excerpts are sentences."""
    page.goto(f"{site_url}/finn/?q=sykefrav%C3%A6r")
    hits = set(_results(page))
    for case in CATALOG.cases:
        own_text = " ".join(str(v) for v in (case.tittel, case.bakgrunn, case.tiltak, case.mål,
                                              case.læringspunkter, case.overføringsverdi, case.kildemerknader,
                                              case.temaer, case.resultater, case.kilder, case.kontakt))
        if case.id in hits:
            assert re.search(r"sykefrav|sjukefråv|sykefråv", own_text, re.I), f"{case.id} matched through another text"
    excerpts = page.eval_on_selector_all(".eb-finder__excerpt", "els => els.map(e => e.textContent)")
    assert excerpts
    for text in excerpts:
        assert "Sist vurdert" not in text and "Lignende eksempler" not in text and "KommuneMandal" not in text


def test_theme_names_find_their_cases(page, site_url):
    page.goto(f"{site_url}/finn/?q=heltid")
    assert set(_results(page)) >= set(_expected(tema=["Heltid og deltid"]))


def test_zero_hits_suggests_what_to_drop(page, site_url):
    page.goto(f"{site_url}{_url('sykefravær')}")
    expected = len(_results(page))
    page.goto(f"{site_url}{_url('sykefravær', sektor=['Barnehage'])}")
    assert _hit_count(page) == 0
    page.wait_for_selector("#eb-suggestions:not([hidden])")
    button = page.locator(".eb-suggestion", has_text="Fjern «Barnehage»")
    assert f"{expected} eksempler" in button.inner_text()
    button.click()
    page.wait_for_function("() => !location.search.includes('sektor')")
    assert _hit_count(page) == expected


def test_zero_hits_suggests_theme_pages(page, site_url):
    page.goto(f"{site_url}{_url('heiltidskultur', sektor=['Barnehage'])}")
    assert _hit_count(page) == 0
    page.wait_for_selector("#eb-suggestions:not([hidden])")
    assert "Heltid og deltid" in page.inner_text("#eb-suggestions")  # the theme page that discusses it
    page.click("#eb-suggestions a:text('Heltid og deltid')")
    assert page.inner_text("h1").startswith("Heltid og deltid")


@pytest.mark.parametrize("query,other", [
    ("sjukefråvær", "sykefravær"), ("sykefraværet", "sjukefråvær"), ("heiltidskultur", "heltidskultur"),
    ("tenestene", "tjeneste"), ("kvalitet i tenestene", "kvalitet i tjeneste"), ("kvalitet", None),
])
def test_the_other_written_standards_query(query, other, page, site_url):
    """What «Søk etter …» offers on zero hits: each word in the other standard, from the glossary."""
    page.goto(f"{site_url}/finn/")
    _wait(page)
    found = page.evaluate("async q => (await import('../assets/sok-felles.js')).otherStandardQuery(q)", query)
    assert found == other


def test_two_filters_show_exactly_the_expected_cases_and_survive_reload(page, site_url):
    page.goto(f"{site_url}/finn/")
    assert len(_results(page)) == len(CATALOG.cases)
    page.check("input[name=tema][value='Sykefravær og nærvær']")
    page.check("input[name=sektor][value='Hele kommunen']")
    expected = _expected(tema=["Sykefravær og nærvær"], sektor=["Hele kommunen"])
    assert expected and len(expected) < len(CATALOG.cases)
    page.wait_for_function("() => location.search.includes('sektor')")
    assert _results(page) == expected
    query = parse_qs(urlparse(page.url).query)
    assert query == {"tema": ["Sykefravær og nærvær"], "sektor": ["Hele kommunen"]}
    page.reload()
    assert _results(page) == expected
    assert page.is_checked("input[name=sektor][value='Hele kommunen']")
    count = page.inner_text("label[for] >> text=Hele kommunen")
    assert f"({len(expected)})" in count


def test_values_within_a_facet_are_combined_with_or(page, site_url):
    page.goto(f"{site_url}/finn/?sektor=Barnehage&sektor=Skole+og+SFO")
    assert _results(page) == _expected(sektor=["Barnehage", "Skole og SFO"])


def test_reset_and_keyboard(page, site_url):
    page.goto(f"{site_url}/finn/?sektor=Barnehage")
    assert _results(page) == _expected(sektor=["Barnehage"])
    page.focus("input[name=sektor][value='Helse']")
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search.includes('Helse')")
    assert _results(page) == _expected(sektor=["Barnehage", "Helse"])
    page.click("#eb-reset")
    page.wait_for_function("() => location.search === ''")
    assert page.evaluate("document.activeElement.id") == "eb-q"
    assert len(_results(page)) == len(CATALOG.cases)
    # «Vis flere» moved focus to the first new result, not to the page body
    assert page.evaluate("document.activeElement.closest('#eb-results') !== null")


def test_every_facet_is_offered(page, site_url):
    page.goto(f"{site_url}/finn/")
    legends = page.eval_on_selector_all("fieldset.eb-facet legend", "els => els.map(e => e.textContent)")
    assert legends == [heading for _, heading in FACETS]


def test_municipality_and_related_links_work(page, site_url):
    case = next(c for c in CATALOG.cases if len(c.kommuner) == 1 and not c.kommuner[0].bydel)
    page.goto(f"{site_url}/{case.url}")
    page.click(f".eb-facts a:text-is('{case.kommuner[0].navn}')")
    assert page.inner_text("h1") == case.kommuner[0].navn
    assert page.locator(f"a[href$='{case.id}/']").count() >= 1
    page.goto(f"{site_url}/{case.url}")
    related = page.locator("#lignende + .eb-related a").first
    title = related.inner_text()
    related.click()
    assert page.inner_text("h1") == title


def test_result_meta_shows_municipalities_plainly(page, site_url):
    case = next(c for c in CATALOG.cases if len(c.kommuner) > 1)
    page.goto(f"{site_url}/finn/?q={case.id.split('-')[0]}")
    _results(page)
    metas = page.eval_on_selector_all(".eb-finder__meta", "els => els.map(e => e.textContent)")
    assert metas and not any("\\" in m for m in metas)


# --- on a phone -----------------------------------------------------------------------------------

@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def _no_sideways_panning(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"


def test_on_a_phone_results_come_first_and_filters_open_from_one_button(phone, site_url):
    page = phone
    page.goto(f"{site_url}/finn/")
    _wait(page)
    _no_sideways_panning(page)
    assert not page.is_visible("#eb-filters")
    assert page.inner_text("#eb-filter-toggle") == "Filtre (0 valgt)"
    assert page.get_attribute("#eb-filter-toggle", "aria-expanded") == "false"
    # a search: the first hit within one and a half screens
    page.fill("#eb-q", "sykefravær")
    page.press("#eb-q", "Enter")
    page.wait_for_function("() => location.search.includes('q=')")
    _results(page)
    page.evaluate("window.scrollTo(0, 0)")
    top = page.evaluate("document.querySelector('#eb-results li').getBoundingClientRect().top")
    assert top < 1.5 * 844, f"first hit starts at {top} px"
    # open the filters, tick one, close with «Vis N eksempler»
    page.click("#eb-filter-toggle")
    assert page.is_visible("#eb-filters")
    assert page.get_attribute("#eb-filter-toggle", "aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "filtre"
    for box in page.query_selector_all("#eb-filters input[type=checkbox]"):
        size = box.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24
    _no_sideways_panning(page)
    page.locator("#eb-filters label", has_text="Hele kommunen").tap()
    page.wait_for_function("() => location.search.includes('sektor')")
    n = _hit_count(page)
    assert page.inner_text("#eb-apply") == f"Vis {n} eksempler"
    assert page.is_visible("#eb-apply")  # sticky at the bottom of the open panel
    page.click("#eb-apply")
    assert not page.is_visible("#eb-filters")
    assert page.inner_text("#eb-filter-toggle") == "Filtre (1 valgt)"
    assert page.evaluate("document.activeElement.id") == "eb-status"
    # Escape closes the panel and returns focus to its button
    page.click("#eb-filter-toggle")
    page.keyboard.press("Escape")
    assert not page.is_visible("#eb-filters")
    assert page.evaluate("document.activeElement.id") == "eb-filter-toggle"


def test_on_a_desktop_the_filters_are_always_shown(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}/finn/")
    _wait(page)
    assert page.is_visible("#eb-filters") and not page.is_visible("#eb-filter-toggle")
