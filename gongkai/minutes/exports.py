"""The decision register as data: one row per agenda item, for the JSON export, the CSV and the API.

Links are absolute when a request builds them (`absolute`), so that a downloaded file still points
back to the documents and department pages it came from.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import TypedDict

from django.db.models import QuerySet
from django.urls import reverse

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Document
from gongkai.minutes.models import AgendaItemRecord, DecisionFilter

Absolute = Callable[[str], str]


class LinkJSON(TypedDict):
    name: str
    id: int | None
    url: str | None


class RemarkRowJSON(TypedDict):
    kind: str
    text: str
    departments: list[LinkJSON]


class DecisionJSON(TypedDict):
    document_id: int
    document_title: str
    document_url: str
    meeting_no: str | None
    meeting_date: str | None
    date_text: str | None
    n: int
    actions: list[str]
    title: str
    documents: list[LinkJSON]
    sponsors: list[LinkJSON]
    decision: str | None
    decision_kind: str | None
    follow_up: str | None
    remarks: list[RemarkRowJSON]


def department_url(agency_id: int) -> str:
    return reverse("minutes:department", args=[agency_id])


def register_rows(chosen: DecisionFilter) -> QuerySet[AgendaItemRecord]:
    """The register's rows with everything a row shows, fetched in a few queries."""
    rows = AgendaItemRecord.objects.register(chosen)
    return rows.prefetch_related("assignments__agency", "references__document")


def decision_json(row: AgendaItemRecord, absolute: Absolute) -> DecisionJSON:
    meeting, doc = row.meeting, row.meeting.document

    def agency_link(name: str, agency: Agency | None) -> LinkJSON:
        pk = agency.pk if agency else None
        return {"name": name, "id": pk, "url": absolute(department_url(pk)) if pk else None}

    def document_link(title: str, document: Document | None) -> LinkJSON:
        url = absolute(document.get_absolute_url()) if document else None
        return {"name": title, "id": document.pk if document else None, "url": url}

    return {
        "document_id": doc.pk,
        "document_title": doc.title,
        "document_url": absolute(doc.get_absolute_url()),
        "meeting_no": meeting.meeting_no or None,
        "meeting_date": meeting.date.isoformat() if meeting.date else None,
        "date_text": meeting.date_text or None,
        "n": row.n,
        "actions": list(row.actions),
        "title": row.title,
        "documents": [document_link(t, d) for t, d in row.document_links()],
        "sponsors": [agency_link(name, a) for name, a in row.sponsor_links()],
        "decision": row.decision or None,
        "decision_kind": row.decision_kind or None,
        "follow_up": row.follow_up or None,
        "remarks": [{"kind": r["kind"], "text": r["text"],
                     "departments": [agency_link(name, a) for name, a in r["departments"]]}
                    for r in row.remark_links()],
    }


CSV_HEADER = ("会议日期", "会议", "会议次数", "序号", "议事方式", "议题", "审议文件", "提出单位", "会议决定",
              "决定类别", "后续程序", "会议指出强调要求", "纪要地址")


def csv_values(item: DecisionJSON) -> list[str]:
    remarks = "\n".join(f"{r['kind']}:{r['text']}" for r in item["remarks"])
    return [
        item["meeting_date"] or item["date_text"] or "", item["document_title"], item["meeting_no"] or "",
        str(item["n"]),
        "+".join(item["actions"]), item["title"], "；".join(d["name"] for d in item["documents"]),
        "、".join(s["name"] for s in item["sponsors"]), item["decision"] or "", item["decision_kind"] or "",
        item["follow_up"] or "", remarks, item["document_url"],
    ]


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(items: Iterable[DecisionJSON]) -> Iterator[str]:
    """The CSV, starting with a UTF-8 BOM so that Excel reads the Chinese text correctly."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    for item in items:
        yield writer.writerow(csv_values(item))


def export_items(chosen: DecisionFilter, absolute: Absolute) -> Iterator[DecisionJSON]:
    # chunk_size keeps prefetching on while iterating, without loading the whole register at once.
    for row in register_rows(chosen).iterator(chunk_size=500):
        yield decision_json(row, absolute)
