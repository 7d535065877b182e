"""The 政府信息公开 section in a browser: each statutory page in 简体, 繁體 and English answers, has
no axe-core violations, loads nothing from elsewhere, and its navigation leads to the next page."""

from __future__ import annotations

import pytest

from gongkai.catalog.models import SiteSettings, Term
from gongkai.catalog.vocabularies import seed
from gongkai.columns.demo import fill
from tests.browser.conftest import Site, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGES = ["zh-hans", "zh-hant", "en"]
PAGES = {
    "guide": "/xxgk/guide/", "rules": "/xxgk/rules/", "statutory": "/xxgk/statutory/",
    "functions": "/xxgk/functions/", "leaders": "/xxgk/leaders/", "normative": "/xxgk/normative/",
    "empty column": "/xxgk/statistics/", "annual reports": "/xxgk/annual-reports/", "sitemap": "/sitemap/",
    "catalog": "/xxgk/",
}
HEADINGS = {"zh-hans": "政府信息公开指南", "zh-hant": "政府信息公開指南", "en": "Guide to government information disclosure"}


@pytest.fixture
def section(site: Site) -> Site:
    settings = SiteSettings.get()
    settings.site_code = "1234500001"
    settings.save()
    seed(Term)  # a transactional test starts from an emptied database: the vocabularies again
    fill()
    return site


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_statutory_page_has_no_axe_violations(section: Site, name: str, language: str):
    url = section.url(PAGES[name], language)
    page = section.open_page(None)
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert axe_violations(page) == []
    assert page.requests_elsewhere == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reader_finds_the_guide_from_the_catalog_and_the_form_from_the_guide(section: Site, language: str):
    page = section.open_page(None, width=360)
    page.goto(section.url("/xxgk/", language))
    page.locator("nav.section-nav a[href$='/xxgk/guide/']").click()
    assert page.locator("h1").inner_text() == HEADINGS[language]
    page.locator("main .doc-body a[href$='/applications/']").first.click()
    assert page.url.endswith(("/zh-hant" if language == "zh-hant" else "/en" if language == "en" else "")
                             + "/applications/") or "/accounts/login/" in page.url


def test_the_footer_marks_are_on_every_page(section: Site):
    page = section.open_page("/xxgk/guide/")
    footer = page.locator("footer")
    assert footer.locator("img[alt='党政机关网站标识']").is_visible()
    link = footer.get_by_role("link", name="我为政府网站找错")
    assert link.get_attribute("href").endswith("site_code=1234500001")
    assert "1234500001" in footer.inner_text()
