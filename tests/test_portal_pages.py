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
    assert "This document is available in Chinese only." in html
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
