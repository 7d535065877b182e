"""One entry point for every caller of question answering (page, API, command, bench).

`ask` answers from the published catalog through `CatalogRetriever`; `answer_json` is the exchange
form the command and the API print (`{"answer", "citations", "confidence", …}`), with absolute
links; `closest` gives the search results a refusal shows; `turns_from` reads a conversation back
from a session or a request, dropping whatever is malformed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.urls import NoReverseMatch, reverse

from gongkai.qa.answer import answer
from gongkai.qa.contract import Answer, Turn
from gongkai.qa.retrieval import CatalogRetriever, key_terms
from gongkai.search import service as search
from gongkai.search.backend import SearchHit
from gongkai.search.query import QueryError

MAX_TURNS = 4  # a conversation remembers this many answered questions
CLOSEST = 5  # search results shown with a refusal

# Where the portal explains applying for disclosure: its 服务大厅 column. Pages and the command
# explain the route in words as well, and alone when the column does not exist.
APPLICATION_PAGES = ("portal:service",)

# How to apply for disclosure (条例 Arts. 29, 31, 33), in words for the command line.
APPLY_STEPS = (
    "依申请公开：向负责该信息的行政机关书面提出申请（信件、数据电文均可），写明申请人姓名或名称、身份证明、联系方式，"
    "所需信息的名称、文号或便于查询的其他特征性描述，以及获取信息的方式和途径；"
    "能够当场答复的当场答复，不能当场答复的自收到申请之日起20个工作日内答复。"
)

_RETRIEVER = CatalogRetriever()


def ask(question: str, history: Sequence[Turn] = ()) -> Answer:
    """Answer `question` from the published catalog; never raises (bad input is a refusal)."""
    return answer(question, _RETRIEVER, history=history)


def answer_json(result: Answer, absolute: Callable[[str], str]) -> dict[str, Any]:
    """The answer as the command and the API give it; `absolute` turns a path into a full URL."""
    data = result.as_dict()
    for key in ("citations", "suggestions"):
        for citation in data[key]:
            citation["url"] = absolute(citation["url"])
    data["refused"] = result.refused
    return data


def closest(question: str, limit: int = CLOSEST) -> list[SearchHit]:
    """The search results nearest a question that could not be answered (its content words when the
    question as typed cannot be searched)."""
    for text in (question, key_terms(question)):
        if not text.strip():
            continue
        try:
            return search.run(text, limit=limit, facets=False).hits
        except QueryError:
            continue
    return []


def application_url() -> str | None:
    """The path of the portal's page on applying for disclosure, if it has one."""
    for name in APPLICATION_PAGES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def remember(history: Sequence[Turn], result: Answer) -> list[Turn]:
    """The conversation after `result`: its turn appended, only the last MAX_TURNS kept. The same
    question asked again (a reloaded page) replaces its turn instead of repeating it."""
    earlier = list(history)
    if earlier and earlier[-1].question == result.question:
        earlier.pop()
    return [*earlier, result.turn()][-MAX_TURNS:]


def turns_from(raw: object) -> list[Turn]:
    """Turns stored as dicts (a session, a JSON body); anything not shaped like a turn is skipped."""
    if not isinstance(raw, Iterable) or isinstance(raw, (str, bytes, Mapping)):
        return []
    turns: list[Turn] = []
    for item in raw:
        turn = _turn(item)
        if turn is not None:
            turns.append(turn)
    return turns[-MAX_TURNS:]


def _turn(item: object) -> Turn | None:
    if not isinstance(item, Mapping) or not isinstance(item.get("question"), str):
        return None
    answer_text, doc_id, subject = item.get("answer"), item.get("doc_id"), item.get("subject")
    return Turn(
        question=item["question"][:300],
        answer=answer_text[:1000] if isinstance(answer_text, str) else None,
        doc_id=doc_id if isinstance(doc_id, int) and not isinstance(doc_id, bool) else None,
        subject=subject[:200] if isinstance(subject, str) else None,
    )
