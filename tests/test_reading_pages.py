"""The portal's reading pages as a reader meets them (server side; the layout is in tests/browser):
the document body without its repeated title, the decisions register's filters and empty cells,
退出长者模式 in the top bar, the print page's header and footer, and the 智能问答 page."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from django.conf import settings
from django.utils import timezone

from gongkai.minutes.models import AgendaItemRecord
from gongkai.qa import service
from gongkai.qa.contract import Answer
from gongkai.qa.views import LOW_CONFIDENCE, SESSION_KEY
from tests import factories as f
from tests.test_minutes_pages import district  # noqa: F401 (fixture: two meetings' minutes)
from tests.test_qa_product import catalog, index_dir  # noqa: F401 (fixtures: a small indexed catalog)

pytestmark = pytest.mark.django_db

TITLE = "青禾区人民政府办公室关于做好春季植树工作的通知"
BODY = f"<p>{TITLE}</p><p>各镇人民政府，区各部门：</p><p>现将有关事项通知如下。</p>"


def get(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- the document ---------------------------------------------------------------------------------
def test_the_document_page_and_print_page_show_the_title_once(client):
    doc = f.document(f.agency(), TITLE, body_html=BODY)
    for url in (doc.get_absolute_url(), f"{doc.get_absolute_url()}print/"):
        html = get(client, url)
        body = html[html.index('class="doc-body"'):]
        assert TITLE not in body and "<p>各镇人民政府，区各部门：</p>" in body


def test_the_print_page_names_the_site_the_address_and_the_day(client):
    doc = f.document(f.agency(), TITLE, body_html=BODY)
    html = get(client, f"{doc.get_absolute_url()}print/")
    from gongkai.catalog.models import SiteSettings

    assert f'<p class="print-site">{SiteSettings.get().site_name}</p>' in html
    assert settings.SITE_URL + doc.get_absolute_url() in html
    today = timezone.localdate().isoformat()
    assert f'打印日期：<time datetime="{today}">{today}</time>' in html


# --- 长者模式 -----------------------------------------------------------------------------------------
def test_elderly_mode_can_be_left_from_the_top_bar(client):
    assert "退出长者模式" not in get(client, "/")
    client.cookies["a11y_mode"] = "elderly"
    html = get(client, "/")
    link = re.search(r'<li class="exit-elderly"><a href="([^"]+)"', html)
    assert link and "elderly-mode" in html
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response.status_code == 302 and response.cookies["a11y_mode"].value == "standard"
    assert "退出长者模式" not in get(client, "/")


# --- the decisions register -------------------------------------------------------------------------
def test_each_filter_is_a_label_above_its_control(client, district):  # noqa: F811
    html = get(client, "/decisions/")
    start = html.index('<form class="register-filters"')
    form = html[start:html.index("</form>", start)]
    fields = re.findall(r'<div class="filter-field"><label for="(f-[a-z]+)">[^<]+</label>\s*<select id="\1"',
                        form)
    assert fields == ["f-dept", "f-year", "f-kind", "f-follow"]
    assert re.search(r"（\d+）</option>", form)  # counts in full-width brackets


def test_no_cell_of_the_register_is_left_empty(client, district):  # noqa: F811
    AgendaItemRecord.objects.filter(pk=AgendaItemRecord.objects.first().pk).update(
        decision="", decision_kind="", follow_up="")
    html = get(client, "/decisions/")
    table = html[html.index('<table class="doctable register">'):html.index("</table>")]
    assert not re.search(r"<td[^>]*>\s*</td>", table)
    assert '<span aria-hidden="true">—</span><span class="visually-hidden">未载明</span>' in table
    assert table.count("未载明") >= 2  # the decision and the next step of the emptied item


# --- 智能问答 -------------------------------------------------------------------------------------------
QUESTION = "青禾区第12次常务会议由谁主持？"
SECOND = "青禾区老旧小区改造三年行动方案管哪几年？"


def test_the_question_stays_in_the_box_after_the_answer(client, catalog):  # noqa: F811
    html = client.post("/ask/", {"q": QUESTION}).content.decode()
    assert re.search(r'<textarea id="qa-q"[^>]*>' + re.escape(QUESTION) + "</textarea>", html)
    assert 'for="qa-q"' in html


def test_the_newest_answer_comes_first(client, catalog):  # noqa: F811
    client.post("/ask/", {"q": QUESTION})
    html = client.post("/ask/", {"q": SECOND}).content.decode()
    assert html.index('id="qa-result-h"') < html.index('id="qa-history-h"')  # this answer, then before
    result = html.index('id="qa-result-h"')
    assert html.index(SECOND, result) < html.index(QUESTION, result)
    client.post("/ask/", {"q": "青禾区2023年收到多少件政府信息公开申请？"})
    page = get(client, "/ask/")
    history = page[page.index('id="qa-history-h"'):]
    assert [t["question"] for t in client.session[SESSION_KEY]][::-1] == [
        q for q in ("青禾区2023年收到多少件政府信息公开申请？", SECOND, QUESTION) if q in history]
    assert history.index("青禾区2023年") < history.index(SECOND) < history.index(QUESTION)


def test_a_low_confidence_answer_says_it_is_only_for_reference(client, catalog, monkeypatch):  # noqa: F811
    real = service.ask(QUESTION)
    assert not real.refused and real.confidence >= LOW_CONFIDENCE
    assert "答案仅供参考" not in client.post("/ask/", {"q": QUESTION}).content.decode()
    monkeypatch.setattr(service, "ask", lambda q, h=(): replace(real, confidence=LOW_CONFIDENCE - 0.2))
    html = client.post("/ask/", {"q": QUESTION}).content.decode()
    assert '<p class="qa-low" role="note">答案仅供参考' in html


def test_a_refusal_is_not_called_an_answer_for_reference(client, monkeypatch):
    refused = Answer(question="问", answer=None, citations=[], confidence=0.1,
                     message="未在已公开信息中找到该问题的答案。")
    monkeypatch.setattr(service, "ask", lambda q, h=(): refused)
    monkeypatch.setattr(service, "closest", lambda q: [])
    assert "答案仅供参考" not in client.post("/ask/", {"q": "某某是什么？"}).content.decode()


def test_example_questions_come_from_the_published_minutes(client, district):  # noqa: F811
    html = get(client, "/ask/")
    section = html[html.index('id="qa-examples-h"'):]
    examples = re.findall(r'<li><a href="\?q=[^"]+">([^<]+)</a></li>', section)
    assert examples and all(e.endswith("？") for e in examples)
    item = AgendaItemRecord.objects.public().exclude(documents=[]).order_by("-day", "n").first()
    assert f"《{item.documents[0]}》是哪个部门提出的？" in examples
    assert any(e.startswith(f"{item.meeting.body}{item.meeting.meeting_no}") for e in examples)


def test_without_minutes_only_the_generic_forms_are_offered(client):
    html = get(client, "/ask/")
    assert 'id="qa-examples-h"' not in html and "例如：某次常务会议由谁主持？" in html


def test_citations_keep_their_links_in_the_answer(client, catalog):  # noqa: F811
    html = client.post("/ask/", {"q": QUESTION}).content.decode()
    assert f'出处：<a href="{catalog["minutes"].get_absolute_url()}">' in html


# --- what the pages say, rendered -------------------------------------------------------------------
PAGES = ["/", "/xxgk/", "/decisions/", "/ask/", "/a11y/", "/service/", "/about/", "/mobile/", "/interaction/",
         "/accounts/login/", "/accounts/register/", "/search/?q=会议", "/zh-hant/", "/zh-hant/decisions/"]


def visible_text(html: str) -> str:
    """The page's interface text: without scripts, styles, literal code and the documents' own words."""
    html = re.sub(r"(?s)<(script|style|code|pre)\b.*?</\1>", " ", html)
    html = re.sub(r'(?s)<div class="doc-body".*?</div>', " ", html)
    attrs = " ".join(re.findall(r'(?:placeholder|title|aria-label|alt)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", "", html) + " " + attrs


def test_no_page_says_anything_with_half_width_punctuation_next_to_chinese(client, district):  # noqa: F811
    from tests.test_typography import BAD

    pages = PAGES + [district["this"].get_absolute_url(), f"{district['this'].get_absolute_url()}print/"]
    found = {}
    for url in pages:
        text = visible_text(get(client, url))
        hits = [text[max(0, m.start() - 10):m.end() + 10] for m in BAD.finditer(text)]
        if hits:
            found[url] = hits
    assert found == {}


def test_english_pages_keep_english_punctuation(client, district):  # noqa: F811
    """The full-width marks placed between words and values ({% trans "：" %}) read ": " in English."""
    from django.utils import translation

    with translation.override(translation.get_language()):
        for url in ("/en/", "/en/decisions/", f"/en{district['this'].get_absolute_url()}print/"):
            html = re.sub(r'(?s)<span lang="zh-Hans">.*?</span>', " ", get(client, url))
            text = visible_text(html)
            assert not re.findall(r".{0,12}[：（），；].{0,12}", text), url
