"""Writing the audit trail: every action calls `record` inside its own transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from gongkai.accounts.models import AuditEntry


def record(actor: Any, action: str, obj: models.Model, summary: str = "", **detail: Any) -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[:500],
        detail=detail,
    )
