"""Which Pagefind indexes the site, and that it writes the same bytes for the same site."""

import json
import re
from pathlib import Path

from builder.search.search_index import FALLBACK_NOTICE, npm_binary, run_pagefind
from conftest import ROOT

PINNED_NPM = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pagefind"]
PINNED_PYPI = re.search(r"^pagefind==(\S+)$", (ROOT / "requirements.txt").read_text(encoding="utf-8"),
                        re.M).group(1)


def _version(site: Path) -> str:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["version"]


def _small_site(root: Path) -> Path:
    """Pages with several filters and values: Pagefind 1.5.2 writes those in hash-map order."""
    themes = ["Ledelse", "Heltid", "Omdømme", "Nærvær", "Skole", "Barnehage", "Omsorg", "Kompetanse"]
    for i in range(24):
        page = root / f"side-{i}" / "index.html"
        page.parent.mkdir(parents=True)
        filters = "".join(f'<span data-pagefind-filter="{name}">{value}</span>' for name, value in
                          (("tema", themes[i % 8]), ("fylke", f"Fylke {i % 5}"), ("type", "eksempel"),
                           ("periode", str(2010 + i % 7))))
        page.write_text(f'<!doctype html><html lang="nb"><head><title>Side {i}</title></head><body>'
                        f'<main data-pagefind-body><h1>Side {i}</h1>{filters}<p>Sykefravær og nærvær '
                        f'i kommune nummer {i}, {themes[i % 8].lower()}.</p></main></body></html>',
                        encoding="utf-8")
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_build_indexes_with_the_pagefind_pinned_in_package_json(built_site):
    assert npm_binary() is not None, "Pagefind from npm is missing: run `make test`, which runs `npm ci`"
    assert _version(built_site) == PINNED_NPM


def test_pagefind_writes_the_same_bytes_for_the_same_site(tmp_path):
    first, second = _small_site(tmp_path / "a"), _small_site(tmp_path / "b")
    run_pagefind(first)
    run_pagefind(second)
    assert _version(first) == PINNED_NPM
    first_tree, second_tree = _tree(first / "pagefind"), _tree(second / "pagefind")
    assert sorted(first_tree) == sorted(second_tree)
    assert [name for name in first_tree if first_tree[name] != second_tree[name]] == []
    assert any(name.startswith("filter/") for name in first_tree)


def test_without_the_npm_package_the_build_uses_pypi_pagefind_and_says_so(tmp_path, capfd):
    site = _small_site(tmp_path / "site")
    no_node_modules = tmp_path / "checkout"
    no_node_modules.mkdir()
    assert npm_binary(no_node_modules) is None
    run_pagefind(site, checkout=no_node_modules)
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert _version(site) == PINNED_PYPI
    assert FALLBACK_NOTICE in capfd.readouterr().err


def test_with_the_npm_package_nothing_is_said(tmp_path, capfd):
    run_pagefind(_small_site(tmp_path / "site"))
    assert "MERK" not in capfd.readouterr().err
