"""Full-text search index: Pagefind over the built site, one combined Norwegian index.

Pagefind would index Bokmål and Nynorsk pages as separate languages (a query from an nb page would
not find nn cases). ``--force-language nb`` makes one index with the Norwegian Snowball stemmer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def run_pagefind(site_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "nb", "--silent"],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind feilet: {result.stderr.strip() or result.stdout.strip()}")
