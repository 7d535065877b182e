"""The public pages through Django's test client: three languages, 繁體 conversion and its cache, the
reader's settings without JavaScript, the English fallbacks, page weight and self-contained pages."""

from __future__ import annotations

import gettext as gnu_gettext
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from gongkai.catalog import actions
from gongkai.portal import traditional
from gongkai.portal.terms import KNOWN_TERMS
from tests.browser.district import MINUTES_TITLE, MINUTES_TITLE_HANT, District, publish_district

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[1] / "gongkai"
CATALOG_PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
LANGUAGES = {"": "zh-Hans", "/zh-hant": "zh-Hant", "/en": "en"}
# A word of the interface in each language, to tell that the page really is in it.
MARKERS = {"zh-Hans": "政府信息公开", "zh-Hant": "政府信息公開", "en": "Government Information"}
PAGES = ["/", "/xxgk/", "/news/", "/service/", "/interaction/", "/about/", "/open-data/", "/mobile/",
         "/offline/", "/a11y/", "/xxgk/{doc}/", "/xxgk/{doc}/print/"]
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def district() -> District:
    return publish_district()


@pytest.fixture(autouse=True)
def _memory_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()


def _url(prefix: str, page: str, district: District) -> str:
    return prefix + page.format(doc=district.minutes.pk)


@pytest.mark.parametrize("prefix", list(LANGUAGES))
@pytest.mark.parametrize("page", PAGES)
def test_every_page_type_renders_in_three_languages(client: Client, district: District, prefix: str, page: str):
    response = client.get(_url(prefix, page, district))
    assert response.status_code == 200
    html = response.content.decode()
    lang = LANGUAGES[prefix]
    assert f'<html lang="{lang}">' in html
    if "print" not in page:
        assert MARKERS[lang] in html


def _texts_outside_chinese_parts(html: str) -> list[str]:
    """Text of the page's body that contains CJK without a Chinese lang on it or an ancestor."""
    root = lxml.html.document_fromstring(html)
    for other_app in root.xpath('//*[contains(@class, "minutes-structured")]'):
        other_app.drop_tree()  # the minutes app's section marks its own data
    bad = []
    for node in root.body.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        for text, owner in ((node.text, node), (node.tail, node.getparent())):
            if text and CJK.search(text) and not _in_chinese(owner):
                bad.append(text.strip())
    return bad


def _in_chinese(node: lxml.html.HtmlElement | None) -> bool:
    while node is not None:
        if node.get("lang", "").startswith("zh"):
            return True
        node = node.getparent()
    return False


@pytest.mark.parametrize("page", [p for p in PAGES if "print" not in p])
def test_english_pages_are_english_and_mark_chinese_data(client: Client, district: District, page: str):
    html = client.get(_url("/en", page, district)).content.decode()
    assert _texts_outside_chinese_parts(html) == []


def test_english_document_shows_its_translation(client: Client, district: District):
    html = client.get(f"/en/xxgk/{district.english.pk}/").content.decode()
    assert "Notice on the 2024 Spring Tree-Planting Campaign" in html
    assert "The spring tree-planting campaign runs in March." in html
    assert "available in Chinese only" not in html
    assert "Arrangements for the 2024 spring tree-planting campaign." in html


def test_english_document_without_translation_says_so_and_shows_the_original(client: Client, district: District):
    html = client.get(f"/en/xxgk/{district.minutes.pk}/").content.decode()
    assert f'This document is available in Chinese only: <span lang="zh-Hans">{MINUTES_TITLE}</span>' in html
    assert '<div class="doc-body" lang="zh-Hans">' in html
    assert MINUTES_TITLE in html
    for label in ("Title", "Index No.", "Topic", "Genre", "Category", "Document No.", "Publisher", "Date of issue",
                  "Published", "Summary"):
        assert f'<th scope="row">{label}</th>' in html
    assert "Government administration" in html and "Meeting minutes" in html  # 机关事务, 会议纪要


def test_english_catalog_can_list_only_documents_in_english(client: Client, district: District):
    html = client.get("/en/xxgk/?lang=en-only").content.decode()
    assert "Notice on the 2024 Spring Tree-Planting Campaign" in html
    assert MINUTES_TITLE not in html
    assert MINUTES_TITLE in client.get("/en/xxgk/").content.decode()


def test_news_column_lists_news_like_items_only(client: Client, district: District):
    html = client.get("/news/").content.decode()
    assert district.news.title in html
    assert MINUTES_TITLE not in html


def test_traditional_page_converts_text_but_not_urls_scripts_or_styles(client: Client):
    from tests import factories as f

    doc = f.document(f.agency(), MINUTES_TITLE, body_html='<p>详见<a href="/search/?q=会议纪要">会议纪要</a>。</p>')
    html = client.get(f"/zh-hant/xxgk/{doc.pk}/").content.decode()
    assert '<html lang="zh-Hant">' in html
    assert f"<title>{MINUTES_TITLE_HANT}" in html
    assert f'<h1 class="doc-title">{MINUTES_TITLE_HANT}</h1>' in html
    assert '<a href="/search/?q=会议纪要">會議紀要</a>' in html  # the URL keeps its 简体 query
    assert 'aria-label="信息元數據"' in html  # words in attributes are converted
    assert 'src="/static/gongkai/site.js"' in html
    assert "区政府" not in html.split("<body", 1)[1]


def test_convert_html_leaves_markup_alone():
    page = ('<p title="发布">发布</p><script>var s = "发布";</script><style>.a::after{content:"发布"}</style>'
            '<input type="submit" value="发布"><input name="q" value="发布"><!--keep-->简体中文<!--/keep-->')
    assert traditional.convert_html(page) == (
        '<p title="發佈">發佈</p><script>var s = "发布";</script><style>.a::after{content:"发布"}</style>'
        '<input type="submit" value="發佈"><input name="q" value="发布"><!--keep-->简体中文<!--/keep-->')


def test_traditional_pages_are_cached_until_the_document_changes(client: Client, district: District, monkeypatch):
    calls: list[int] = []
    real = traditional.convert_html
    monkeypatch.setattr(traditional, "convert_html", lambda html, config=None: calls.append(1) or real(html, config))
    url = f"/zh-hant/xxgk/{district.minutes.pk}/"
    first = client.get(url).content
    assert client.get(url).content == first
    assert len(calls) == 1
    actions.update_document(None, district.minutes, {"title": "区政府第26次常务会议纪要"}, system=True)
    assert "區政府第26次常務會議紀要" in client.get(url).content.decode()
    assert len(calls) == 2


def test_language_switch_goes_to_the_same_page_and_remembers_the_choice(client: Client, district: District):
    page = f"/xxgk/{district.minutes.pk}/"
    html = client.get(page).content.decode()
    assert f'href="/language/zh-hant/?next={page}"' in html
    response = client.get(f"/language/zh-hant/?next={page}")
    assert response.status_code == 302 and response["Location"] == f"/zh-hant{page}"
    assert response.cookies["gongkai_language"].value == "zh-hant"
    home = client.get("/")  # canonical: / stays 简体, and offers the remembered script by a link
    assert home.status_code == 200
    offer = '<a href="/zh-hant/" lang="zh-Hant" hreflang="zh-Hant"><!--keep-->以繁體中文閱讀本頁'
    assert offer in home.content.decode()
    assert client.get(f"/zh-hant/language/zh-hans/?next=/zh-hant{page}")["Location"] == page


def test_language_switch_never_leaves_the_site(client: Client):
    assert client.get("/language/en/?next=https://elsewhere.example/x")["Location"] == "/en/"
    assert client.get("/language/en/?next=//elsewhere.example/x")["Location"] == "/en/"
    assert client.get("/language/xx/?next=/").status_code == 404


def test_text_size_and_contrast_work_without_javascript(client: Client, district: District):
    html = client.get("/xxgk/").content.decode()
    link = re.search(r'<a href="(/a11y/\?size=1[^"]*)"', html)
    assert link is not None  # a plain link, no script needed
    response = client.get("/a11y/?size=2&contrast=high&next=/xxgk/")
    assert response.status_code == 302 and response["Location"] == "/xxgk/#a11y-toolbar"
    assert response.cookies["a11y_size"].value == "2" and response.cookies["a11y_contrast"].value == "high"
    assert '<body class="text-size-2 high-contrast">' in client.get("/xxgk/").content.decode()
    client.get("/a11y/?mode=elderly&spacing=wide&cursor=large&next=/")
    everything = '<body class="text-size-2 high-contrast wide-spacing large-cursor elderly-mode">'
    assert everything in client.get("/").content.decode()
    client.get("/a11y/?reset=1&next=/")
    assert '<body class="">' in client.get("/").content.decode()


def test_a11y_settings_form_and_its_redirects(client: Client):
    form = client.get("/a11y/?next=/xxgk/").content.decode()
    assert '<form method="get" action="/a11y/"' in form and 'name="next" value="/xxgk/"' in form
    assert client.get("/a11y/?size=9&next=https://elsewhere.example/")["Location"] == "/#a11y-toolbar"
    assert client.get("/a11y/?size=9&next=/").cookies["a11y_size"].value == "3"  # clamped to the largest step
    assert client.get("/en/a11y/?contrast=high")["Location"] == "/en/#a11y-toolbar"


def _same_site_assets(html: str) -> list[str]:
    root = lxml.html.document_fromstring(html)
    css = root.xpath('//link[@rel="stylesheet" and not(@media="print")]/@href')
    return [*css, *root.xpath("//script/@src")]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_document_page_weighs_under_100_kb(client: Client, district: District):
    for prefix in LANGUAGES:
        response = client.get(f"{prefix}/xxgk/{district.minutes.pk}/")
        html = response.content.decode()
        assets = _same_site_assets(html)
        assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
        total = len(response.content) + sum(len(_body(client.get(a))) for a in assets)
        assert total < 100_000, f"{prefix or '简体'} document page: {total} bytes"


@pytest.mark.parametrize("prefix", list(LANGUAGES))
def test_pages_load_nothing_from_other_hosts(client: Client, district: District, prefix: str):
    for page in [*PAGES, "/no-such-page/"]:
        root = lxml.html.document_fromstring(client.get(_url(prefix, page, district)).content)
        for element, attribute, link, _pos in root.iterlinks():
            assert not urlsplit(link).netloc, f"{page}: <{element.tag} {attribute}> points to {link}"


def test_images_of_other_hosts_in_a_body_become_links(client: Client):
    from tests import factories as f

    body = '<p><img src="http://img.example.org/a.png" alt="示意图"></p>'
    doc = f.document(f.agency(), "带图片的通知", body_html=body)
    root = lxml.html.document_fromstring(client.get(f"/xxgk/{doc.pk}/").content)
    assert not [src for src in root.xpath("//img/@src") if urlsplit(src).netloc]
    assert root.xpath('//div[@class="doc-body"]//a[@href="http://img.example.org/a.png"]/text()') == ["示意图"]


def test_service_worker_is_served_from_the_root_with_its_cache_list(client: Client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    source = response.content.decode()
    assert "__VERSION__" not in source and "__PRECACHE__" not in source
    assert '"/offline/"' in source and '"/en/offline/"' in source and '"/static/gongkai/site.css"' in source
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert manifest["name"] == "青禾区人民政府" and manifest["start_url"] == "/" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]
    assert json.loads(client.get("/en/manifest.webmanifest").content)["start_url"] == "/en/"
    assert json.loads(client.get("/zh-hant/manifest.webmanifest").content)["name"] == "青禾區人民政府"


@pytest.mark.parametrize("prefix", list(LANGUAGES))
def test_not_found_page_is_friendly_in_each_language(client: Client, prefix: str):
    response = client.get(f"{prefix}/no-such-page/")
    assert response.status_code == 404
    assert f'<html lang="{LANGUAGES[prefix]}">' in response.content.decode()
    assert {"": "页面不存在", "/zh-hant": "頁面不存在", "/en": "Page not found"}[prefix] in response.content.decode()


def test_server_error_page_needs_no_database(rf):
    from gongkai.portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500 and "服务暂时不可用" in response.content.decode()


def test_every_vocabulary_term_has_an_english_name():
    data = json.loads((PACKAGE / "catalog" / "data" / "vocabularies.json").read_text(encoding="utf-8"))
    names = set()
    for entries in data.values():
        for entry in entries:
            names.add(entry if isinstance(entry, str) else entry["name"])
            names.update(() if isinstance(entry, str) else entry.get("children", ()))
    assert names <= KNOWN_TERMS
    with translation.override("en"):
        assert [n for n in names if translation.gettext(n) == n] == []


def test_english_catalog_is_complete_and_compiled():
    po = CATALOG_PO.read_text(encoding="utf-8")
    assert 'msgstr ""\n\n' not in po.split("\n\n", 1)[1] + "\n\n", "an untranslated message"
    assert "#, fuzzy" not in po
    with CATALOG_PO.with_suffix(".mo").open("rb") as fh:
        compiled = gnu_gettext.GNUTranslations(fh)
    simple = re.compile(r'^msgid "([^"\\]+)"\nmsgstr "([^"\\]+)"$', re.MULTILINE)  # one line each, no escapes
    pairs = [m.groups() for block in po.split("\n\n") if "msgctxt" not in block and (m := simple.search(block))]
    assert len(pairs) > 100
    stale = [msgid for msgid, msgstr in pairs if compiled.gettext(msgid) != msgstr]
    assert stale == [], "the .mo is older than the .po: run msgfmt"


# --- the cost of an uncached page: 相关阅读 chosen on change, shared fragments kept per worker -------

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from gongkai.catalog.models import Document, SiteSettings, Term  # noqa: E402
from gongkai.catalog.related import STALE, refresh_stale  # noqa: E402
from tests import factories as f  # noqa: E402


@pytest.fixture
def reading_room():
    """Three documents of one 主题 class in 青山县, the first two published first."""
    topic = Term.resolve(Term.TOPIC, "文化")
    agency = f.agency("青山县文化馆", code="555555555")
    first = f.document(agency, "青山县文化馆开放时间的通知", topic=topic)
    second = f.document(agency, "青山县文化馆举办书法展的通知", topic=topic)
    return agency, topic, first, second


def _related_titles(client, doc) -> list[str]:
    page = lxml.html.fromstring(client.get(doc.get_absolute_url()).content)
    return [a.text_content() for a in page.xpath('//section[@class="related"]//a')]


def test_related_reading_is_chosen_when_documents_change_not_per_view(client, reading_room):
    agency, topic, first, second = reading_room
    refresh_stale()
    first.refresh_from_db()
    assert first.related_ids == f",{second.pk}," and first.related[0][1] == "青山县文化馆举办书法展的通知"
    with CaptureQueriesContext(connection) as queries:
        assert _related_titles(client, first) == ["青山县文化馆举办书法展的通知"]
    assert not any("catalog_document" in q["sql"] and "IN (" in q["sql"] for q in queries.captured_queries)


def test_a_change_marks_the_lists_it_alters_and_pages_never_show_a_stale_one(client, reading_room):
    agency, topic, first, second = reading_room
    refresh_stale()
    newcomer = f.document(agency, "青山县文化馆新增阅览座位的通知", topic=topic)
    assert Document.objects.get(pk=first.pk).related_ids == STALE  # it may enter the list
    assert "青山县文化馆新增阅览座位的通知" in _related_titles(client, first)  # chosen as viewed meanwhile
    assert refresh_stale() >= 1 and Document.objects.get(pk=first.pk).related_ids != STALE
    actions.update_document(None, second, {"title": "青山县文化馆举办篆刻展的通知"}, system=True)
    refresh_stale()
    assert "青山县文化馆举办篆刻展的通知" in _related_titles(client, first)
    actions.withdraw(None, newcomer, reason="活动取消", system=True)
    refresh_stale()
    assert _related_titles(client, first) == ["青山县文化馆举办篆刻展的通知"]


def test_a_document_moved_to_another_class_leaves_the_lists_it_was_in(client, reading_room):
    agency, topic, first, second = reading_room
    refresh_stale()
    other = f.agency("清河区档案馆", code="666666666")
    actions.update_document(None, second, {"agency": other, "topic": Term.resolve(Term.TOPIC, "档案")},
                            system=True)
    assert Document.objects.get(pk=first.pk).related_ids == STALE  # listed it: marked though no longer alike
    refresh_stale()
    assert _related_titles(client, first) == []


def _toolbar_and_language_links(html: str) -> list[str]:
    page = lxml.html.fromstring(html)
    links = page.xpath('//nav[@class="tools"]//a | //footer//a')
    return [a.get("href") for a in links if "next=" in a.get("href", "")]


def test_shared_fragments_come_back_to_each_page_they_are_kept_for(client, reading_room, settings):
    settings.PAGE_CACHE = False
    _agency, _topic, first, second = reading_room
    client.get(first.get_absolute_url())
    links = _toolbar_and_language_links(client.get(second.get_absolute_url()).content.decode())
    assert links and all(f"xxgk%2F{second.pk}%2F" in href or f"/xxgk/{second.pk}/" in href for href in links)
    assert not any(f"{first.pk}%2F" in href or f"/xxgk/{first.pk}/" in href for href in links)
    query = client.get("/xxgk/?topic=1&page=2").content.decode()
    assert all("topic%3D1%26page%3D2" in href or "topic%3D1%26page%3D2" in href.replace("&amp;", "&")
               for href in _toolbar_and_language_links(query))


def test_a_site_settings_change_shows_in_the_shared_fragments_at_once(client, reading_room, settings):
    settings.PAGE_CACHE = False
    _agency, _topic, first, _second = reading_room
    assert "青山县人民路1号" not in client.get(first.get_absolute_url()).content.decode()
    site = SiteSettings.get()
    site.address = "青山县人民路1号"
    site.save()
    assert "青山县人民路1号" in client.get(first.get_absolute_url()).content.decode()


def test_an_uncached_document_page_without_attachments_costs_one_query(client, reading_room, settings):
    settings.PAGE_CACHE = False
    _agency, _topic, first, second = reading_room
    refresh_stale()
    client.get(second.get_absolute_url())  # the worker's copies of the site-wide rows
    with CaptureQueriesContext(connection) as queries:
        assert client.get(first.get_absolute_url()).status_code == 200
    assert len(queries.captured_queries) == 1, [q["sql"][:80] for q in queries.captured_queries]


def test_the_attachment_count_follows_attachments_added_and_removed(client, reading_room, settings):
    from gongkai.catalog.models import Attachment

    settings.PAGE_CACHE = False
    _agency, _topic, first, _second = reading_room
    attachment = Attachment.objects.create(document=first, name="青山县文化馆平面图.pdf",
                                           source_href="https://www.qingshan.example/a.pdf")
    assert Document.objects.get(pk=first.pk).attachment_count == 1
    assert "青山县文化馆平面图.pdf" in client.get(first.get_absolute_url()).content.decode()
    attachment.delete()
    assert Document.objects.get(pk=first.pk).attachment_count == 0
    assert "青山县文化馆平面图.pdf" not in client.get(first.get_absolute_url()).content.decode()


def test_the_service_hall_offers_the_online_application_beside_the_basic_channels(client: Client):
    from django.urls import reverse

    for prefix, words in (("", "在线提交申请"), ("/en", "apply online")):
        html = client.get(f"{prefix}/service/").content.decode()
        assert words in html and f'href="{reverse("applications:apply")}"' in html
        assert f'href="{reverse("applications:lookup")}"' in html


def test_a_withdrawn_document_without_an_abolition_date_is_not_shown_as_in_force(client, reading_room):
    """Withdrawn from the site is neither 有效 nor 废止: the 废止日期 row says 已撤回 and when."""
    agency, topic, first, second = reading_room
    actions.withdraw(None, second, reason="内容有误", system=True)
    page = lxml.html.fromstring(client.get(f"/xxgk/{second.pk}/").content.decode())
    row = page.xpath('//th[normalize-space()="废止日期"]/following-sibling::td[1]')[0].text_content()
    assert row.startswith("已撤回（") and "有效" not in row
    first_row = lxml.html.fromstring(client.get(f"/xxgk/{first.pk}/").content.decode()).xpath(
        '//th[normalize-space()="废止日期"]/following-sibling::td[1]')[0].text_content()
    assert first_row == "有效"
