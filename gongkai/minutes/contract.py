"""The meeting-minutes contract: what the parser returns and what storage, pages and the API consume.

Every text field is a piece of the page as written (Traditional pages stay Traditional), trimmed of
the spaces that pad names in attendee blocks; dates are ISO only when the page states the year.
`Meeting.to_json` is the exchange form: the keys of the development gold annotation first, in the
same shapes (a list that is empty is `null`, `sponsor` is one string), then the richer fields.
Canonical examples live in `examples.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict


class RemarkJSON(TypedDict):
    kind: str
    text: str
    departments: list[str]


class ItemJSON(TypedDict):
    n: int
    action: str | None
    title: str
    documents: list[str]
    sponsor: str | None
    decision: str | None
    actions: list[str]
    sponsors: list[str]
    decision_kind: str | None
    follow_up: str | None
    remarks: list[RemarkJSON]


class MeetingJSON(TypedDict):
    meeting_no: str | None
    date: str | None
    date_text: str | None
    chair: str | None
    location: str | None
    items: list[ItemJSON]
    attendees: list[str] | None
    nonvoting_attendees: list[str] | None
    recorder: str | None
    truncated: bool
    body: str | None
    kind: str | None
    meeting_no_int: int | None
    part_of_day: str | None
    absent: list[str] | None
    presider: str | None
    compiled_by: str | None
    compiled_date: str | None
    publication_note: str | None


@dataclass
class Remark:
    """What the meeting pointed out (指出), stressed (强调) or required (要求), and of whom."""

    kind: str
    text: str
    departments: list[str] = field(default_factory=list)

    def to_json(self) -> RemarkJSON:
        return {"kind": self.kind, "text": self.text, "departments": list(self.departments)}


@dataclass
class AgendaItem:
    """One matter the meeting dealt with.

    `actions` are the verbs as written (听取, 审议, 传达学习 …); `sponsors` the departments that
    proposed, submitted or reported the matter; `decision` the decision clause without the leading
    会议, None where the meeting only stressed or required something; `follow_up` where the matter
    goes next (提请区委常委会审议, 印发实施 …). `span` is where the item stands in the page text.
    """

    n: int
    actions: list[str]
    title: str
    documents: list[str] = field(default_factory=list)
    sponsors: list[str] = field(default_factory=list)
    decision: str | None = None
    decision_kind: str | None = None
    follow_up: str | None = None
    remarks: list[Remark] = field(default_factory=list)
    span: tuple[int, int] | None = field(default=None, compare=False)

    @property
    def action(self) -> str | None:
        return "+".join(self.actions) or None

    @property
    def sponsor(self) -> str | None:
        return "、".join(self.sponsors) or None

    def to_json(self) -> ItemJSON:
        return {
            "n": self.n,
            "action": self.action,
            "title": self.title,
            "documents": list(self.documents),
            "sponsor": self.sponsor,
            "decision": self.decision,
            "actions": list(self.actions),
            "sponsors": list(self.sponsors),
            "decision_kind": self.decision_kind,
            "follow_up": self.follow_up,
            "remarks": [r.to_json() for r in self.remarks],
        }


@dataclass
class Meeting:
    """A meeting as its minutes or its news report describe it.

    `meeting_no` is the number as written (第25次, 六届七十八次, 361次) and `meeting_no_int` its
    value; `date` is ISO only when the year is stated, `date_text` the date as written; `truncated`
    says the page was cut off, in which case `items` holds only the items fully visible.
    """

    body: str | None = None
    kind: str | None = None
    meeting_no: str | None = None
    meeting_no_int: int | None = None
    date: str | None = None
    date_text: str | None = None
    part_of_day: str | None = None
    location: str | None = None
    chair: str | None = None
    attendees: list[str] = field(default_factory=list)
    nonvoting_attendees: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    presider: str | None = None
    recorder: str | None = None
    compiled_by: str | None = None
    compiled_date: str | None = None
    publication_note: str | None = None
    items: list[AgendaItem] = field(default_factory=list)
    truncated: bool = False

    def to_json(self) -> MeetingJSON:
        return {
            "meeting_no": self.meeting_no,
            "date": self.date,
            "date_text": self.date_text,
            "chair": self.chair,
            "location": self.location,
            "items": [item.to_json() for item in self.items],
            "attendees": list(self.attendees) or None,
            "nonvoting_attendees": list(self.nonvoting_attendees) or None,
            "recorder": self.recorder,
            "truncated": self.truncated,
            "body": self.body,
            "kind": self.kind,
            "meeting_no_int": self.meeting_no_int,
            "part_of_day": self.part_of_day,
            "absent": list(self.absent) or None,
            "presider": self.presider,
            "compiled_by": self.compiled_by,
            "compiled_date": self.compiled_date,
            "publication_note": self.publication_note,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Meeting:
        """The inverse of `to_json` (spans are not part of the exchange form); gold-shaped dicts work too."""
        text = {k: data.get(k) for k in _TEXT_FIELDS}
        return cls(
            **text,
            meeting_no_int=data.get("meeting_no_int"),
            attendees=list(data.get("attendees") or []),
            nonvoting_attendees=list(data.get("nonvoting_attendees") or []),
            absent=list(data.get("absent") or []),
            items=[_item_from_json(i) for i in data.get("items") or []],
            truncated=bool(data.get("truncated")),
        )


_TEXT_FIELDS = (
    "body", "kind", "meeting_no", "date", "date_text", "part_of_day", "location", "chair", "presider",
    "recorder", "compiled_by", "compiled_date", "publication_note",
)


def _item_from_json(data: Mapping[str, Any]) -> AgendaItem:
    actions = data.get("actions")
    if actions is None:
        actions = str(data.get("action") or "").split("+")
    sponsors = data.get("sponsors")
    if sponsors is None:
        sponsors = str(data.get("sponsor") or "").split("、")
    return AgendaItem(
        n=int(data["n"]),
        actions=[a for a in actions if a],
        title=data["title"],
        documents=list(data.get("documents") or []),
        sponsors=[s for s in sponsors if s],
        decision=data.get("decision"),
        decision_kind=data.get("decision_kind"),
        follow_up=data.get("follow_up"),
        remarks=[_remark_from_json(r) for r in data.get("remarks") or ()],
    )


def _remark_from_json(data: Mapping[str, Any]) -> Remark:
    return Remark(data["kind"], data["text"], list(data.get("departments") or []))
