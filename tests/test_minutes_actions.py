"""Staff corrections of parsed minutes through `minutes.actions` (a fictional 青禾区's meeting):
the permission check, one transaction, the audit row, and nothing written when nothing changed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts.models import AuditEntry
from gongkai.minutes import actions
from gongkai.minutes.models import AgendaItemRecord, MeetingRecord
from tests import factories as f
from tests.test_minutes_records import item, publish_minutes, qinghe

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes():
    agencies = qinghe()
    doc = publish_minutes(agencies["office"])
    return doc, agencies


def corrections() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="minutes.correct").order_by("id"))


def test_a_clerk_corrects_the_meeting_and_the_audit_names_the_field(minutes):
    doc, _ = minutes
    clerk = f.staff("clerk", doc.agency)
    record = actions.correct_meeting(clerk, doc.meeting, {"chair": "林若川同志", "location": doc.meeting.location})
    stored = MeetingRecord.objects.get(pk=record.pk)
    assert stored.chair == "林若川同志" and stored.corrected_fields == ["chair"]  # location did not change
    (entry,) = corrections()
    assert entry.actor == clerk and "chair" in entry.summary


def test_a_clerk_of_another_agency_is_refused_and_nothing_changes(minutes):
    doc, agencies = minutes
    outsider = f.staff("outsider", agencies["finance"])
    with pytest.raises(PermissionDenied):
        actions.correct_meeting(outsider, doc.meeting, {"chair": "顾岚"})
    with pytest.raises(PermissionDenied):
        actions.correct_item(outsider, item(doc, 1), {"decision": "不同意"})
    with pytest.raises(PermissionDenied):
        actions.remove_item(outsider, item(doc, 2))
    with pytest.raises(PermissionDenied):
        actions.add_item(None, doc.meeting, {"n": 4, "title": "其他事项"})  # nobody signed in
    assert MeetingRecord.objects.get(document=doc).chair == "林若川"
    assert AgendaItemRecord.objects.filter(meeting__document=doc).count() == 3 and corrections() == []


def test_nothing_changed_writes_no_audit_row(minutes):
    doc, _ = minutes
    clerk = f.staff("clerk", doc.agency)
    actions.correct_item(clerk, item(doc, 1), {"title": item(doc, 1).title})
    assert item(doc, 1).corrected_fields == [] and corrections() == []


def test_a_failure_midway_rolls_the_whole_correction_back(minutes, monkeypatch):
    doc, _ = minutes
    clerk = f.staff("clerk", doc.agency)

    def broken(*args: object) -> None:
        raise RuntimeError("link table locked")

    monkeypatch.setattr(actions, "relink_item", broken)
    with pytest.raises(RuntimeError):
        actions.correct_item(clerk, item(doc, 1), {"sponsors": ["区财政局"], "n": 5})
    first = item(doc, 1)
    assert first.sponsors == ["区住房和城乡建设局"] and first.corrected_fields == []
    assert "items" not in MeetingRecord.objects.get(document=doc).corrected_fields and corrections() == []


def test_added_and_removed_items_are_staffs_and_audited(minutes):
    doc, agencies = minutes
    clerk = f.staff("clerk", doc.agency)
    added = actions.add_item(clerk, doc.meeting, {"n": 4, "title": "研究了青禾区防汛工作", "sponsors": ["区财政局"],
                                                  "actions": ["研究"], "documents": [], "decision": ""})
    assert set(added.corrected_fields) == set(actions.ITEM_FIELDS)
    assert added.assignments.get().agency == agencies["finance"]  # linked like a parsed item
    actions.remove_item(clerk, item(doc, 2))
    assert "items" in MeetingRecord.objects.get(document=doc).corrected_fields
    assert [e.summary[:4] for e in corrections()] == ["新增议题", "删除议题"]


def test_only_correctable_fields_are_taken(minutes):
    doc, _ = minutes
    with pytest.raises(ValidationError):
        actions.correct_meeting(None, doc.meeting, {"parser_version": "x"}, system=True)


def test_a_corrected_fact_is_never_answered_from_the_view_cut_before():
    from dataclasses import replace

    from gongkai.qa.contract import FactRecord, SourceDoc
    from gongkai.qa.passages import view

    doc = SourceDoc(doc_id=9, index_no=None, title="青禾区政府第9次常务会议纪要", url="/xxgk/9/",
                    body="区长林若川主持召开会议。", metadata={"发布机构": "青禾区政府办"},
                    records=(FactRecord("会议", "chair", "林若川", "区长林若川主持召开会议"),))
    before = view(doc)
    corrected = replace(doc, records=(FactRecord("会议", "chair", "林若川同志", "区长林若川主持召开会议"),))
    assert view(corrected) is not before and view(doc) is before
    assert view(replace(doc, metadata={"发布机构": "青禾区人民政府办公室"})) is not before
