"""Layout in a real browser at a phone's 360 px and a desktop's 1280 px: the toolbar never lies over the
page, the decision register's filters line up, the print page says where and when it was printed."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [360, 1280]


def _box(page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def _nothing_covered(page) -> None:
    """The open toolbar's panel and the nav, breadcrumb and 信息名称 row: none lies over another, and
    what the reader points at there is the element itself (nothing drawn on top of it)."""
    for selector in ("nav.columns", ".breadcrumb", ".metadata tr:first-child"):
        page.locator(selector).first.scroll_into_view_if_needed()
        box, panel = _box(page, selector), _box(page, ".a11y-panel")  # both relative to the viewport
        assert not _overlap(panel, box), f"the toolbar covers {selector}: {panel} / {box}"
        hit = page.evaluate(
            """([sel, x, y]) => { const el = document.querySelector(sel);
                 const top = document.elementFromPoint(x, y); return !!top && el.contains(top); }""",
            [selector, box["x"] + min(20, box["width"] / 2), box["y"] + box["height"] / 2],
        )
        assert hit, f"something is drawn over {selector}"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_toolbar_never_covers_the_page(site: Site, width: int):
    page = site.open_page(f"/xxgk/{site.district.minutes.pk}/", width=width)
    page.click("#a11y summary")  # 无障碍浏览 opened
    _nothing_covered(page)
    # 长者模式: the setting is stored, the page comes back with the toolbar open again, larger
    page.click(".a11y-links a[href*='mode=elderly']")
    page.wait_for_load_state()
    assert "elderly-mode" in page.get_attribute("body", "class")
    assert page.locator("#a11y").get_attribute("open") is not None
    _nothing_covered(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # and it is left from the top bar itself
    exit_link = page.locator(".topbar .exit-elderly a")
    assert exit_link.is_visible() and exit_link.inner_text() == "退出长者模式"
    exit_link.click()
    page.wait_for_load_state()
    assert "elderly-mode" not in (page.get_attribute("body", "class") or "")
    assert page.locator(".exit-elderly").count() == 0


def test_without_javascript_the_toolbar_still_pushes_the_page_down(site: Site, browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.url(f"/xxgk/{site.district.minutes.pk}/"))
        page.click("#a11y summary")
        _nothing_covered(page)
        page.click(".a11y-links a[href*='mode=elderly']")
        assert page.locator(".topbar .exit-elderly a").is_visible()
    finally:
        context.close()


@pytest.mark.other_apps
@pytest.mark.parametrize("width", WIDTHS)
def test_the_decision_filters_line_up_in_rows(site: Site, width: int):
    page = site.open_page("/decisions/", width=width)
    fields = page.locator(".register-filters .filter-field")
    assert fields.count() == 4
    rows: dict[int, list[dict[str, float]]] = {}
    for i in range(4):
        label = fields.nth(i).locator("label").bounding_box()
        control = fields.nth(i).locator("select").bounding_box()
        assert label and control and label["y"] + label["height"] <= control["y"] + 1  # label above
        assert abs(label["x"] - control["x"]) <= 1  # and starting where its control starts
        rows.setdefault(round(control["y"]), []).append(control)
    # No zig-zag: every row of controls has one height and one width; the rows share their columns.
    for controls in rows.values():
        assert len({round(c["height"]) for c in controls}) == 1
        assert len({round(c["width"]) for c in controls}) == 1
    lefts = [sorted(round(c["x"]) for c in controls) for controls in rows.values()]
    assert all(left == lefts[0][: len(left)] for left in lefts)
    if width >= 1280:
        assert len(rows) == 1  # the four filters side by side
    else:
        assert len(rows) == 4 and len({c[0] for c in lefts}) == 1  # one above the other
    button = page.locator(".register-filters button[type=submit]").bounding_box()
    assert button and button["x"] + button["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_the_print_page_names_the_site_the_address_and_the_day(site: Site, width: int):
    doc = site.district.minutes
    page = site.open_page(f"/xxgk/{doc.pk}/print/", width=width)
    from gongkai.catalog.models import SiteSettings

    assert page.inner_text(".print-site") == SiteSettings.get().site_name
    footer = page.inner_text(".print-footer")
    assert doc.get_absolute_url() in footer and "://" in footer
    assert f"打印日期：{timezone.localdate().isoformat()}" in footer
    page.emulate_media(media="print")
    assert page.locator(".print-footer").is_visible() and page.locator(".print-site").is_visible()
    margins = page.evaluate("""() => [...document.styleSheets].flatMap(s => [...s.cssRules])
        .filter(r => r.type === CSSRule.PAGE_RULE).map(r => r.style.margin).join(' ')""")
    assert "mm" in margins
    assert page.evaluate("document.documentElement.scrollWidth") <= width
