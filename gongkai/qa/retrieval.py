"""The catalog's retriever for question answering: the search engine ranks, the database supplies.

`CatalogRetriever.candidates` searches the question with the engine (which falls back from all
terms to any terms by itself), and when that finds fewer documents than asked, searches again with
only the question's content words, since a question's framing words (那次会上, 一年里) can keep the
document that answers it out of an all-terms match. The documents are loaded in one query and
turned into `SourceDoc`s: the catalog fields as the document page labels them, and the facts of
its meeting minutes, from the stored `MeetingRecord` or parsed on the fly.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from gongkai.catalog.models import Document
from gongkai.catalog.queries import public_documents
from gongkai.lib.zh.dates import whole_date
from gongkai.minutes.contract import Meeting
from gongkai.minutes.models import MeetingRecord
from gongkai.minutes.records import labelled_as_minutes, meeting_of, parse_document
from gongkai.qa import understand as u
from gongkai.qa.contract import FactRecord, SourceDoc
from gongkai.qa.records import records_from_meeting
from gongkai.search import service
from gongkai.search.query import MAX_QUERY_CHARS, QueryError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CatalogRetriever:
    """Published documents for a question, best first (a `gongkai.qa.contract.Retriever`)."""

    def candidates(self, question: str, limit: int) -> list[SourceDoc]:
        ids = ranked_ids(question, limit)
        # Links in the site's default language: answers and their passages are cached across
        # requests in every language, and the page puts each link into the reader's language.
        with translation.override(settings.LANGUAGE_CODE):
            return [source_doc(doc) for doc in load_documents(ids)]


def ranked_ids(question: str, limit: int) -> list[int]:
    """Document ids for the question as typed, then for its content words alone, without repeats."""
    ids = _search_ids(question, limit)
    if len(ids) < limit:
        words = key_terms(question)
        if words and words != question:
            ids += [i for i in _search_ids(words, limit) if i not in ids]
    return ids[:limit]


def key_terms(question: str) -> str:
    """The question's content words, space-separated: what a document that answers must mention."""
    q = u.understand(question)
    return " ".join([*q.phrases, *(t for t in q.terms if len(t) > 1 and t not in "".join(q.phrases))])


def _search_ids(text: str, limit: int) -> list[int]:
    try:
        results = service.run(text[:MAX_QUERY_CHARS], limit=limit, facets=False)
    except QueryError:  # a question of only function words has nothing to search for
        return []
    return _unique(hit.doc_id for hit in results.hits)


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def load_documents(ids: Sequence[int]) -> list[Document]:
    """The published documents with these ids, in this order, with their minutes, in one query each."""
    if not ids:
        return []
    rows = (
        public_documents().filter(pk__in=ids).order_by()
        .defer("body_html", "body_en", "summary_en")  # the page's HTML and translations are not read here
        .select_related("meeting").prefetch_related("meeting__items")
    )
    by_id = {doc.pk: doc for doc in rows}
    return [by_id[i] for i in ids if i in by_id]  # the index may still hold one withdrawn since


# --- a document as question answering sees it ------------------------------------------------------


# What 智能问答 reads of one body: every real document fits; a multi-megabyte dump would cost each
# question seconds per candidate (docs/adr/0010-import-ownership-and-limits.md).
BODY_CHARS = 200_000


def source_doc(doc: Document) -> SourceDoc:
    return SourceDoc(
        doc_id=doc.pk,
        index_no=doc.index_no,
        title=doc.title,
        url=doc.get_absolute_url(),
        body=(doc.body_text or "")[:BODY_CHARS],
        validity=doc.validity,
        metadata=metadata_of(doc),
        published=stated_publication(doc),
        records=facts_of(doc),
    )


def metadata_of(doc: Document) -> dict[str, str]:
    """The catalog fields under the labels the document page shows, then the page's other labels.

    Values the catalog filled in for want of one on an imported page (`Document.stated_fields`) are
    left out: they would answer "哪个单位发布的" or "哪天发布的" with words the page never said.
    """
    published = stated_publication(doc)
    shown = _shown_dates(doc)
    fields = {
        "索引号": doc.index_no if doc.states("index_no") else "",
        "主题分类": doc.topic.name if doc.topic else "",
        "体裁分类": doc.genre.name if doc.genre else "",
        "组配分类": doc.combo.name if doc.combo else "",
        "文件编号": doc.doc_no,
        "发布机构": doc.agency.name if doc.states("agency") else "",
        "产生日期": _spelled(doc.created_date, shown),
        "发布日期": _spelled(published, shown),
        "有效性": doc.validity if doc.states("validity") else "",
        "废止日期": _spelled(doc.abolished_date, shown),
        "内容概述": doc.summary,
    }
    for label, value in (doc.extra or {}).items():
        if isinstance(value, (str, int, float)) and str(value).strip() and label not in fields:
            fields[str(label)] = str(value).strip()
    return {label: value for label, value in fields.items() if value}


def _shown_dates(doc: Document) -> dict[dt.date, str]:
    """The dates an imported page showed, as it spelled them (2017年06月28日), by the day they name."""
    shown: dict[dt.date, str] = {}
    for value in (doc.extra or {}).values():
        text = value.strip() if isinstance(value, str) else ""
        found = whole_date(text) if text else None
        if found is not None and found.date is not None:
            shown.setdefault(found.date, text[found.start:found.end])
    return shown


def _spelled(day: dt.date | None, shown: dict[dt.date, str]) -> str:
    """A date in the page's own spelling when the page showed it, else in ISO form: an answer that
    quotes the page is the one a reader can find on it."""
    if day is None:
        return ""
    return shown.get(day) or day.isoformat()


def stated_publication(doc: Document) -> dt.date | None:
    """The publication date, unless it is only the day an imported page was imported.

    Publishing a document without a date dates it today: right for a document published here, but
    an imported page that showed no date would be answered with the day of the import.
    """
    return doc.published_date if doc.states("published_date") else None


# --- facts from meeting minutes --------------------------------------------------------------------

_PARSED: OrderedDict[tuple[int, str], tuple[FactRecord, ...]] = OrderedDict()
_PARSED_SIZE = 1024


def facts_of(doc: Document) -> tuple[FactRecord, ...]:
    """Facts of the minutes a document holds: from its stored record, else parsed once and kept."""
    try:
        record: MeetingRecord | None = doc.meeting
    except MeetingRecord.DoesNotExist:
        record = None
    text = f"{doc.title}\n{(doc.body_text or '')[:BODY_CHARS]}"
    if record is not None:
        return _facts(meeting_of(record), text)
    if not labelled_as_minutes(doc):
        return ()
    key = (doc.pk, doc.updated_at.isoformat() if doc.updated_at else "")
    found = _PARSED.get(key)  # read once: another request's thread may evict it meanwhile
    if found is None:
        found = _PARSED[key] = _facts(parse_document(doc), text)
        while len(_PARSED) > _PARSED_SIZE:
            _PARSED.popitem(last=False)
    return found


def _facts(meeting: Meeting, text: str) -> tuple[FactRecord, ...]:
    try:
        return tuple(records_from_meeting(meeting, text))
    except Exception:  # a record staff left odd must not cost the citizen the whole answer
        log.exception("could not read the facts of a meeting")
        return ()
