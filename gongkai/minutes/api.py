"""GET /api/decisions: the decision register as JSON, with the register page's filters."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from gongkai.lib import params as limits
from gongkai.lib.apischema import InvalidOut, ProblemOut
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


@router.get("", response={200: DecisionPage, 400: ProblemOut, 422: InvalidOut}, summary="会议决定 (decisions of government meetings)")
def decisions(request: HttpRequest, params: Query[DecisionParams]) -> dict:
    """Agenda items of published minutes, newest meeting first; dept is an agency id (see /decisions/).
    year: 1 to 9999, offset: 0 to 10,000,000 (else 400)."""
    _check_ranges(params)
    chosen = DecisionFilter(dept=params.dept, year=params.year, kind=(params.kind or "").strip(),
                            follow_up=(params.follow_up or "").strip())
    offset, limit = max(params.offset, 0), max(1, min(params.limit, 500))
    rows = exports.register_rows(chosen)
    items = [exports.decision_json(row, request.build_absolute_uri) for row in rows[offset: offset + limit]]
    return {"total": rows.count(), "offset": offset, "limit": limit, "items": items}


def _check_ranges(params: DecisionParams) -> None:
    """Numbers no column can hold are the caller's mistake (400), not the database's (500)."""
    if params.dept is not None:
        limits.checked("dept", params.dept, maximum=limits.ID_MAX)
    if params.year is not None:
        limits.checked("year", params.year, minimum=limits.YEAR_MIN, maximum=limits.YEAR_MAX)
    limits.checked("offset", max(params.offset, 0), maximum=limits.OFFSET_MAX)
