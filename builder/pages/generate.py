"""Everything the builder generates for the site, as {site-relative path: content}.

The MkDocs plugin adds these as generated files; ``python -m builder generate`` writes them to disk.
Output is deterministic: the same input gives the same bytes, in the same order.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from builder.core.build_cache import JsonStore, cache_root, digest, reuse_enabled
from builder.core.problems import Problem, ProblemsFound
from builder.core.urls import output_collisions
from builder.sources.catalog import Catalog
from builder.sources.schema import SCHEMA_KINDS, effective_schema, schema_json
from builder.knowledge.geography import load_geography
from builder.knowledge.related import related_cases
from builder.charts.drawing import ChartJob, RenderStats, start_charts
from builder.charts.maps import map_files
from builder.charts.specs import case_chart_specs, overview_specs, theme_count_specs, theme_figure_spec
from builder.pages.case_index import render_case_index
from builder.pages.case_page import case_page_path, render_case_page
from builder.pages.data_page import render_data_page
from builder.pages.editor_page import editor_files
from builder.pages.exports import export_files
from builder.pages.feeds import feed_files, site_url
from builder.pages.field_docs import render_field_docs
from builder.pages.finder_page import render_finder_page
from builder.pages.map_page import MAP_PAGE, render_map_page
from builder.pages.municipality_pages import municipality_page_jobs, nearby_municipalities, render_municipality_index
from builder.pages.overview import render_overview
from builder.pages.page_inputs import all_cases_key, case_page_key, municipality_page_key
from builder.pages.search_page import render_search_page
from builder.pages.status_page import render_status_page
from builder.pages.theme_page import render_theme_index


@dataclass
class GeneratedSite:
    files: dict[str, str | bytes]
    chart_stats: RenderStats = field(default_factory=RenderStats)
    # Detail pages whose finished HTML the caller already has: {site path: input key}; their entry
    # in `files` is empty (they were not rendered).
    reused: dict[str, str] = field(default_factory=dict)
    page_keys: dict[str, str] = field(default_factory=dict)  # every generated page's input key
    site_key: str | None = None  # the key of pages made from all cases (and hand-written pages)
    charts: ChartJob | None = None
    # The exports, feeds, schemas and other data files: {site path: contents}. With `data_files`
    # given to generate_site (the preview's deferral), those and not new ones.
    data: dict[str, str | bytes] = field(default_factory=dict)

    def chart_files(self) -> dict[str, Path]:
        """{site path: SVG file} once every chart is drawn."""
        return {f"figurer/{name}": path for name, path in self.charts.wait().items()} if self.charts else {}

    def add_charts(self) -> None:
        """Put the charts' bytes into `files` (waits for the drawing to end)."""
        for name, path in self.chart_files().items():
            self.files[name] = path.read_bytes()
        self.cleanup()

    def cleanup(self) -> None:
        """Delete the chart files (once MkDocs has copied them)."""
        if self.charts is not None:
            self.charts.cleanup()


# `reuse(path, key)` answers whether the caller has the finished page for these inputs.
Reuse = Callable[[str, str], bool]


def all_chart_specs(catalog: Catalog) -> list:
    specs = []
    for case in catalog.cases:
        specs += case_chart_specs(case, catalog)
    for theme in catalog.themes:
        specs += [theme_figure_spec(theme, f, catalog) for f in theme.figurer]
        specs += theme_count_specs(theme, catalog)
    specs += overview_specs(catalog)
    return specs


def default_cache_dir(catalog: Catalog) -> Path:
    return catalog.project.root / ".cache" / "charts"


def generate_site(catalog: Catalog, cache_dir: Path | None = None, reuse: Reuse | None = None,
                  defer_charts: bool = False, keep: Callable[[str], bool] | None = None,
                  data_files: dict[str, str | bytes] | None = None,
                  charts_elsewhere: Callable[[str, str], bool] | None = None) -> GeneratedSite:
    """Every generated file. With `reuse`, pages whose finished HTML the caller holds for the same
    inputs are not rendered (see page_inputs.py): a case page is keyed by its case and the cases
    it shows, every other page by all cases together (``site_key``). With `defer_charts` the charts
    may still be drawing when this returns: ``site.charts.wait()`` gives their files' paths.
    `keep(path)` (the preview's deferral, serve_mode.PreviewState) answers whether the caller keeps
    its previous version of a municipality page whose key is not known without working it out;
    such a page is neither keyed nor rendered (``files[path] == ""``, not in ``reused``).
    `data_files` (the preview's deferral too): the exports, feeds and other data files to publish
    instead of making them again from all cases. `charts_elsewhere`: see charts.drawing.start_charts."""
    site_key = all_cases_key(catalog, "site-pages", listed=True)  # lists, home, theme pages ...
    data_key = all_cases_key(catalog, "data-files")  # exports and feeds carry every field
    specs = all_chart_specs(catalog)
    _check_chart_names(specs, {f"tema-{t.tema}-{f.id}": t.source_file for t in catalog.themes for f in t.figurer})
    # Charts are drawn in worker processes while the pages are made; a fresh build draws every
    # chart and stores none.
    if cache_dir is None and not reuse_enabled():
        charts = start_charts(specs, None)
    else:
        charts = start_charts(specs, cache_dir or default_cache_dir(catalog), prune=True, elsewhere=charts_elsewhere)

    try:
        return _generate(_Run(catalog, charts, site_key, data_key, reuse, keep, data_files, defer_charts))
    except BaseException:
        charts.cleanup()
        raise


@dataclass
class _Run:
    """One generation: what it is made from and may reuse, and what it has made so far."""
    catalog: Catalog
    charts: ChartJob
    site_key: str | None  # the key of every page made from all cases
    data_key: str | None  # the key of the exports and feeds
    reuse: Reuse | None
    keep: Callable[[str], bool] | None  # see generate_site
    data_files: dict[str, str | bytes] | None  # see generate_site
    defer_charts: bool
    files: dict[str, str | bytes] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # every keyed page -> its input key
    reused: dict[str, str] = field(default_factory=dict)  # pages the caller has -> their key
    origins: dict[str, str] = field(default_factory=dict)  # every generated path -> where it comes from
    clashes: list[Problem] = field(default_factory=list)  # paths claimed twice

    def claim(self, path: str, origin: str) -> None:
        if path in self.origins:
            self.clashes.append(_clash(path, self.origins[path], origin))
        else:
            self.origins[path] = origin

    def reusable(self, path: str, key: str | None, origin: str = "") -> bool:
        """Claims `path`; True when the caller has its finished page for `key` (then it is not made)."""
        self.claim(path, origin or GENERATED)
        if key is None:
            return False
        self.keys[path] = key
        if self.reuse is not None and self.reuse(path, key):
            self.reused[path] = key
            self.files[path] = ""
            return True
        return False

    def page(self, path: str, render_page, *args) -> None:
        """A page made from all cases (keyed by the site key)."""
        if not self.reusable(path, self.site_key):
            self.files[path] = render_page(self.catalog, *args)


def _generate(run: _Run) -> GeneratedSite:
    catalog, files, keys, reusable, page = run.catalog, run.files, run.keys, run.reusable, run.page
    site_key, keep, reuse = run.site_key, run.keep, run.reuse
    theme_pages = {t.tema for t in catalog.themes}
    page("eksempler/index.md", render_case_index)
    related = related_cases(catalog)
    for case in catalog.cases:
        path = case_page_path(case)
        if not reusable(path, case_page_key(case, catalog, related[case.id]), case.source_file):
            files[path] = render_case_page(case, catalog, theme_pages, related[case.id])
    known = _MUNICIPALITY_KEYS.get(site_key, {}) if site_key else {}
    for job in municipality_page_jobs(catalog, nearby=nearby_municipalities(catalog)):
        key = known.get(job.path)
        if key is None and keep is not None and keep(job.path):
            run.claim(job.path, MUNICIPALITY_ORIGIN)
            files[job.path] = ""
            continue
        if key is None:
            key = municipality_page_key(catalog, job.shows, job.cases)
        if not reusable(job.path, key, MUNICIPALITY_ORIGIN):
            files[job.path] = job.render()
    if site_key and reuse is not None and keep is None:
        _MUNICIPALITY_KEYS.clear()
        _MUNICIPALITY_KEYS[site_key] = {path: keys[path] for path in keys if path.startswith("kommuner/")}
    page("kommuner/index.md", render_municipality_index)
    page(MAP_PAGE, render_map_page)
    page("temaer/index.md", render_theme_index)
    page("tall/index.md", render_overview)
    page("finn/index.md", render_finder_page)
    page("sok/index.md", render_search_page)
    page("redaktorer/felt.md", render_field_docs)
    page("redaktorer/status.md", render_status_page)
    page("data/index.md", render_data_page)
    data = dict(run.data_files) if run.data_files is not None else _data_files(catalog, run.data_key, reuse is not None)
    for more in (data,
                 editor_files(catalog),  # /rediger/: the editing form (Decap CMS)
                 map_files(load_geography(catalog.project.vocabularies_dir))):  # county pictures
        for path in more:
            run.claim(path, GENERATED)
        files.update(more)
    _check_site_paths(catalog, run.origins, run.clashes, run.charts)
    site = GeneratedSite(files=files, chart_stats=run.charts.stats, reused=run.reused, page_keys=keys,
                         site_key=site_key, charts=run.charts, data=data)
    if not run.defer_charts:
        site.add_charts()
    site.files = dict(sorted(site.files.items()))
    return site


# The municipality pages' keys of the last build in this process, by site key. A municipality page
# shows only what its key covers, and the site key covers all of it (every case's listed part and
# every shared input), so under the same site key every page has the same key: a preview rebuild
# after an edit of a case's long texts need not work out what 405 pages show.
_MUNICIPALITY_KEYS: dict[str, dict[str, str]] = {}


def _data_files(catalog: Catalog, site_key: str | None, may_reuse: bool) -> dict[str, str | bytes]:
    """Exports, feeds, published schemas, the glossary map and robots.txt: made from all cases,
    so a rebuild with the same site key takes them from `.cache/data-files.json`."""
    store = None
    if may_reuse and site_key and reuse_enabled():
        store = JsonStore(cache_root(catalog.project.root) / "data-files.json", digest("data-files", site_key))
        if store.get(COMPLETE):
            return {path: base64.b64decode(value["b64"]) if isinstance(value, dict) else value
                    for path, value in store.entries.items() if path != COMPLETE}
    files: dict[str, str | bytes] = {}
    files["data/ordliste.json"] = json.dumps(catalog.glossary.as_json_map(), ensure_ascii=False,
                                             separators=(",", ":")) + "\n"
    files["data/synonymer.json"] = json.dumps(catalog.synonyms.as_json(catalog), ensure_ascii=False,
                                              separators=(",", ":")) + "\n"
    for kind in SCHEMA_KINDS:  # the validator's own schemas, published for editors and tools
        files[f"schema/{kind}.schema.json"] = schema_json(
            effective_schema(catalog.project, kind, catalog.vocabularies))
    files.update(export_files(catalog))
    files.update(feed_files(catalog))
    files["robots.txt"] = "User-agent: *\nAllow: /\n" + (f"Sitemap: {site_url()}sitemap.xml\n" if site_url() else "")
    if store is not None:
        store.entries = {path: {"b64": base64.b64encode(value).decode()} if isinstance(value, bytes) else value
                         for path, value in files.items()}
        store.entries[COMPLETE] = True
        store.changed = True
        store.save()
    return files


COMPLETE = "//complete"  # not a path: marks a store written in full
GENERATED = "byggeren"  # the origin of a page or file no editor names
MUNICIPALITY_ORIGIN = "vocabularies/kommuner-2024.yml"


def _clash(path: str, first: str, second: str) -> Problem:
    return Problem(second if second != GENERATED else first, 1, 1, "",
                   f"to sider skal publiseres som {path} (fra {first} og fra {second}); den ene ville erstattet den andre",
                   "Gi den ene en annen id eller et annet navn")


def content_files(catalog: Catalog) -> dict[str, str]:
    """Every hand-written file MkDocs publishes from content/: {site path: file}. Links are not
    followed (a symlinked folder is not walked)."""
    root = catalog.project.content_dir
    out: dict[str, str] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                rel = Path(folder, name).relative_to(root).as_posix()
                out[rel] = f"content/{rel}"
    return out


def _check_chart_names(specs, origins: dict[str, str] | None = None) -> None:
    """Two charts may not share a file (a theme «a» with figure «b-c» and a theme «a-b» with
    figure «c» both give tema-a-b-c.svg): the second would be shown in the first one's place."""
    first: dict[str, object] = {}
    problems = []
    for spec in specs:
        name = spec.file_name.casefold()
        if name in first and first[name] != spec:
            problems.append(Problem(
                (origins or {}).get(spec.id, "content/temaer"), 1, 1, "figurer",
                f"to ulike figurer får samme filnavn figurer/{spec.file_name} («{first[name].title}» og "
                f"«{spec.title}»)", "Gi den ene figuren en annen id"))
        first.setdefault(name, spec)
    if problems:
        raise ProblemsFound(problems)


def _check_site_paths(catalog: Catalog, origins: dict[str, str], clashes: list[Problem], charts) -> None:
    """Defence in depth behind validation's reserved names (urls.reserved_names): no two generated
    or hand-written files may land on the same place in the site, on a case-insensitive disk
    either. A hand-written page that a generated one would replace counts too."""
    sources = dict(origins)
    for path, origin in content_files(catalog).items():
        if path in sources:
            clashes.append(_clash(path, origin, sources[path]))
        sources[path] = origin
    for name in charts.paths if charts is not None else ():
        path = f"figurer/{name}"
        if path in sources:
            clashes.append(_clash(path, sources[path], "figurene"))
        sources[path] = "figurene"
    problems = clashes + output_collisions(sources)
    if problems:
        raise ProblemsFound(problems)


def generate_site_files(catalog: Catalog, cache_dir: Path | None = None) -> dict[str, str | bytes]:
    return generate_site(catalog, cache_dir).files


def write_files(files: dict[str, str | bytes], out: Path) -> None:
    """Write generated files under `out` (for pipelines without the MkDocs plugin)."""
    for rel, content in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
