"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

They need /usr/bin/chromium and node_modules/axe-core/axe.min.js (npm install axe-core); without them
the tests skip with the reason, except in CI (CI=true), where a missing browser is a failure. Never
`playwright install`: the system's Chromium is used.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.district import District, publish_district

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
LANGUAGE_PREFIXES = {"zh-hans": "", "zh-hant": "/zh-hant", "en": "/en"}



def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is missing, and CI must not skip the browser tests")
    pytest.skip(f"{what} is missing")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Pages that other apps render run last, so that `-x` reports the portal's own failures first."""
    items.sort(key=lambda item: item.get_closest_marker("other_apps") is not None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "other_apps: a browser test of pages that other apps render")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        _missing(str(CHROMIUM))
    if not AXE.exists():
        _missing("node_modules/axe-core/axe.min.js")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's synchronous API keeps an event loop running in this thread; the tests' own
        # database calls (building the district) are synchronous and safe, so Django's guard against
        # ORM use inside a running loop is relaxed while the browser is up.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Site:
    """The live server with the fictional district's documents, and a way to open its pages."""

    base: str
    district: District
    open_page: Callable[..., object]

    def url(self, path: str, language: str = "zh-hans") -> str:
        return self.base + LANGUAGE_PREFIXES[language] + path


@pytest.fixture
def site(browser, live_server, transactional_db) -> Iterator[Site]:
    contexts: list[object] = []
    district = publish_district()

    def open_page(path: str = "/", *, width: int = 1280, cookies: dict[str, str] | None = None,
                  service_workers: str = "block", init_script: str | None = None):
        context = browser.new_context(viewport={"width": width, "height": 900}, service_workers=service_workers,
                                      locale="zh-CN")
        contexts.append(context)
        if cookies:
            context.add_cookies([{"name": k, "value": v, "url": live_server.url} for k, v in cookies.items()])
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.set_default_timeout(10_000)
        outside: list[str] = []
        page.on("request", lambda request: outside.append(request.url)
                if not request.url.startswith((live_server.url, "data:", "blob:")) else None)
        page.requests_elsewhere = outside  # checked by the tests: nothing may leave the site
        if path:
            page.goto(live_server.url + path)
        return page

    yield Site(base=live_server.url, district=district, open_page=open_page)
    for context in contexts:
        context.close()


def axe_violations(page) -> list[str]:
    """WCAG 2.0 A/AA and 2.1 AA violations that axe-core finds on the page, one line each."""
    # Evaluated, not added as an inline <script>, which the pages' Content-Security-Policy refuses.
    page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate(
        "async () => await axe.run(document, "
        "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"]]


@pytest.fixture
def as_user(browser, live_server):
    """A page in a browser context of its own, signed in as `user` (anonymous for None): each persona of
    a browser test (a citizen, a clerk, a reviewer) works in their own window, as they would."""
    from django.test import Client

    contexts = []

    def open_as(user=None):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                  "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_as
    for context in contexts:
        context.close()
