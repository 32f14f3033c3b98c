"""Lighthouse scores of the built site, for docs/quality.md.

    python bench/lighthouse.py [RUNS]      default: 3 runs per page; needs `make site` first

Serves `site/` the way a static host does (gzip, cache lifetime; tests/static_host.py) and runs
Lighthouse (mobile preset, simulated slow 4G and CPU throttling) RUNS times on each page. Prints a
Markdown table with the median score of each category and the median key metrics. Performance is a
timing on this machine, so it is recorded here and never asserted in a test.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM  # noqa: E402
from lighthouse_audit import CATEGORIES, run_lighthouse, scores  # noqa: E402
from static_host import serve_directory  # noqa: E402
from test_accessibility import PAGES  # noqa: E402

MEASURED = {
    "Forside": PAGES["forside"],
    "Eksempel (case)": PAGES["eksempel"],
    "Finn eksempler (søk)": "finn/?q=sykefravær",
    "Tema": PAGES["tema"],
}
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}


def main(runs: int = 3) -> None:
    site = ROOT / "site"
    if not (site / "index.html").exists():
        raise SystemExit("site/ is missing: run `make site` first")
    server, base = serve_directory(site)
    try:
        rows = []
        for label, path in MEASURED.items():
            reports = [run_lighthouse(f"{base}/{path}", CHROMIUM) for _ in range(runs)]
            median = {c: statistics.median(scores(r)[c] for r in reports) for c in CATEGORIES}
            metrics = {key: statistics.median(r["audits"][key]["numericValue"] for r in reports)
                       for key in METRICS}
            rows.append((label, median, metrics))
            print(f"measured {label}", file=sys.stderr)
    finally:
        server.shutdown()
    version = reports[0]["lighthouseVersion"]
    print(f"Lighthouse {version}, median of {runs} runs per page, mobile preset\n")
    print("| Page | " + " | ".join(CATEGORIES) + " | FCP | LCP | TBT | CLS |")
    print("|---" * (len(CATEGORIES) + 5) + "|")
    for label, median, m in rows:
        cells = [f"{median[c]:g}" for c in CATEGORIES]
        cells += [f"{m['first-contentful-paint'] / 1000:.1f} s", f"{m['largest-contentful-paint'] / 1000:.1f} s",
                  f"{m['total-blocking-time']:.0f} ms", f"{m['cumulative-layout-shift']:.3f}"]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
