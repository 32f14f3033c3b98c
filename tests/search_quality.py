"""Precision at 5 of «Finn eksempler» on the query table (tests/data/search_queries.yml).

Used by tests/search/test_search_quality.py and, to measure a built site (before/after, docs/search-quality.md):

    .venv/bin/python tests/search_quality.py SITE_DIR

For each query the finder runs in a real browser against the built site; the top five hits are
compared with the table's relevant cases. A query with no relevant case scores 1 when the finder
shows no hit and 0 otherwise. Precision at 5 = relevant hits among the first five / hits shown
(at most five); a query with hits but no relevant one scores 0.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import quote

import yaml

TABLE = Path(__file__).parent / "data" / "search_queries.yml"


def load_table() -> list[dict]:
    return yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def finder_hits(page, site_url: str, query: str) -> tuple[int, list[str]]:
    """(number of hits the finder reports, case ids of the first hits shown in order)."""
    page.goto(f"{site_url}/finn/?q={quote(query)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('#eb-status').textContent;"
        " return s.includes('funnet') || s.includes('Ingen'); }", timeout=20000)
    status = page.inner_text("#eb-status")
    count = 0 if status.startswith("Ingen") else int(re.match(r"(\d+)", status).group(1))
    if count:
        page.wait_for_function(f"() => document.querySelectorAll('#eb-results li').length >= {min(count, 5)}",
                               timeout=20000)
    hrefs = page.eval_on_selector_all("#eb-results li .eb-finder__title a",
                                      "els => els.map(e => e.getAttribute('href'))")
    return count, [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def precision_at_5(relevant: list[str], shown: list[str]) -> float:
    top = shown[:5]
    if not relevant:
        return 1.0 if not top else 0.0
    if not top:
        return 0.0
    return sum(1 for cid in top if cid in relevant) / len(top)


def measure(page, site_url: str) -> list[dict]:
    rows = []
    for entry in load_table():
        count, shown = finder_hits(page, site_url, entry["query"])
        rows.append({"query": entry["query"], "relevant": entry["relevant"], "count": count, "top5": shown[:5],
                     "p5": precision_at_5(entry["relevant"], shown)})
    return rows


def main(site_dir: str) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS
    from static_host import serve_directory

    server, url = serve_directory(Path(site_dir))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            rows = measure(browser.new_page(), url)
            browser.close()
    finally:
        server.shutdown()
    print("| Søk | Relevante | Treff | P@5 |")
    print("|---|---:|---:|---:|")
    for r in rows:
        print(f"| {r['query']} | {len(r['relevant'])} | {r['count']} | {r['p5']:.2f} |")
    print(f"\nMean P@5: {sum(r['p5'] for r in rows) / len(rows):.3f} over {len(rows)} queries")


if __name__ == "__main__":
    main(sys.argv[1])
