"""Staff pages of the review workflow: the work list and one document's review page.

Each POST is a short checklist: fetch the document through the agency check, call one action,
report the outcome as a message and go back to the document's page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.accounts import access
from gongkai.accounts.models import AuditEntry
from gongkai.catalog import queries
from gongkai.catalog.models import Document
from gongkai.review import actions, checks
from gongkai.review.models import APPROVE, DRAFT, REVIEW, STAGE_LABELS, ReviewChain, ReviewRequest


@require_GET
@staff_member_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    mine = queries.documents_for_staff(user)
    open_requests = ReviewRequest.objects.filter(document__in=mine, status__in=ReviewRequest.OPEN)
    open_requests = open_requests.select_related("document", "document__agency", "submitted_by")
    waiting = [r for r in open_requests if r.status == ReviewRequest.IN_PROGRESS
               and actions.may_act(user, r.document, r.stage)]
    drafts = mine.filter(status=Document.DRAFT).exclude(
        review_requests__status__in=ReviewRequest.OPEN).select_related("agency")[:200]
    return _page(request, "review/index.html", {
        "waiting": waiting,
        "sent_back": [r for r in open_requests if r.status == ReviewRequest.SENT_BACK],
        "scheduled": [r for r in open_requests if r.status == ReviewRequest.SCHEDULED],
        "in_review": [r for r in open_requests if r.status == ReviewRequest.IN_PROGRESS and r not in waiting],
        "drafts": drafts,
        "title": "审核发布",
    })


@require_GET
@staff_member_required
def document(request: HttpRequest, document_id: int) -> HttpResponse:
    doc = queries.access_document_for_edit(request.user, document_id)
    user = request.user
    review = actions.open_request(doc)
    spots = checks.spots_of(doc)
    stage = review.stage if review and review.status == ReviewRequest.IN_PROGRESS else None
    steps = ReviewChain.steps_for(doc.agency_id)
    can_edit = access.can_edit(user, doc)
    return _page(request, "review/document.html", {
        "doc": doc,
        "review": review,
        "chain": " → ".join(STAGE_LABELS[s] for s in ReviewChain.stages_for(doc.agency_id)),
        "fields": [(label, checks.segments(getattr(doc, name) or "", [s.finding for s in spots if s.field == name]))
                   for name, label in checks.TEXT_FIELDS.items()],
        "spots": spots,
        "decided": checks.decided(doc, spots),
        "history": review.steps.select_related("actor") if review else [],
        "past": doc.review_requests.exclude(pk=review.pk if review else None).prefetch_related("steps__actor"),
        "audit": AuditEntry.objects.filter(object_type="catalog.document", object_id=str(doc.pk)).filter(
            Q(action__startswith="review.") | Q(action__startswith="document.")).select_related("actor")[:100],
        "can_submit": can_edit and doc.status != Document.PUBLISHED and (
            review is None or review.status == ReviewRequest.SENT_BACK) and steps > 1,
        # Masking while someone reviews would pull the revision from under them: drafts and send-backs only.
        "can_redact": can_edit and doc.status != Document.PUBLISHED and any(s.redactable for s in spots) and (
            review is None or review.status == ReviewRequest.SENT_BACK),
        "can_decide": actions.may_review(user, doc) and bool(spots),
        "can_review": stage == REVIEW and actions.may_act(user, doc, REVIEW),
        "can_approve": doc.status != Document.PUBLISHED and access.can_publish(user, doc) and (
            stage == APPROVE or (review is None and steps == 1)),
        "can_send_back": stage in (REVIEW, APPROVE) and actions.may_act(user, doc, stage) or (
            review is not None and review.status == ReviewRequest.SCHEDULED and access.can_publish(user, doc)),
        "can_cancel": review is not None and review.status != ReviewRequest.PUBLISHING and can_edit and (
            review.submitted_by_id == user.pk or access.can_publish(user, doc)),
        "stage_label": STAGE_LABELS.get(stage or DRAFT),
        "title": f"审核：{doc.title}",
    })


def _page(request: HttpRequest, template: str, context: dict[str, object]) -> HttpResponse:
    """A page in the admin's frame (header, user links), since staff work there."""
    return render(request, template, {**admin.site.each_context(request), **context})


def _post(verb: Callable[[HttpRequest, Document], str]) -> Callable[..., HttpResponse]:
    """A POST-only staff view that runs one action on a document the user may see, then goes back."""
    @staff_member_required
    def view(request: HttpRequest, document_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        doc = queries.access_document_for_edit(request.user, document_id)
        try:
            messages.success(request, verb(request, doc))
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", None) or [str(exc)]))
        return redirect("review:document", doc.pk)
    view.__name__ = verb.__name__
    return view


def _comment(request: HttpRequest) -> str:
    return request.POST.get("comment", "")[:2000]


def _open(doc: Document) -> ReviewRequest:
    found = actions.open_request(doc)
    if found is None:
        raise ValidationError("该文件没有进行中的送审")
    return found


@_post
def submit(request: HttpRequest, doc: Document) -> str:
    actions.submit(request.user, doc, _comment(request))
    return "已提交审核"


@_post
def approve(request: HttpRequest, doc: Document) -> str:
    actions.approve(request.user, _open(doc), _comment(request))
    return "审核通过，已转审批/发布"


@_post
def send_back(request: HttpRequest, doc: Document) -> str:
    actions.send_back(request.user, _open(doc), _comment(request))
    return "已退回起草人修改"


@_post
def cancel(request: HttpRequest, doc: Document) -> str:
    actions.cancel(request.user, _open(doc), _comment(request))
    return "已撤销送审"


@_post
def publish(request: HttpRequest, doc: Document) -> str:
    when = _publish_at(request.POST.get("publish_at", ""))
    done = actions.publish(request.user, doc, comment=_comment(request), publish_at=when)
    if done.status == ReviewRequest.SCHEDULED:
        return f"将于 {timezone.localtime(done.publish_at):%Y-%m-%d %H:%M} 发布"
    return "已发布"


@_post
def redact(request: HttpRequest, doc: Document) -> str:
    keys = request.POST.getlist("spot")
    actions.redact(request.user, doc, keys, _comment(request))
    return f"已遮盖 {len(keys)} 处，生成新版本"


@_post
def accept(request: HttpRequest, doc: Document) -> str:
    actions.accept(request.user, doc, request.POST.get("reason", "")[:500])
    return "已记录保留理由"


def _publish_at(value: str) -> dt.datetime | None:
    """The datetime-local field ("2026-05-01T09:30"), in the site's time zone; empty for now."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError("定时发布时间格式无效") from None
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed

