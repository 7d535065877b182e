"""GET /api/mailbox/letters and /api/mailbox/statistics: published letters and the figures, as JSON."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from gongkai.lib import params as limits
from gongkai.lib.apischema import InvalidOut, ProblemOut
from gongkai.mailbox import statistics
from gongkai.mailbox.models import Letter

router = Router(tags=["mailbox"])


class LetterOut(Schema):
    number: str
    url: str
    subject: str
    category: str
    received: dt.date
    content: str
    reply_agency: str | None
    replied: dt.date | None
    reply: str
    rating: str | None
    published: dt.datetime


class LetterPage(Schema):
    total: int
    offset: int
    limit: int
    items: list[LetterOut]


class RowOut(Schema):
    label: str
    received: int
    replied: int
    on_time: int
    late: int
    pending: int
    on_time_rate: float | None
    average_workdays: float | None
    rated: int
    satisfied: int
    basic: int
    unsatisfied: int
    satisfaction: float | None


class StatisticsOut(Schema):
    year: int | None
    reply_limit_workdays: int
    total: RowOut
    by_agency: list[RowOut]
    by_month: list[RowOut]


def _row(row: statistics.Row) -> RowOut:
    return RowOut(label=row.label, received=row.received, replied=row.replied, on_time=row.on_time, late=row.late,
                  pending=row.pending, on_time_rate=row.on_time_rate, average_workdays=row.average_days,
                  rated=row.rated, satisfied=row.satisfied, basic=row.basic, unsatisfied=row.unsatisfied,
                  satisfaction=row.satisfaction)


def _letter(letter: Letter, request: HttpRequest) -> LetterOut:
    return LetterOut(
        number=letter.number, url=request.build_absolute_uri(letter.get_absolute_url()), subject=letter.subject,
        category=letter.get_category_display(), received=letter.received_on, content=letter.public_content,
        reply_agency=letter.reply_agency.name if letter.reply_agency else None, replied=letter.replied_on,
        reply=letter.public_reply, rating=letter.get_rating_display() or None, published=letter.published_at,
    )


@router.get("/letters", response={200: LetterPage, 400: ProblemOut, 422: InvalidOut},
            summary="公开的领导信箱来信与答复 (published letters, newest first)")
def letters(request: HttpRequest, offset: int = 0, limit: int = 50) -> dict:
    """Only letters the writer agreed to publish, as staff checked them. offset: 0 to 10,000,000 (else 400)."""
    offset = limits.checked("offset", max(offset, 0), maximum=limits.OFFSET_MAX)
    limit = max(1, min(limit, 500))
    rows = Letter.objects.filter(published_at__isnull=False).select_related("reply_agency").order_by("-published_at")
    return {"total": rows.count(), "offset": offset, "limit": limit,
            "items": [_letter(letter, request) for letter in rows[offset: offset + limit]]}


@router.get("/statistics", response={200: StatisticsOut, 400: ProblemOut, 422: InvalidOut},
            summary="领导信箱办理情况统计 (received, on time, late, working days, satisfaction)")
def statistics_json(request: HttpRequest, year: int | None = None) -> dict:
    """year: 1 to 9999 (else 400); without it, every year."""
    if year is not None:
        limits.checked("year", year, minimum=limits.YEAR_MIN, maximum=limits.YEAR_MAX)
    stats = statistics.for_year(year, timezone.localdate())
    return {"year": year, "reply_limit_workdays": settings.MAILBOX_REPLY_DAYS, "total": _row(stats.total),
            "by_agency": [_row(r) for r in stats.by_agency], "by_month": [_row(r) for r in stats.by_month]}
