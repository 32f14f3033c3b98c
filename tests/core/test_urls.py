"""Relative links between site pages (builder/core/urls.py)."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from builder.core.urls import _relpath, relative_url

PATHS = ["", ".", "eksempler", "eksempler/", "eksempler/x", "eksempler/x/", "eksempler/x/#kilder", "temaer/ledelse/",
         "kommuner/os-vestland/", "figurer/a.svg", "a/b/c/d/", "a//b/", "a/./b/", "a/b/../c/", "eksempler/xy/",
         "eksemplerx/", "index.html", "data/eksempler.csv"]


@pytest.mark.parametrize("source,target", list(itertools.product(PATHS, PATHS)))
def test_relpath_agrees_with_posixpath(source, target):
    t, b = target.rstrip("/") or ".", source.rstrip("/") or "."
    assert _relpath(t, b) == posixpath.relpath(t, b)


def test_relative_url_examples():
    assert relative_url("eksempler/x/", "temaer/ledelse/") == "../../temaer/ledelse/"
    assert relative_url("", "eksempler/") == "eksempler/"
    assert relative_url("eksempler/x/", "eksempler/x/") == "./"
    assert relative_url("eksempler/index.html", "figurer/a.svg") == "../figurer/a.svg"
    assert relative_url("a/b/", "../c/") == posixpath.relpath("../c", "a/b") + "/"
