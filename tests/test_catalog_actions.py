"""Catalog actions: revisions, status rows, audit, index numbers, validity, scoping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts.models import AuditEntry, Membership
from gongkai.catalog import actions
from gongkai.catalog.models import Document, Revision, SiteSettings, StatusChange
from gongkai.search.models import OutboxEntry
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_publish_allocates_national_index_numbers_in_sequence():
    ag = f.agency(code="014133058")
    a = f.document(ag, "甲", day=dt.date(2024, 1, 25))
    b = f.document(ag, "乙", day=dt.date(2024, 2, 1))
    c = f.document(ag, "丙", day=dt.date(2025, 1, 3))
    assert (a.index_no, b.index_no, c.index_no) == (
        "014133058/2024-00001", "014133058/2024-00002", "014133058/2025-00001")


def test_index_number_of_a_uscc_agency_uses_the_embedded_organization_code():
    ag = f.agency(code="11441700007280420Y")
    assert f.document(ag, day=dt.date(2021, 5, 1)).index_no == "007280420/2021-00001"


def test_index_form_is_a_site_setting():
    settings = SiteSettings.get()
    settings.index_format = "{prefix}-{year}{month:02d}-{serial:06d}"
    settings.save()
    ag = f.agency(code="014133058")
    assert f.document(ag, day=dt.date(2024, 7, 9)).index_no == "014133058-202407-000001"


def test_imported_index_number_is_kept_and_new_serials_skip_past_it():
    ag = f.agency(code="014133058")
    doc = actions.create_document(None, ag, {"title": "旧文件"}, system=True)
    doc = actions.publish(None, doc, index_no="014133058/2024-00008", day=dt.date(2024, 1, 25), system=True)
    assert doc.index_no == "014133058/2024-00008"
    assert f.document(ag, "新文件", day=dt.date(2024, 3, 1)).index_no == "014133058/2024-00009"


def test_index_number_never_changes_after_publication():
    ag = f.agency()
    doc = f.document(ag)
    number = doc.index_no
    actions.update_document(None, doc, {"title": "改过的标题"}, system=True)
    doc = actions.withdraw(None, doc, reason="内容有误", system=True)
    doc = actions.publish(None, doc, system=True)
    doc.refresh_from_db()
    assert doc.index_no == number


def test_every_change_appends_a_revision_a_status_row_and_an_audit_entry():
    ag = f.agency()
    doc = f.document(ag)
    actions.update_document(None, doc, {"summary": "新概述"}, note="补充概述", system=True)
    actions.withdraw(None, doc, reason="已被新文件替代", system=True)
    assert list(Revision.objects.filter(document=doc).values_list("number", flat=True)) == [1, 2]
    assert [s.status for s in StatusChange.objects.filter(document=doc)] == ["draft", "published", "withdrawn"]
    assert StatusChange.objects.filter(document=doc).last().reason == "已被新文件替代"
    actions_logged = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"document.create", "document.publish", "document.update", "document.withdraw"} <= actions_logged
    assert OutboxEntry.objects.filter(document_id=doc.pk).count() >= 4


def test_an_update_that_changes_nothing_leaves_no_trace():
    doc = f.document(f.agency())
    before = (Revision.objects.count(), AuditEntry.objects.count())
    actions.update_document(None, doc, {"title": doc.title}, system=True)
    assert (Revision.objects.count(), AuditEntry.objects.count()) == before


def test_revisions_are_immutable():
    doc = f.document(f.agency())
    rev = doc.revisions.first()
    rev.note = "篡改"
    with pytest.raises(ValidationError):
        rev.save()
    with pytest.raises(ValidationError):
        rev.delete()


def test_validity_is_derived_from_dates_on_the_day_asked():
    doc = f.document(f.agency(), abolished_date=dt.date(2025, 6, 30))
    assert doc.validity_on(dt.date(2025, 6, 29)) == "有效"
    assert doc.validity_on(dt.date(2025, 6, 30)) == "废止"
    doc.expires_date, doc.abolished_date = dt.date(2024, 12, 31), None
    assert doc.validity_on(dt.date(2025, 1, 1)) == "失效"


def test_body_html_is_sanitized_and_its_text_kept():
    doc = f.document(f.agency(), body_html='<p onclick="x()">第一段</p><script>alert(1)</script><p>第二段</p>')
    assert "script" not in doc.body_html and "onclick" not in doc.body_html
    assert doc.body_text == "第一段\n第二段"


def test_clerk_cannot_publish_and_outsider_cannot_edit():
    ag, other = f.agency(), f.agency("青禾区财政局", "987654321")
    clerk = f.staff("clerk", ag, Membership.CLERK)
    publisher = f.staff("publisher", ag, Membership.PUBLISHER)
    outsider = f.staff("outsider", other, Membership.PUBLISHER)
    doc = actions.create_document(clerk, ag, {"title": "草稿"})
    with pytest.raises(PermissionDenied):
        actions.publish(clerk, doc)
    with pytest.raises(PermissionDenied):
        actions.update_document(outsider, doc, {"title": "越权修改"})
    with pytest.raises(PermissionDenied):
        actions.create_document(outsider, ag, {"title": "越权新建"})
    doc = actions.publish(publisher, doc)
    assert doc.status == Document.PUBLISHED
    assert doc.status_changes.last().actor == publisher


def test_withdraw_needs_a_reason_and_a_published_document():
    doc = f.document(f.agency(), publish=False)
    with pytest.raises(ValidationError):
        actions.withdraw(None, doc, reason="", system=True)
    with pytest.raises(ValidationError):
        actions.withdraw(None, doc, reason="理由", system=True)


def test_a_failed_action_writes_nothing():
    ag = f.agency()
    before = (Document.objects.count(), OutboxEntry.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError):
        actions.create_document(None, ag, {"title": "  "}, system=True)
    assert (Document.objects.count(), OutboxEntry.objects.count(), AuditEntry.objects.count()) == before


def test_moving_a_document_to_another_agency_is_a_change():
    doc = f.document(f.agency())
    other = f.agency("青禾区财政局", "987654321")
    before = Revision.objects.count()
    actions.update_document(None, doc, {"agency": other}, system=True)
    doc.refresh_from_db()
    assert doc.agency == other and Revision.objects.count() == before + 1
