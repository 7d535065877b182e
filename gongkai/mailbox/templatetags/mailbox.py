"""{% my_letters user %}: a reader's own letters, for the 个人中心 (which knows nothing else of this app)."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.mailbox.models import Letter

register = template.Library()


@register.inclusion_tag("mailbox/_center.html")
def my_letters(user: Any) -> dict[str, Any]:
    letters = Letter.objects.filter(writer_user=user).select_related("agency") if user.is_authenticated else []
    return {"letters": list(letters[:50]) if letters else []}


@register.inclusion_tag("mailbox/_letters.html")
def recent_public_letters(limit: int = 5) -> dict[str, Any]:
    rows = Letter.objects.filter(published_at__isnull=False).select_related("reply_agency")
    return {"letters": list(rows.order_by("-published_at")[:limit])}
