"""In a browser, under the Content-Security-Policy: nothing on the pages is refused, and the search
box's suggestions (moved from an inline script to gongkai/suggest.js) still arrive."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before the page's own scripts (Playwright injects it; the policy does not apply to it).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


def until(page, condition: str, seconds: float = 10) -> None:
    """page.wait_for_function evaluates strings inside the page, which the policy (rightly) refuses."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(condition):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"not true after {seconds} s: {condition}")


@pytest.mark.parametrize("path", ["/", "/xxgk/", "document", "/search/?q=会议", "/en/", "/accounts/login/"])
def test_pages_run_under_the_policy_with_nothing_refused(site: Site, path: str):
    if path == "document":
        path = f"/xxgk/{site.district.minutes.pk}/"
    page = site.open_page(path, init_script=RECORD_VIOLATIONS)
    page.wait_for_load_state("load")
    assert page.evaluate("window.__violations") == []


def test_search_suggestions_still_arrive_while_typing(site: Site):
    page = site.open_page("/search/", init_script=RECORD_VIOLATIONS)
    asked: list[str] = []

    def answer(route):
        asked.append(route.request.url)
        route.fulfill(content_type="application/json",
                      body=json.dumps({"q": "青禾", "suggestions": ["青禾区示例公告一", "青禾区示例公告二"]}))

    page.route("**/search/suggest/**", answer)
    page.fill("#search-q", "青禾")
    until(page, "document.querySelectorAll('#search-suggestions option').length === 2")
    values = page.eval_on_selector_all("#search-suggestions option", "os => os.map(o => o.value)")
    assert values == ["青禾区示例公告一", "青禾区示例公告二"]
    assert asked and "/search/suggest/?q=" in asked[0]
    assert page.evaluate("window.__violations") == []


def test_the_policy_refuses_inline_style_and_script(site: Site):
    """The check above can fail: markup of the kind the templates no longer carry is refused."""
    page = site.open_page("/about/", init_script=RECORD_VIOLATIONS)
    page.evaluate("""() => {
      document.body.insertAdjacentHTML("beforeend", '<p id="x" style="color: rgb(255, 0, 0)">x</p>');
      const s = document.createElement("script"); s.textContent = "window.__ran = true"; document.body.append(s);
    }""")
    until(page, "window.__violations.length >= 2")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("getComputedStyle(document.getElementById('x')).color") != "rgb(255, 0, 0)"
