"""The finder with a keyboard (issue 21, item 5): a skip link «Hopp til resultatene» before the
filters, the count announced (polite live region) after every change without stealing focus while
typing, and focus on the count after Enter, so the first result is a few Tab presses away."""

import re

import pytest

pytestmark = pytest.mark.browser

FIRST_RESULT = "document.activeElement.closest('#eb-results a, #eb-results') !== null && document.activeElement.tagName === 'A'"


def _settled(page, previous=None):
    """The status text once a search has finished (and differs from `previous`, when given)."""
    page.wait_for_function(
        "(prev) => { const s = document.querySelector('#eb-status').textContent;"
        " return s.includes('funnet') && s !== prev; }", arg=previous, timeout=15000)
    page.wait_for_timeout(300)
    return page.inner_text("#eb-status")


def _count(status: str) -> int:
    return 0 if status.startswith("Ingen") else int(re.match(r"(\d+)", status).group(1))  # NBSP after the number


def _shown(page) -> int:
    return page.locator("#eb-results li").count()


@pytest.mark.parametrize("start", ["", "?q=sykefrav%C3%A6r", "?sektor=Helse"])
def test_skip_link_reaches_the_first_result_in_three_tabs(page, site_url, start):
    page.goto(f"{site_url}/finn/{start}")
    _settled(page)
    page.focus("#eb-q")
    tabs = 0
    while tabs < 10:
        page.keyboard.press("Tab")
        tabs += 1
        active = page.evaluate("document.activeElement.id")
        if active == "eb-skip-results":
            assert page.is_visible("#eb-skip-results")
            assert page.inner_text("#eb-skip-results") == "Hopp til resultatene"
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.id") == "eb-status"
        if page.evaluate(FIRST_RESULT):
            break
        assert page.evaluate("document.activeElement.type") != "checkbox", f"a filter came first after {tabs} Tab"
    assert page.evaluate(FIRST_RESULT)
    assert tabs <= 3, tabs
    assert "#" not in page.url  # the address keeps only the reader's choices


def test_skip_link_comes_before_the_filters_in_the_page():
    from pathlib import Path

    from conftest import ROOT
    template = (ROOT / "builder" / "templates" / "finder.html").read_text(encoding="utf-8")
    assert template.index('id="eb-skip-results"') < template.index('id="eb-filters"')


def test_the_count_is_announced_after_each_state_without_moving_focus(page, site_url):
    page.goto(f"{site_url}/finn/")
    assert page.get_attribute("#eb-status", "aria-live") == "polite"
    assert page.get_attribute("#eb-status", "role") == "status"
    status = _settled(page)  # before any choice
    assert _count(status) > 0 and "funnet" in status
    seen = [status]
    for value in ("Helse", "Barnehage"):  # two values of one facet, then another facet
        page.focus(f"input[name=sektor][value='{value}']")
        page.keyboard.press("Space")
        status = _settled(page, seen[-1])
        seen.append(status)
        assert page.evaluate("document.activeElement.value") == value  # focus stays on the box
        assert re.search(r"\bfilt(er|re)\b", status)
    box = page.locator("fieldset[data-facet] input[type=checkbox]:not([name=sektor])").first
    box.focus()
    page.keyboard.press("Space")
    seen.append(_settled(page, seen[-1]))
    # typing: announced, focus stays in the search box
    page.focus("#eb-q")
    page.keyboard.type("sykefravær", delay=40)
    status = _settled(page, seen[-1])
    seen.append(status)
    assert page.evaluate("document.activeElement.id") == "eb-q"
    assert "«sykefravær»" in status
    assert all(re.match(r"(\d+|Ingen)\s+eksemp\w+ funnet", s) for s in seen), seen


@pytest.mark.parametrize("query", ["sykefravær", "turnus", "zzzzqqq"])
def test_enter_moves_focus_to_the_count(page, site_url, query):
    page.goto(f"{site_url}/finn/")
    first = _settled(page)
    page.fill("#eb-q", query)
    page.press("#eb-q", "Enter")
    status = _settled(page, first)
    page.wait_for_function("() => document.activeElement.id === 'eb-status'", timeout=5000)
    if _count(status):
        page.keyboard.press("Tab")
        assert page.evaluate(FIRST_RESULT)
