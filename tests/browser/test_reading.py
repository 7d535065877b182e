"""Reading with a keyboard, in 长者模式, and on a 360 px phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/xxgk/", "/xxgk/{doc}/", "/news/", "/service/", "/interaction/", "/about/", "/open-data/",
         "/mobile/", "/offline/", "/a11y/", "/no-such-page/"]
FOCUSED = ("(() => { const e = document.activeElement; return [e.tagName, e.id, e.innerText || ''].join('|'); "
           "})()")


def _tab_until(page, selector: str, limit: int = 40) -> int:
    """Presses Tab until `selector` has the focus; the number of presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return presses
    focus = page.evaluate(FOCUSED)
    raise AssertionError(f"{selector} not reached in {limit} presses of Tab; focus is on {focus}")


def test_keyboard_reaches_skip_link_main_content_and_toolbar(site: Site):
    page = site.open_page(f"/xxgk/{site.district.minutes.pk}/")
    assert _tab_until(page, ".skip-link", limit=1) == 1
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    _tab_until(page, "main a")  # the next stop is inside the main content

    page.reload()
    _tab_until(page, "#a11y summary")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('a11y').open")
    _tab_until(page, ".a11y-links a", limit=1)
    page.keyboard.press("Enter")  # 长者模式, through the server, without JavaScript needed
    page.wait_for_url("**#a11y-toolbar")
    assert "elderly-mode" in page.get_attribute("body", "class")
    assert page.evaluate("document.getElementById('a11y').open")  # back at the toolbar
    assert page.evaluate("document.activeElement.matches('#a11y summary')"), page.evaluate(FOCUSED)
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('a11y').open")


def test_keyboard_walks_the_whole_page_without_a_trap(site: Site):
    page = site.open_page("/xxgk/")
    seen: list[str] = []
    for _ in range(300):
        page.keyboard.press("Tab")
        here = page.evaluate(FOCUSED)
        if seen and here == seen[0]:
            break
        seen.append(here)
    last_link = page.evaluate("[...document.querySelectorAll('footer a')].pop().innerText")
    assert any(stop.endswith(last_link) for stop in seen), "Tab never reached the footer"


def _font_px(page, selector: str) -> float:
    return page.evaluate(f"parseFloat(getComputedStyle(document.querySelector({selector!r})).fontSize)")


def test_elderly_mode_has_large_text_and_no_motion(site: Site):
    doc = site.district.minutes.pk
    page = site.open_page(f"/a11y/?mode=elderly&next=/xxgk/{doc}/")
    assert "elderly-mode" in page.get_attribute("body", "class")
    for selector in ("body", ".doc-body p", ".doc-metadata td", ".columns a", ".footer p"):
        assert _font_px(page, selector) >= 18, selector
    assert page.evaluate("getComputedStyle(document.querySelector('.doc-body')).transitionDuration") == "0s"
    page.goto(site.base + "/a11y/?mode=standard&next=/")
    assert _font_px(page, "body") == 16


def test_text_size_steps_and_high_contrast(site: Site):
    page = site.open_page("/xxgk/")
    sizes = [_font_px(page, "body")]
    for _ in range(3):
        if not page.evaluate("document.getElementById('a11y').open"):  # reopened after each step
            page.click("#a11y summary")
        page.click(".a11y-links li:nth-child(2) a")  # 放大字号
        sizes.append(_font_px(page, "body"))
    assert sizes == sorted(set(sizes)) and sizes[-1] >= 24
    page.goto(site.base + "/a11y/?contrast=high&next=/xxgk/")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_no_horizontal_scrolling_at_360_px(site: Site, language: str):
    page = site.open_page(None, width=360)
    too_wide = []
    for path in PAGES:
        page.goto(site.url(path.format(doc=site.district.minutes.pk), language))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide.append(f"{path}: {width}px")
    assert too_wide == []


def test_no_horizontal_scrolling_at_360_px_with_the_largest_text(site: Site):
    cookies = {"a11y_size": "3", "a11y_mode": "elderly", "a11y_spacing": "wide"}
    page = site.open_page(None, width=360, cookies=cookies)
    for path in ("/", "/xxgk/", f"/xxgk/{site.district.minutes.pk}/"):
        for language in ("zh-hans", "en"):
            page.goto(site.url(path, language))
            page.click("#a11y summary")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{language} {path}"


@pytest.mark.other_apps
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_other_apps_pages_fit_360_px(site: Site, language: str):
    page = site.open_page(None, width=360)
    too_wide = []
    for path in ("/search/?q=会议纪要", "/decisions/", "/accounts/login/", "/ask/"):
        response = page.goto(site.url(path, language))
        status = response.status if response else None
        assert status == 200, f"{path} answers {status}"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide.append(f"{path}: {width}px")
    assert too_wide == []
