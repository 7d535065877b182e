"""Sitemaps and discovery: sitemap.xml (an index of documents, columns and decisions, with 简体/繁體/English
alternates) valid against the sitemaps.org schemas (tests/fixtures/sitemaps), robots.txt, the OpenSearch
description, and schema.org JSON-LD in document pages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lxml import etree, html

from gongkai.catalog import actions
from gongkai.catalog.models import Term
from tests import factories as f
from tests.test_minutes_records import publish_minutes, qinghe

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).parent / "fixtures" / "sitemaps"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITE = "https://gov.qinghe.example"


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE
    ag = qinghe()
    normative = {"genre": Term.resolve(Term.GENRE, "通知"), "combo": Term.resolve(Term.COMBO, "政策文件")}
    rule = f.document(ag["office"], "关于印发试行办法的通知", doc_no="青政发〔2023〕7号",
                      created_date=dt.date(2023, 5, 4), **normative)
    old = f.document(ag["office"], "关于印发旧办法的通知", doc_no="青政发〔2020〕2号", **normative)
    actions.update_document(None, old, {"abolished_date": dt.date(2024, 1, 1)}, system=True)
    news = f.document(ag["office"], "区图书馆举办读书月活动", genre=Term.resolve(Term.GENRE, "工作动态"))
    gone = f.document(ag["office"], "关于已撤回事项的通知")
    actions.withdraw(None, gone, reason="内容有误", system=True)
    draft = f.document(ag["office"], "草稿", publish=False)
    minutes = publish_minutes(ag["office"])
    return {**ag, "rule": rule, "old": old, "news": news, "gone": gone, "draft": draft, "minutes": minutes}


def xml(client, path: str) -> etree._Element:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def valid(root: etree._Element, name: str) -> None:
    checker = schema(name)
    assert checker.validate(root), checker.error_log


def test_the_index_is_valid_and_names_every_section(client, site):
    root = xml(client, "/sitemap.xml")
    valid(root, "siteindex.xsd")
    locs = [e.findtext(f"{SM}loc") for e in root.iter(f"{SM}sitemap")]
    assert {loc.split("/")[-1] for loc in locs} == {"sitemap-documents.xml", "sitemap-columns.xml",
                                                    "sitemap-decisions.xml", "sitemap-xxgk.xml"}
    assert all(e.findtext(f"{SM}lastmod") for e in root.iter(f"{SM}sitemap"))


def urls(root: etree._Element) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href} of its alternates."""
    return {u.findtext(f"{SM}loc"): {a.get("hreflang"): a.get("href") for a in u.iter(f"{XHTML}link")}
            for u in root.iter(f"{SM}url")}


def test_documents_are_listed_in_every_language_with_alternates(client, site):
    root = xml(client, "/sitemap-documents.xml")
    valid(root, "urlset-with-hreflang.xsd")
    found = urls(root)
    rule = site["rule"].pk
    assert set(found) >= {f"{SITE}/xxgk/{rule}/", f"{SITE}/zh-hant/xxgk/{rule}/", f"{SITE}/en/xxgk/{rule}/"}
    assert found[f"{SITE}/en/xxgk/{rule}/"] == {
        "zh-hans": f"{SITE}/xxgk/{rule}/", "zh-hant": f"{SITE}/zh-hant/xxgk/{rule}/",
        "en": f"{SITE}/en/xxgk/{rule}/", "x-default": f"{SITE}/xxgk/{rule}/"}
    listed = {loc.rstrip("/").split("/")[-1] for loc in found}
    assert str(site["gone"].pk) not in listed and str(site["draft"].pk) not in listed
    assert len(found) == 3 * 4  # four published documents, three languages
    assert all(u.findtext(f"{SM}lastmod") for u in root.iter(f"{SM}url"))


def test_columns_and_decisions_are_valid_sitemaps(client, site):
    columns = xml(client, "/sitemap-columns.xml")
    valid(columns, "urlset-with-hreflang.xsd")
    assert {f"{SITE}/", f"{SITE}/xxgk/", f"{SITE}/decisions/", f"{SITE}/en/open-data/"} <= set(urls(columns))
    decisions = xml(client, "/sitemap-decisions.xml")
    valid(decisions, "urlset-with-hreflang.xsd")
    assert f"{SITE}/decisions/dept/{site['housing'].pk}/" in urls(decisions)


def test_the_schema_rejects_what_the_protocol_forbids(client, site):
    root = xml(client, "/sitemap-documents.xml")
    root.find(f"{SM}url/{SM}changefreq").text = "sometimes"
    assert not schema("urlset-with-hreflang.xsd").validate(root)
    index = xml(client, "/sitemap.xml")
    index.find(f"{SM}sitemap").remove(index.find(f"{SM}sitemap/{SM}loc"))
    assert not schema("siteindex.xsd").validate(index)


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_staff_pages(client, site):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in text.splitlines()
    assert "Disallow: /admin/" in text and "Disallow: /xxgk/" not in text


def test_the_opensearch_description_lets_a_browser_add_the_site_search(client, site):
    response = client.get("/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = etree.fromstring(response.content)
    ns = "{http://a9.com/-/spec/opensearch/1.1/}"
    assert root.tag == f"{ns}OpenSearchDescription"
    assert 0 < len(root.findtext(f"{ns}ShortName")) <= 16
    template = root.find(f"{ns}Url[@type='text/html']").get("template")
    assert template == f"{SITE}/search/?q={{searchTerms}}"


def jsonld(client, doc) -> dict:
    page = html.fromstring(client.get(doc.get_absolute_url()).content)
    scripts = page.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def test_a_normative_document_is_legislation_in_force(client, site):
    data = jsonld(client, site["rule"])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "青政发〔2023〕7号"
    assert data["legislationDate"] == "2023-05-04"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"
    assert data["url"] == f"{SITE}/xxgk/{site['rule'].pk}/"
    assert data["identifier"] == site["rule"].index_no


def test_an_abolished_document_is_not_in_force(client, site):
    data = jsonld(client, site["old"])
    assert data["@type"] == "Legislation"
    assert data["legislationLegalForce"] == "https://schema.org/NotInForce"
    assert data["expires"] == "2024-01-01"


def test_news_is_an_article_and_minutes_describe_their_meeting(client, site):
    assert jsonld(client, site["news"])["@type"] == "Article"
    graph = jsonld(client, site["minutes"])["@graph"]
    assert [node["@type"] for node in graph] == ["Article", "Event"]
    assert graph[1]["startDate"] == "2024-03-12"
    assert graph[1]["subjectOf"] == {"@id": graph[0]["@id"]}


def test_markup_in_a_title_cannot_leave_the_json_ld(client, site):
    doc = f.document(site["office"], "关于</script><script>alert(1)</script>的通知")
    data = jsonld(client, doc)
    assert data["name"] == "关于</script><script>alert(1)</script>的通知"
