"""Structured facts from parsed minutes, as question answering reads them.

The minutes parser's `Meeting` says who chaired, where, which department submitted an item and what
was decided; each such value becomes a `FactRecord` quoting the sentence of the page that states it.
A value the page does not spell out word for word is left out: an answer is always a quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.minutes.contract import AgendaItem, Meeting
from gongkai.qa.contract import FactRecord

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


def records_from_meeting(meeting: Meeting, body: str) -> list[FactRecord]:
    """The facts of a meeting that `body` (the page text the meeting was parsed from) states."""
    subject = f"{meeting.meeting_no}会议" if meeting.meeting_no else "会议"
    facts: list[tuple[str, str, str | None, tuple[int, int] | None]] = [
        (subject, "chair", meeting.chair, None),
        (subject, "location", meeting.location, None),
        (subject, "date", meeting.date_text, None),
        (subject, "meeting_no", meeting.meeting_no, None),
        (subject, "recorder", meeting.recorder, None),
        *((subject, "attendee", name, None) for name in meeting.attendees),
        *((subject, "nonvoting", name, None) for name in meeting.nonvoting_attendees),
    ]
    for item in meeting.items:
        facts.extend(_item_facts(item))
    return [r for r in (_record(body, *fact) for fact in facts) if r is not None]


def _item_facts(item: AgendaItem) -> Iterator[tuple[str, str, str | None, tuple[int, int] | None]]:
    subject = item.documents[0] if item.documents else item.title
    for sponsor in item.sponsors:
        yield subject, "sponsor", sponsor, item.span
    if len(item.sponsors) > 1:
        yield subject, "sponsor", item.sponsor, item.span
    yield subject, "decision", item.decision, item.span
    yield subject, "next_step", item.follow_up, item.span
    for document in item.documents:
        yield subject, "document", document, item.span


def _record(body: str, subject: str, relation: str, value: str | None, span: tuple[int, int] | None) -> FactRecord | None:
    if not value or not value.strip():
        return None
    quote = _sentence_with(body, value.strip(), span)
    return FactRecord(subject=subject, relation=relation, value=value.strip(), quote=quote) if quote else None


def _sentence_with(body: str, value: str, span: tuple[int, int] | None) -> str | None:
    """The first sentence stating `value`, inside the item's span when the parser gave one."""
    start, end = span if span else (0, len(body))
    for m in _SENTENCE.finditer(body, start, end):
        if value in m.group(0):
            return m.group(0).strip()
    return None if span is None else _sentence_with(body, value, None)
