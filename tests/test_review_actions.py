"""The review workflow's actions: the chain, different people per step, 保密审查 decisions, scheduling."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from gongkai.accounts.models import AuditEntry, Membership
from gongkai.catalog import actions as catalog
from gongkai.catalog.models import Attachment, Document, SiteSettings
from gongkai.review import actions, scheduling
from gongkai.review.models import ReviewChain, ReviewRequest, ReviewStep, SensitivityCheck
from tests import factories as f
from tests.test_sensitive import make_id

pytestmark = pytest.mark.django_db

FAKE_ID = make_id("99000019800101123")
BODY = f"<p>经核实,申请人张小明(身份证号:{FAKE_ID})的申请已办结。</p>"


@pytest.fixture
def team():
    ag = f.agency()
    chain = ReviewChain.objects.create(agency=ag, steps=3)
    people = {
        "clerk": f.staff("clerk", ag),
        "reviewer": f.staff("reviewer", ag),
        "publisher": f.staff("publisher", ag, Membership.PUBLISHER),
        "publisher2": f.staff("publisher2", ag, Membership.PUBLISHER),
        "outsider": f.staff("outsider", f.agency("青禾区某局", code="987654321"), Membership.PUBLISHER),
    }
    chain.reviewers.add(people["reviewer"])
    return ag, people


def draft(ag, clerk, body: str = "<p>现将有关事项通知如下。</p>") -> Document:
    return catalog.create_document(clerk, ag, {"title": "关于试行事项的通知", "body_html": body})


def test_three_steps_each_by_another_person_end_in_publication(team):
    ag, p = team
    doc = draft(ag, p["clerk"])
    request = actions.submit(p["clerk"], doc, "请审核")
    assert request.stage == "review"
    with pytest.raises(PermissionDenied):
        actions.approve(p["clerk"], request)  # a clerk is no reviewer
    actions.approve(p["reviewer"], request, "同意")
    with pytest.raises(PermissionDenied):
        actions.publish(p["reviewer"], doc)  # 审批/发布 is a publisher's step
    done = actions.publish(p["publisher"], doc, comment="同意发布")
    doc.refresh_from_db()
    assert done.status == ReviewRequest.PUBLISHED and doc.status == Document.PUBLISHED and doc.index_no
    steps = list(done.steps.values_list("stage", "action", "actor__username"))
    assert steps == [("draft", "submit", "clerk"), ("review", "approve", "reviewer"),
                     ("approve", "publish", "publisher")]
    trail = list(AuditEntry.objects.filter(object_id=str(doc.pk)).order_by("at", "id")
                 .values_list("action", "actor__username"))
    assert trail == [("document.create", "clerk"), ("review.submit", "clerk"), ("review.approve", "reviewer"),
                     ("review.publish", "publisher"), ("document.publish", "publisher")]


def test_the_same_person_never_takes_two_steps_in_a_row(team):
    ag, p = team
    doc = draft(ag, p["publisher"])
    request = actions.submit(p["publisher"], doc)
    with pytest.raises(PermissionDenied, match="另一人"):
        actions.approve(p["publisher"], request)
    actions.approve(p["publisher2"], request)
    with pytest.raises(PermissionDenied, match="另一人"):
        actions.publish(p["publisher2"], doc)
    actions.publish(p["publisher"], doc)
    assert Document.objects.get(pk=doc.pk).status == Document.PUBLISHED


def test_a_two_step_chain_goes_from_draft_to_the_publisher(team):
    ag, p = team
    ReviewChain.objects.filter(agency=ag).update(steps=2)
    doc = draft(ag, p["clerk"])
    request = actions.submit(p["clerk"], doc)
    assert request.stage == "approve"
    with pytest.raises(ValidationError):
        actions.approve(p["reviewer"], request)  # no 审核 step in this chain
    actions.publish(p["publisher"], doc)
    assert Document.objects.get(pk=doc.pk).status == Document.PUBLISHED


def test_catalog_publish_refuses_what_the_chain_has_not_approved(team):
    ag, p = team
    doc = draft(ag, p["clerk"])
    with pytest.raises(ValidationError, match="审核"):
        catalog.publish(p["publisher"], doc)
    request = actions.submit(p["clerk"], doc)
    actions.approve(p["reviewer"], request)
    with pytest.raises(ValidationError):
        catalog.publish(p["publisher"], doc)  # approved, but only the workflow's publish step publishes
    assert Document.objects.get(pk=doc.pk).status == Document.DRAFT
    assert not AuditEntry.objects.filter(action="document.publish").exists()


def test_an_agency_without_a_chain_publishes_in_one_step_until_the_site_requires_review():
    ag = f.agency()
    clerk, publisher = f.staff("clerk", ag), f.staff("publisher", ag, Membership.PUBLISHER)
    first = draft(ag, clerk)
    catalog.publish(publisher, first)
    settings = SiteSettings.get()
    settings.review_required = True
    settings.save()
    assert ReviewChain.steps_for(ag.pk) == 3
    second = draft(ag, clerk)
    with pytest.raises(ValidationError, match="起草 → 审核 → 审批/发布"):
        catalog.publish(publisher, second)
    ReviewChain.objects.create(agency=ag, steps=1)
    assert ReviewChain.steps_for(ag.pk) == 2  # required site-wide: never fewer than two steps


def test_send_back_needs_a_comment_and_returns_the_document_to_its_drafter(team):
    ag, p = team
    doc = draft(ag, p["clerk"])
    request = actions.submit(p["clerk"], doc)
    with pytest.raises(ValidationError):
        actions.send_back(p["reviewer"], request, "  ")
    actions.send_back(p["reviewer"], request, "请删去个人信息")
    request.refresh_from_db()
    assert (request.status, request.stage) == (ReviewRequest.SENT_BACK, "draft")
    with pytest.raises(ValidationError):
        actions.publish(p["publisher"], doc)
    catalog.update_document(p["clerk"], doc, {"summary": "已修改"})
    again = actions.submit(p["clerk"], doc, "已按意见修改")
    assert again.pk == request.pk and again.status == ReviewRequest.IN_PROGRESS
    assert again.revision_id == Document.objects.get(pk=doc.pk).current_revision_id
    assert AuditEntry.objects.filter(action="review.send_back", actor=p["reviewer"],
                                     summary__contains="请删去个人信息").exists()


def test_a_change_after_submission_must_be_submitted_again(team):
    ag, p = team
    doc = draft(ag, p["clerk"])
    request = actions.submit(p["clerk"], doc)
    catalog.update_document(p["clerk"], doc, {"summary": "送审后又改"})
    with pytest.raises(ValidationError, match="重新提交"):
        actions.approve(p["reviewer"], request)


def test_outsiders_can_take_no_step(team):
    ag, p = team
    doc = draft(ag, p["clerk"])
    with pytest.raises(PermissionDenied):
        actions.submit(p["outsider"], doc)
    request = actions.submit(p["clerk"], doc)
    for verb in (lambda: actions.approve(p["outsider"], request),
                 lambda: actions.send_back(p["outsider"], request, "不行"),
                 lambda: actions.cancel(p["outsider"], request)):
        with pytest.raises(PermissionDenied):
            verb()
    assert request.steps.count() == 1


def test_only_one_open_request_per_document(team):
    ag, p = team
    doc = draft(ag, p["clerk"])
    actions.submit(p["clerk"], doc)
    with pytest.raises(ValidationError):
        actions.submit(p["clerk"], doc)
    assert ReviewRequest.objects.filter(document=doc).count() == 1


# --- 保密审查 ------------------------------------------------------------------------------------

def _through_review(ag, p, doc):
    request = actions.submit(p["clerk"], doc)
    actions.approve(p["reviewer"], request)
    return request


def test_found_personal_data_blocks_publication_until_redacted(team):
    ag, p = team
    doc = draft(ag, p["clerk"], BODY)
    _through_review(ag, p, doc)
    with pytest.raises(ValidationError, match="身份证号"):
        actions.publish(p["publisher"], doc)
    request = actions.send_back(p["publisher"], actions.open_request(doc), "请遮盖身份证号")
    keys = [s.key for s in actions.checks.spots_of(Document.objects.get(pk=doc.pk))]
    doc = actions.redact(p["clerk"], doc, keys)
    assert FAKE_ID not in doc.body_html and "张小明" not in doc.body_text
    assert doc.current_revision.number == 2 and doc.revisions.get(number=1).content["body_html"] == BODY
    assert SensitivityCheck.objects.get(document=doc, outcome="redacted").findings[0]["masked"].startswith("＊")
    _through_review(ag, p, doc)
    actions.publish(p["publisher2"], doc)
    assert Document.objects.get(pk=doc.pk).status == Document.PUBLISHED
    assert ReviewStep.objects.filter(request=request, action="redact", actor=p["clerk"]).exists()


def test_found_data_may_be_kept_for_a_recorded_reason(team):
    ag, p = team
    doc = draft(ag, p["clerk"], "<p>咨询电话:0999-6543210</p>")
    _through_review(ag, p, doc)
    with pytest.raises(ValidationError):
        actions.publish(p["publisher"], doc)
    with pytest.raises(ValidationError):
        actions.accept(p["publisher"], doc, "")
    with pytest.raises(PermissionDenied):
        actions.accept(p["clerk"], doc, "我觉得可以")
    actions.accept(p["publisher"], doc, "办公电话,应当公开")
    actions.publish(p["publisher2"], doc)
    assert AuditEntry.objects.filter(action="review.accept", summary__contains="办公电话").exists()


def test_attachment_text_is_checked_too(team):
    ag, p = team
    doc = draft(ag, p["clerk"])
    Attachment.objects.create(document=doc, name="名单.txt", text=f"身份证号 {FAKE_ID}")
    _through_review(ag, p, doc)
    with pytest.raises(ValidationError, match="身份证号"):
        actions.publish(p["publisher"], doc)
    with pytest.raises(ValidationError):
        actions.redact(p["clerk"], doc, [s.key for s in actions.checks.spots_of(doc)])  # a file is replaced


def test_the_system_path_publishes_and_records_what_it_found():
    ag = f.agency()
    doc = f.document(ag, body_html=BODY)
    assert doc.status == Document.PUBLISHED
    check = SensitivityCheck.objects.get(document=doc)
    assert check.outcome == SensitivityCheck.FOUND and {i["kind"] for i in check.findings} == {"id_card", "name"}
    assert FAKE_ID not in str(check.findings)  # the record names the kind, never the data
    clean = f.document(ag, "无个人信息的通知")
    assert SensitivityCheck.objects.get(document=clean).outcome == SensitivityCheck.CLEAN


def test_a_system_update_of_a_published_document_is_scanned_again():
    ag = f.agency()
    doc = f.document(ag)
    catalog.update_document(None, doc, {"summary": "联系人手机13912345678"}, system=True)
    assert SensitivityCheck.objects.filter(document=doc, outcome=SensitivityCheck.FOUND).count() == 1


# --- scheduled publication ----------------------------------------------------------------------

def test_scheduled_publication_is_claimed_once_and_published_when_due(team):
    ag, p = team
    doc = draft(ag, p["clerk"])
    _through_review(ag, p, doc)
    now = timezone.now()
    request = actions.publish(p["publisher"], doc, publish_at=now + dt.timedelta(hours=1), now=now)
    assert request.status == ReviewRequest.SCHEDULED
    assert scheduling.publish_scheduled(now).published == 0
    assert Document.objects.get(pk=doc.pk).status == Document.DRAFT
    later = now + dt.timedelta(hours=2)
    assert scheduling.publish_scheduled(later).published == 1
    assert scheduling.publish_scheduled(later).published == 0  # nothing left to claim
    doc.refresh_from_db()
    assert doc.status == Document.PUBLISHED
    assert AuditEntry.objects.filter(action="document.publish", actor=p["publisher"], object_id=str(doc.pk)).exists()


def test_a_claimed_request_is_not_published_twice():
    ag = f.agency()
    clerk, publisher = f.staff("clerk", ag), f.staff("publisher", ag, Membership.PUBLISHER)
    doc = draft(ag, clerk)
    actions.submit(clerk, doc) if ReviewChain.steps_for(ag.pk) > 1 else None
    now = timezone.now()
    request = actions.publish(publisher, doc, publish_at=now + dt.timedelta(minutes=5), now=now)
    ReviewRequest.objects.filter(pk=request.pk).update(status=ReviewRequest.PUBLISHING)  # another worker has it
    result = scheduling.publish_scheduled(now + dt.timedelta(minutes=10))
    assert (result.published, result.claimed_elsewhere) == (0, 0)
    assert not scheduling._publish_one(request.pk, now + dt.timedelta(minutes=10))


def test_a_scheduled_document_changed_meanwhile_fails_with_a_reason(team, capsys):
    ag, p = team
    doc = draft(ag, p["clerk"])
    _through_review(ag, p, doc)
    now = timezone.now()
    request = actions.publish(p["publisher"], doc, publish_at=now + dt.timedelta(seconds=30), now=now)
    catalog.update_document(p["clerk"], doc, {"summary": "排期后又改"})
    ReviewRequest.objects.filter(pk=request.pk).update(publish_at=now - dt.timedelta(seconds=1))
    with pytest.raises(SystemExit):
        call_command("publish_scheduled")
    assert "failed 1" in capsys.readouterr().out
    request.refresh_from_db()
    assert request.status == ReviewRequest.FAILED and "修改" in request.note
    assert Document.objects.get(pk=doc.pk).status == Document.DRAFT
    assert AuditEntry.objects.filter(action="review.fail", object_id=str(doc.pk)).exists()


def test_every_publication_path_is_held_by_the_check_even_without_a_chain():
    ag = f.agency()
    clerk, publisher = f.staff("clerk", ag), f.staff("publisher", ag, Membership.PUBLISHER)
    doc = draft(ag, clerk, BODY)
    with pytest.raises(ValidationError, match="保密审查"):
        catalog.publish(publisher, doc)  # what the admin's 发布 action calls
    actions.accept(publisher, doc, "公示须列明申请人")
    catalog.publish(publisher, doc)
    assert Document.objects.get(pk=doc.pk).status == Document.PUBLISHED


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_publish_a_scheduled_document_once():
    import threading

    from django.db import connection

    ag = f.agency()
    clerk, publisher = f.staff("clerk", ag), f.staff("publisher", ag, Membership.PUBLISHER)
    now = timezone.now()
    docs = [draft(ag, clerk) for _ in range(4)]
    for doc in docs:
        actions.publish(publisher, doc, publish_at=now + dt.timedelta(minutes=1), now=now)
    results: list[scheduling.RunResult] = []
    gate = threading.Barrier(2)

    def worker() -> None:
        try:
            gate.wait()
            results.append(scheduling.publish_scheduled(now + dt.timedelta(minutes=2)))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.published for r in results) == 4 and sum(r.failed for r in results) == 0
    assert Document.objects.filter(status=Document.PUBLISHED).count() == 4
    assert AuditEntry.objects.filter(action="document.publish").count() == 4
    assert AuditEntry.objects.filter(action="review.publish").count() == 4  # no request published twice
    assert ReviewStep.objects.filter(action=ReviewStep.PUBLISH).count() == 4
