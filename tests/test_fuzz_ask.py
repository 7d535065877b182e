"""Property: 智能问答 answers, refuses or says why the input is no question — for any text, through the
function, the /ask/ page and POST /api/ask; never a 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from gongkai.qa import service
from gongkai.qa.answer import input_problem
from gongkai.search import indexing
from tests import factories as f
from tests.fuzzing import any_text, bounded

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_BACKEND = "tantivy"
    settings.LLM_URL = ""
    settings.PAGE_CACHE = False
    indexing.reader.cache_clear()
    office = f.agency()
    f.document(office, "青禾区政府第12次常务会议纪要", body_html=(
        "<p>2024年5月6日上午，区长林晓舟主持召开区政府第12次常务会议。</p><p>一、会议审议了《青禾区老旧小区改造方案》</p>"
        "<p>会议原则同意区住建局提交的方案。</p>"))
    f.document(office, "青禾区小微企业贷款贴息办法", doc_no="青政办发〔2023〕8号",
               body_html="<p>第五条 贴息比例为贷款利息的60%。</p>")
    indexing.catch_up()
    yield
    indexing.reader.cache_clear()


@bounded(120)
@given(any_text)
def test_any_question_is_answered_refused_or_explained(catalog, question):
    if input_problem(question) is None:
        result = service.ask(question)
        assert result.refused or result.answer


@bounded(80)
@given(any_text, st.lists(st.fixed_dictionaries({"question": any_text, "answer": st.one_of(st.none(), any_text)}),
                          max_size=3))
def test_the_api_never_answers_with_a_server_error(catalog, question, history):
    client = Client(raise_request_exception=False)
    body = json.dumps({"question": question, "history": history})
    assert client.post("/api/ask", body, content_type="application/json").status_code in (200, 400, 422)
    assert client.get("/ask/", {"q": question.encode("utf-8", "surrogatepass")}).status_code in (200, 400)
