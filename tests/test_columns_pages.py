"""The section's public pages in 简体, 繁體 and English: the guide, the rules, the statutory columns,
the 站点地图, the catalog's navigation and the footer's marks; kept as files and forgotten exactly
when a change alters them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import resolve

from gongkai.accounts.models import Membership
from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import SiteSettings, Term
from gongkai.columns import actions
from gongkai.columns.demo import fill
from gongkai.columns.models import Column, Page
from gongkai.pages import changes
from gongkai.pages.middleware import page_store
from gongkai.pages.store import PageKey, PageStore
from tests import factories as f
from tests.test_sitemaps import valid
from tests.test_sitemaps import xml as sitemap_xml

pytestmark = pytest.mark.django_db
LANGUAGES = {"zh-hans": "", "zh-hant": "/zh-hant", "en": "/en"}


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def agency():
    return f.agency()


@pytest.fixture
def section(agency):
    site = SiteSettings.get()
    site.site_code = "1234500001"
    site.save()
    fill()
    return Column.objects.in_bulk(field_name="slug")


@pytest.fixture
def office(agency):
    return f.staff("office", agency, role=Membership.OFFICE)


def plan(agency, title: str = "青禾区2024年政务公开工作计划", **kw):
    combo = Term.objects.get(kind=Term.COMBO, name="规划计划")
    return f.document(agency, title, combo=combo, **kw)


def page(client: Client, path: str, language: str = "zh-hans") -> str:
    response = client.get(LANGUAGES[language] + path)
    assert response.status_code == 200, (path, language, response.status_code)
    return response.content.decode()


def kept(path: str) -> bool:
    return (page_store().files / PageKey(path).relpath).exists()


# --- the pages in each language ------------------------------------------------------------------------


def test_the_guide_in_simplified_chinese(client, section):
    html = page(client, "/xxgk/guide/")
    assert "<h1" in html and "政府信息公开指南</h1>" in html
    for words in ("20个工作日", "信息处理费", "办公时间", "国办函〔2020〕109号", "行政复议"):
        assert words in html
    assert 'href="/applications/"' in html  # the online application form
    assert 'aria-current="page">政府信息公开指南</a>' in html  # the section's navigation
    assert 'class="current" aria-current="true">政府信息公开</a>' in html  # the top bar's column


def test_the_guide_in_traditional_chinese_keeps_its_links_in_traditional(client, section):
    html = page(client, "/xxgk/guide/", "zh-hant")
    assert "政府信息公開指南" in html and "工作日" in html and "规" not in html.split("<main")[1]
    assert 'href="/zh-hant/applications/"' in html and 'href="/zh-hant/xxgk/rules/"' in html


def test_the_guide_in_english(client, section):
    html = page(client, "/xxgk/guide/", "en")
    assert "Guide to government information disclosure</h1>" in html
    assert "20 working days" in html and 'href="/en/applications/"' in html
    assert "This page is available in Chinese only." not in html
    main = html.split("<main")[1].split("</main>")[0]
    assert "Statutory proactive disclosure" in main and "Annual reports on disclosure" in main


def test_a_page_without_english_says_so_on_the_english_edition(client, section, office):
    actions.save_page(office, Page.objects.get(slug="rules"), {"body_en": "", "title_en": ""})
    html = page(client, "/xxgk/rules/", "en")
    assert "This page is available in Chinese only." in html
    assert "<title>政府信息公开制度 - " in html  # text, no markup, in the title
    assert '<div lang="zh-Hans"><p>青禾区人民政府依照' in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", ["rules", "functions", "leaders", "statutory", "normative", "statistics",
                                  "annual-reports"])
def test_every_statutory_page_answers_in_every_language(client, section, slug, language):
    html = page(client, f"/xxgk/{slug}/", language)
    name = section[slug].name_en if language == "en" else section[slug].name
    if language == "zh-hant":
        assert "<h1" in html
    else:
        assert f">{name}</h1>" in html


def test_a_catalog_column_lists_its_documents_and_pages_them(client, section, agency):
    mine = plan(agency)
    other = f.document(agency, "关于开展防汛检查的通知", combo=Term.objects.get(kind=Term.COMBO, name="政府会议"))
    html = page(client, "/xxgk/plans/")
    assert mine.title in html and other.title not in html
    for n in range(21):
        plan(agency, f"青禾区第{n}号工作计划", day=dt.date(2023, 1, 1) + dt.timedelta(days=n))
    assert 'rel="next"' in page(client, "/xxgk/plans/")
    second = page(client, "/xxgk/plans/?page=2")
    assert 'rel="prev"' in second and "第 2 页，共 2 页" in second


def test_an_empty_column_says_so_and_offers_to_apply(client, section):
    html = page(client, "/xxgk/statistics/")
    assert "本栏目暂无公开信息" in html and 'href="/applications/"' in html


def test_the_group_lists_its_columns_with_their_newest_documents(client, section, agency):
    mine = plan(agency)
    html = page(client, "/xxgk/statutory/")
    for slug in ("functions", "leaders", "normative", "plans", "budgets", "projects"):
        assert f'href="/xxgk/{slug}/"' in html
    assert mine.title in html


def test_a_link_column_leads_to_its_target(client, section):
    assert client.get("/en/xxgk/apply/")["Location"] == "/en/applications/"


def test_the_catalogs_own_addresses_are_not_taken(section, agency):
    doc = plan(agency)
    assert resolve("/xxgk/feed/").view_name == "portal:feed"
    assert resolve(f"/xxgk/{doc.pk}/").view_name == "portal:document"
    assert resolve("/xxgk/guide/").view_name == "columns:column"


def test_an_unknown_or_hidden_column_is_not_found(client, section, office):
    assert client.get("/xxgk/no-such-column/").status_code == 404
    actions.save_column(office, section["rules"], {"visible": False})
    assert client.get("/xxgk/rules/").status_code == 404
    assert 'href="/xxgk/rules/"' not in page(client, "/xxgk/guide/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_html_sitemap_lists_the_site_and_the_section(client, section, language):
    html = page(client, "/sitemap/", language)
    prefix = LANGUAGES[language]
    for path in ("/xxgk/", "/xxgk/guide/", "/xxgk/normative/", "/applications/", "/decisions/", "/ask/"):
        assert f'href="{prefix}{path}"' in html, path
    assert 'href="/sitemap.xml"' in html
    if language == "en":
        assert "Sitemap</h1>" in html and "Normative documents" in html


def test_the_xml_sitemap_lists_the_sections_columns(client, section):
    valid(sitemap_xml(client, "/sitemap-xxgk.xml"), "urlset-with-hreflang.xsd")
    xml = client.get("/sitemap-xxgk.xml").content.decode()
    assert "/xxgk/guide/</loc>" in xml and "/en/xxgk/normative/" in xml and "/xxgk/apply/" not in xml
    assert "sitemap-xxgk.xml" in client.get("/sitemap.xml").content.decode()


def test_the_catalog_page_shows_the_section_as_its_navigation(client, section):
    html = page(client, "/xxgk/")
    assert 'aria-label="政府信息公开栏目"' in html
    assert 'href="/xxgk/guide/"' in html and 'href="/xxgk/annual-reports/"' in html


def test_the_first_column_reaches_the_kept_catalog_page(client, office):
    SiteSettings.get()  # made on first use, which forgets every page
    assert 'aria-label="政府信息公开栏目"' not in page(client, "/xxgk/")
    assert kept("/xxgk/")
    guide = actions.save_page(office, None, {"title": "政府信息公开指南", "slug": "guide", "body": "<p>正文</p>"})
    actions.save_column(office, None, {"name": "政府信息公开指南", "slug": "guide", "kind": Column.PAGE,
                                       "page": guide})
    assert not kept("/xxgk/")
    assert 'href="/xxgk/guide/"' in page(client, "/xxgk/")


def test_the_news_list_does_not_show_the_section(client, section):
    assert 'aria-label="政府信息公开栏目"' not in page(client, "/news/")


def test_the_annual_report_column_lists_the_published_reports(client, section, agency):
    combo = Term.objects.get(kind=Term.COMBO, name="政府信息公开年报")
    report = f.document(agency, "青禾区人民政府2024年政府信息公开工作年度报告", combo=combo)
    html = page(client, "/xxgk/annual-reports/")
    assert report.title in html and f'href="/xxgk/{report.pk}/"' in html


def test_the_footer_shows_the_marks_from_the_settings(client, section):
    html = page(client, "/")
    footer = html.split("<footer")[1]
    assert "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1234500001" in footer
    assert "conac.svg" in footer and "bszs.conac.cn" in footer and "1234500001" in footer
    assert 'href="/sitemap/"' in footer


def test_a_footer_change_reaches_the_workers_footer(client, section, office):
    page(client, "/")  # the footer fragment is rendered and kept by this worker
    actions.save_footer(office, {"conac_url": "", "show_error_link": False})
    footer = page(client, "/").split("<footer")[1]
    assert "conac.svg" not in footer and "jiucuo" not in footer


# --- kept as files, forgotten exactly ------------------------------------------------------------------


def test_section_pages_are_kept(client, section):
    for path in ("/xxgk/guide/", "/en/xxgk/normative/", "/zh-hant/xxgk/statutory/", "/sitemap/"):
        page(client, path.removeprefix("/en").removeprefix("/zh-hant"),
             "en" if path.startswith("/en") else "zh-hant" if path.startswith("/zh-hant") else "zh-hans")
        assert kept(path), path


def test_editing_the_guide_forgets_the_guide_only(client, section, office, agency):
    doc = plan(agency)
    for path in ("/xxgk/guide/", "/xxgk/rules/", "/xxgk/plans/", doc.get_absolute_url()):
        page(client, path)
    actions.save_page(office, Page.objects.get(slug="guide"), {"body": "<p>本指南已更新。</p>"})
    assert not kept("/xxgk/guide/")
    assert kept("/xxgk/rules/") and kept("/xxgk/plans/") and kept(doc.get_absolute_url())
    assert "本指南已更新。" in page(client, "/xxgk/guide/")


def test_renaming_a_column_forgets_the_pages_showing_the_columns(client, section, office, agency):
    doc = plan(agency)
    for path in ("/xxgk/guide/", "/xxgk/", "/sitemap/", doc.get_absolute_url()):
        page(client, path)
    actions.save_column(office, section["plans"], {"name": "规划和计划"})
    assert not kept("/xxgk/guide/") and not kept("/xxgk/") and not kept("/sitemap/")
    assert kept(doc.get_absolute_url())
    assert "规划和计划" in page(client, "/sitemap/")


def test_publishing_a_document_forgets_its_columns_list(client, section, agency):
    page(client, "/xxgk/plans/")
    page(client, "/xxgk/guide/")
    doc = plan(agency, "青禾区2025年工作计划")
    assert not kept("/xxgk/plans/") and kept("/xxgk/guide/")
    assert doc.title in page(client, "/xxgk/plans/")
    catalog_actions.withdraw(None, doc, reason="内容有误", system=True)
    assert doc.title not in page(client, "/xxgk/plans/")


def test_another_nodes_indexer_applies_a_section_change(client, section, office, tmp_path):
    node = PageStore(tmp_path / "node-2")
    changes.apply_changes(node)
    key = PageKey("/xxgk/guide/")
    node.write(key, page(client, "/xxgk/guide/").encode(), ["columns", f"page:{section['guide'].page_id}"],
               node.epoch())
    actions.save_page(office, Page.objects.get(slug="guide"), {"title": "政府信息公开指南（2025年版）"})
    assert node.read(key) is not None
    assert changes.apply_changes(node) == 1
    assert node.read(key) is None
