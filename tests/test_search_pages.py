"""The results page, suggestions and GET /api/search: answers for good queries, reasons for bad ones."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.search import indexing
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def catalog(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    indexing.reader.cache_clear()
    ag = f.agency("青禾区农业农村局", "135792468")
    f.document(ag, "青禾区粮食安全保障三年行动方案", day=dt.date(2024, 3, 1), doc_no="青农发〔2024〕3号",
               body_html="<p>会议要求各镇抓好粮食生产,确保粮食安全。</p>")
    f.document(ag, "青禾区高标准农田建设规划", day=dt.date(2025, 5, 1), body_html="<p>建设高标准农田。</p>")
    indexing.catch_up()
    yield
    indexing.reader.cache_clear()


def test_results_page_shows_hits_with_marked_snippets_and_facets(client):
    page = client.get("/search/", {"q": "粮食"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "青禾区<mark>粮食</mark>安全保障三年行动方案" in html
    assert "<mark>粮食</mark>生产" in html
    assert "发布机构" in html and "青禾区农业农村局" in html


def test_traditional_query_finds_simplified_documents(client):
    html = client.get("/search/", {"q": "糧食安全"}).content.decode()
    assert "保障三年行动方案" in html and "<mark>粮食安全</mark>" in html


def test_document_numbers_match_exactly(client):
    html = client.get("/search/", {"q": "青农发〔2024〕3号"}).content.decode()
    assert "粮食安全保障三年行动方案" in html and "高标准农田建设规划" not in html


def test_empty_query_shows_the_form_without_error(client):
    page = client.get("/search/")
    assert page.status_code == 200 and 'name="q"' in page.content.decode()


@pytest.mark.parametrize("query", ["!!!。。。", '"粮食', "粮" * 10_000, "\x00\x07粮食", "' OR 1=1 --",
                                   "title:(a OR b)", "*", "粮食~2^3"])
def test_bad_queries_never_crash(client, query):
    page = client.get("/search/", {"q": query})
    assert page.status_code in (200, 400)
    api = client.get("/api/search", {"q": query})
    assert api.status_code in (200, 400)
    if api.status_code == 400:
        body = api.json()
        assert body["reason"] and body["reason_en"]


def test_only_punctuation_is_a_400_with_a_reason(client):
    api = client.get("/api/search", {"q": "。。。!!"})
    assert api.status_code == 400 and api.json()["error"]
    assert client.get("/search/", {"q": "。。。!!"}).status_code == 400


def test_api_search_json_and_filters(client):
    body = client.get("/api/search", {"q": "青禾区", "year": "2025"}).json()
    assert body["total"] == 1 and body["hits"][0]["title"] == "青禾区高标准农田建设规划"
    hit = body["hits"][0]
    assert {"index_no", "title", "url", "score", "snippet"} <= set(hit)
    assert "/api/search" in client.get("/api/openapi.json").json()["paths"]


def test_suggestions_while_typing(client):
    body = client.get("/search/suggest/", {"q": "青禾区粮"}).json()
    assert "青禾区粮食安全保障三年行动方案" in body["suggestions"]


def test_wrong_method_is_refused(client):
    assert client.post("/search/", {"q": "粮食"}).status_code == 405
