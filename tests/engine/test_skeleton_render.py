"""Generated pages skip the full Markdown pass only where that changes nothing
(builder/engine/skeleton_render.py): compared with MkDocs' own Page.render for every generated page."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.pages.generate import generate_site
from builder.engine.html_stash import stash_html_blocks
from builder.engine.skeleton_render import SkeletonRenderer, skeleton_parts
from conftest import ROOT


@pytest.fixture(scope="module")
def pages():
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = None  # File.generated outside a build
    site = generate_site(load_catalog(Project(ROOT)))
    return config, {uri: text for uri, text in site.files.items() if uri.endswith(".md")}


def _mkdocs_render(config, uri: str, text: str):
    file = File.generated(config, uri, content=text)
    page = Page(None, file, config)
    page.read_source(config)
    page.markdown, _ = stash_html_blocks(page.markdown)
    page.render(config, Files([file]))
    return page


def test_every_case_and_municipality_page_renders_as_mkdocs_renders_it(pages):
    config, texts = pages
    renderer = SkeletonRenderer(config["markdown_extensions"], config["mdx_configs"])
    checked = 0
    for uri, text in texts.items():
        page = _mkdocs_render(config, uri, text)
        parts = skeleton_parts(page.markdown)
        if uri.startswith(("eksempler/", "kommuner/")) and not uri.endswith("index.md"):
            assert parts is not None, f"{uri} should take the fast path"
        if parts is None:
            continue
        html, tokens = renderer.render(parts)
        assert html == page.content, uri
        assert [(t["id"], t["name"], t["level"]) for t in tokens] == \
            [(a.id, a.title, a.level) for a in page.toc], uri
        assert {t["id"] for t in tokens} == page.present_anchor_ids, uri
        checked += 1
    assert checked > 400  # 35 cases and about 400 municipality pages


@pytest.mark.parametrize("markdown", [
    "",
    "EBHTMLBLOCK0X\n\n# Tittel { #t }",                      # a level-1 heading sets the title
    "EBHTMLBLOCK0X\n\n## Lenke [x](y.md) { #l }",             # inline Markdown in a heading
    "EBHTMLBLOCK0X\n\n## To { #to }\n\nEBHTMLBLOCK1X\n\n## To { #to }",  # the same heading twice
    "EBHTMLBLOCK0X\n\nvanlig tekst",                           # a paragraph of Markdown
    "## A <b>fet</b> { #a }",
])
def test_anything_else_gets_the_full_markdown_pass(markdown):
    assert skeleton_parts(markdown) is None


def test_a_heading_with_attributes_is_rendered_as_markdown_renders_it(pages):
    config, _ = pages
    renderer = SkeletonRenderer(config["markdown_extensions"], config["mdx_configs"])
    text = '---\ntitle: x\n---\n\nEBHTMLBLOCK0X\n\n## Lignende eksempler { #lignende data-pagefind-ignore="all" }\n\nEBHTMLBLOCK1X'
    page = _mkdocs_render(config, "eksempler/x.md", text)
    html, _ = renderer.render(skeleton_parts(page.markdown))
    assert html == page.content and 'data-pagefind-ignore="all"' in html
