"""The course website reads at phone width (360 px) and at desktop width: no horizontal scroll of the page or its text.

Screenshots: test-artifacts/screenshots/site-*.png (look at them after a run).
"""

from __future__ import annotations

import pytest

from browser.conftest import screenshot

pytestmark = pytest.mark.browser

PAGES = [
    "index.html",
    "en/index.html",
    "id/03-bureaucratic-reform.html",
    "en/01-good-governance-and-public-policy.html",
    "id/glossary.html",
]
WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('.bd-article p, .bd-article li, .bd-article h1, .bd-article h2, .course-fallback-open')]
    .filter(e => e.getBoundingClientRect().right > width + 1 || e.scrollWidth > e.clientWidth + 1)
    .map(e => e.tagName + ': ' + e.textContent.slice(0, 60));
  return {page: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.mark.parametrize("device", list(WIDTHS))
def test_pages_have_no_horizontal_scroll_at_phone_and_desktop_width(browser, built_site, device):
    width, height = WIDTHS[device]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        for name in PAGES:
            page.goto((built_site.out / name).as_uri())
            found = page.evaluate(OVERFLOW)
            assert found["page"] <= found["width"], f"{name} at {width} px scrolls sideways ({found['page']} px wide)"
            assert not found["wide"], f"{name} at {width} px: text wider than the screen: {found['wide'][:3]}"
            if name.startswith("id/03"):
                page.locator(".course-fallback-open").first.scroll_into_view_if_needed()
            screenshot(page, f"site-{device}-{name.replace('/', '-').removesuffix('.html')}")
    finally:
        context.close()
