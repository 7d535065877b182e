"""The English edition in a browser: an English query finds the English document, whose page reads
in English; a document only in Chinese says so; every page axe-clean."""

from __future__ import annotations

import pytest

from gongkai.search import indexing
from tests.browser.conftest import ARTIFACTS, Site, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Notice on the 2024 Spring Tree-Planting Campaign"


@pytest.fixture
def indexed(site: Site, settings, tmp_path) -> Site:
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    indexing.reader.cache_clear()
    indexing.catch_up()
    yield site
    indexing.reader.cache_clear()


@pytest.mark.parametrize("query", ["campaigns", "tree planting"])
def test_an_english_query_finds_the_english_document(indexed: Site, query: str):
    page = indexed.open_page("/en/search/")
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    page.wait_for_load_state()
    link = page.get_by_role("link", name=TITLE)
    assert link.count() == 1
    assert axe_violations(page) == []
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/en/xxgk/{indexed.district.english.pk}/")
    assert page.locator("h1.doc-title").inner_text() == TITLE
    assert "The spring tree-planting campaign runs in March." in page.locator(".doc-body").inner_text()
    assert axe_violations(page) == []
    assert page.requests_elsewhere == []


def test_the_chinese_search_does_not_find_it_by_english_words(indexed: Site):
    page = indexed.open_page("/search/?q=campaigns")
    assert page.get_by_role("link", name=TITLE).count() == 0


def test_a_document_only_in_chinese_says_so(indexed: Site):
    page = indexed.open_page(f"/en/xxgk/{indexed.district.minutes.pk}/")
    note = page.locator(".english-note")
    assert "This document is available in Chinese only" in note.inner_text()
    assert note.locator('span[lang="zh-Hans"]').inner_text() == "区政府第25次常务会议纪要"
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_the_english_document(indexed: Site, width: int):
    ARTIFACTS.mkdir(exist_ok=True)
    page = indexed.open_page(f"/en/xxgk/{indexed.district.english.pk}/", width=width)
    path = ARTIFACTS / f"document-english-text-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
