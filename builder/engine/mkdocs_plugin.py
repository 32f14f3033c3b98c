"""Thin MkDocs adapter: validate in on_config, add generated pages in on_files.

All domain logic lives in the builder library; this file only hands its output to MkDocs, so a
move to another generator (Zensical, ProperDocs) only replaces this adapter.
"""

from __future__ import annotations

from pathlib import Path
import hashlib
import logging
import os
import re
from functools import partial
from types import MethodType

from jinja2 import ChoiceLoader, DictLoader

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from builder.core.file_tree import remove_tree
from builder.core.problems import ProblemsFound, format_problems
from builder.core.project import Project
from builder.sources.catalog import Catalog, load_catalog
from builder.sources.site_address import address_problem, inert_in_markup, variable_problem
from builder.pages.case_page import case_page_path
from builder.pages.generate import generate_site
from builder.pages.home_page import HOME_MARKER, render_home_block
from builder.pages.page_inputs import all_cases_key
from builder.search.search_index_cache import build_search_index
from builder.search.search_words import write_word_index
from builder.search.serve_search import SearchProcess
from builder.engine.html_fixes import fix_theme_markup
from builder.engine.html_stash import restore_html_blocks, stash_html_blocks
from builder.engine.nav_cache import NavCache
from builder.engine.page_cache import PageCache, shell_fingerprint
from builder.engine.skeleton_render import SkeletonRenderer, skeleton_parts
from builder.engine.serve_mode import (BackgroundWork, MemoryBytecodeCache, PreviewState, move_aside, remove_soon,
                                       take_back)
from builder.pages.site_search import alternatives_text, search_kind
from builder.pages.theme_page import decorate_theme_page, insert_evidence_scale
from builder.engine.output_folder import output_dir_problem, output_path, write_marker

log = get_plugin_logger(__name__)

# Config values that end up in every page (some come from the environment through !ENV).
SHELL_CONFIG = ("site_name", "site_url", "repo_url", "repo_name", "edit_uri", "copyright", "extra",
                "extra_css", "extra_javascript", "use_directory_urls", "nav")
REUSED_TEMPLATE = "erfaringsbanken-reused-page.html"  # on_post_page puts the cached page in its place


class ErfaringsbankenConfig(Config):
    project_dir = c.Optional(c.Type(str))


class ErfaringsbankenPlugin(BasePlugin[ErfaringsbankenConfig]):
    catalog: Catalog | None = None
    serving = False  # under `mkdocs serve` (the instance then lives across rebuilds)

    def __init__(self) -> None:
        super().__init__()
        # also without on_startup (a build called from Python, as the CLI does)
        self.search_work = SearchProcess()  # the search index of the build just served
        self.removal_work = BackgroundWork()  # the previous build's output, moved aside
        self.compiled_templates: MemoryBytecodeCache | None = None
        self.preview = PreviewState()

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs keep this instance across the rebuilds of `mkdocs serve`.
        self.serving = command == "serve"
        if self.serving:
            self.compiled_templates = MemoryBytecodeCache()

    def on_shutdown(self) -> None:
        if self.serving:
            self.search_work.wait()
            self.removal_work.wait()
        if self.preview.folder is not None:
            remove_tree(self.preview.folder)
            self.preview.folder = self.preview.refresh_file = None

    def on_config(self, config):
        if self.serving:
            # the search index of the page before is stopped or done before anything else: a new
            # one follows this rebuild, and the editor's page should not wait for the old one
            error = self.search_work.stop()
            if error:
                log.info(f"søkeindeksen for forrige forhåndsvisning ble ikke laget: {error}")
            # `mkdocs serve` puts its own http://127.0.0.1 address into site_url; the preview shows
            # what a build makes (and shares its page cache), so site_url is what mkdocs.yml says.
            config.site_url = _configured_site_url(config)
        # `mkdocs build`/`serve` without the CLI: the same check of SITE_URL/REPO_URL (or of the
        # values written into mkdocs.yml), before anything is generated.
        addresses = [variable_problem(name, value, problem)
                     for name, key in (("SITE_URL", "site_url"), ("REPO_URL", "repo_url"))
                     if (value := config.get(key)) and (problem := address_problem(name, value))]
        if addresses:
            raise PluginError(format_problems(addresses))
        root = Path(self.config.project_dir) if self.config.project_dir else Path(config.config_file_path).parent
        self.project = Project(root.resolve())
        self._stash: dict[str, list[str]] = {}
        self.page_cache = PageCache(self.project.root, shell_fingerprint(
            Path(config.config_file_path), Path(config.theme.custom_dir) if config.theme.custom_dir else None,
            {key: config.get(key) for key in SHELL_CONFIG}))
        try:
            self.catalog = load_catalog(self.project)
            refused = output_dir_problem(self.project, output_path(Path(config.site_dir)))
            if refused is not None:  # checked before MkDocs empties the folder
                raise PluginError(format_problems([refused]))
            reuse, keep = self._reuse()
            self.data_key = all_cases_key(self.catalog, "data-files") if self.serving else None
            self.site = generate_site(self.catalog, reuse=reuse, defer_charts=True, keep=keep,
                                      data_files=self.preview.data_files(self.data_key, keep is not None)
                                      if self.serving else None,
                                      charts_elsewhere=self._served_chart if self.serving else None)
            self.generated = self.site.files
        except ProblemsFound as exc:
            raise PluginError("Eksempelfilene har feil:\n" + format_problems(exc.problems)) from None
        if not config.site_url:
            log.info("SITE_URL er ikke satt: nettstedet bygges uten nettstedskart, kanoniske lenker og "
                     "Open Graph-adresser, og feedene får relative lenker. Sett SITE_URL til nettstedets "
                     "adresse når du bygger for publisering.")
        if config.repo_url and not config.edit_uri:
            config.edit_uri = "edit/main/content/"  # "edit this page" for hand-written pages
        _warn_about_staleness(self.catalog)
        stats = self.site.chart_stats
        log.info(f"{len(self.catalog.cases)} eksempler og {len(self.catalog.themes)} temasider er gyldige; "
                 f"figurer: {len(stats.drawn)} tegnet, {len(stats.cached)} fra hurtigbuffer")
        return config

    @event_priority(100)  # before other plugins look at the file list
    def on_files(self, files: Files, config) -> Files:
        for src_uri, content in self.generated.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.NOT_IN_NAV if _is_detail_page(src_uri) else InclusionLevel.UNDEFINED
            file = File.generated(config, src_uri, content=content, inclusion=inclusion)
            if _is_case_page(src_uri):  # "edit" opens the YAML file, not the generated page
                file.edit_uri = f"../cases/{src_uri[len('eksempler/'):-len('.md')]}.yml"
            elif src_uri.endswith(".md"):
                file.edit_uri = None  # generated pages have no source to edit
            files.append(file)
        # Charts: copied from their cache file by MkDocs after on_env, which waits for the drawing.
        for src_uri, path in self.site.charts.paths.items() if self.site.charts else ():
            files.append(File.generated(config, f"figurer/{src_uri}", abs_src_path=str(path)))
        # Hand-written pages are made from their file (in the shared inputs) and all cases.
        self.reused = _QUIET.reused = dict(self.site.reused)
        self.page_keys = dict(self.site.page_keys)
        self.hand_written = {}  # hand-written page -> sha256 of its file (the preview's deferral)
        for file in files.documentation_pages():
            uri = file.src_uri
            if uri not in self.generated and self.site.site_key:
                self.page_keys[uri] = self.site.site_key
                if self.serving:
                    self.hand_written[uri] = _sha256_of(file.abs_src_path)
                if self._reuse_hand_written(uri, self.site.site_key):
                    self.reused[uri] = self.site.site_key
        self.reused.update(self.preview.stale)  # deferred pages keep the version served before
        build_log = logging.getLogger("mkdocs.commands.build")
        if _QUIET not in build_log.filters:
            build_log.addFilter(_QUIET)
        stale = len(self.preview.stale)
        made = sum(uri not in self.reused for uri in self.page_keys)
        log.info(f"sider: {made} laget, {len(self.reused) - stale} fra hurtigbuffer"
                 + (f", {stale} oppdateres i neste runde (sider som bare viser det endrede eksemplet)" if stale else "")
                 + (", eksportene oppdateres i neste runde" if self.preview.stale_data else ""))
        return files

    def _reuse(self):
        """The page cache's answer; in the preview after a complete rebuild, also deferral
        (serve_mode.PreviewState): only the pages of edited case files are made at once."""
        self.preview.begin()
        if not (self.serving and self.preview.may_defer()):
            return self.page_cache.has, None
        digests = self.catalog.file_digests
        edited = {case_page_path(c) for c in self.catalog.cases
                  if self.preview.changed(c.source_file, digests.get(c.source_file))}
        fresh = edited.__contains__
        return self.preview.reuse(self.page_cache.has, fresh), self.preview.keep(self.page_cache.has, fresh)

    def _reuse_hand_written(self, uri: str, key: str) -> bool:
        if not (self.serving and self.preview.may_defer()):
            return self.page_cache.has(uri, key)
        edited = self.preview.changed(f"content/{uri}", self.hand_written.get(uri))
        return self.preview.reuse(self.page_cache.has, lambda path: edited)(uri, key)

    def on_pre_build(self, config) -> None:
        if self.serving:  # the search index was stopped in on_config; MkDocs finds an empty folder
            remove_soon(self.preview.trash, self.removal_work)  # a rebuild that stopped half-way
            self.preview.trash = move_aside(Path(config.site_dir))
        self._skeleton = SkeletonRenderer(config["markdown_extensions"], config["mdx_configs"])

    def on_env(self, env, config, files):
        self._files = files
        self.site.chart_files()  # every chart drawn before MkDocs copies the files
        env.globals["eb_nav_cache"] = NavCache()  # one per build: the navigation can change
        env.loader = ChoiceLoader([DictLoader({REUSED_TEMPLATE: "-"}), env.loader])
        if self.compiled_templates is not None:
            env.bytecode_cache = self.compiled_templates
        if self.serving:
            self._take_back_static_files(files, Path(config.site_dir))
        return env

    def _take_back_static_files(self, files, site_dir: Path) -> None:
        """The preview: a static file (theme asset, image) whose source is the same file, size and
        time as in the rebuild before, a chart drawn from the same inputs, or a generated file with
        the same bytes, is renamed back from the moved-aside output; MkDocs then does not write it."""
        self.static_files: dict[str, tuple] = {}
        same = {}
        charts = self.site.charts.keys if self.site.charts else {}
        for file in files:
            if file.is_documentation_page():
                continue
            chart = charts.get(file.dest_uri[len("figurer/"):]) if file.dest_uri.startswith("figurer/") else None
            if not file.abs_src_path:  # generated: exports, feeds, the form's files
                self.static_files[file.dest_uri] = ("innhold", hashlib.sha256(file.content_bytes).hexdigest())
            elif chart is not None:  # copied from the chart cache into a new folder for each build
                self.static_files[file.dest_uri] = ("figur", chart)
            else:
                try:
                    st = os.stat(file.abs_src_path)
                except OSError:
                    continue
                self.static_files[file.dest_uri] = (file.abs_src_path, st.st_size, st.st_mtime_ns)
            if self.preview.static.get(file.dest_uri) == self.static_files[file.dest_uri]:
                same[file.dest_uri] = file
        back = take_back(self.preview.trash, site_dir, list(same))
        for rel, file in same.items():
            if rel in back:
                file.copy_file = _copied_already
        for name in charts:  # a chart not read from the cache (it was served) that did not come back
            if f"figurer/{name}" not in back:
                self.site.charts.fill(name)

    def _served_chart(self, name: str, key: str) -> bool:
        return self.preview.static.get(f"figurer/{name}") == ("figur", key)

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if page.file.src_uri in self.reused:  # finished HTML from the page cache
            page.meta["template"] = REUSED_TEMPLATE
            page.render = MethodType(_render_nothing, page)
            return markdown
        kind = search_kind(page.file.src_uri)
        if kind:  # overrides/main.html marks the page for the search index
            page.meta["search_kind"] = kind
            if page.file.src_uri not in self.generated:  # generated pages bring their own
                page.meta["search_alternatives"] = alternatives_text(self.catalog.glossary, markdown)
        if page.file.src_uri in self.generated:  # builder output: keep its HTML away from Markdown
            markdown, self._stash[page.file.src_uri] = stash_html_blocks(markdown)
            parts = skeleton_parts(markdown)
            if parts is not None:  # only tokens and headings left: no full Markdown pass
                page.render = MethodType(partial(_render_skeleton, renderer=self._skeleton, parts=parts), page)
            return markdown
        if page.file.src_uri == "index.md" and HOME_MARKER in markdown:
            block, self._stash["index.md"] = stash_html_blocks(render_home_block(self.catalog))
            return markdown.replace(HOME_MARKER, block, 1)
        if page.file.src_uri == "om/kunnskapsgrunnlaget.md":
            return insert_evidence_scale(markdown, self.catalog)
        theme = self._theme_for(page.file.src_uri)
        if theme is None:
            return markdown
        page.meta["title"] = str(escape(theme.tittel))  # themes print page.title unescaped
        page.meta.setdefault("description", str(escape(theme.sammendrag)))
        return decorate_theme_page(theme, markdown, self.catalog)

    def on_page_content(self, html: str, page, config, files) -> str:
        return restore_html_blocks(html, self._stash.pop(page.file.src_uri, []))

    def on_post_page(self, output: str, page, config) -> str:
        src_uri = page.file.src_uri
        if src_uri in self.reused:  # placed by on_post_build; MkDocs writes nothing for ""
            return ""
        output = fix_theme_markup(output)
        if src_uri in self.page_keys:
            self.page_cache.put(src_uri, self.page_keys[src_uri], output)
        return output

    def on_template_context(self, context, template_name: str, config):
        # MkDocs gives error pages absolute links from the server root when site_url is unset; make
        # them relative to the site's top level instead (overrides/main.html adds a <base> when the
        # page is served deeper down), so the site also works from a sub-path.
        if template_name == "404.html" and not config.site_url:
            context["base_url"] = "."
        elif template_name == "404.html":  # SITE_URL's path, which the theme prints raw in every link
            # never «//host»: a path that starts so would load the page's scripts from another host
            context["base_url"] = inert_in_markup(re.sub(r"/{2,}", "/", context["base_url"]))
        return context

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return fix_theme_markup(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config) -> None:
        write_marker(Path(config.site_dir))  # marks the folder as a site this builder may replace
        if not config.site_url:  # a sitemap needs absolute addresses
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (Path(config.site_dir) / name).unlink(missing_ok=True)
        site_dir = Path(config.site_dir)
        targets = {page_file.abs_dest_path: (uri, self.reused[uri]) for uri in self.reused
                   if (page_file := self._files.get_file_from_path(uri)) is not None}
        if self.serving:  # a page served before with the same key: its file is taken back, not copied
            same = {Path(target).relative_to(site_dir).as_posix(): target for target, (uri, key) in targets.items()
                    if self.preview.served.get(uri) == key}
            for rel in take_back(self.preview.trash, site_dir, list(same)):
                del targets[same[rel]]
            remove_soon(self.preview.trash, self.removal_work)
            self.preview.trash = None
        placed = self.page_cache.place(targets)
        if placed is not None:
            raise PluginError(f"Hurtigbufferen for {placed} forsvant eller ble endret under byggingen "
                              "(av et annet program?). Bygg på nytt.")
        self.site.cleanup()
        root = self.project.root
        if self.serving:
            served = {**self.page_keys, **self.reused}  # the key of each page now in the folder
            sources = dict(self.catalog.file_digests)
            sources.update({f"content/{uri}": sha for uri, sha in self.hand_written.items() if sha})
            self.preview.static = self.static_files
            self.preview.finish(served, sources, self.site.data, self.data_key)
            # the preview serves the pages first; search (both parts) follows within seconds
            self.search_work.start(site_dir, root, self.preview.folder / "words.json" if self.preview.folder else None)
            log.info("søkeindeksen: lages i bakgrunnen")
        else:
            write_word_index(site_dir, root)
            reused_index = build_search_index(site_dir, root)
            log.info("søkeindeksen: " + ("fra hurtigbuffer" if reused_index else "laget"))
        if not _warnings_logged():  # a page that gave a warning must be rendered again next time
            self.page_cache.commit()

    def on_build_error(self, error) -> None:
        if self.serving:
            self.preview.failed()
            remove_soon(self.preview.trash, self.removal_work)
            self.preview.trash = None

    def on_serve(self, server, config, builder):
        for folder in ("cases", "vocabularies", "schema"):
            server.watch(str(self.project.root / folder))
        if self.preview.folder is None:  # the preview's own files: see serve_mode.PreviewState
            import tempfile

            self.preview.folder = Path(tempfile.mkdtemp(prefix="erfaringsbanken-preview-"))
            self.preview.refresh_file = self.preview.folder / "refresh"
            self.preview.refresh_file.write_text("", encoding="utf-8")
        # written when a rebuild deferred pages: the server then starts the next
        server.watch(str(self.preview.refresh_file), recursive=False)
        return server

    def _theme_for(self, src_uri: str):
        if not src_uri.startswith("temaer/") or self.catalog is None:
            return None
        stem = src_uri[len("temaer/"):-len(".md")]
        return next((t for t in self.catalog.themes if t.tema == stem), None)


def _configured_site_url(config) -> str | None:
    """site_url as mkdocs.yml (with the environment) gives it: `mkdocs serve` has replaced it."""
    import os
    import warnings

    with warnings.catch_warnings():  # MkDocs 1.6 marks user_configs deprecated; fall back to !ENV's source
        warnings.simplefilter("ignore", DeprecationWarning)
        raw_configs = getattr(config, "user_configs", None)
    if raw_configs is None:
        return os.environ.get("SITE_URL") or None
    for raw in reversed(raw_configs):
        if "site_url" in raw:
            return raw["site_url"] or None
    return None


def _sha256_of(path: str | None) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest() if path else None
    except OSError:
        return None


def _warnings_logged() -> bool:
    """Whether MkDocs counted a warning in this build (in strict mode it then fails after
    on_post_build)."""
    from mkdocs.utils import CountHandler

    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


class _QuietReusedPages:
    """MkDocs reports every page whose output is empty; reused pages are empty on purpose."""

    def __init__(self):
        self.reused: dict[str, str] = {}

    def filter(self, record) -> bool:
        message = str(record.msg)
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.reused)


_QUIET = _QuietReusedPages()


def _render_skeleton(page, config, files, *, renderer: SkeletonRenderer, parts: list[str]) -> None:
    """Page.render for a generated page whose Markdown is only stash tokens and headings."""
    from mkdocs.structure.toc import get_toc

    page.content, tokens = renderer.render(parts)
    page.toc = get_toc(tokens)
    page.present_anchor_ids = {token["id"] for token in tokens}
    page.links_to_anchors = {}


def _copied_already(dirty: bool = False) -> None:
    """File.copy_file for a static file the preview took back from its previous output."""


def _render_nothing(page, config, files) -> None:
    """Page.render for a page whose finished HTML is reused: no Markdown pass."""
    from mkdocs.structure.toc import get_toc

    page.content = ""
    page.toc = get_toc([])


def _is_case_page(src_uri: str) -> bool:
    return src_uri.startswith("eksempler/") and src_uri != "eksempler/index.md" and src_uri.endswith(".md")


def _is_detail_page(src_uri: str) -> bool:
    """Case and municipality pages: many, so never in the sidebar navigation."""
    return _is_case_page(src_uri) or (src_uri.startswith("kommuner/") and src_uri != "kommuner/index.md")


def _warn_about_staleness(catalog: Catalog) -> None:
    """Printed to stderr, not logged as a MkDocs warning: stale content must not fail a strict build."""
    import sys

    from builder.pages.status_page import overdue_themes, stale_cases

    stale, overdue = stale_cases(catalog), overdue_themes(catalog)
    if stale:
        limit = catalog.settings.stale_after_days
        print(f"ADVARSEL: {len(stale)} eksempler er ikke vurdert på over {limit} dager: "
              + ", ".join(c.source_file for c in stale), file=sys.stderr)
    if overdue:
        print(f"ADVARSEL: {len(overdue)} temasider har passert neste vurdering: "
              + ", ".join(t.source_file for t in overdue), file=sys.stderr)
