"""The JSON API (django-ninja) and its OpenAPI document at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema

from gongkai.catalog.models import Document
from gongkai.catalog.queries import public_documents

api = NinjaAPI(
    title="Gongkai 公开 API",
    version="1",
    description="政府信息公开目录、检索、会议决定与智能问答的开放接口。Open data of the disclosure catalog.",
    urls_namespace="api",
)


class DocumentOut(Schema):
    id: int
    index_no: str | None
    title: str
    url: str
    topic: str | None
    genre: str | None
    combo_category: str | None
    doc_no: str
    publisher: str
    created: dt.date | None
    published: dt.date | None
    abolished: dt.date | None
    validity: str
    summary: str

    @staticmethod
    def of(doc: Document, request: HttpRequest) -> DocumentOut:
        return DocumentOut(
            id=doc.pk, index_no=doc.index_no, title=doc.title,
            url=request.build_absolute_uri(doc.get_absolute_url()),
            topic=doc.topic.name if doc.topic else None, genre=doc.genre.name if doc.genre else None,
            combo_category=doc.combo.name if doc.combo else None, doc_no=doc.doc_no, publisher=doc.agency.name,
            created=doc.created_date, published=doc.published_date, abolished=doc.abolished_date,
            validity=doc.validity, summary=doc.summary,
        )


class DocumentDetailOut(DocumentOut):
    body_text: str


@api.get("/documents", response=list[DocumentOut], tags=["catalog"], summary="最新公开信息 (newest first)")
def list_documents(request: HttpRequest, offset: int = 0, limit: int = 50) -> list[DocumentOut]:
    limit = max(1, min(limit, 500))
    docs = public_documents()[max(offset, 0) : max(offset, 0) + limit]
    return [DocumentOut.of(d, request) for d in docs]


@api.get("/documents/{document_id}", response=DocumentDetailOut, tags=["catalog"], summary="一条公开信息")
def get_document(request: HttpRequest, document_id: int) -> DocumentDetailOut:
    doc = public_documents().filter(pk=document_id).first()
    if doc is None:
        raise Http404("no such published document")
    return DocumentDetailOut(**DocumentOut.of(doc, request).dict(), body_text=doc.body_text)


def _mount_routers() -> None:
    """Each app owns its part of the API; they are mounted here, under one OpenAPI document."""
    from gongkai.minutes.api import router as minutes_router
    from gongkai.qa.api import router as qa_router
    from gongkai.search.api import router as search_router

    api.add_router("/search", search_router)
    api.add_router("/decisions", minutes_router)
    api.add_router("/ask", qa_router)


_mount_routers()
