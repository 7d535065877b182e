"""The search subsystem's contract: what the catalog hands over, what a search returns.

Callers (the indexer that drains the outbox after commit, `gongkai search`, `/api/search`, the
results page) talk to a `SearchBackend` and never know which one runs: `TantivyBackend` in
`engine.py`, or `NullBackend` here for tests and for sites that switch search off.

Writes are batched: `upsert` and `delete` queue changes that become visible to every reader, in
this process and others, after `commit`. Only one process may write an index at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from gongkai.search.query import FACETS, QueryError, SearchQuery, parse_query

__all__ = [
    "EXAMPLE_DOC", "EXAMPLE_ENGLISH_DOC", "FACETS", "FacetCounts", "NullBackend", "QueryError", "SearchBackend", "SearchDoc",
    "SearchHit", "SearchQuery", "SearchResults",
]

Mode = Literal["all", "any"]
FacetCounts = dict[str, list[tuple[str, int]]]  # facet name -> [(value, count)], most frequent first


@dataclass(frozen=True)
class SearchDoc:
    """One published document as the catalog hands it to the search engine."""

    doc_id: int
    index_no: str  # 索引号
    title: str
    summary: str  # 内容概述
    body: str
    doc_no: str  # 文件编号 / 文号
    publisher: str  # 发布机构
    attachments_text: str
    topic: str  # 主题分类
    genre: str  # 体裁分类
    combo: str  # 组配分类
    year: int | None
    validity: str  # 有效性 / 废止日期 as shown
    published: date | None
    url: str
    # The English text staff entered (or accepted from a reviewed machine draft); "" when the
    # document exists only in Chinese. Searched with an English analyser on the English pages.
    title_en: str = ""
    summary_en: str = ""
    body_en: str = ""


@dataclass(frozen=True)
class SearchHit:
    doc_id: int
    index_no: str
    title: str
    title_html: str  # the title, HTML-escaped, with matched words in <mark>
    url: str
    score: float  # relevance (0.0 when sorted by date)
    snippet_html: str  # a passage of the original text, HTML-escaped, matches in <mark>
    snippet_text: str  # the same passage as plain text
    publisher: str
    published: date | None
    doc_no: str
    genre: str
    topic: str
    validity: str
    english: bool = False  # title, title_html and snippet are the document's English text


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: list[SearchHit]
    facets: FacetCounts
    mode: Mode  # "all": every word required; "any": too few had them all, ranked by any words
    elapsed_ms: float
    offset: int = 0
    limit: int = 10
    notices: tuple[str, ...] = ()  # how the query was adjusted, "中文 / English"


class SearchBackend(Protocol):
    def upsert(self, docs: Iterable[SearchDoc]) -> None:
        """Add or replace documents (by doc_id); visible after `commit`."""

    def delete(self, doc_ids: Iterable[int]) -> None:
        """Remove documents; visible after `commit`. Unknown ids are ignored."""

    def clear(self) -> None:
        """Remove every document; visible after `commit` (readers see the old index until then)."""

    def commit(self) -> None:
        """Make queued writes durable and visible to readers."""

    def search(self, q: SearchQuery) -> SearchResults:
        """Raises QueryError for queries that cannot be searched."""

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles containing what has been typed so far, those starting with it first."""


class NullBackend:
    """Finds nothing, stores nothing; still rejects bad queries like a real backend would."""

    def upsert(self, docs: Iterable[SearchDoc]) -> None:
        for _ in docs:  # consume, so generators behave as with a real backend
            pass

    def delete(self, doc_ids: Iterable[int]) -> None:
        for _ in doc_ids:
            pass

    def clear(self) -> None:
        return None

    def commit(self) -> None:
        return None

    def search(self, q: SearchQuery) -> SearchResults:
        parsed = parse_query(q)
        return SearchResults(q.text, 0, [], {}, "all", 0.0, q.offset, q.limit, parsed.notices)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        return []


# The canonical example of the contract, reused by tests (a fictional district's document).
EXAMPLE_DOC = SearchDoc(
    doc_id=1,
    index_no="113200000000001/2024-00008",
    title="区政府第25次常务会议纪要",
    summary="区政府第25次常务会议纪要",
    body=(
        "2024年1月19日，区长林清源主持召开区政府第25次常务会议。\n"
        "会议审议并原则同意区农业农村局提出的《枫林区粮食安全保障三年行动方案》。"
        "会议要求，区财政局做好资金保障，各镇（街道）抓好粮食生产。"
    ),
    doc_no="枫政发〔2024〕1号",
    publisher="枫林区政府办公室",
    attachments_text="附件：粮食生产任务分解表",
    topic="机关事务",
    genre="会议纪要",
    combo="政府会议",
    year=2024,
    validity="有效",
    published=date(2024, 1, 25),
    url="/docs/1/",
)

# The same contract for a document with an English text (English pages search these fields).
EXAMPLE_ENGLISH_DOC = SearchDoc(
    doc_id=2,
    index_no="113200000000001/2024-00009",
    title="区政府第26次常务会议纪要",
    summary="区政府第26次常务会议审议区级预算调整方案",
    body="2024年2月2日，区政府召开第26次常务会议，审议并原则同意《2024年区级预算调整方案》。",
    doc_no="",
    publisher="枫林区政府办公室",
    attachments_text="",
    topic="财政",
    genre="会议纪要",
    combo="政府会议",
    year=2024,
    validity="有效",
    published=date(2024, 2, 5),
    url="/docs/2/",
    title_en="Minutes of the 26th Executive Meeting of the District Government",
    summary_en="The executive meeting considered the adjusted district budget for 2024.",
    body_en="On 2 February 2024 the district government held its 26th executive meeting. "
            "The meeting considered and approved in principle the 2024 district budget adjustment plan.",
)
