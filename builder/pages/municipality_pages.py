"""Municipality pages: kommuner/index.md and kommuner/<id>.md for every municipality.

One page for every municipality in the 2024 structure (vocabularies/kommuner-2024.yml), joined by
id with the register of municipalities named in the sources (vocabularies/kommuner.yml); one page
for every former municipality and Oslo bydel in the register; and, where a name is used by several
pages (Herøy, Våler, Bø), a page at the plain name's address that lists them.

Each page shows the municipality's cases, its participation in programmes, learning networks and
development centres (from the participant lists and the reports' descriptions, with source lines;
Oslo's page also lists its bydeler's rows), and examples from similar municipalities in the size band
the reader chooses on the page (the site has no sourced population figures, so it never guesses),
ranked and explained by related.similar_examples, with a link to all of a band's examples in the
finder.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from urllib.parse import quote

from builder.core.formatting import norwegian_key as sort_key
from builder.sources.catalog import Catalog
from builder.sources.model import Case
from builder.sources.municipalities import RegisterEntry
from builder.sources.municipality_list import CurrentMunicipality, slug
from builder.knowledge.regions import landsdel_of
from builder.knowledge.related import Home, SimilarExample, SimilarIndex
from builder.charts.maps import CREDIT_TEXT
from builder.pages.facets import facet_counts
from builder.pages.front_matter import front_matter
from builder.pages.templating import render

MAX_SIMILAR = 6
ALL_SIZES = "alle"


@dataclass
class MunicipalityPage:
    id: str
    navn: str
    current: CurrentMunicipality | None = None     # in the 2024 structure
    entry: RegisterEntry | None = None             # named in the sources
    merged_into: "MunicipalityPage | None" = None  # a former municipality: the page it is part of now
    parent: "MunicipalityPage | None" = None       # a bydel: its municipality
    formed_from: list["MunicipalityPage"] = field(default_factory=list)  # former ones named in the sources
    districts: list["MunicipalityPage"] = field(default_factory=list)    # its bydeler named in the sources

    @property
    def url(self) -> str:
        return f"kommuner/{self.id}/"

    @property
    def county(self) -> str:
        """The county today."""
        if self.current:
            return self.current.fylke
        if self.merged_into:
            return self.merged_into.county
        return self.entry.fylke_i_dag or self.entry.fylke

    @property
    def kind(self) -> str:
        if self.current:
            return "kommune"
        return "bydel" if self.entry.bydel_av else "tidligere"

    @property
    def cases(self) -> list[Case]:
        return list(self.entry.cases) if self.entry else []

    @property
    def all_cases(self) -> list[Case]:
        """Own cases and those of former municipalities now part of this one, by title."""
        seen: dict[str, Case] = {}
        for page in (self, *self.formed_from):
            for case in page.cases:
                seen.setdefault(case.id, case)
        return sorted(seen.values(), key=lambda c: (sort_key(c.tittel), c.id))

    @property
    def participation(self) -> list[tuple["MunicipalityPage", object]]:
        """Its own rows, then those of former municipalities now part of it and of its bydeler."""
        return [(page, d) for page in (self, *self.formed_from, *self.districts) if page.entry
                for d in page.entry.deltakelse]


def build_pages(catalog: Catalog) -> tuple[list[MunicipalityPage], dict[str, list[MunicipalityPage]]]:
    """Every municipality page, and the pages listed at each shared name's plain address."""
    register = catalog.register
    pages: dict[str, MunicipalityPage] = {}
    for m in catalog.municipality_list.municipalities:
        entry = register.by_id.get(m.id)
        pages[m.id] = MunicipalityPage(m.id, m.navn, current=m, entry=entry)
    current_by_name: dict[tuple[str, str], MunicipalityPage] = {
        (p.navn, p.current.fylke): p for p in pages.values()}
    for entry in register.entries:
        if entry.id in pages:
            continue
        pages[entry.id] = MunicipalityPage(entry.id, entry.navn, entry=entry)
    for page in pages.values():
        entry = page.entry
        if page.current or entry is None:
            continue
        if entry.bydel_av:
            page.parent = pages.get(entry.bydel_av)
            if page.parent is not None:
                page.parent.districts.append(page)
        elif entry.slatt_sammen:
            target = current_by_name.get((entry.slatt_sammen["til"], entry.fylke_i_dag or entry.fylke))
            if target is not None:
                page.merged_into = target
                target.formed_from.append(page)
    for page in pages.values():
        page.formed_from.sort(key=lambda p: sort_key(p.navn))
        page.districts.sort(key=lambda p: sort_key(p.navn))
    by_slug: dict[str, list[MunicipalityPage]] = defaultdict(list)
    for page in pages.values():  # a name without a usable address of its own falls back to the page
        by_slug[slug(page.navn, fallback=page.id)].append(page)
    shared = {s: sorted(ps, key=lambda p: (sort_key(p.navn), p.id)) for s, ps in by_slug.items()
              if s not in pages and len(ps) >= 1}
    return sorted(pages.values(), key=lambda p: p.id), shared


def _region(page: MunicipalityPage, catalog: Catalog) -> str | None:
    return landsdel_of(page.county, catalog.vocabularies)


def home_of(page: MunicipalityPage, catalog: Catalog) -> Home:
    """Where the page's municipality is: itself (a municipality of today), the municipality a
    former one is part of now, or a bydel's municipality."""
    place = page.id if page.current else (page.merged_into or page.parent or page).id
    return Home(place, page.county, _region(page, catalog))


def similar_by_band(page: MunicipalityPage, catalog: Catalog, index: SimilarIndex | None = None,
                    nearby: frozenset[str] = frozenset()) -> list[tuple[str, list[SimilarExample], int]]:
    """For «all sizes» and each size band: the first MAX_SIMILAR examples by related.similar_examples
    (never the page's own cases), and how many examples that band has in all.

    Returns [(band id, examples, total)]."""
    index = index or SimilarIndex(catalog)
    home = home_of(page, catalog)
    own = frozenset(c.id for c in page.all_cases)
    out = []
    for band in (ALL_SIZES, *catalog.vocabularies["kommunestorrelser"].ids):
        examples, total = index.examples(home, None if band == ALL_SIZES else band, exclude=own,
                                         nearby=nearby, limit=MAX_SIMILAR)
        out.append((band, examples, total))
    return out


def finder_links(catalog: Catalog) -> dict[str, tuple[str, int]]:
    """band -> (finder address relative to the site root, number of cases it lists) for «vis
    alle»: the finder filtered on the size band, whose count (a case with any municipality in the
    band) follows the same rule as the examples (the page's own cases included)."""
    counts = dict(facet_counts(catalog)["kommunestorrelse"])
    links = {ALL_SIZES: ("finn/", len(catalog.cases))}
    for band in catalog.vocabularies["kommunestorrelser"].ids:
        label = catalog.vocabularies.label("kommunestorrelser", band)
        links[band] = (f"finn/?kommunestorrelse={quote(label)}", counts.get(label, 0))
    return links


class PageJob:
    """One municipality page to make: its site path, what it shows (the parts of its input key
    that are not shared by every page: see page_inputs.py), every case it lists, and how to render
    it. What it shows is worked out when first asked for: a rebuild that reuses the page by a key
    it already knows never needs it."""

    def __init__(self, path: str, work) -> None:
        self.path = path
        self._work = work  # () -> (shows, cases, render)
        self._done = None

    def _result(self):
        if self._done is None:
            self._done = self._work()
        return self._done

    @property
    def shows(self) -> list:
        return self._result()[0]

    @property
    def cases(self) -> list[Case]:
        return self._result()[1]

    def render(self) -> str:
        return self._result()[2]()


def nearby_municipalities(catalog: Catalog) -> dict[str, frozenset[str]]:
    """municipality id of today -> ids of its neighbours from the map data ({} without it): the
    municipalities ranked first among a page's similar examples."""
    from builder.knowledge.geography import load_geography

    geo = load_geography(catalog.project.vocabularies_dir)
    if geo is None:
        return {}
    return {kommune_id: frozenset(n.id for n in geo.neighbours(kommune_id)) for kommune_id in geo.municipalities}


def municipality_page_jobs(catalog: Catalog, nearby: dict[str, frozenset[str]] | None = None) -> list[PageJob]:
    """Every municipality page and shared-name page (the index is render_municipality_index).
    A page shows its own cases (and those of former municipalities now part of it) and, per size
    band, the similar cases; everything else on it comes from the register, the 2024 list and the
    vocabularies, which every page's key covers. `nearby`: municipality id of today -> ids of the
    municipalities near it (neighbours from map data), ranked first among the similar examples;
    a page of a former municipality or a bydel uses that of the municipality it is part of."""
    pages, shared = build_pages(catalog)
    vocab = catalog.vocabularies
    shared_parts: dict = {}

    def common():  # what every page's work needs, made once, when the first page is worked out
        if not shared_parts:
            shared_parts.update(near_by=neighbour_blocks(catalog, pages), index=SimilarIndex(catalog),
                                links=finder_links(catalog))
        return shared_parts["near_by"], shared_parts["index"], shared_parts["links"]

    def work(page: MunicipalityPage):
        near_by, index, links = common()
        region = _region(page, catalog)
        similar = similar_by_band(page, catalog, index,
                                  (nearby or {}).get(home_of(page, catalog).place, frozenset()))
        shows = [page.id, [c.id for c in page.all_cases],
                 [(band, [(e.case.id, e.reason) for e in listed], total) for band, listed, total in similar],
                 sorted(links.items())]
        block = near_by.get(page.id)
        if block is not None:  # the neighbours' case counts and participation are on the page
            shows.append(block.shows)
        listed_cases = [*page.all_cases, *(e.case for _, listed, _ in similar for e in listed)]

        def make() -> str:
            what = {"kommune": "kommune", "tidligere": "tidligere kommune", "bydel": "bydel"}[page.kind]
            return front_matter({
                "title": page.navn,
                "description": f"{page.navn} ({what}): eksempler, deltakelse i utviklingsprogrammer, nettverk og utviklingssentre og eksempler fra kommuner som ligner.",
            }) + render("municipality.html", p=page, vocab=vocab, page_url=page.url, region=region,
                        similar=similar, size_bands=vocab["kommunestorrelser"].terms, all_sizes=ALL_SIZES,
                        links=links,
                        neighbours=render("municipality_neighbours.html", p=page, block=block, vocab=vocab,
                                          page_url=page.url, credit=CREDIT_TEXT) if block is not None else "")

        return shows, listed_cases, make

    def work_shared(name_slug: str, listed: list[MunicipalityPage]):
        def make() -> str:
            return front_matter({
                "title": listed[0].navn,
                "description": f"Sider for {listed[0].navn} i Erfaringsbanken.",
            }) + render("municipality_shared.html", pages=listed, vocab=vocab, page_url=f"kommuner/{name_slug}/")

        return [name_slug, [p.id for p in listed]], [], make

    jobs = [PageJob(f"kommuner/{page.id}.md", partial(work, page)) for page in pages]
    jobs += [PageJob(f"kommuner/{name_slug}.md", partial(work_shared, name_slug, listed))
             for name_slug, listed in sorted(shared.items())]
    return jobs


@dataclass
class NeighbourBlock:
    """«Nabokommuner» on a current municipality's page (builder/knowledge/geography.py)."""
    neighbours: list  # [(MunicipalityPage, across the sea?)]
    shares_area_with: "MunicipalityPage | None"
    locator: str      # inline SVG
    split_note: str = ""  # Haram/Ålesund: one area in the 2020 outlines

    @property
    def shows(self) -> list:
        return ["naboer", [(n.id, sea, [c.id for c in n.all_cases], bool(n.participation))
                           for n, sea in self.neighbours]]


def neighbour_blocks(catalog: Catalog, pages: list[MunicipalityPage]) -> dict[str, NeighbourBlock]:
    """The «Nabokommuner» block of every current municipality, by id ({} without geography data)."""
    from builder.knowledge.geography import load_geography
    from builder.charts.maps import locator_map

    geo = load_geography(catalog.project.vocabularies_dir)
    if geo is None:
        return {}
    by_id = {p.id: p for p in pages if p.current}
    blocks = {}
    for page in by_id.values():
        listed = [(by_id[n.id], n.across_sea) for n in geo.neighbours(page.id) if n.id in by_id]
        listed.sort(key=lambda item: (item[1], sort_key(item[0].navn), item[0].id))
        county = catalog.vocabularies.label("fylker", page.county)
        blocks[page.id] = NeighbourBlock(
            listed, by_id.get(geo.shares_area_with(page.id) or ""),
            locator_map(geo, page.id, page.county, f"Kart: {page.navn} i {county}", page.url))
    for page in by_id.values():  # the municipality whose area another one shares (Ålesund) says so too
        block = blocks.get(page.id)
        if block and block.shares_area_with:
            other = blocks.get(block.shares_area_with.id)
            if other and other.shares_area_with is None:
                other.shares_area_with = page
            note = (f"{page.navn} ble skilt ut fra {block.shares_area_with.navn} 1. januar 2024. Kartgrunnlaget er "
                    f"fra 2020–2023, så kartet viser de to som ett område, og naboene er regnet for det området.")
            block.split_note = note
            if other:
                other.split_note = note
    return blocks


def render_municipality_index(catalog: Catalog) -> str:
    pages, _ = build_pages(catalog)
    return front_matter({
        "title": "Kommuner",
        "description": "Alle kommuner i Norge, og tidligere kommuner og bydeler som kildene nevner, gruppert etter fylke.",
    }) + render("municipality_index.html", groups=_county_groups(pages, catalog), vocab=catalog.vocabularies,
                page_url="kommuner/", total=sum(1 for p in pages if p.current))


def _county_groups(pages: list[MunicipalityPage], catalog: Catalog):
    """[(county id, current pages, former pages and bydeler)], counties in kommunenummer order."""
    groups: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    first_number: dict[str, str] = {}
    for page in pages:
        groups[page.county][0 if page.current else 1].append(page)
        if page.current:
            first_number[page.county] = min(first_number.get(page.county, "9999"), page.current.kommunenummer)
    return [(county, sorted(now, key=lambda p: sort_key(p.navn)), sorted(before, key=lambda p: sort_key(p.navn)))
            for county, (now, before) in sorted(groups.items(), key=lambda kv: (first_number.get(kv[0], "9999"), kv[0]))]
