"""Minutes as records: stored with their documents, linked to agencies and documents, corrected by staff.

The fixture is minutes of the fictional 青禾区 in the form district governments publish them:
numbered items, 会议原则同意区XX局提出的《…》, and a padded 出席/列席 block at the end.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from gongkai.accounts.models import Agency, AuditEntry
from gongkai.catalog import actions
from gongkai.catalog.models import Document, Term
from gongkai.lib.html import paragraphs_html
from gongkai.minutes import actions as minutes_actions
from gongkai.minutes import records
from gongkai.minutes.models import AgendaItemRecord, Assignment, MeetingRecord, ReferencedDocument
from tests import factories as f

pytestmark = pytest.mark.django_db

TITLE = "青禾区人民政府第9次常务会议纪要"
MINUTES_TEXT = """\
2024年3月12日上午，区长林若川在区行政中心三楼会议室主持召开区政府第9次常务会议，纪要如下：
一、会议审议了《青禾区老旧小区改造三年行动计划》
会议指出，老旧小区改造是重要的民生工程，要坚持居民自愿、因地制宜。
会议要求，区住建局要会同区财政局做好资金保障，发改部门要加强项目统筹。
会议原则同意区住房和城乡建设局提出的《青禾区老旧小区改造三年行动计划》，作进一步修改完善后提请区委常委会审议。
二、会议听取了2023年青禾区食品安全工作情况汇报
会议强调，各地各部门要压紧压实食品安全责任，守牢安全底线。
会议原则同意区市场监管局提出的2023年青禾区食品安全工作情况汇报。
三、会议审议了《青禾区公共停车场管理办法（送审稿）》
会议指出，公共停车场建设管理关系群众出行。
会议原则同意区发改局提出的《青禾区公共停车场管理办法（送审稿）》，作进一步修改完善后印发实施。
出  席：林若川  宋知远  顾   岚  白一鸣
列  席：许   澄  韩   素  周明远
记  录：韩   素
青禾区人民政府办公室整理
2024年3月14日
（此件公开发布）
"""


def minutes_html(text: str = MINUTES_TEXT) -> str:
    return paragraphs_html(text.splitlines())


def qinghe() -> dict[str, Agency]:
    """The district's agencies as the catalog knows them: full names, a few aliases."""
    return {
        "gov": f.agency("青禾区人民政府", code="100000001"),
        "office": f.agency("青禾区人民政府办公室", code="100000002", short_names=["区政府办"]),
        "dev": f.agency("青禾区发展和改革局", code="100000003"),
        "housing": f.agency("青禾区住房和城乡建设局", code="100000004", short_names=["区住建局"]),
        "finance": f.agency("青禾区财政局", code="100000005"),
    }


def publish_minutes(agency: Agency, title: str = TITLE, text: str = MINUTES_TEXT, genre: str | None = "会议纪要",
                    publish: bool = True) -> Document:
    fields = {"genre": Term.resolve(Term.GENRE, genre)} if genre else {}
    return f.document(agency, title, publish=publish, day=dt.date(2024, 3, 15), body_html=minutes_html(text), **fields)


def item(doc: Document, n: int) -> AgendaItemRecord:
    return AgendaItemRecord.objects.get(meeting__document=doc, n=n)


def linked(doc: Document, n: int, role: str) -> dict[str, str | None]:
    rows = Assignment.objects.filter(item__meeting__document=doc, item__n=n, role=role).select_related("agency")
    return {a.name: a.agency.name if a.agency else None for a in rows}


def test_published_minutes_are_stored_as_a_meeting_with_its_items():
    doc = publish_minutes(qinghe()["office"])
    m = MeetingRecord.objects.get(document=doc)
    assert (m.meeting_no, m.meeting_no_int, m.date, m.part_of_day) == ("第9次", 9, dt.date(2024, 3, 12), "上午")
    assert (m.chair, m.location) == ("林若川", "区行政中心三楼会议室")
    assert m.attendees == ["林若川", "宋知远", "顾岚", "白一鸣"]  # padding inside names removed
    assert m.nonvoting == ["许澄", "韩素", "周明远"]
    assert (m.recorder, m.compiled_date, m.truncated) == ("韩素", "2024-03-14", False)
    assert m.parser_version == records.PARSER_VERSION and m.parsed_at is not None
    first, second, third = m.items.order_by("n")
    assert (first.actions, first.documents, first.sponsors) == (["审议"], ["青禾区老旧小区改造三年行动计划"],
                                                              ["区住房和城乡建设局"])
    assert first.decision.startswith("原则同意区住房和城乡建设局提出的《青禾区老旧小区改造三年行动计划》")
    assert (first.decision_kind, first.follow_up, first.year, first.day) == (
        "原则同意", "提请区委常委会审议", 2024, dt.date(2024, 3, 12))
    assert [r["kind"] for r in first.remarks] == ["指出", "要求"]
    assert (second.actions, second.sponsors) == (["听取"], ["区市场监管局"])
    assert third.follow_up == "印发实施"
    assert AuditEntry.objects.filter(action="minutes.parse", object_id=str(m.pk)).exists()


def test_the_record_reads_back_as_the_contract():
    doc = publish_minutes(qinghe()["office"])
    meeting = records.meeting_of(doc.meeting)
    assert meeting.to_json() == records.parse_document(doc).to_json()


def test_drafts_wait_for_publication_and_the_record_comes_with_it():
    doc = publish_minutes(qinghe()["office"], publish=False)
    assert not MeetingRecord.objects.exists()
    actions.publish(None, doc, day=dt.date(2024, 3, 15), system=True)
    assert MeetingRecord.objects.get(document=doc).items.count() == 3


def test_documents_that_are_not_minutes_get_no_record():
    office = qinghe()["office"]
    notice = "<p>根据区政府第3次常务会议精神,现将有关事项通知如下。</p><p>一、做好春季防火工作。</p>"
    f.document(office, "关于做好春季防火工作的通知", body_html=notice, genre=Term.resolve(Term.GENRE, "通知"))
    f.document(office, "关于青禾区试行文件的通知")
    assert not MeetingRecord.objects.exists()


def test_an_unlabelled_report_of_a_numbered_meeting_with_items_is_minutes():
    doc = publish_minutes(qinghe()["office"], title="林若川主持召开区政府常务会议", genre=None)
    assert doc.meeting.meeting_no == "第9次" and doc.meeting.items.count() == 3


def test_sponsors_and_addressed_departments_link_to_agencies_by_name_alias_or_key():
    ag = qinghe()
    doc = publish_minutes(ag["office"])
    assert linked(doc, 1, Assignment.SPONSOR) == {"区住房和城乡建设局": "青禾区住房和城乡建设局"}
    # 区住建局 by alias, 区财政局 and 发改部门 by their department key
    assert linked(doc, 1, Assignment.REMARK) == {
        "区住建局": "青禾区住房和城乡建设局", "区财政局": "青禾区财政局", "发改部门": "青禾区发展和改革局"}
    assert linked(doc, 3, Assignment.SPONSOR) == {"区发改局": "青禾区发展和改革局"}
    assert linked(doc, 2, Assignment.SPONSOR) == {"区市场监管局": None}  # not in the catalog (yet)


def test_an_office_is_not_the_body_it_serves_and_ambiguous_names_link_nothing():
    ag = qinghe()
    index = records.AgencyIndex.load()
    assert index.find("区政府办公室") == ag["office"]
    assert index.find("区政府") == ag["gov"]
    assert index.find("区发改委") == ag["dev"]
    assert index.find("区农业农村局") is None
    f.agency("青禾区发展改革委员会", code="100000009")
    assert records.AgencyIndex.load().find("发改部门") is None  # two agencies answer to it


def test_an_agency_added_or_given_an_alias_later_is_linked_to_earlier_minutes():
    ag = qinghe()
    doc = publish_minutes(ag["office"])
    market = f.agency("青禾区市场监督管理局", code="100000006")
    assert linked(doc, 2, Assignment.SPONSOR) == {"区市场监管局": market.name}
    ag["finance"].short_names = ["区财政局"]
    ag["finance"].save()
    assert linked(doc, 1, Assignment.REMARK)["区财政局"] == ag["finance"].name


def test_titles_link_to_catalog_documents_published_before_or_after():
    office = qinghe()["office"]
    rule = f.document(office, "青禾区人民政府办公室关于印发《青禾区公共停车场管理办法》的通知")
    doc = publish_minutes(office)
    assert ReferencedDocument.objects.get(item=item(doc, 3)).document == rule  # draft mark ignored
    assert ReferencedDocument.objects.get(item=item(doc, 1)).document is None
    plan = f.document(office, "青禾区老旧小区改造三年行动计划")
    assert ReferencedDocument.objects.get(item=item(doc, 1)).document == plan
    assert item(doc, 1).document_links() == [("青禾区老旧小区改造三年行动计划", plan)]


def test_a_changed_document_is_parsed_again():
    doc = publish_minutes(qinghe()["office"])
    changed = MINUTES_TEXT.replace("印发实施", "报市政府备案")
    actions.update_document(None, doc, {"body_html": minutes_html(changed)}, system=True)
    assert item(doc, 3).follow_up == "报市政府备案"


def correct(doc: Document) -> tuple[MeetingRecord, User]:
    """A clerk's corrections: the chair, the first item's decision, a removed item."""
    editor = f.staff("clerk", doc.agency)
    record = minutes_actions.correct_meeting(editor, doc.meeting, {"chair": "林若川同志"})
    minutes_actions.correct_item(editor, item(doc, 1), {"decision": "原则同意,修改后提请区委常委会审议"})
    minutes_actions.remove_item(editor, item(doc, 2))
    return record, editor


def test_corrections_survive_a_reparse():
    doc = publish_minutes(qinghe()["office"])
    correct(doc)
    changed = MINUTES_TEXT.replace("林若川", "宋知远").replace("三楼会议室", "五楼会议室").replace("印发实施", "报市政府备案")
    actions.update_document(None, doc, {"body_html": minutes_html(changed)}, system=True)
    record = MeetingRecord.objects.get(document=doc)
    assert record.chair == "林若川同志"  # corrected: kept
    assert record.location == "区行政中心五楼会议室"  # not corrected: follows the page
    assert sorted(record.corrected_fields) == ["chair", "items"]
    assert item(doc, 1).decision == "原则同意,修改后提请区委常委会审议"
    assert item(doc, 1).corrected_fields == ["decision"]
    assert not record.items.filter(n=2).exists()  # removed by staff: not parsed back
    assert item(doc, 3).follow_up == "报市政府备案"
    assert AuditEntry.objects.filter(action="minutes.correct").count() == 3


def test_a_corrected_record_outlives_its_document_leaving_the_minutes_genre():
    doc = publish_minutes(qinghe()["office"])
    correct(doc)
    notice = {"title": "关于调整会议安排的通知", "genre": Term.resolve(Term.GENRE, "通知"),
              "body_html": "<p>会议安排调整如下。</p>"}
    actions.update_document(None, doc, notice, system=True)
    assert MeetingRecord.objects.filter(document=doc).exists()
    other = publish_minutes(doc.agency, title="青禾区人民政府第10次常务会议纪要")
    actions.update_document(None, other, notice, system=True)
    assert not MeetingRecord.objects.filter(document=other).exists()


def test_withdrawn_minutes_keep_their_record_but_leave_the_register():
    doc = publish_minutes(qinghe()["office"])
    assert AgendaItemRecord.objects.public().count() == 3
    actions.withdraw(None, doc, reason="内容有误", system=True)
    assert MeetingRecord.objects.filter(document=doc).exists()
    assert AgendaItemRecord.objects.public().count() == 0


def test_a_parser_failure_does_not_stop_publication(monkeypatch):
    def broken(text: str) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr("gongkai.minutes.parser.parse_minutes", broken)
    doc = publish_minutes(qinghe()["office"])
    assert doc.status == Document.PUBLISHED and not MeetingRecord.objects.exists()


def test_a_failure_to_store_rolls_back_the_publication(monkeypatch):
    doc = publish_minutes(qinghe()["office"], publish=False)

    def failing(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(records, "store", failing)
    with pytest.raises(RuntimeError):
        actions.publish(None, doc, system=True)
    assert Document.objects.get(pk=doc.pk).status == Document.DRAFT


def test_a_renumbered_item_is_not_parsed_back_as_a_second_copy():
    doc = publish_minutes(qinghe()["office"])
    minutes_actions.correct_item(None, item(doc, 3), {"n": 4}, system=True)
    records.refresh(Document.objects.get(pk=doc.pk))
    assert list(doc.meeting.items.values_list("n", flat=True)) == [1, 2, 4]
    assert "items" in MeetingRecord.objects.get(document=doc).corrected_fields
