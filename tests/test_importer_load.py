"""The importer records which catalog fields an imported page itself showed (a fictional 青山县's pages),
so that 智能问答 never answers with what the catalog filled in."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.importer.extract import PageRecord
from gongkai.importer.load import UNKNOWN_PUBLISHER, save_record, stated_fields
from gongkai.qa.retrieval import metadata_of, stated_publication

pytestmark = pytest.mark.django_db


def page(**fields: object) -> PageRecord:
    base = {"source": "page.json", "url": "https://qingshan.example.gov.cn/xxgk/1.html",
            "title": "青山县老年人助餐服务管理办法", "body_html": "<p>第一条 为规范老年人助餐服务，制定本办法。</p>"}
    return PageRecord(**{**base, **fields})


def test_a_bare_page_states_only_its_title_and_the_catalog_fills_in_the_rest():
    doc = save_record(page(doc_no="青民发〔2025〕6号")).document
    assert doc.stated_fields == ["title", "doc_no"]
    assert doc.agency.name == UNKNOWN_PUBLISHER and doc.index_no and doc.published_date  # filled in
    assert not doc.states("agency") and not doc.states("published_date") and doc.states("doc_no")
    meta = metadata_of(doc)
    assert meta["文件编号"] == "青民发〔2025〕6号"
    assert not {"发布机构", "发布日期", "索引号", "有效性"} & set(meta)
    assert stated_publication(doc) is None


def test_a_full_block_states_every_field_it_shows_and_a_reimport_updates_the_list():
    doc = save_record(page()).document
    full = page(index_no="QS0101/2025-00012", publisher="青山县民政局", published=dt.date(2025, 4, 8),
                created=dt.date(2025, 4, 2), validity="有效", topic="民政、扶贫、救灾")
    again = save_record(full).document
    assert again.pk == doc.pk
    assert set(again.stated_fields) == {"title", "index_no", "agency", "published_date", "created_date", "validity",
                                        "topic"}
    meta = metadata_of(again)
    assert meta["发布机构"] == "青山县民政局" and meta["发布日期"] == "2025-04-08" and meta["有效性"] == "有效"
    assert again.revisions.count() == 2 and again.current_revision.content["stated_fields"] == again.stated_fields


def test_a_title_taken_from_the_first_sentence_is_not_stated():
    record = page(publisher="  ")
    record.title_derived = True
    assert stated_fields(record) == []


def test_a_document_written_here_states_every_field(tmp_path):
    from tests import factories as f

    native = f.document(f.agency("青山县教育局", code="987654321"), "青山县课后服务实施方案", day=dt.date(2025, 5, 1))
    assert native.stated_fields is None and native.states("agency")
    assert metadata_of(native)["发布日期"] == "2025-05-01"


def test_what_staff_set_on_an_imported_document_is_stated_from_then_on():
    from gongkai.catalog import actions
    from tests import factories as f

    doc = save_record(page()).document
    office = f.agency("青山县民政局", code="113300000000000001")
    disclosure_office = f.staff("office", office, role="office")
    actions.update_document(disclosure_office, doc, {"agency": office}, note="补充发布机构")
    doc.refresh_from_db()
    assert doc.stated_fields == ["title", "agency"] and metadata_of(doc)["发布机构"] == "青山县民政局"
    actions.update_document(None, doc, {"summary": "助餐服务"}, system=True)  # a re-import states nothing new
    doc.refresh_from_db()
    assert doc.stated_fields == ["title", "agency"]
