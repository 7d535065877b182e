"""The JSON API (django-ninja) and its OpenAPI document at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema, Status
from ninja.errors import HttpError

from gongkai.catalog.models import Document
from gongkai.catalog.queries import public_documents
from gongkai.lib import params
from gongkai.lib.apischema import InvalidOut, ProblemOut

api = NinjaAPI(
    title="Gongkai 公开 API",
    version="1",
    description="政府信息公开目录、检索、会议决定与智能问答的开放接口。Open data of the disclosure catalog.",
    urls_namespace="api",
)


@api.exception_handler(params.BadParameter)
def bad_parameter(request: HttpRequest, exc: params.BadParameter) -> HttpResponse:
    """A number out of range anywhere in the API: 400 with the reason, as the pages say it."""
    return api.create_response(request, {"error": "bad_parameter", "reason": exc.message}, status=400)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """django-ninja's 400 for a body that is no JSON at all, in the documented shape; others as they are."""
    if exc.status_code == 400:
        body = {"error": "bad_body", "reason": "请求内容不是有效的 JSON。"}
        return api.create_response(request, body, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


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


@api.get("/documents", response={200: list[DocumentOut], 400: ProblemOut, 422: InvalidOut}, tags=["catalog"],
         summary="最新公开信息 (newest first)")
def list_documents(request: HttpRequest, offset: int = 0, limit: int = 50) -> list[DocumentOut]:
    """offset: 0 to 10,000,000 (else 400); limit: 1 to 500 (clamped)."""
    offset = params.checked("offset", max(offset, 0), maximum=params.OFFSET_MAX)
    limit = max(1, min(limit, 500))
    docs = public_documents()[offset : offset + limit]
    return [DocumentOut.of(d, request) for d in docs]


@api.get("/documents/{document_id}", response={200: DocumentDetailOut, 400: ProblemOut, 404: ProblemOut,
                                                422: InvalidOut}, tags=["catalog"], summary="一条公开信息")
def get_document(request: HttpRequest, document_id: int) -> Status:
    params.checked("document_id", document_id, maximum=params.ID_MAX)
    doc = public_documents().filter(pk=document_id).first()
    if doc is None:
        return Status(404, {"error": "not_found", "reason": "没有这份公开信息 (no such published document)"})
    return Status(200, DocumentDetailOut(**DocumentOut.of(doc, request).dict(), body_text=doc.body_text))


def _mount_routers() -> None:
    """Each app owns its part of the API; they are mounted here, under one OpenAPI document."""
    from gongkai.minutes.api import router as minutes_router
    from gongkai.qa.api import router as qa_router
    from gongkai.search.api import router as search_router

    api.add_router("/search", search_router)
    api.add_router("/decisions", minutes_router)
    api.add_router("/ask", qa_router)
    from gongkai.consultations.api import router as consultations_router

    api.add_router("/consultations", consultations_router)
    from gongkai.mailbox.api import router as mailbox_router

    api.add_router("/mailbox", mailbox_router)


_mount_routers()
