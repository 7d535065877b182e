"""GET /api/consultations: the consultations open for comment, and one consultation with its feedback."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status

from gongkai.consultations import listing
from gongkai.consultations.models import Consultation
from gongkai.lib import params
from gongkai.lib.apischema import InvalidOut, ProblemOut

router = Router(tags=["consultations"])


class ConsultationOut(Schema):
    id: int
    title: str
    url: str
    agency: str
    kind: str
    kind_label: str
    starts_on: dt.date
    ends_on: dt.date
    short_reason: str
    how_to_comment: str
    contact_office: str
    status: str
    comment_count: int

    @staticmethod
    def of(c: Consultation, request: HttpRequest, count: int) -> ConsultationOut:
        return ConsultationOut(
            id=c.pk, title=c.title, url=request.build_absolute_uri(c.get_absolute_url()), agency=c.agency.name,
            kind=c.kind, kind_label=c.get_kind_display(), starts_on=c.starts_on, ends_on=c.ends_on,
            short_reason=c.short_reason, how_to_comment=c.how_to_comment, contact_office=c.contact_office,
            status=c.status, comment_count=count,
        )


class CommentOut(Schema):
    paragraph: int | None
    text: str
    date: dt.date


class GroupOut(Schema):
    summary: str
    decision: str
    decision_label: str
    reason: str
    comments: int


class ConsultationDetailOut(ConsultationOut):
    draft: list[str]
    explanation: str
    comments: list[CommentOut]
    feedback: list[GroupOut]
    feedback_intro: str
    final_document_url: str | None


@router.get("", response={200: list[ConsultationOut], 422: InvalidOut}, summary="正在征集意见的草案")
def open_consultations(request: HttpRequest, limit: int = 50) -> list[ConsultationOut]:
    """limit: 1 to 200 (clamped); closing soonest first."""
    items = listing.open_consultations(max(1, min(limit, 200)))
    return [ConsultationOut.of(c, request, c.comment_count) for c in items]


@router.get("/{consultation_id}", response={200: ConsultationDetailOut, 400: ProblemOut, 404: ProblemOut,
                                            422: InvalidOut}, summary="一项意见征集及其采纳情况")
def get_consultation(request: HttpRequest, consultation_id: int) -> Status:
    params.checked("consultation_id", consultation_id, maximum=params.ID_MAX)
    c = listing.public().filter(pk=consultation_id).first()
    if c is None:
        return Status(404, {"error": "not_found", "reason": "没有这项意见征集 (no such consultation)"})
    comments = [CommentOut(paragraph=m.paragraph, text=m.public_text, date=m.created_at.date())
                for m in c.published_comments()] if c.show_comments else []
    answered = c.status == Consultation.ANSWERED
    groups = [GroupOut(summary=g.summary, decision=g.decision, decision_label=g.get_decision_display(),
                       reason=g.reason, comments=g.comments.count()) for g in c.groups.all()] if answered else []
    final = request.build_absolute_uri(c.final_document.get_absolute_url()) if c.final_document else None
    base = ConsultationOut.of(c, request, c.received().count()).dict()
    return Status(200, ConsultationDetailOut(
        **base, draft=c.paragraphs(), explanation=c.explanation, comments=comments, feedback=groups,
        feedback_intro=c.feedback_intro if answered else "", final_document_url=final))
