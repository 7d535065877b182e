"""`{% favourite_button doc %}`: the 收藏 control of the document page, as the signed-in reader sees it."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.catalog.models import Document
from gongkai.readers.models import Favourite

register = template.Library()


@register.inclusion_tag("readers/favourite_button.html", takes_context=True)
def favourite_button(context: template.Context, doc: Document) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    is_favourite = user.is_authenticated and Favourite.objects.filter(user=user, document=doc).exists()
    return {"doc": doc, "user": user, "request": request, "is_favourite": is_favourite}
