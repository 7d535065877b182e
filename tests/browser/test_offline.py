"""The installable site: documents already read open without a connection; others show the offline page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Site
from tests.browser.district import MINUTES_TITLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAIT_FOR_CONTROL = """async () => {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  }
  return navigator.serviceWorker.controller.scriptURL;
}"""


def test_a_document_read_once_opens_offline(site: Site):
    page = site.open_page("/", service_workers="allow", width=360)
    assert page.evaluate(WAIT_FOR_CONTROL) == site.base + "/sw.js"
    manifest = page.evaluate("document.querySelector('link[rel=manifest]').href")
    assert manifest == site.base + "/manifest.webmanifest"
    page.goto(site.url(f"/xxgk/{site.district.minutes.pk}/"))
    assert page.inner_text("h1") == MINUTES_TITLE

    page.context.set_offline(True)
    page.goto(site.url(f"/xxgk/{site.district.minutes.pk}/"))
    assert page.inner_text("h1") == MINUTES_TITLE
    columns = page.evaluate("getComputedStyle(document.querySelector('.columns')).backgroundColor")
    assert columns == "rgb(164, 22, 26)"  # the stylesheet, kept since installation, applies

    page.goto(site.url(f"/xxgk/{site.district.news.pk}/"))  # never read: the offline page
    assert page.inner_text("h1") == "网络未连接"
    page.goto(site.url("/xxgk/", "en"))
    assert page.inner_text("h1") == "You are offline"
