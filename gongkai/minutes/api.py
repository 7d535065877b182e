"""GET /api/decisions: the decision register as JSON, with the register page's filters."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from gongkai.minutes import exports
from gongkai.minutes.models import DecisionFilter

router = Router(tags=["decisions"])


class DecisionParams(Schema):
    dept: int | None = None
    year: int | None = None
    kind: str | None = None
    follow_up: str | None = None
    offset: int = 0
    limit: int = 50


class LinkOut(Schema):
    name: str
    id: int | None
    url: str | None


class RemarkOut(Schema):
    kind: str
    text: str
    departments: list[LinkOut]


class DecisionOut(Schema):
    document_id: int
    document_title: str
    document_url: str
    meeting_no: str | None
    meeting_date: str | None
    date_text: str | None
    n: int
    actions: list[str]
    title: str
    documents: list[LinkOut]
    sponsors: list[LinkOut]
    decision: str | None
    decision_kind: str | None
    follow_up: str | None
    remarks: list[RemarkOut]


class DecisionPage(Schema):
    total: int
    offset: int
    limit: int
    items: list[DecisionOut]


@router.get("", response=DecisionPage, summary="会议决定 (decisions of government meetings)")
def decisions(request: HttpRequest, params: Query[DecisionParams]) -> dict:
    """Agenda items of published minutes, newest meeting first; dept is an agency id (see /decisions/)."""
    chosen = DecisionFilter(dept=params.dept, year=params.year, kind=(params.kind or "").strip(),
                            follow_up=(params.follow_up or "").strip())
    offset, limit = max(params.offset, 0), max(1, min(params.limit, 500))
    rows = exports.register_rows(chosen)
    items = [exports.decision_json(row, request.build_absolute_uri) for row in rows[offset: offset + limit]]
    return {"total": rows.count(), "offset": offset, "limit": limit, "items": items}
