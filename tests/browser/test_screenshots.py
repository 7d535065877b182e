"""Screenshots for people to look at, at a phone's 360 px and a desktop's 1280 px, saved in
test-artifacts/: home, 公开指南, a document in 简体 and in English, 智能问答 after a question, and the
decision register. Each page must also answer, and fit its width without scrolling sideways."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, Site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [360, 1280]
PAGES = {
    "home": ("/", "zh-hans"),
    "guide": ("/xxgk/guide/", "zh-hans"),
    "document": ("/xxgk/{minutes}/", "zh-hans"),
    "document-en": ("/xxgk/{english}/", "en"),
    "decisions": ("/decisions/", "zh-hans"),
}


@pytest.fixture
def indexed(settings, tmp_path):
    """智能问答 answers from the search index: one of the test's own, filled with the district."""
    from gongkai.search import indexing

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_BACKEND = "tantivy"
    settings.LLM_URL = ""
    indexing.reader.cache_clear()
    yield lambda: indexing.catch_up()
    indexing.reader.cache_clear()


def _save(page, name: str, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"screen-{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"


@pytest.fixture
def section(site: Site) -> Site:
    """The district's 政府信息公开 section (公开指南 and the statutory columns), as the demo fills it."""
    from gongkai.catalog.models import Term
    from gongkai.catalog.vocabularies import seed
    from gongkai.columns.demo import fill

    seed(Term)  # a transactional test starts from an emptied database: the vocabularies again
    fill()
    return site


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(section: Site, name: str, width: int):
    site = section
    path, language = PAGES[name]
    page = site.open_page(None, width=width)
    url = site.url(path.format(minutes=site.district.minutes.pk, english=site.district.english.pk), language)
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answers {response.status if response else '-'}"
    _save(page, name, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_of_an_answer(site: Site, indexed, width: int):
    indexed()
    page = site.open_page("/ask/", width=width)
    question = "区政府第25次常务会议由谁主持？"
    page.fill("#qa-q", question)
    page.click(".qa-form button[type=submit]")
    page.wait_for_load_state()
    assert page.input_value("#qa-q") == question  # the question stays in the box
    assert "林思远" in page.inner_text(".qa-answer")
    _save(page, "ask", width)
