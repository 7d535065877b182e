"""What question answering reads and returns: small typed values, no Django models.

The search engine provides a `Retriever`; the importer and the minutes parser fill `SourceDoc`s
(with `FactRecord`s for structured facts). Everything here is plain data so that tests, the CLI and
the web view can build and read it without a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Protocol

IN_FORCE = "有效"
EXPIRED = "失效"
ABOLISHED = "废止"

# Relations a FactRecord may carry; minutes glue maps its fields onto these names.
RELATIONS = (
    "chair",  # 主持人
    "attendee",  # 出席
    "nonvoting",  # 列席
    "recorder",  # 记录
    "location",  # 会议地点
    "date",  # 会议日期
    "meeting_no",  # 第几次会议
    "sponsor",  # 提出、提交、汇报的部门
    "decision",  # 原则通过 / 原则同意 …
    "document",  # 《》 titles an item deals with
    "responsible",  # 谁负责落实
    "next_step",  # 要求…后 what follows
)


@dataclass(frozen=True)
class FactRecord:
    """One structured fact about a document, e.g. an agenda item's sponsor from parsed minutes."""

    subject: str  # what the fact is about: an agenda item's title, or the meeting itself
    relation: str  # one of RELATIONS
    value: str  # the answer as written in the page
    quote: str  # the page's words that state it (must contain `value`)


@dataclass(frozen=True)
class SourceDoc:
    """One published document as question answering sees it."""

    doc_id: int
    index_no: str | None
    title: str
    url: str
    body: str
    validity: str = IN_FORCE  # 有效 / 失效 / 废止
    metadata: dict[str, str] = field(default_factory=dict)  # label -> value as shown on the page
    published: date | None = None
    records: Sequence[FactRecord] = ()

    @property
    def in_force(self) -> bool:
        return self.validity not in (EXPIRED, ABOLISHED) and "废止" not in self.validity and "失效" not in self.validity


class Retriever(Protocol):
    def candidates(self, question: str, limit: int) -> list[SourceDoc]: ...


@dataclass(frozen=True)
class Citation:
    index_no: str | None
    title: str
    url: str
    quote: str
    doc_id: int
    validity: str = IN_FORCE


@dataclass(frozen=True)
class Turn:
    """What a conversation remembers of one answered question (serialisable into a session)."""

    question: str
    answer: str | None
    doc_id: int | None = None
    subject: str | None = None  # what the question was about, to resolve 它 / 那 / 这个 next time


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str | None  # None: not found in what is published
    citations: list[Citation]
    confidence: float
    validity_note: str | None = None
    suggestions: list[Citation] = field(default_factory=list)  # closest documents when refusing
    message: str = ""  # the sentence to show a citizen: the answer, or why there is none
    kind: str = ""  # the answer type understood from the question
    subject: str | None = None
    source: str = "extractive"  # or "model" when a language model phrased a verified answer

    @property
    def refused(self) -> bool:
        return self.answer is None

    def turn(self) -> Turn:
        doc_id = self.citations[0].doc_id if self.citations else None
        return Turn(question=self.question, answer=self.answer, doc_id=doc_id, subject=self.subject)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
