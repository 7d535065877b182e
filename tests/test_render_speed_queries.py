"""An uncached document page is cheap: one query for a document, four for minutes, and the shortcuts
that make it so (a query compiled once, 相关阅读 written without a template loop, the minutes fetched
up front) show what the page showed before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from gongkai.catalog import actions
from gongkai.catalog.models import Document
from gongkai.catalog.related import reading, refresh_stale
from gongkai.portal import views
from tests import factories as f
from tests.test_minutes_records import publish_minutes, qinghe

pytestmark = pytest.mark.django_db

# 相关阅读 as document.html wrote it before the lines were written in Python.
RELATED_LOOP = Template(
    '{% load portal %}{% for r in related %}<li><a href="{{ r.get_absolute_url }}">{{ r|in_language_html:"title" }}'
    '</a> <time datetime="{{ r.published_date|iso }}">{{ r.published_date|iso }}</time></li>{% endfor %}')


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE = False


def queries(client: Client, url: str) -> tuple[int, str]:
    client.get(url)  # the worker's copies of the site settings, vocabularies and agencies, read once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    # The link back to a public consultation is that app's own query (gongkai.consultations).
    mine = [q for q in captured.captured_queries if '"consultations_' not in q["sql"]]
    return len(mine), response.content.decode()


def test_a_document_page_asks_the_database_once(client):
    ag = f.agency()
    doc = f.document(ag, "关于青禾区社区图书角开放的通知")
    f.document(ag, "关于青禾区社区图书角增设书架的通知")  # marks the first one's list to be chosen again…
    refresh_stale()  # …as the indexer does
    count, html = queries(client, doc.get_absolute_url())
    assert count == 1
    assert "增设书架" in html  # 相关阅读, stored on the document when it changed


def test_a_minutes_page_asks_four_times_and_links_its_departments_and_documents(client):
    ag = qinghe()
    cited = f.document(ag["office"], "青禾区老旧小区改造三年行动计划")
    minutes = publish_minutes(ag["office"])
    count, html = queries(client, minutes.get_absolute_url())
    assert count <= 4  # the document with its record; the items; their departments; their documents
    assert f'href="/decisions/dept/{ag["housing"].pk}/">区住房和城乡建设局</a>' in html
    assert f'<a href="{cited.get_absolute_url()}">《青禾区老旧小区改造三年行动计划》</a>' in html
    assert 'href="/decisions/"' in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_related_reading_lines_are_what_the_template_loop_wrote(language):
    ag = f.agency()
    doc = f.document(ag, "关于青禾区夜间<施工>许可的通知")
    f.document(ag, "关于青禾区夜间施工噪声&投诉处理的通知", title_en="Night works & complaints")
    f.document(ag, "关于青禾区夜间施工时段的通知", day=None)
    related = reading(Document.objects.get(pk=doc.pk))
    assert len(related) >= 2
    with translation.override(language):
        assert views._related_items(related) == RELATED_LOOP.render(Context({"related": related}))


def test_the_compiled_query_builds_the_document_as_the_orm_does():
    minutes = publish_minutes(qinghe()["office"])
    plain = f.document(minutes.agency, "关于青禾区公园开放时间调整的通知")
    for doc in (minutes, plain):
        compiled = views._DOCUMENT.get(doc.pk)
        orm = Document.objects.select_related("meeting").get(pk=doc.pk)
        fields = [field.attname for field in Document._meta.concrete_fields]
        assert [getattr(compiled, n) for n in fields] == [getattr(orm, n) for n in fields]
        assert getattr(compiled, "meeting", None) == getattr(orm, "meeting", None)
        if doc is minutes:
            meeting_fields = [field.attname for field in compiled.meeting._meta.concrete_fields]
            assert ([getattr(compiled.meeting, n) for n in meeting_fields]
                    == [getattr(orm.meeting, n) for n in meeting_fields])
    assert views._DOCUMENT.get(plain.pk + 1000) is None


def test_drafts_withdrawn_and_impossible_ids(client):
    ag = f.agency()
    draft = f.document(ag, "关于青禾区尚未发布事项的通知", publish=False)
    gone = f.document(ag, "关于青禾区已撤回事项的通知")
    actions.withdraw(None, gone, reason="内容有误", system=True)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(gone.get_absolute_url()).status_code == 200  # withdrawn: shown with the notice
    assert client.get("/xxgk/99999999999999999999/").status_code == 404  # no column holds it
    assert client.get("/xxgk/9223372036854775807/").status_code == 404
