"""{% translation_box document %}: on a document's admin page, its drafts and the button that asks
the model for one, or the reason it cannot."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.translations import translate
from gongkai.translations.admin import drafts_of

register = template.Library()


@register.inclusion_tag("admin/catalog/document/_translation_box.html")
def translation_box(document: Any) -> dict[str, Any]:
    return {"document": document, "unavailable": translate.unavailable_reason(),
            "drafts": drafts_of(document) if document is not None else ""}
