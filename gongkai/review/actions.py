"""Every step of the review workflow goes through one of these functions (ADR 0008).

Each is atomic, locks the request (or the document), checks that the actor may take this step and
is not the person who took the previous one, appends a `ReviewStep`, and writes an audit entry on
the document, so that the document's audit trail tells the whole passage: 起草 → 审核 → 审批/发布.
Content changes (redaction) and publication go through `gongkai.catalog.actions`, which keep the
revisions and the status rows; catalog's `publishing` signal lets `guard` refuse a publication the
chain has not approved.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts import access, audit
from gongkai.catalog import actions as catalog
from gongkai.catalog.models import Document
from gongkai.lib import sensitive
from gongkai.review import checks
from gongkai.review.models import APPROVE, DRAFT, REVIEW, STAGE_LABELS, ReviewChain, ReviewRequest, ReviewStep
from gongkai.review.models import SensitivityCheck as Check

Actor = Any


# --- who may do what ----------------------------------------------------------------------------

def may_review(user: Actor, document: Document) -> bool:
    """审核: a listed reviewer of the agency, or one of its publishers (or the disclosure office)."""
    if access.can_publish(user, document):
        return True
    return access.can_edit(user, document) and ReviewChain.objects.filter(
        agency_id=document.agency_id, reviewers=user).exists()


def may_act(user: Actor, document: Document, stage: str) -> bool:
    if stage == REVIEW:
        return may_review(user, document)
    if stage == APPROVE:
        return access.can_publish(user, document)
    return access.can_edit(user, document)


def _require(user: Actor, document: Document, stage: str) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("需要登录")
    if not may_act(user, document, stage):
        raise PermissionDenied(f"{user} 无权在“{STAGE_LABELS[stage]}”一步处理 {document.agency} 的文件")


def _not_previous(user: Actor, request: ReviewRequest) -> None:
    if request.last_actor_id() == user.pk:
        raise PermissionDenied("上一步由您完成，这一步须由另一人处理")


def _next_stage(document: Document, stage: str) -> str:
    stages = ReviewChain.stages_for(document.agency_id)
    return stages[stages.index(stage) + 1] if stage in stages[:-1] else APPROVE


def _step(request: ReviewRequest, action: str, actor: Actor, comment: str = "", stage: str | None = None) -> None:
    ReviewStep.objects.create(request=request, stage=stage or request.stage, action=action, actor=actor,
                              revision_id=request.document.current_revision_id, comment=comment.strip())


def _audit(actor: Actor, verb: str, request: ReviewRequest, comment: str, **detail: Any) -> None:
    summary = f"{dict(ReviewStep.ACTIONS)[verb]}" + (f":{comment.strip()}" if comment.strip() else "")
    audit.record(actor, f"review.{verb}", request.document, summary, request=request.pk,
                 stage=request.stage, revision=request.document.current_revision_id, **detail)


def lock(request: ReviewRequest) -> ReviewRequest:
    locked = ReviewRequest.objects.select_for_update().select_related("document").get(pk=request.pk)
    locked.document = Document.objects.select_for_update().get(pk=locked.document_id)
    return locked


def open_request(document: Document) -> ReviewRequest | None:
    return document.review_requests.filter(status__in=ReviewRequest.OPEN).first()


# --- the verbs ----------------------------------------------------------------------------------

@transaction.atomic
def submit(actor: Actor, document: Document, comment: str = "") -> ReviewRequest:
    """起草 done: the current revision goes to the chain's next step (again, after a send-back)."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _require(actor, document, DRAFT)
    if document.status == Document.PUBLISHED:
        raise ValidationError("该文件已发布，无须送审")
    stage = _next_stage(document, DRAFT)
    request = open_request(document)
    if request is None:
        request = ReviewRequest.objects.create(document=document, revision_id=document.current_revision_id,
                                               stage=stage, submitted_by=actor)
    elif request.status == ReviewRequest.SENT_BACK:
        request.revision_id, request.stage, request.status = document.current_revision_id, stage, request.IN_PROGRESS
        request.save(update_fields=["revision", "stage", "status", "updated_at"])
    else:
        raise ValidationError(f"该文件已在“{request.get_status_display()}”中")
    request.document = document
    _step(request, ReviewStep.SUBMIT, actor, comment, stage=DRAFT)
    _audit(actor, ReviewStep.SUBMIT, request, comment)
    return request


def _in_progress(request: ReviewRequest, stage: str | None = None) -> None:
    if request.status != ReviewRequest.IN_PROGRESS or (stage and request.stage != stage):
        raise ValidationError(f"该送审记录现为“{request.get_status_display()}”，不能进行这一步")
    if request.revision_id != request.document.current_revision_id:
        raise ValidationError("送审后文件又被修改过：请退回，由起草人重新提交")


@transaction.atomic
def approve(actor: Actor, request: ReviewRequest, comment: str = "") -> ReviewRequest:
    """审核通过: the request moves on to 审批/发布."""
    request = lock(request)
    _in_progress(request, REVIEW)
    _require(actor, request.document, REVIEW)
    _not_previous(actor, request)
    _step(request, ReviewStep.APPROVE, actor, comment)
    _audit(actor, ReviewStep.APPROVE, request, comment)
    request.stage = _next_stage(request.document, REVIEW)
    request.save(update_fields=["stage", "updated_at"])
    return request


@transaction.atomic
def send_back(actor: Actor, request: ReviewRequest, comment: str) -> ReviewRequest:
    """退回修改, with the reason the drafter reads."""
    if not comment.strip():
        raise ValidationError({"comment": "退回须写明意见"})
    request = lock(request)
    if request.status not in (ReviewRequest.IN_PROGRESS, ReviewRequest.SCHEDULED):
        raise ValidationError(f"该送审记录现为“{request.get_status_display()}”，不能退回")
    _require(actor, request.document, request.stage)
    _step(request, ReviewStep.SEND_BACK, actor, comment)
    _audit(actor, ReviewStep.SEND_BACK, request, comment)
    request.status, request.stage, request.publish_at = ReviewRequest.SENT_BACK, DRAFT, None
    request.save(update_fields=["status", "stage", "publish_at", "updated_at"])
    return request


@transaction.atomic
def cancel(actor: Actor, request: ReviewRequest, comment: str = "") -> ReviewRequest:
    """The drafter takes the document back out of the chain (nothing is published)."""
    request = lock(request)
    if request.status not in (ReviewRequest.IN_PROGRESS, ReviewRequest.SENT_BACK, ReviewRequest.SCHEDULED):
        raise ValidationError(f"该送审记录现为“{request.get_status_display()}”，不能撤销")
    _require(actor, request.document, DRAFT)
    _step(request, ReviewStep.CANCEL, actor, comment)
    _audit(actor, ReviewStep.CANCEL, request, comment)
    request.status = ReviewRequest.CANCELLED
    request.save(update_fields=["status", "updated_at"])
    return request


@transaction.atomic
def publish(actor: Actor, document: Document, *, comment: str = "", publish_at: dt.datetime | None = None,
            now: dt.datetime | None = None) -> ReviewRequest:
    """审批/发布: publish the approved revision now, or schedule it for `publish_at`."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _require(actor, document, APPROVE)
    request = open_request(document)
    if request is None and ReviewChain.steps_for(document.agency_id) > 1:
        raise ValidationError("本机构的文件须先提交审核")
    if request is None:  # a one-step chain: the publisher's act is the whole passage
        request = ReviewRequest.objects.create(document=document, revision_id=document.current_revision_id,
                                               stage=APPROVE, submitted_by=actor)
    else:
        request.document = document
        _in_progress(request, APPROVE)
        _not_previous(actor, request)
    spots = checks.spots_of(document)
    if not checks.decided(document, spots):
        raise ValidationError(checks.refusal(spots))
    now = now or timezone.now()
    if publish_at is not None and publish_at > now:
        _step(request, ReviewStep.SCHEDULE, actor, comment)
        _audit(actor, ReviewStep.SCHEDULE, request, comment, publish_at=publish_at.isoformat())
        request.status, request.publish_at, request.scheduled_by = ReviewRequest.SCHEDULED, publish_at, actor
        request.save(update_fields=["status", "publish_at", "scheduled_by", "updated_at"])
        return request
    return publish_approved(actor, request, comment)


def publish_approved(actor: Actor, request: ReviewRequest, comment: str) -> ReviewRequest:
    """Inside the caller's transaction: mark the request as publishing (what `guard` looks for)."""
    request.status = ReviewRequest.PUBLISHING
    request.save(update_fields=["status", "updated_at"])
    _step(request, ReviewStep.PUBLISH, actor, comment, stage=APPROVE)
    _audit(actor, ReviewStep.PUBLISH, request, comment)
    catalog.publish(actor, request.document, reason=comment.strip() or "审批发布")
    request.status = ReviewRequest.PUBLISHED
    request.save(update_fields=["status", "updated_at"])
    return request


# --- 保密审查 decisions ----------------------------------------------------------------------

@transaction.atomic
def redact(actor: Actor, document: Document, keys: Collection[str], comment: str = "") -> Document:
    """Mask the chosen spans of the title, 概述 and body in a new revision (catalog keeps the old)."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _require(actor, document, DRAFT)
    chosen = [s for s in checks.spots_of(document) if s.key in set(keys) and s.redactable]
    if not chosen:
        raise ValidationError("请选择要遮盖的文字内容（附件须替换文件）")
    fields = _masked_fields(document, chosen)
    note = f"保密审查：遮盖 {len(chosen)} 处" + (f"({comment.strip()})" if comment.strip() else "")
    document = catalog.update_document(actor, document, fields, note=note[:500])
    checks.record(document, chosen, Check.REDACTED, actor, comment)
    request = open_request(document)
    audit.record(actor, "review.redact", document, note, request=request.pk if request else None,
                 kinds=sorted({s.finding.kind for s in chosen}), revision=document.current_revision_id)
    if request is not None:
        request.document = document
        _step(request, ReviewStep.REDACT, actor, note)
    return document


def _masked_fields(document: Document, chosen: list[checks.Spot]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for name in ("title", "summary"):
        spans = [s.finding for s in chosen if s.field == name]
        if spans:
            fields[name] = sensitive.redact(getattr(document, name), spans)
    body = document.body_html
    for spot in (s for s in chosen if s.field == "body_text"):
        # The body is HTML: the span's text is masked wherever it stands between tags.
        escaped = html.escape(spot.finding.text, quote=False)
        if escaped not in body:
            raise ValidationError(f"正文中“{sensitive.mask(spot.finding.text)}”跨越了格式标记，请在编辑页手工修改")
        body = body.replace(escaped, sensitive.mask(spot.finding.text))
    if body != document.body_html:
        fields["body_html"] = body
    return fields


@transaction.atomic
def accept(actor: Actor, document: Document, reason: str) -> Check:
    """Keep what the scanner found, for a stated reason (an office's published telephone, say)."""
    if not reason.strip():
        raise ValidationError({"reason": "保留须说明理由"})
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not getattr(actor, "is_authenticated", False) or not (
            may_review(actor, document) or access.can_publish(actor, document)):
        raise PermissionDenied("只有审核人员或审核发布员可以决定保留")
    spots = checks.spots_of(document)
    if not spots:
        raise ValidationError("未发现敏感信息，无须说明")
    check = checks.record(document, spots, Check.ACCEPTED, actor, reason.strip())
    request = open_request(document)
    audit.record(actor, "review.accept", document, f"说明理由后保留：{reason.strip()}",
                 request=request.pk if request else None, findings=len(spots),
                 revision=document.current_revision_id)
    if request is not None:
        request.document = document
        _step(request, ReviewStep.ACCEPT, actor, reason)
    return check
