"""Compare Pagefind binaries on one built site: indexing time and whether the output is byte-identical.

    python bench/pagefind_compare.py SITE LABEL=BINARY LABEL=BINARY ... [--rounds 6]

SITE is a built site (``python -m builder build --site-dir …``); its own ``pagefind/`` is ignored.
Each round copies the site without ``pagefind/`` once per binary and runs
``BINARY --site COPY --force-language nb --silent`` on it (the arguments of
``builder/search/search_index.py``); the order of the binaries alternates between rounds, so a slower or
busier moment does not always fall on the same one. Printed per binary: wall-clock and CPU seconds
(user + system of the child, less disturbed by other load on a shared machine) of every run, their
medians, the ratio of medians to the first binary, how many distinct ``pagefind/`` trees the runs
wrote (1 = deterministic) and which files differ between the first two runs.

Example (PyPI 1.5.2 against the npm package pinned in package.json):

    python bench/pagefind_compare.py site \\
        pypi-1.5.2=.venv/lib/python3.11/site-packages/pagefind_bin/pagefind \\
        npm-1.6.0=node_modules/@pagefind/linux-x64/bin/pagefind_extended
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def tree_digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_once(binary: str, site: Path) -> tuple[float, float]:
    before = os.times()
    start = time.perf_counter()
    result = subprocess.run([binary, "--site", str(site), "--force-language", "nb", "--silent"],
                            capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    if result.returncode != 0:
        raise SystemExit(f"{binary} failed:\n{result.stderr[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def compare(site: Path, binaries: dict[str, str], rounds: int) -> None:
    labels = list(binaries)
    walls = {label: [] for label in labels}
    cpus = {label: [] for label in labels}
    trees = {label: [] for label in labels}
    with tempfile.TemporaryDirectory(prefix="pagefind-compare-") as tmp:
        base = Path(tmp) / "base"
        shutil.copytree(site, base, ignore=shutil.ignore_patterns("pagefind"))
        for number in range(rounds):
            for label in labels if number % 2 == 0 else reversed(labels):
                copy = Path(tmp) / "run"
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(base, copy)
                wall, cpu = run_once(binaries[label], copy)
                walls[label].append(wall)
                cpus[label].append(cpu)
                trees[label].append(tree_digests(copy / "pagefind"))
    first = labels[0]
    print(f"{site}: {rounds} rounds, alternating order")
    for label in labels:
        runs = trees[label]
        distinct = len({tuple(sorted(t.items())) for t in runs})
        differing = sorted(k for k in runs[0].keys() | runs[1].keys() if runs[0].get(k) != runs[1].get(k)) \
            if len(runs) > 1 else []
        wall, cpu = statistics.median(walls[label]), statistics.median(cpus[label])
        print(f"  {label}: wall {[round(t, 2) for t in walls[label]]} median {wall:.2f} s "
              f"({wall / statistics.median(walls[first]):.2f}× {first}); "
              f"cpu {[round(t, 2) for t in cpus[label]]} median {cpu:.2f} s "
              f"({cpu / statistics.median(cpus[first]):.2f}× {first}); "
              f"{len(runs[0])} files; distinct outputs {distinct} of {len(runs)}; "
              f"first two runs differ in {len(differing)} files {differing[:4]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("binaries", nargs="+", help="LABEL=PATH of a Pagefind binary")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    binaries = dict(item.split("=", 1) for item in args.binaries)
    compare(args.site, binaries, args.rounds)


if __name__ == "__main__":
    main()
