"""智能问答 in the product: `gongkai ask`, the /ask/ page, POST /api/ask.

A citizen asks about a fictional district's (青禾区) published documents: minutes of a meeting, two
versions of a subsidy rule (one abolished) and an annual report. Everything goes through the real
catalog, outbox, tantivy index (in a temporary directory) and retriever.
"""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog import actions
from gongkai.catalog.models import Document
from gongkai.importer.load import UNKNOWN_PUBLISHER
from gongkai.minutes.models import MeetingRecord
from gongkai.qa import service
from gongkai.qa.answer import MAX_QUESTION, UNCLEAR_REFERENCE
from gongkai.qa.retrieval import CatalogRetriever, facts_of, load_documents, metadata_of
from gongkai.qa.views import SESSION_KEY
from gongkai.search import indexing
from tests import factories as f

pytestmark = pytest.mark.django_db

MINUTES_TITLE = "青禾区政府第12次常务会议纪要"
MINUTES = (
    "<p>2024年5月6日上午，区长林晓舟在区政务中心5楼第二会议室主持召开区政府第12次常务会议，纪要如下：</p>"
    "<p>一、会议审议了《青禾区老旧小区改造三年行动方案（2024—2026年）》</p>"
    "<p>会议原则同意区住建局提交的《青禾区老旧小区改造三年行动方案（2024—2026年）》，要求修改完善后按程序印发实施。</p>"
    "<p>二、会议听取了区教体局关于课后服务工作情况的汇报</p>"
    "<p>会议要求，区教体局负责落实课后服务经费，确保全区47所中小学课后服务全覆盖。</p>"
)
OLD_RULE_TITLE = "青禾区小微企业贷款贴息办法（2019年版）"
NEW_RULE_TITLE = "青禾区小微企业贷款贴息办法"
REPORT_TITLE = "青禾区2023年政府信息公开工作年度报告"


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_BACKEND = "tantivy"
    settings.LLM_URL = ""  # answers stay extractive: no network in tests
    indexing.reader.cache_clear()
    yield settings.SEARCH_INDEX_DIR
    indexing.reader.cache_clear()


@pytest.fixture
def catalog() -> dict[str, Document]:
    office = f.agency()
    docs = {
        "minutes": f.document(office, MINUTES_TITLE, body_html=MINUTES, day=dt.date(2024, 5, 10)),
        "old_rule": f.document(
            office, OLD_RULE_TITLE, doc_no="青政办发〔2019〕12号", abolished_date=dt.date(2023, 6, 30),
            body_html="<p>第一条 为支持小微企业发展，制定本办法。</p><p>第五条 贴息比例为贷款利息的50%。</p>",
            day=dt.date(2019, 4, 1),
        ),
        "new_rule": f.document(
            office, NEW_RULE_TITLE, doc_no="青政办发〔2023〕8号",
            body_html="<p>第一条 为支持小微企业发展，制定本办法。</p><p>第五条 贴息比例为贷款利息的60%。</p>",
            day=dt.date(2023, 7, 1),
        ),
        "report": f.document(
            office, REPORT_TITLE,
            body_html="<p>一、总体情况</p><p>2023年，青禾区主动公开政府信息5218条，全年收到政府信息公开申请87件，举办新闻发布会24场。</p>",
            day=dt.date(2024, 1, 20),
        ),
    }
    indexing.catch_up()
    return docs


def ask_json(question: str) -> dict:
    out = StringIO()
    call_command("ask", question, "--json", stdout=out)
    return json.loads(out.getvalue())


# --- the retriever --------------------------------------------------------------------------------


def test_retriever_gives_the_catalog_fields_and_the_minutes_facts(catalog):
    docs = CatalogRetriever().candidates("青禾区第12次常务会议由谁主持？", limit=8)
    minutes = docs[0]
    assert minutes.doc_id == catalog["minutes"].pk
    assert minutes.metadata["索引号"] == catalog["minutes"].index_no
    assert minutes.metadata["发布日期"] == "2024-05-10"
    assert minutes.metadata["发布机构"] == "青禾区人民政府办公室"
    assert any(r.relation == "chair" and r.value == "林晓舟" for r in minutes.records)
    old = next(d for d in CatalogRetriever().candidates("小微企业贷款贴息办法", limit=8) if d.title == OLD_RULE_TITLE)
    assert old.validity == "废止" and old.metadata["文件编号"] == "青政办发〔2019〕12号"


def test_minutes_without_a_stored_record_are_parsed_on_the_fly(catalog):
    MeetingRecord.objects.filter(document=catalog["minutes"]).delete()
    doc = load_documents([catalog["minutes"].pk])[0]
    assert any(r.relation == "chair" and r.value == "林晓舟" for r in facts_of(doc))
    assert facts_of(load_documents([catalog["report"].pk])[0]) == ()  # not minutes: nothing parsed


def test_what_the_catalog_filled_in_for_an_imported_page_is_no_answer():
    unknown = f.agency(UNKNOWN_PUBLISHER, code="")
    fields = {"title": "青禾区政府第9次常务会议纪要", "source_url": "https://qinghe.example.gov.cn/9.html",
              "body_html": "<p>会议由区长赵明远主持。</p>", "created_date": dt.date(2024, 3, 1),
              "stated_fields": ["title", "created_date"]}  # as the importer records them
    imported = actions.publish(None, actions.create_document(None, unknown, fields, system=True), system=True)
    meta = metadata_of(imported)
    assert imported.index_no and imported.published_date  # the catalog filled them in ...
    assert not {"发布日期", "发布机构", "索引号", "有效性"} & set(meta)  # ... but the page showed none of them
    assert meta["产生日期"] == "2024-03-01"
    native = f.document(f.agency("青禾区教育体育局", code="987654321"), "青禾区课后服务实施方案", day=timezone.localdate())
    assert metadata_of(native)["发布日期"] == timezone.localdate().isoformat()  # published here, today


def test_retriever_finds_nothing_for_nothing(catalog):
    assert CatalogRetriever().candidates("？？", limit=8) == []


# --- gongkai ask ----------------------------------------------------------------------------------


def test_ask_command_json_contract(catalog, settings):
    data = ask_json("青禾区第12次常务会议由谁主持？")
    assert data["answer"] == "林晓舟"
    assert isinstance(data["confidence"], float) and 0.5 <= data["confidence"] <= 1
    first = data["citations"][0]
    assert set(first) >= {"index_no", "title", "url", "quote"}
    assert first["title"] == MINUTES_TITLE and first["index_no"] == catalog["minutes"].index_no
    assert first["url"] == settings.SITE_URL + catalog["minutes"].get_absolute_url()
    assert "林晓舟" in first["quote"]


def test_ask_command_indexes_a_fresh_import_first(catalog):
    office = catalog["report"].agency
    f.document(office, "青禾区2024年防汛工作方案", body_html="<p>全区共设置防汛物资仓库16处。</p>")
    data = ask_json("青禾区防汛物资仓库有多少处？")  # not in the index until the command catches up
    assert data["answer"] == "16处"


def test_ask_command_refusal_names_the_closest_documents_and_the_route(catalog, settings):
    out = StringIO()
    call_command("ask", "青禾区第13次常务会议由谁主持？", stdout=out)
    text = out.getvalue()
    assert text.startswith("未在已公开信息中找到")
    assert MINUTES_TITLE in text
    assert "依申请公开" in text and "20个工作日" in text
    assert settings.SITE_URL + reverse("portal:service") in text
    data = ask_json("青禾区第13次常务会议由谁主持？")
    assert data["answer"] is None and data["citations"] == [] and data["suggestions"]


# --- the /ask/ page -------------------------------------------------------------------------------


def test_the_page_shows_the_form(client):
    response = client.get("/ask/")
    assert response.status_code == 200
    assert b'name="q"' in response.content and b"csrfmiddlewaretoken" in response.content
    assert "智能问答" in response.content.decode()


def test_the_page_answers_with_quote_and_source(client, catalog):
    response = client.get("/ask/", {"q": "青禾区第12次常务会议由谁主持？"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "林晓舟" in page and "主持召开区政府第12次常务会议" in page  # the answer and its quote
    assert f'href="{catalog["minutes"].get_absolute_url()}"' in page
    assert catalog["minutes"].index_no in page


def test_the_form_posts_with_a_csrf_token(catalog):
    citizen = Client(enforce_csrf_checks=True)
    assert citizen.post("/ask/", {"q": "青禾区第12次常务会议由谁主持？"}).status_code == 403
    citizen.get("/ask/")
    token = citizen.cookies["csrftoken"].value
    response = citizen.post("/ask/", {"q": "青禾区第12次常务会议由谁主持？", "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and "林晓舟" in response.content.decode()


def test_a_refusal_shows_the_closest_results_and_the_application_route(client, catalog):
    response = client.post("/ask/", {"q": "青禾区第13次常务会议由谁主持？"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "未在已公开信息中找到该问题的答案" in page
    assert 'class="hits"' in page and f'href="{catalog["minutes"].get_absolute_url()}"' in page
    assert 'id="apply"' in page and "依申请公开" in page and "20个工作日" in page
    assert f'href="{reverse("portal:service")}"' in page  # the 服务大厅 column explains it too


def test_without_a_service_column_the_route_is_explained_in_the_page(client, catalog, monkeypatch):
    monkeypatch.setattr(service, "APPLICATION_PAGES", ("portal:no_such_column",))
    page = client.post("/ask/", {"q": "青禾区第13次常务会议由谁主持？"}).content.decode()
    assert "20个工作日" in page and "身份证明" in page
    assert "前往服务大厅" not in page


def test_a_follow_up_keeps_the_context_of_the_conversation(client, catalog):
    first = client.post("/ask/", {"q": "青禾区老旧小区改造三年行动方案管哪几年？"})
    assert "2024—2026年" in first.content.decode()
    second = client.post("/ask/", {"q": "那它是哪个部门提交的？"})
    page = second.content.decode()
    assert "区住建局" in page
    assert "青禾区老旧小区改造三年行动方案管哪几年？" in page  # the conversation so far is shown
    turns = client.session[SESSION_KEY]
    assert [t["question"] for t in turns] == ["青禾区老旧小区改造三年行动方案管哪几年？", "那它是哪个部门提交的？"]
    assert turns[-1]["answer"] == "区住建局"


def test_asking_the_same_question_again_does_not_repeat_it(client, catalog):
    for _ in range(2):
        client.get("/ask/", {"q": "青禾区第12次常务会议由谁主持？"})
    assert len(client.session[SESSION_KEY]) == 1


def test_a_follow_up_in_a_new_session_asks_what_is_meant(client, catalog):
    page = client.post("/ask/", {"q": "那它是哪个部门提交的？"}).content.decode()
    assert UNCLEAR_REFERENCE in page


def test_starting_a_new_conversation_forgets_the_old_one(client, catalog):
    client.post("/ask/", {"q": "青禾区老旧小区改造三年行动方案管哪几年？"})
    response = client.post("/ask/", {"action": "clear"})
    assert response.status_code == 302 and response["Location"] == "/ask/"
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("question", ["", "   ", "？？？！！", "问" * (MAX_QUESTION + 1)])
def test_the_page_turns_away_bad_input_with_a_reason(client, question):
    response = client.post("/ask/", {"q": question})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_page_takes_no_other_methods(client):
    assert client.put("/ask/").status_code == 405


def test_an_answer_from_an_abolished_document_carries_a_warning(client, catalog):
    page = client.get("/ask/", {"q": "青禾区小微企业贷款贴息办法2019年版的文号是什么？"}).content.decode()
    assert "青政办发〔2019〕12号" in page
    assert "qa-validity" in page and "已废止" in page


def test_the_document_in_force_answers_without_a_warning(client, catalog):
    page = client.get("/ask/", {"q": "青禾区小微企业贷款贴息比例是多少？"}).content.decode()
    assert "60%" in page and "qa-validity" not in page


def test_the_ask_box_points_at_the_page():
    from django.template.loader import render_to_string

    html = render_to_string("qa/_askbox.html")
    assert 'action="/ask/"' in html and 'name="q"' in html and 'method="get"' in html


# --- POST /api/ask --------------------------------------------------------------------------------


def post_api(client: Client, body: object) -> tuple[int, dict]:
    response = client.post("/api/ask", json.dumps(body, ensure_ascii=False), content_type="application/json")
    return response.status_code, response.json()


def test_api_answers_and_returns_the_conversation(client, catalog):
    status, data = post_api(client, {"question": "青禾区老旧小区改造三年行动方案管哪几年？"})
    assert status == 200
    assert data["answer"] == "2024—2026年" and data["refused"] is False
    assert data["citations"][0]["url"] == "http://testserver" + catalog["minutes"].get_absolute_url()
    status, follow = post_api(client, {"question": "那它是哪个部门提交的？", "history": data["history"]})
    assert status == 200 and follow["answer"] == "区住建局"
    assert len(follow["history"]) == 2


def test_api_warns_about_an_abolished_document(client, catalog):
    status, data = post_api(client, {"question": "青禾区小微企业贷款贴息办法2019年版的文号是什么？"})
    assert status == 200 and "已废止" in data["validity_note"]
    assert data["citations"][0]["validity"] == "废止"


@pytest.mark.parametrize("question", ["", "  ", "。。。……", "字" * 10_000])
def test_api_rejects_what_is_no_question(client, question):
    status, data = post_api(client, {"question": question})
    assert status == 400
    assert data["error"] == "bad_question" and data["reason"]


def test_api_refusal_is_an_answer_not_an_error(client, catalog):
    status, data = post_api(client, {"question": "青禾区第13次常务会议由谁主持？"})
    assert status == 200 and data["answer"] is None and data["suggestions"]


def test_api_takes_only_post(client):
    assert client.get("/api/ask").status_code == 405


def test_api_is_in_the_openapi_document(client):
    schema = client.get("/api/openapi.json").json()
    assert "post" in schema["paths"]["/api/ask"]
