"""Read-side queries of the catalog that pages, feeds and the API share."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai.catalog.models import Document


def public_documents() -> QuerySet[Document]:
    """What the catalog lists: published documents, newest first (withdrawn ones keep only their page)."""
    return Document.objects.filter(status=Document.PUBLISHED).select_related("agency", "topic", "genre", "combo")


def related_documents(doc: Document, limit: int = 6) -> list[Document]:
    """相关阅读: documents sharing the 组配 or 主题 class, else the publisher, newest first."""
    same_class = Q()
    if doc.combo_id:
        same_class |= Q(combo_id=doc.combo_id)
    if doc.topic_id:
        same_class |= Q(topic_id=doc.topic_id)
    base = public_documents().exclude(pk=doc.pk)
    found = list(base.filter(same_class)[:limit]) if same_class else []
    if len(found) < limit:
        seen = {d.pk for d in found}
        found += [d for d in base.filter(agency_id=doc.agency_id)[: limit * 2] if d.pk not in seen][: limit - len(found)]
    return found
