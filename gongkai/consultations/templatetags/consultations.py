"""Tags other apps' pages use through an include: the link back from a final document, a reader's comments."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.consultations import listing
from gongkai.consultations.models import Comment, Consultation

register = template.Library()


@register.simple_tag
def consultation_behind(document: Any) -> Consultation | None:
    """The consultation whose draft became `document`, for the link back from its page."""
    pk = listing.finals().get(getattr(document, "pk", None) or 0)
    return Consultation.objects.filter(pk=pk).first() if pk else None


@register.simple_tag
def comments_of(user: Any, limit: int = 100) -> list[Comment]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Comment.objects.filter(user=user).select_related("consultation").order_by("-created_at")[:limit])
