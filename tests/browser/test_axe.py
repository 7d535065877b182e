"""Zero axe-core violations (WCAG 2.0 A/AA, 2.1 AA) on every page type, in 简体, 繁體 and English."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Site, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGES = ["zh-hans", "zh-hant", "en"]
PORTAL_PAGES = {"home": "/", "catalog": "/xxgk/", "document": "/xxgk/{doc}/", "a11y settings": "/a11y/"}
# Rendered by other apps inside this site's frame (base.html): search, the decision register, sign-in.
OTHER_APPS = {"search": "/search/?q=会议纪要", "meetings": "/decisions/", "account": "/accounts/login/",
              "registration": "/accounts/register/"}


def _check(site: Site, path: str, language: str, **options: object) -> None:
    url = site.url(path.format(doc=site.district.minutes.pk), language)
    page = site.open_page(None, **options)
    response = page.goto(url)
    assert response is not None and response.status == 200, (
        f"{url} answers {response.status if response else 'nothing'}: the page is not there yet")
    assert axe_violations(page) == []
    assert page.requests_elsewhere == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PORTAL_PAGES)
def test_portal_page_has_no_axe_violations(site: Site, name: str, language: str):
    _check(site, PORTAL_PAGES[name], language)


def test_document_in_high_contrast_elderly_mode_with_the_toolbar_open(site: Site):
    cookies = {"a11y_contrast": "high", "a11y_mode": "elderly", "a11y_size": "3"}
    page = site.open_page(f"/xxgk/{site.district.minutes.pk}/", cookies=cookies)
    page.click("#a11y summary")
    assert axe_violations(page) == []


@pytest.mark.other_apps
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", OTHER_APPS)
def test_other_apps_pages_have_no_axe_violations(site: Site, name: str, language: str):
    _check(site, OTHER_APPS[name], language)
