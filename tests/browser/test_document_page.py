"""The document page as a reader sees it: the metadata block, 繁體, 朗读, screenshots for people."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, Site
from tests.browser.district import MINUTES_TITLE, MINUTES_TITLE_HANT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABELS = ["信息名称", "索引号", "主题分类", "体裁分类", "组配分类", "文件编号", "发布机构", "产生日期", "发布日期",
          "废止日期", "内容概述"]


def _metadata(page) -> dict[str, str]:
    """Label -> value of the metadata block, in the order the labels appear."""
    pairs = page.eval_on_selector_all(
        "table.doc-metadata th",
        "cells => cells.map(th => [th.innerText.trim(), th.nextElementSibling.innerText.trim()])",
    )
    return dict(pairs)


def test_metadata_block_shows_labels_in_order_and_values(site: Site):
    doc = site.district.minutes
    page = site.open_page(f"/xxgk/{doc.pk}/")
    metadata = _metadata(page)
    assert list(metadata) == LABELS
    assert metadata["信息名称"] == MINUTES_TITLE
    assert metadata["索引号"] == doc.index_no and metadata["索引号"].startswith("014133058/2024-")
    assert (metadata["主题分类"], metadata["体裁分类"], metadata["组配分类"]) == ("机关事务", "会议纪要", "政府会议")
    assert metadata["发布机构"] == "青禾区人民政府办公室"
    assert (metadata["产生日期"], metadata["发布日期"]) == ("2024-01-19", "2024-01-25")
    assert metadata["废止日期"] == "有效"
    assert metadata["内容概述"] == MINUTES_TITLE
    assert page.inner_text("h1") == MINUTES_TITLE


def test_traditional_link_leads_to_the_same_document_converted(site: Site):
    doc = site.district.minutes
    page = site.open_page(f"/xxgk/{doc.pk}/")
    page.click("a[hreflang='zh-Hant']")
    assert page.url == site.url(f"/xxgk/{doc.pk}/", "zh-hant")
    assert page.get_attribute("html", "lang") == "zh-Hant"
    assert page.inner_text("h1") == MINUTES_TITLE_HANT
    assert _metadata(page)["信息名稱"] == MINUTES_TITLE_HANT
    assert "出　席:林思遠" in page.inner_text(".doc-body")
    page.goto(site.base + "/")  # the remembered choice is offered, not imposed
    assert page.url == site.base + "/" and page.get_attribute("html", "lang") == "zh-Hans"
    assert page.get_attribute(".lang-hint a", "href") == "/zh-hant/"


def test_read_aloud_says_so_when_the_browser_cannot_speak(site: Site):
    page = site.open_page(f"/xxgk/{site.district.minutes.pk}/",
                          init_script="delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    page.click("#a11y summary")
    page.click("[data-speak]")
    assert "不支持朗读" in page.inner_text(".speak-status")


def test_read_aloud_reads_the_main_content(site: Site):
    spy = ("window.__spoken = []; Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: "
           "{speaking: false, cancel() {}, speak(u) { window.__spoken.push([u.text, u.lang]); }}}); "
           "window.SpeechSynthesisUtterance = function (text) { this.text = text; };")
    page = site.open_page(f"/xxgk/{site.district.minutes.pk}/", init_script=spy)
    page.click("#a11y summary")
    page.click("[data-speak]")
    text, lang = page.evaluate("window.__spoken[0]")
    assert MINUTES_TITLE in text and "会议原则同意" in text and "跳到主要内容" not in text
    assert lang == "zh-Hans"


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_the_document_page(site: Site, language: str, width: int):
    ARTIFACTS.mkdir(exist_ok=True)
    page = site.open_page(None, width=width)
    page.goto(site.url(f"/xxgk/{site.district.minutes.pk}/", language))
    path = ARTIFACTS / f"document-{language}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth") <= width
