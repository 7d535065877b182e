"""Scheduled publication: a timer runs `gongkai publish_scheduled` (every minute, say).

A worker claims a due request with a conditional update of its status (scheduled → publishing,
STYLE habit 4) in the same transaction as the publication: a second worker's update finds the row
no longer scheduled and moves on, and a publication that fails rolls the claim back, after which
the request is marked failed, with the reason, for the publisher to see.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.review import actions
from gongkai.review.models import ReviewRequest, ReviewStep

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    published: int = 0
    claimed_elsewhere: int = 0
    failed: int = 0


def due_requests(now: dt.datetime) -> list[int]:
    due = ReviewRequest.objects.filter(status=ReviewRequest.SCHEDULED, publish_at__lte=now)
    return list(due.order_by("publish_at", "pk").values_list("pk", flat=True))


def publish_scheduled(now: dt.datetime | None = None) -> RunResult:
    """One pass over the due requests; safe to run in several processes at once."""
    now = now or timezone.now()
    result = RunResult()
    for pk in due_requests(now):
        try:
            if _publish_one(pk, now):
                result.published += 1
            else:
                result.claimed_elsewhere += 1
        except (PermissionDenied, ValidationError) as exc:
            _fail(pk, "; ".join(getattr(exc, "messages", [str(exc)])))
            result.failed += 1
    return result


@transaction.atomic
def _publish_one(pk: int, now: dt.datetime) -> bool:
    claimed = ReviewRequest.objects.filter(pk=pk, status=ReviewRequest.SCHEDULED, publish_at__lte=now)
    if not claimed.update(status=ReviewRequest.PUBLISHING, updated_at=timezone.now()):
        return False
    request = actions.lock(ReviewRequest(pk=pk))
    if request.revision_id != request.document.current_revision_id:
        raise ValidationError("定时发布前文件又被修改过，须重新送审")
    actions.publish_approved(request.scheduled_by, request, f"定时发布（{request.publish_at:%Y-%m-%d %H:%M}）")
    return True


@transaction.atomic
def _fail(pk: int, reason: str) -> None:
    if not ReviewRequest.objects.filter(pk=pk, status=ReviewRequest.SCHEDULED).update(
            status=ReviewRequest.FAILED, note=reason[:500], updated_at=timezone.now()):
        return
    request = ReviewRequest.objects.select_related("document").get(pk=pk)
    ReviewStep.objects.create(request=request, stage=request.stage, action=ReviewStep.FAIL, comment=reason,
                              revision_id=request.document.current_revision_id)
    audit.record(None, "review.fail", request.document, f"定时发布失败：{reason}", request=pk)
    log.warning("scheduled publication of request %s failed: %s", pk, reason)
