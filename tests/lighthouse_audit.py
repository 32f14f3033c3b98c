"""Run Lighthouse (npm package, pinned in package.json) with Debian's Chromium on one URL."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run_lighthouse(url: str, chromium: str, *, timeout: int = 240) -> dict:
    """Lighthouse's report for `url` (mobile preset, simulated throttling) as a dict."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError("Lighthouse is missing: run `make test`, which runs `npm ci`")
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
        capture_output=True, text=True, timeout=timeout,
        env=dict(os.environ, CHROME_PATH=chromium),
    )
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return report


def scores(report: dict) -> dict[str, int]:
    """Category scores on Lighthouse's 0–100 scale."""
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def failing_audits(report: dict, category: str) -> list[str]:
    """Ids and titles of the audits that cost points in `category`."""
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
            out.append(f"{ref['id']}: {audit['title']}")
    return out
