"""Charts on a phone (issue 21, item 7): at 390 CSS pixels every chart on every page that has one
shows its smallest text (axis labels, value labels, legends) at 12 px or more, inside the screen.
The text size on screen is the size in the SVG's own units times the scale the page draws it at."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844
FONT_SIZE = re.compile(r"font-size:\s*([0-9.]+)px")
VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ')


def smallest_text(svg: str) -> tuple[float, float]:
    """(smallest font size, view-box width), both in the SVG's user units."""
    sizes = [float(s) for s in FONT_SIZE.findall(svg)]
    assert sizes, "a chart without text"
    return min(sizes), float(VIEWBOX.search(svg).group(1))


def chart_pages(site: Path) -> list[str]:
    """Every built page that shows a chart from figurer/, by address below the site root."""
    out = []
    for html in sorted(site.rglob("index.html")):
        if re.search(r'<img [^>]*src="[^"]*figurer/[^"]+\.svg"', html.read_text(encoding="utf-8")):
            out.append(html.parent.relative_to(site).as_posix() + "/" if html.parent != site else "")
    return out


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="nb-NO", viewport={"width": WIDTH, "height": HEIGHT},
                                  is_mobile=True, has_touch=True, device_scale_factor=3)
    page = context.new_page()
    yield page
    context.close()


def test_the_site_has_pages_with_charts(built_site):
    pages = chart_pages(built_site)
    assert "tall/" in pages and any(p.startswith("eksempler/") for p in pages) \
        and any(p.startswith("temaer/") for p in pages), pages


def test_chart_text_is_at_least_12_px_on_a_phone(phone, site_url, built_site):
    too_small = []
    for address in chart_pages(built_site):
        phone.goto(f"{site_url}/{address}")
        charts = phone.evaluate("""() => [...document.querySelectorAll('article img[src*="figurer/"]')]
            .map(img => [new URL(img.src).pathname, img.getBoundingClientRect().width,
                         img.getBoundingClientRect().left, img.getBoundingClientRect().right])""")
        assert charts, address
        for path, width, left, right in charts:
            assert left >= 0 and right <= WIDTH, (address, path, left, right)  # nothing off screen
            size, box = smallest_text((built_site / path.lstrip("/")).read_text(encoding="utf-8"))
            on_screen = size * width / box
            if on_screen < 12:
                too_small.append((address, path, round(on_screen, 1)))
    assert too_small == []
