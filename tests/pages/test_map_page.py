"""The map of the municipalities (kommuner/kart/), the «Nabokommuner» block with its locator map, and
the theme pages' map: one link per current municipality, names and shading from the sources,
escaping, determinism, size; in Chromium: axe, keyboard, a 390 px phone and print."""

import gzip
import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.knowledge.geography import load_geography
from builder.charts.maps import AreaState, county_svg, legend_swatch, locator_map, map_files, national_map
from builder.pages.map_page import MAP_PAGE, area_states, render_map_page, theme_cases_map
from builder.pages.municipality_pages import build_pages, municipality_page_jobs, neighbour_blocks
from conftest import ROOT

PROJECT = Project(ROOT)
CATALOG = load_catalog(PROJECT)
GEO = load_geography(PROJECT.vocabularies_dir)
PAGES, _ = build_pages(CATALOG)
STATES = area_states(PAGES)
CURRENT_IDS = sorted(m.id for m in CATALOG.municipality_list.municipalities)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = dict(attrs)
            self.links.append(self._open)


def map_links(html: str) -> list[dict]:
    svg = html[html.index("<svg class=\"eb-map__svg\""):]
    svg = svg[:svg.index("</svg>")]
    parser = Links()
    parser.feed(svg)
    return parser.links


@pytest.fixture(scope="module")
def map_page() -> str:
    return render_map_page(CATALOG)


def test_every_current_municipality_has_exactly_one_link(map_page):
    links = map_links(map_page)
    targets = [re.fullmatch(r"\.\./([^/]+)/", a["href"]).group(1) for a in links]
    assert len(links) == 357 and sorted(targets) == CURRENT_IDS  # each once, nothing else
    markers = [a for a in links if a.get("class") == "eb-map__marker"]
    assert [a["href"] for a in markers] == ["../haram/"]  # Haram: a marker on Ålesund's 2020 area
    assert "Haram ble skilt ut fra Ålesund 1. januar 2024" in map_page


def test_accessible_names_say_examples_and_participation(map_page):
    names = {re.fullmatch(r"\.\./([^/]+)/", a["href"]).group(1): a["aria-label"] for a in map_links(map_page)}
    assert names["tynset"].startswith("Tynset – ingen eksempler ennå")
    with_two = next(s for s in STATES.values() if s.cases == 2)
    assert names[with_two.id].startswith(f"{with_two.navn} – 2 eksempler")
    with_one = next(s for s in STATES.values() if s.cases == 1)
    assert names[with_one.id].startswith(f"{with_one.navn} – 1 eksempel")
    took_part = next(s for s in STATES.values() if s.took_part and not s.cases)
    assert names[took_part.id] == f"{took_part.navn} – ingen eksempler ennå, deltok i program eller nettverk"
    for name in names.values():  # every link also has a <title> (hover)
        assert f"<title>{name.split(' (vist som punkt')[0]}</title>" in map_page


@pytest.mark.parametrize("cases,took_part,kind,fill", [
    (0, False, "ingen", "#f4f4f1"), (0, True, "deltok", "url(#eb-kart-deltok)"),
    (3, False, "eksempler", "#0b2e50"), (1, True, "eksempler", "#0b2e50")])
def test_shading_of_every_state(cases, took_part, kind, fill):
    state = AreaState("tynset", "Tynset", "3427", cases, took_part)
    assert state.kind == kind
    svg = national_map(GEO, [state], "kommuner/kart/", "Kart")
    assert f'fill="{fill}"' in svg
    assert 'pattern id="eb-kart-deltok"' in svg  # hatching: not colour alone
    assert "<pattern" in legend_swatch("deltok") and "<pattern" not in legend_swatch("ingen")


@pytest.mark.parametrize("name", ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "Å & Ø 'x'"])
def test_names_are_escaped(name):
    state = AreaState("tynset", name, "3427", 1, False)
    for svg in (national_map(GEO, [state], "kommuner/kart/", name),
                locator_map(GEO, "tynset", "innlandet", name, "kommuner/tynset/")):
        assert name not in svg and str(escape(name)) in svg


def test_deterministic_and_under_the_size_goal(map_page):
    assert render_map_page(CATALOG) == map_page
    assert map_files(GEO) == map_files(GEO)
    assert len(gzip.compress(map_page.encode())) <= 150_000  # the whole page's generated part


def test_every_county_picture_exists_and_is_small():
    files = map_files(GEO)
    assert sorted(files) == sorted(f"kommuner/kart/{c}.svg" for c in GEO.counties)
    assert all(len(gzip.compress(svg.encode())) < 40_000 for svg in files.values())
    assert "© Kartverket (CC BY 4.0)" in county_svg(GEO, "innlandet")


def test_the_neighbour_block_lists_neighbours_with_examples_and_participation():
    blocks = neighbour_blocks(CATALOG, PAGES)
    assert sorted(blocks) == CURRENT_IDS
    assert [(n.id, sea) for n, sea in blocks["tynset"].neighbours] == [
        ("alvdal", False), ("folldal", False), ("midtre-gauldal", False), ("oppdal", False), ("os-hedmark", False),
        ("rendalen", False), ("rennebu", False), ("tolga", False)]
    assert [(n.id, sea) for n, sea in blocks["utsira"].neighbours] == [("karmoy", True)]
    assert blocks["haram"].split_note and blocks["haram"].split_note == blocks["alesund"].split_note
    jobs = {job.path: job for job in municipality_page_jobs(CATALOG)}
    tynset = jobs["kommuner/tynset.md"].render()
    assert '<h2 id="naboer">Nabokommuner</h2>' in tynset and "Kommunene som grenser til Tynset:" in tynset
    assert re.search(r'<a href="\.\./alvdal/">Alvdal</a> <span class="eb-muted">– ingen eksempler ennå', tynset)
    assert 'aria-label="Kart: Tynset i Innlandet"' in tynset and "../kart/innlandet.svg" in tynset
    utsira = jobs["kommuner/utsira.md"].render()
    assert "Utsira har ingen grense mot andre kommuner på land" in utsira and "(over sjøen)" in utsira
    former = next(p for p in PAGES if p.kind == "tidligere")
    assert "Nabokommuner" not in jobs[f"kommuner/{former.id}.md"].render()


def test_a_neighbours_cases_are_in_the_pages_key():
    jobs = {job.path: job for job in municipality_page_jobs(CATALOG)}
    with_cases = next(p for p in PAGES if p.current and p.all_cases)
    neighbour = GEO.neighbours(with_cases.id)[0].id
    shows = jobs[f"kommuner/{neighbour}.md"].shows
    assert [c.id for c in with_cases.all_cases] in [ids for kommune_id, _, ids, _ in shows[-1][1]
                                                    if kommune_id == with_cases.id]


def test_theme_page_map_names_the_municipalities():
    theme = CATALOG.themes[0]
    cases = CATALOG.cases_with_theme(theme.tema)
    html = theme_cases_map(CATALOG, cases, "X")
    assert cases and 'role="img"' in html and "© Kartverket (CC BY 4.0)" in html
    assert html.count('fill="#0b2e50" stroke="#0b2e50"') >= 1
    assert theme_cases_map(CATALOG, [], "X") == ""


# --- in Chromium ----------------------------------------------------------------------------------

@pytest.mark.browser
def test_keyboard_reaches_every_municipality(page, site_url):
    page.goto(f"{site_url}/kommuner/kart/")
    page.focus("#kart")  # start at the heading's neighbourhood
    page.evaluate("document.querySelector('.eb-map-legend').previousElementSibling.querySelector('a').focus()")
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        href = page.evaluate("""() => { const a = document.activeElement;
            return a && a.closest('.eb-map__svg') ? a.getAttribute('href') : null; }""")
        if href is None and reached:
            break
        if href:
            reached.add(href)
    assert len(reached) == 357


@pytest.mark.browser
def test_no_sideways_panning_on_a_phone(browser, site_url):
    context = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    for path in ("kommuner/kart/", "kommuner/tynset/", "kommuner/haram/"):
        phone.goto(f"{site_url}/{path}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
    phone.goto(f"{site_url}/kommuner/kart/")
    box = phone.locator(".eb-map__svg").bounding_box()
    assert box["width"] <= 390 and box["height"] > 300
    context.close()


@pytest.mark.browser
def test_the_map_prints_on_one_page(browser, site_url):
    from test_print import PAGE_HEIGHT, PAGE_WIDTH

    context = browser.new_context(locale="nb-NO", viewport={"width": PAGE_WIDTH, "height": PAGE_HEIGHT})
    paper = context.new_page()
    paper.goto(f"{site_url}/kommuner/kart/")
    paper.emulate_media(media="print")
    box = paper.evaluate("""() => { const r = document.querySelector('.eb-map').getBoundingClientRect();
        return {top: r.top + scrollY, height: r.height, width: r.width,
                inside: getComputedStyle(document.querySelector('.eb-map')).breakInside}; }""")
    assert box["height"] <= PAGE_HEIGHT and box["width"] <= PAGE_WIDTH
    assert box["inside"] == "avoid"
    pdf = paper.pdf(format="A4")
    context.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2  # the text above, then the whole map


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_non_text_contrast_of_areas_and_borders():
    from builder.charts.maps import BORDER, DARK, HATCH_GROUND, LIGHT

    css = (ROOT / "content" / "assets" / "erfaringsbanken.css").read_text(encoding="utf-8")
    assert f".eb-map__svg path {{ stroke: {BORDER};" in css
    for fill in (DARK, LIGHT, HATCH_GROUND):
        assert _contrast(BORDER, fill) >= 3, fill
    assert _contrast(DARK, LIGHT) >= 3 and _contrast(DARK, HATCH_GROUND) >= 3


def test_the_map_page_is_not_a_municipality_in_the_search_index():
    from builder.pages.site_search import search_kind

    assert search_kind(MAP_PAGE) is None
    assert search_kind("kommuner/tynset.md") == "kommune"
