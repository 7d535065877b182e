"""schema.org JSON-LD in document pages, for search engines' rich results: `Legislation` for a normative
document (with its legal force on the day the page is rendered), `Article` for the rest, and an `Event`
beside it for the meeting of a page of minutes.

Built only from what the page already holds (the document, its classes, its minutes record): the
document page must not pay a query for it.
"""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from gongkai.catalog.models import Validity

register = template.Library()

# 体裁 that make a document with a 文件编号 a normative one (规范性文件), and the 组配 class that does.
NORMATIVE_GENRES = frozenset({"决议", "决定", "命令（令）", "公告", "通告", "意见", "通知", "批复"})
NORMATIVE_COMBO = "政策文件"
NOT_NORMATIVE_GENRES = frozenset({"政策解读", "工作动态"})


def _name(term: Any) -> str:
    return getattr(term, "name", "") if term is not None else ""


def is_normative(doc: Any) -> bool:
    genre = _name(doc.genre)
    if not doc.doc_no or genre in NOT_NORMATIVE_GENRES:
        return False
    return genre in NORMATIVE_GENRES or _name(doc.combo) == NORMATIVE_COMBO


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def document_data(doc: Any, minutes: Any = None) -> dict[str, Any]:
    url = settings.SITE_URL.rstrip("/") + doc.get_absolute_url()
    publisher = {"@type": "GovernmentOrganization", "name": doc.agency.name}
    data: dict[str, Any] = {
        "@type": "Article", "@id": url + "#document", "url": url, "name": doc.title, "headline": doc.title[:110],
        "inLanguage": "zh-CN", "identifier": doc.index_no or None, "publisher": publisher,
        "author": publisher, "datePublished": _day(doc.published_date),
        "dateCreated": _day(doc.created_date), "dateModified": _day(doc.updated_at),
        "description": doc.summary or None, "about": _name(doc.topic) or None, "genre": _name(doc.genre) or None,
    }
    if is_normative(doc):
        in_force = doc.validity == Validity.VALID
        data.update({
            "@type": "Legislation", "legislationIdentifier": doc.doc_no,
            "legislationDate": _day(doc.created_date or doc.published_date),
            "legislationLegalForce": "https://schema.org/" + ("InForce" if in_force else "NotInForce"),
            "legislationPassedBy": publisher, "legislationJurisdiction": "CN",
            "expires": _day(doc.abolished_date or doc.expires_date),
        })
    data = {k: v for k, v in data.items() if v is not None}
    if minutes is None or not (minutes.date or minutes.date_text):
        return {"@context": "https://schema.org", **data}
    event = {"@type": "Event", "@id": url + "#meeting",
             "name": f"{minutes.body}{minutes.meeting_no}{minutes.kind}" or doc.title,
             "startDate": _day(minutes.date) or minutes.date_text,
             "eventStatus": "https://schema.org/EventScheduled",
             "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
             "location": {"@type": "Place", "name": minutes.location or doc.agency.name},
             "organizer": publisher, "subjectOf": {"@id": url + "#document"}}
    return {"@context": "https://schema.org", "@graph": [data, event]}


@register.simple_tag
def document_jsonld(doc: Any, minutes: Any = None) -> SafeString:
    text = json.dumps(document_data(doc, minutes), ensure_ascii=False, separators=(",", ":"))
    # Nothing in the data may close the script element or open a comment.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
