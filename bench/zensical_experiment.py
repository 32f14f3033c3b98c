"""Experiment: build Erfaringsbanken with Zensical instead of MkDocs (issue 15, «engine insurance»).

Zensical (PyPI ``zensical``) reads ``mkdocs.yml`` but has no plugin API yet: it silently ignores the
``erfaringsbanken`` plugin. So this script does the plugin's work as files before the build, without
changing the builder:

1. validate and generate every page with the builder library (the same files ``python -m builder
   generate`` writes) on top of a copy of ``content/`` in ``WORK/docs``;
2. with ``--prebake`` (the default) also write, as files, what the plugin's ``on_page_markdown``
   does: the home page block, the theme pages' frame (title, status, cases), the evidence scale,
   and each indexed page's search kind and other-standard spellings as front matter (read by
   ``overrides/main.html``); ``--no-prebake`` shows the site with only the generated files;
3. write ``WORK/mkdocs.yml``: ours, with ``docs_dir: docs`` and ``custom_dir: overrides`` (a copy);
4. ``zensical build --clean`` into ``WORK/site``, then Pagefind over it (``builder/search/search_index.py``);
5. print what the output has: pages, the overrides' marks, the search, the navigation, links.

With ``--compare-mkdocs`` it first builds the same project with our MkDocs build (which also warms
the chart cache that step 1 then uses) and prints both times side by side.

Zensical needs its own virtual environment (it must not change .venv); run this script with the
project's Python, which has the builder's dependencies:

    python3 -m venv /tmp/zvenv && /tmp/zvenv/bin/pip install zensical
    .venv/bin/python bench/zensical_experiment.py --zensical /tmp/zvenv/bin/zensical \\
        [--cases N] [--work DIR] [--compare-mkdocs] [--no-prebake]

``--cases N`` uses N synthetic cases made from the real ones (``bench/run.py``'s ``make_project``)
instead of the real project. Findings: docs/architecture.md, «Experiment: building with Zensical».
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from builder.core.project import Project  # noqa: E402
from builder.sources.catalog import load_catalog  # noqa: E402
from builder.pages.generate import generate_site, write_files  # noqa: E402
from builder.pages.home_page import HOME_MARKER, render_home_block  # noqa: E402
from builder.pages.site_search import alternatives_text, search_kind  # noqa: E402
from builder.pages.theme_page import decorate_theme_page, insert_evidence_scale  # noqa: E402
from builder.search.search_index import run_pagefind  # noqa: E402

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def split_front_matter(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


def join_front_matter(meta: dict, body: str) -> str:
    if not meta:
        return body
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000) + "---\n" + body


def write_docs(project: Project, docs: Path, prebake: bool) -> tuple[int, float]:
    """content/ plus every generated file in `docs`; returns (generated files, seconds)."""
    start = time.perf_counter()
    catalog = load_catalog(project)
    generated = generate_site(catalog).files
    shutil.copytree(project.root / "content", docs)
    write_files(generated, docs)
    if prebake:
        prebake_markdown(catalog, docs, set(generated))
    return len(generated), time.perf_counter() - start


def prebake_markdown(catalog, docs: Path, generated: set[str]) -> None:
    """The plugin's on_page_markdown, done to the files (what a file-only pipeline can do)."""
    themes = {f"temaer/{t.tema}.md": t for t in catalog.themes}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        kind = search_kind(rel)
        if kind:
            meta["search_kind"] = kind
            if rel not in generated:
                meta["search_alternatives"] = alternatives_text(catalog.glossary, body)
        if rel == "index.md" and HOME_MARKER in body:
            body = body.replace(HOME_MARKER, render_home_block(catalog), 1)
        elif rel == "om/kunnskapsgrunnlaget.md":
            body = insert_evidence_scale(body, catalog)
        elif rel in themes:
            theme = themes[rel]
            meta = {k: v for k, v in meta.items() if k in ("search_kind", "search_alternatives")}
            meta["title"] = theme.tittel
            meta["description"] = theme.sammendrag
            body = decorate_theme_page(theme, body, catalog)
        path.write_text(join_front_matter(meta, body), encoding="utf-8")


# Zensical renders templates with MiniJinja (Rust), not Jinja2: the overrides need these changes,
# each (file, Jinja2 text, MiniJinja text). The copy in WORK/overrides is changed, never overrides/.
TEMPLATE_PORTS = [
    ("partials/language.html", "_fixes.get(key)", "_fixes[key]"),  # no dict.get in MiniJinja
]
# Overrides that only exist for the plugin: the navigation cache (the plugin's eb_nav_cache global).
DROPPED_OVERRIDES = ["partials/nav.html"]


def write_config(project: Project, work: Path) -> Path:
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^docs_dir: .*$", "docs_dir: docs", text, flags=re.M)
    shutil.copytree(project.root / "overrides", work / "overrides")
    for name, old, new in TEMPLATE_PORTS:
        path = work / "overrides" / name
        source = path.read_text(encoding="utf-8")
        if old not in source:
            raise SystemExit(f"template port no longer applies: {name}: {old}")
        path.write_text(source.replace(old, new), encoding="utf-8")
    for name in DROPPED_OVERRIDES:
        (work / "overrides" / name).unlink()
    config = work / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def zensical_build(zensical: str, work: Path, strict: bool) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run([zensical, "build", "--clean", *(["--strict"] if strict else [])],
                            cwd=work, capture_output=True, text=True)
    return time.perf_counter() - start, result


def mkdocs_build(project: Project, site: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "builder", "--project", str(project.root), "build",
                             "--site-dir", str(site)], capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode != 0:
        raise SystemExit(f"MkDocs build failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def relative_link_problems(site: Path) -> tuple[int, list[tuple[str, str]]]:
    """Relative links in the output (href, no scheme) and those that point above the site's top
    folder or to no file: (number of links, [(page, href)])."""
    total, bad = 0, []
    for page in sorted(site.rglob("*.html")):
        folder = "/x/" + page.parent.relative_to(site).as_posix() + "/"
        for href in re.findall(r'href="([^"#?]*)', page.read_text(encoding="utf-8", errors="replace")):
            if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith(("//", "'")):
                continue
            total += 1
            target = posixpath.normpath(posixpath.join(folder.replace("/./", "/"), unquote(href)))
            inside = target == "/x" or target.startswith("/x/")
            path = site / target[len("/x/"):] if inside else None
            if not inside or not (path.is_file() or (path / "index.html").is_file()):
                bad.append((page.relative_to(site).as_posix(), href))
    return total, bad


def inspect(site: Path, catalog, mkdocs_site: Path | None) -> list[tuple[str, str]]:
    """What the Zensical output has, as (check, finding) rows."""
    rows = []
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    rows.append(("HTML files", str(len(pages))))
    if mkdocs_site is not None and mkdocs_site.is_dir():
        theirs = {p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*.html")}
        missing, extra = sorted(theirs - pages), sorted(pages - theirs)
        rows.append(("HTML files the MkDocs build has and Zensical not", f"{len(missing)} {missing[:5]}"))
        rows.append(("HTML files only Zensical writes", f"{len(extra)} {extra[:5]}"))
        other = {p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*")
                 if p.is_file() and not p.name.endswith(".html") and p.relative_to(mkdocs_site).parts[0] != "pagefind"}
        mine = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.name.endswith(".html")}
        rows.append(("other files (data, feeds, charts, assets) missing in Zensical's output",
                     f"{len(other - mine)} {sorted(other - mine)[:5]}"))
    case_pages = {c.id: site / c.url / "index.html" for c in catalog.cases}
    rows.append(("case pages written", f"{sum(p.is_file() for p in case_pages.values())} of {len(case_pages)}"))
    langs = {c.id: re.search(r'<html[^>]*lang="([^"]*)"', p.read_text(encoding="utf-8")).group(1)
             for c in catalog.cases for p in [case_pages[c.id]] if p.is_file()}
    rows.append(("case pages with the case's language in <html lang>",
                 f"{sum(langs.get(c.id) == c.språk for c in catalog.cases)} of {len(catalog.cases)}"))
    sample = next((case_pages[c.id] for c in catalog.cases if c.resultater.tall and case_pages[c.id].is_file()), None)
    if sample is not None:
        html = sample.read_text(encoding="utf-8")
        head, _, content = html.partition('class="md-content"')
        rows.append((f"sample case page {sample.parent.name}", ""))
        rows.append(("· builder HTML kept (facts box, sources)", str('class="eb-facts"' in html and 'class="eb-sources"' in html)))
        rows.append(("· overrides/main.html search block (type filter)", str('data-pagefind-filter="type:eksempel"' in html)))
        rows.append(("· hidden other-standard spellings", str("eb-search-alternatives" in html)))
        rows.append(("· Open Graph tags (main.html extrahead)", str('property="og:site_name"' in html)))
        rows.append(("· header search form to sok/ (partials/header.html)", str('action="' in head and "sok/" in head)))
        rows.append(("· utskrift.js (main.html scripts block)", str("assets/utskrift.js" in html)))
        rows.append(("· erfaringsbanken.css", str("assets/erfaringsbanken.css" in html)))
        rows.append(("· charts (figurer/*.svg)", str("figurer/" in content)))
        rows.append(("· other cases linked in the sidebar", str(sum(f"{c.id}/" in head for c in catalog.cases))))
        rows.append(("· Material markup fixes (no autocomplete=\"off\" on toggles)", str('autocomplete="off"' not in html)))
    home = site / "index.html"
    if home.is_file():
        html = home.read_text(encoding="utf-8")
        rows.append(("home page: marker replaced by the generated block", str("erfaringsbanken:forside" not in html)))
    theme = next(iter(catalog.themes), None)
    if theme is not None and (site / "temaer" / theme.tema / "index.html").is_file():
        html = (site / "temaer" / theme.tema / "index.html").read_text(encoding="utf-8")
        rows.append(("theme page: title from the theme file", str(f">{theme.tittel}<" in html)))
        rows.append(("theme page: framed (status box, cases)", str("eb-" in html.split('class="md-content"')[-1])))
    total, bad = relative_link_problems(site)
    rows.append(("relative links above the top folder or to no file", f"{len(bad)} of {total} {bad[:3]}"))
    if mkdocs_site is not None and mkdocs_site.is_dir():
        total, bad = relative_link_problems(mkdocs_site)
        rows.append(("the same in the MkDocs output", f"{len(bad)} of {total} {bad[:3]}"))
    rows.append(("sitemap.xml written without SITE_URL", str((site / "sitemap.xml").is_file())))
    rows.append(("Pagefind index over the output", str((site / "pagefind" / "pagefind.js").is_file())))
    rows.append(("Zensical's own search index", ", ".join(
        str(p.relative_to(site)) for p in sorted(site.glob("search*")) + sorted(site.glob("assets/search*")))
        or "none found"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--zensical", required=True, help="the zensical command of its own venv")
    parser.add_argument("--cases", type=int, default=0, help="N synthetic cases (default: the real project)")
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one, kept)")
    parser.add_argument("--compare-mkdocs", action="store_true", help="also build with MkDocs and compare times")
    parser.add_argument("--no-prebake", dest="prebake", action="store_false",
                        help="only the generated files, none of the plugin's Markdown steps")
    parser.add_argument("--strict", action="store_true", help="zensical build --strict")
    args = parser.parse_args()

    work = (args.work or Path(tempfile.mkdtemp(prefix="eb-zensical-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.cases:
        from run import make_project  # bench/run.py

        project = Project(make_project(work / "project", args.cases))
    else:
        project = Project(ROOT)
    version = subprocess.run([args.zensical, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Zensical {version}; project {project.root}; work {work}")

    t_mkdocs = t_mkdocs_warm = None
    if args.compare_mkdocs:
        t_mkdocs = mkdocs_build(project, work / "site-mkdocs")
        t_mkdocs_warm = mkdocs_build(project, work / "site-mkdocs")  # chart cache warm, like below

    zwork = work / "zensical"
    shutil.rmtree(zwork, ignore_errors=True)
    zwork.mkdir()
    n_generated, t_generate = write_docs(project, zwork / "docs", args.prebake)
    write_config(project, zwork)
    t_zensical, result = zensical_build(args.zensical, zwork, args.strict)
    (work / "zensical-build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    print(f"zensical build: exit {result.returncode}; log {work / 'zensical-build.log'}")
    if result.returncode != 0:
        print(result.stderr[-3000:])
        raise SystemExit(1)
    t_zensical_again, _ = zensical_build(args.zensical, zwork, args.strict)
    site = zwork / "site"
    start = time.perf_counter()
    run_pagefind(site)
    t_pagefind = time.perf_counter() - start

    catalog = load_catalog(project)
    print(f"\n{len(catalog.cases)} cases, {n_generated} generated files, prebake={args.prebake}\n")
    print("| check | Zensical output |\n|---|---|")
    for check, finding in inspect(site, catalog, work / "site-mkdocs"):
        print(f"| {check} | {finding} |")
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "warn" in line.lower()]
    print(f"| build log lines with «warn» | {len(warnings)} |")
    total = t_generate + t_zensical + t_pagefind
    print(f"\n| step | seconds |\n|---|---|\n| generate (validate, pages, charts, exports) | {t_generate:.1f} |"
          f"\n| zensical build --clean | {t_zensical:.1f} |\n| zensical build --clean, again | {t_zensical_again:.1f} |"
          f"\n| Pagefind | {t_pagefind:.1f} |\n| Zensical pipeline total | {total:.1f} |")
    if t_mkdocs is not None:
        print(f"| MkDocs build (python -m builder build), first | {t_mkdocs:.1f} |"
              f"\n| MkDocs build, chart cache warm | {t_mkdocs_warm:.1f} |"
              f"\n| ratio Zensical pipeline / MkDocs warm | {total / t_mkdocs_warm:.2f}× |")


if __name__ == "__main__":
    main()
