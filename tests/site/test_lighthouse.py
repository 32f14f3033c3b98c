"""Lighthouse on the case page and the search page, served like a static host (gzip, cache).

Accessibility, best practices and SEO are rule checks and are asserted. Performance is a
timing and is only recorded (`make lighthouse` writes the table in docs/quality.md).
"""

import pytest

from conftest import CHROMIUM
from lighthouse_audit import failing_audits, run_lighthouse, scores
from test_accessibility import PAGES

LIGHTHOUSE_PAGES = {"eksempel": PAGES["eksempel"], "finn": "finn/?q=sykefravær"}


@pytest.mark.browser
@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_lighthouse_rule_categories_are_perfect(name, site_url):
    report = run_lighthouse(f"{site_url}/{LIGHTHOUSE_PAGES[name]}", CHROMIUM)
    got = scores(report)
    for category in ("accessibility", "best-practices", "seo"):
        assert got[category] == 100, (category, failing_audits(report, category))
