"""POST /api/ask: 智能问答 as JSON, with the conversation carried by the client.

The body is `{"question": "…", "history": [turn, …]}`; the answer's `history` is what to send with
the next question of the same conversation. Input that is no question (empty, too long, only
punctuation) is a 400 with the reason, as the page would say it.
"""

from __future__ import annotations

from dataclasses import asdict

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import StrictInt

from gongkai.lib.apischema import InvalidOut
from gongkai.lib.params import storable
from gongkai.qa import service
from gongkai.qa.answer import input_problem

router = Router(tags=["qa"])

MAX_HISTORY = 20  # turns accepted in a request; only the last few are read


class TurnIn(Schema):
    question: str = Field(max_length=1000)
    answer: str | None = Field(default=None, max_length=5000)
    # strict: the schema says integer, so "7", 7.0 or true are refused, not read as 7
    doc_id: StrictInt | None = None
    subject: str | None = Field(default=None, max_length=1000)


class AskIn(Schema):
    question: str = Field(description="问题 (the question), at most 300 characters")
    history: list[TurnIn] = Field(default_factory=list, max_length=MAX_HISTORY,
                                  description="earlier turns of the conversation, oldest first, as returned")


class CitationOut(Schema):
    index_no: str | None
    title: str
    url: str
    quote: str
    doc_id: int
    validity: str


class TurnOut(Schema):
    question: str
    answer: str | None
    doc_id: int | None
    subject: str | None


class AskOut(Schema):
    question: str
    answer: str | None = Field(description="null: not found in what is published")
    citations: list[CitationOut]
    confidence: float
    validity_note: str | None
    suggestions: list[CitationOut] = Field(description="closest documents when there is no answer")
    message: str
    kind: str
    subject: str | None
    source: str = Field(description="extractive, or model when a language model phrased a verified answer")
    refused: bool
    history: list[TurnOut] = Field(description="send this back with the next question to keep the context")


class ProblemOut(Schema):
    error: str
    reason: str


@router.post("", response={200: AskOut, 400: ProblemOut, 422: InvalidOut}, summary="智能问答 (ask a question)")
def ask(request: HttpRequest, body: AskIn) -> Status[dict]:
    problem = _unstorable(body) or input_problem(body.question)
    if problem:
        return Status(400, {"error": "bad_question", "reason": problem})
    history = service.turns_from([turn.dict() for turn in body.history])
    result = service.ask(body.question, history)
    data = service.answer_json(result, request.build_absolute_uri)
    data["history"] = [asdict(t) for t in service.remember(history, result)]
    return Status(200, data)


def _unstorable(body: AskIn) -> str | None:
    # JSON may carry what no text can hold ("\ud800"): refused here, before it reaches a log or a page.
    texts = [body.question, *(t for turn in body.history for t in (turn.question, turn.answer, turn.subject) if t)]
    return None if all(storable(t) for t in texts) else "问题含有无效字符，请检查后重新输入。"
