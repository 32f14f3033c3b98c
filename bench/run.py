"""Benchmark: Erfaringsbanken build vs a plain MkDocs Material build, side by side in one run.

    python bench/run.py [N ...] [--no-query] [--no-preview]      default: 100 1000 3000

For each N it generates N synthetic cases from the real ones (same text, new ids and titles) in a
temporary copy of the project, then measures, alternating with the baseline:
  * a plain MkDocs Material build of N plain Markdown pages of similar length (the baseline), and
    its rebuild into the same folder (MkDocs cleans and writes everything again);
  * our cold build (no .cache/: every case validated, every page and chart made, Pagefind run);
  * our rebuild with nothing changed (validation results, pages, charts and the search index
    reused), and a rebuild after one case file was edited (that case, the cases that show it and
    the pages made from all cases are made again, Pagefind runs again);
  * bytes a browser fetches from pagefind/ for one query on the finder page (headless Chromium);
  * output size per case page;
  * the cold build's floor: drawing every chart alone (the build's worker pool) and running Pagefind
    alone over the built site, in CPU seconds; with plain MkDocs' CPU seconds added and divided by the
    cores, the least wall-clock time a cold build could take here if all else were free;
  * preview latency under `mkdocs serve --livereload`: seconds from writing an edited file (a case's
    title; for the baseline a page's heading) to the first HTTP response of the page that shows the
    change, three edits one after another, with the median (and its ratio to plain MkDocs serve);
    for ours also the seconds until the list of all cases shows the edited title (the pages that only
    list a case follow in a second rebuild), which the next edit waits for.
Results are printed as a Markdown table with ratios; times are wall-clock seconds on this machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def make_project(target: Path, n: int) -> Path:
    target.mkdir(parents=True)
    for part in ("mkdocs.yml", "pyproject.toml", "content", "overrides", "schema", "vocabularies"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, target / part)
    cases = sorted((ROOT / "cases").glob("*.yml"))
    (target / "cases").mkdir()
    for i in range(n):
        src = cases[i % len(cases)]
        text = src.read_text(encoding="utf-8")
        old_id = src.stem
        new_id = f"{old_id[:60]}-{i:05d}"
        text = text.replace(f"id: {old_id}", f"id: {new_id}", 1)
        text = re.sub(r"^tittel: (.*)$", lambda m: f"tittel: {m.group(1).rstrip()} ({i})"
                      if not m.group(1).startswith(("'", '"')) else m.group(0), text, count=1, flags=re.M)
        # vary numbers a little so each chart is a distinct chart (no cache sharing)
        text = re.sub(r"verdi: (\d+(?:\.\d+)?)", lambda m: f"verdi: {float(m.group(1)) + (i % 97) / 100:.2f}", text)
        (target / "cases" / f"{new_id}.yml").write_text(text, encoding="utf-8")
    return target


def make_baseline(target: Path, project: Path, n: int) -> Path:
    """Plain MkDocs Material: N Markdown pages of the same length as the case pages' text."""
    docs = target / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Baseline\n\nPlain Markdown pages.\n", encoding="utf-8")
    import yaml

    for i, path in enumerate(sorted((project / "cases").glob("*.yml"))):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        body = "\n\n".join(f"## {k}\n\n{v}" for k, v in data.items() if isinstance(v, str) and len(v) > 40)
        (docs / "pages" / f"p{i:05d}.md").write_text(f"# {data['tittel']}\n\n{body}\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: Baseline\ntheme:\n  name: material\n  language: nb\n  font: false\n"
        "plugins:\n  - search:\n      lang: \"no\"\nnav:\n  - index.md\nnot_in_nav: |\n  /pages/*.md\n",
        encoding="utf-8")
    return target


def timed(cmd: list[str], cwd: Path, env=None) -> float:
    return timed_cpu(cmd, cwd, env)[0]


def timed_cpu(cmd: list[str], cwd: Path, env=None) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of the command and every process it waited for)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{result.stderr[-3000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# Draws every chart of a project as a cold build does (all of them, in the build's worker pool) and
# prints the wall-clock and CPU seconds of the drawing alone (the catalog is loaded before).
DRAW_ALL_CHARTS = """
import json, resource, sys, time
from pathlib import Path
from builder.core.project import Project
from builder.sources.catalog import load_catalog
from builder.charts.drawing import start_charts
from builder.pages.generate import all_chart_specs
specs = all_chart_specs(load_catalog(Project(Path(sys.argv[1]))))
def cpu():
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))
cpu0, start = cpu(), time.perf_counter()
job = start_charts(specs, None)
job.wait()
job.cleanup()
print(json.dumps({"charts": len(specs), "wall": time.perf_counter() - start, "cpu": cpu() - cpu0}))
"""


def cold_floor(project: Path, site: Path, work: Path, env) -> dict:
    """What a cold build cannot do without, each measured alone: drawing every chart (matplotlib, in
    the build's worker pool) and running Pagefind over the built site. Their CPU seconds, with plain
    MkDocs' own CPU seconds for the same number of pages added, divided by the cores, are the least
    wall-clock time a cold build can take on this machine even if everything else were free."""
    py = sys.executable
    from builder.core.build_cache import REUSE_VARIABLE

    validate = timed([py, "-m", "builder", "--project", str(project), "validate"], project,
                     dict(env, **{REUSE_VARIABLE: "nei"}))  # every file checked, as in a cold build
    drawn = subprocess.run([py, "-c", DRAW_ALL_CHARTS, str(project)], cwd=project, env=env, capture_output=True,
                           text=True, check=True)
    charts = json.loads(drawn.stdout.strip().splitlines()[-1])
    copy = work / "site-pagefind"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    from builder.search.search_index import CHECKOUT, pagefind_command

    command, _ = pagefind_command(CHECKOUT)
    pagefind_s, pagefind_cpu = timed_cpu([*command, "--site", str(copy), "--force-language", "nb", "--silent"],
                                         project, env)
    shutil.rmtree(copy, ignore_errors=True)
    return {"validate_s": validate, "charts": charts["charts"], "charts_s": charts["wall"], "charts_cpu": charts["cpu"],
            "pagefind_s": pagefind_s, "pagefind_cpu": pagefind_cpu}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=600) as response:
        return response.read().decode("utf-8", "replace")


def preview_latency(project: Path, page_of, edit, edits: int = 3, env=None, listed_on: str | None = None):
    """Seconds from a file write to the first response of `mkdocs serve` that shows the change, for
    `edits` edits one after another. `edit(k)` writes the k-th change and returns (file, marker);
    `page_of(file)` is the address path of the page that shows it. The server is started once
    (its first build is not counted) and polled every 20 ms, as a browser's reload would.
    With `listed_on` (a page that lists every file's change, such as the list of all cases) also
    the seconds until that page shows it, and the next edit waits for that: ([page], [list page])."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    times, listed = [], []
    try:
        deadline = time.monotonic() + 1800
        while True:
            try:
                _get(base)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"mkdocs serve did not start:\n{server.stderr.read().decode()[-3000:]}")
                time.sleep(0.2)
        for k in range(edits):
            time.sleep(3)  # let the previous rebuild (and its search index) settle
            path, marker = edit(k)
            start = time.perf_counter()
            url = base + page_of(path)
            while marker not in _get(url):
                if time.perf_counter() - start > 600:
                    raise SystemExit(f"the change to {path} never showed at {url}")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
            if listed_on is not None:
                while marker not in _get(base + listed_on):
                    if time.perf_counter() - start > 600:
                        raise SystemExit(f"the change to {path} never showed at {base + listed_on}")
                    time.sleep(0.02)
                listed.append(time.perf_counter() - start)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)
    return (times, listed) if listed_on is not None else times


def edits_of(files: list[Path], insert):
    """An edit function for preview_latency: the k-th edit puts a new marker into one of `files`
    (spread over the list) with `insert(text, marker)`."""
    def edit(k: int):
        path = files[(len(files) // 2 + 7 * k) % len(files)]
        marker = f"Forhandsvist{k}x{os.getpid()}"
        path.write_text(insert(path.read_text(encoding="utf-8"), marker), encoding="utf-8")
        return path, marker
    return edit


def case_title(text: str, marker: str) -> str:
    return re.sub(r"^tittel: ", f"tittel: {marker} ", text, count=1, flags=re.M)


def page_heading(text: str, marker: str) -> str:
    return text.replace("# ", f"# {marker} ", 1)


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def query_bytes(site: Path, query: str = "sykefraværet") -> int:
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from static_host import serve_directory
    from playwright.sync_api import sync_playwright

    server, base = serve_directory(site)
    total = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            sizes = []
            page.on("requestfinished", lambda r: sizes.append(
                (r.url, r.sizes()["responseBodySize"])) if "/pagefind/" in r.url else None)
            page.goto(f"{base}/finn/?q={query}")
            page.wait_for_function("document.querySelector('#eb-status').textContent.includes('funnet')",
                                   timeout=60000)
            page.wait_for_timeout(1500)
            total = sum(size for _, size in sizes)
            browser.close()
    finally:
        server.shutdown()
    return total


def bench(n: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"eb-bench-{n}-"))
    try:
        project = make_project(work / "project", n)
        baseline = make_baseline(work / "baseline", project, n)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        py = sys.executable
        ours = [py, "-m", "builder", "--project", str(project), "build", "--site-dir", str(work / "site")]
        plain = [py, "-m", "mkdocs", "build", "-q", "-d", str(work / "site-base")]
        # side by side, alternating: baseline, our cold build, baseline rebuild, our rebuild
        t_base, base_cpu = timed_cpu(plain, baseline, env)
        t_cold, cold_cpu = timed_cpu(ours, project, env)
        t_base_again = timed(plain, baseline, env)
        t_warm = timed(ours, project, env)
        edited = sorted((project / "cases").glob("*.yml"))[n // 2]
        edited.write_text(edited.read_text(encoding="utf-8").replace("tittel: ", "tittel: Endret – ", 1),
                          encoding="utf-8")
        t_edit = timed(ours, project, env)
        preview = preview_base = preview_listed = []
        if PREVIEW:  # `mkdocs serve`: an edit's way to the browser, ours and plain MkDocs', side by side
            preview_base = preview_latency(baseline, lambda p: f"pages/{p.stem}/",
                                           edits_of(sorted((baseline / "docs" / "pages").glob("*.md")), page_heading),
                                           env=env)
            preview, preview_listed = preview_latency(
                project, lambda p: f"eksempler/{p.stem}/", edits_of(sorted((project / "cases").glob("*.yml")), case_title),
                env=env, listed_on="eksempler/")
        site = work / "site"
        floor = cold_floor(project, site, work, env)
        cores = os.cpu_count() or 1
        floor_s = (floor["charts_cpu"] + floor["pagefind_cpu"] + base_cpu) / cores
        case_pages = list((site / "eksempler").glob("*/index.html"))
        per_case = sum(p.stat().st_size for p in case_pages) / max(len(case_pages), 1)
        lunr = (work / "site-base" / "search" / "search_index.json").stat().st_size
        qbytes = query_bytes(site)
        return {"n": n, "baseline_s": t_base, "baseline_again_s": t_base_again, "cold_s": t_cold,
                "warm_s": t_warm, "edit_s": t_edit, "ratio_cold": t_cold / t_base,
                "ratio_warm": t_warm / t_base_again, "ratio_edit": t_edit / t_base_again,
                "preview_s": preview, "preview_base_s": preview_base, "preview_listed_s": preview_listed,
                "preview_median_s": median(preview) if preview else None,
                "preview_base_median_s": median(preview_base) if preview_base else None,
                "ratio_preview": median(preview) / median(preview_base) if preview else None,
                "base_cpu": base_cpu, "cold_cpu": cold_cpu, "cores": cores, **floor, "floor_s": floor_s,
                "ratio_floor": floor_s / t_base,
                "query_kb": qbytes / 1024, "lunr_index_kb": lunr / 1024, "case_page_kb": per_case / 1024}
    finally:
        shutil.rmtree(work, ignore_errors=True)


PREVIEW = True


def main(argv: list[str]) -> None:
    global query_bytes, PREVIEW
    if "--no-preview" in argv:  # no `mkdocs serve` edits
        argv = [a for a in argv if a != "--no-preview"]
        PREVIEW = False
    if "--no-query" in argv:  # build times only (no browser)
        argv = [a for a in argv if a != "--no-query"]
        query_bytes = lambda site: 0  # noqa: E731
    if not all(a.isdigit() and int(a) > 0 for a in argv):  # --help, or a word this script does not know
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        sys.exit(0 if argv and argv[0] in ("-h", "--help") else 2)
    sizes = [int(a) for a in argv] or [100, 1000, 3000]
    rows = [bench(n) for n in sizes]
    print("| N | plain MkDocs build / rebuild (s) | Erfaringsbanken cold (s) | ratio | rebuild, nothing "
          "changed (s) | ratio | rebuild, one case edited (s) | ratio | one query, pagefind KB | "
          "baseline lunr index KB | case page KB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['n']} | {r['baseline_s']:.1f} / {r['baseline_again_s']:.1f} | {r['cold_s']:.1f} | "
              f"{r['ratio_cold']:.2f}× | {r['warm_s']:.1f} | {r['ratio_warm']:.2f}× | {r['edit_s']:.1f} | "
              f"{r['ratio_edit']:.2f}× | {(format(r['query_kb'], '.0f') if r['query_kb'] else '–')} | {r['lunr_index_kb']:.0f} | {r['case_page_kb']:.1f} |")
    print()
    print("| N | cores | plain MkDocs build: wall / CPU (s) | Erfaringsbanken cold: wall / CPU (s) | validate "
          "alone (s) | every chart drawn alone: charts, wall / CPU (s) | Pagefind alone: wall / CPU (s) | floor: "
          "(charts + Pagefind + plain MkDocs) CPU / cores (s) | floor ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['n']} | {r['cores']} | {r['baseline_s']:.1f} / {r['base_cpu']:.1f} | {r['cold_s']:.1f} / "
              f"{r['cold_cpu']:.1f} | {r['validate_s']:.1f} | {r['charts']}, {r['charts_s']:.1f} / {r['charts_cpu']:.1f} | "
              f"{r['pagefind_s']:.1f} / {r['pagefind_cpu']:.1f} | {r['floor_s']:.1f} | {r['ratio_floor']:.2f}× |")
    if PREVIEW:
        print()
        print("| N | preview after an edit, plain MkDocs serve: median (s) [three edits] | Erfaringsbanken "
              "serve, the edited case's page: median (s) [three edits] | ratio | Erfaringsbanken, the list "
              "of all cases: median (s) [three edits] |")
        print("|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['n']} | {r['preview_base_median_s']:.2f} [{', '.join(f'{t:.2f}' for t in r['preview_base_s'])}] | "
                  f"{r['preview_median_s']:.2f} [{', '.join(f'{t:.2f}' for t in r['preview_s'])}] | "
                  f"{r['ratio_preview']:.2f}× | {median(r['preview_listed_s']):.2f} "
                  f"[{', '.join(f'{t:.2f}' for t in r['preview_listed_s'])}] |")
    print(json.dumps(rows))


if __name__ == "__main__":
    main(sys.argv[1:])
