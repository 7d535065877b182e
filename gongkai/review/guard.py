"""What the review app does inside catalog's transactions (connected in `ReviewConfig.ready`).

`before_publish` is the one gate every publication passes (`catalog.actions.publish` sends
`publishing`): staff may publish only a revision their agency's chain approved, and only when every
span 保密审查 found was redacted or kept for a recorded reason. The system path (import, demo) is
not refused: it records what the scanner found, for staff to see in the 保密审查 list.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from gongkai.catalog.models import Document
from gongkai.review import checks
from gongkai.review.models import CHAIN_STAGES, STAGE_LABELS, ReviewChain, ReviewRequest, SensitivityCheck


def before_publish(sender: Any, document: Document, actor: Any, system: bool, **kwargs: Any) -> None:
    spots = checks.spots_of(document)
    if system:
        _record_once(document, spots)
        return
    steps = ReviewChain.steps_for(document.agency_id)
    approved = ReviewRequest.objects.filter(
        document=document, revision_id=document.current_revision_id, status=ReviewRequest.PUBLISHING)
    if steps > 1 and not approved.exists():
        chain = " → ".join(STAGE_LABELS[s] for s in CHAIN_STAGES[steps])
        raise ValidationError(f"本机构的文件须经 {chain}，在审核页完成审批后发布")
    if not checks.decided(document, spots):
        raise ValidationError(checks.refusal(spots))
    if not spots:
        checks.record(document, spots, SensitivityCheck.CLEAN, actor)


def after_system_save(sender: Any, document: Document, actor: Any, **kwargs: Any) -> None:
    """An import that changes a published document: its new revision is scanned and recorded."""
    if actor is None and document.status == Document.PUBLISHED:
        _record_once(document, checks.spots_of(document))


def _record_once(document: Document, spots: list[checks.Spot]) -> None:
    seen = SensitivityCheck.objects.filter(document=document, revision_id=document.current_revision_id)
    if not seen.exists():
        checks.record(document, spots, SensitivityCheck.FOUND if spots else SensitivityCheck.CLEAN)
