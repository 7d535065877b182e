"""GET /api/search: the catalog's full-text search as JSON."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from gongkai.lib.apischema import InvalidOut
from gongkai.search import service
from gongkai.search.query import QueryError

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str
    topic: str | None = None
    genre: str | None = None
    combo: str | None = None
    publisher: str | None = None
    year: str | None = None
    validity: str | None = None
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10
    facets: bool = True


class HitOut(Schema):
    index_no: str
    title: str
    url: str
    path: str
    score: float
    snippet: str
    snippet_html: str
    publisher: str
    published: dt.date | None
    doc_no: str
    genre: str
    topic: str
    validity: str


class FacetValue(Schema):
    value: str
    count: int


class SearchOut(Schema):
    query: str
    total: int
    mode: str
    offset: int
    limit: int
    elapsed_ms: float
    notices: list[str]
    hits: list[HitOut]
    facets: dict[str, list[FacetValue]]


class ErrorOut(Schema):
    error: str
    reason: str
    reason_en: str


@router.get("", response={200: SearchOut, 400: ErrorOut, 422: InvalidOut}, summary="全文检索 (full-text search)")
def search(request: HttpRequest, params: Query[SearchParams]) -> Status:
    filters = {k: v for k in ("topic", "genre", "combo", "publisher", "year", "validity")
               if (v := getattr(params, k))}
    try:
        found = service.run(params.q, filters=filters, sort=params.sort, offset=params.offset,
                            limit=params.limit, facets=params.facets)
    except QueryError as exc:
        return Status(400, {"error": exc.code, "reason": exc.zh, "reason_en": exc.en})
    return Status(200, service.results_json(found))
