"""Read-side queries of the catalog that pages, feeds, the API and the admin share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from gongkai.accounts import access
from gongkai.catalog.models import Document


def public_documents() -> QuerySet[Document]:
    """What the catalog lists: published documents, newest first (withdrawn ones keep only their page)."""
    return Document.objects.filter(status=Document.PUBLISHED).select_related("agency", "topic", "genre", "combo")


def documents_for_staff(user: Any) -> QuerySet[Document]:
    """The documents of the agencies `user` acts for (every agency's for the disclosure office)."""
    return Document.objects.filter(agency__in=access.agencies_of(user))


def access_document_for_edit(user: Any, document_id: int) -> Document:
    """The document, if `user` may change it; PermissionDenied otherwise (and for unknown ids)."""
    document = documents_for_staff(user).filter(pk=document_id).first()
    if document is None:
        raise PermissionDenied("该文件不存在，或不属于您所在的机构")
    return document


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
