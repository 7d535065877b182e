"""相关阅读, chosen when documents change rather than on every view of a page.

A document's list (`Document.related_ids`, and `Document.related`: what its page shows of each) is
chosen again in the transaction of its own change. A change of one document may also alter the lists
of others: those sharing its 组配 or 主题 class or its publisher (it may enter them) and those listing
it (it may leave them, withdrawn or moved, or show another title). Their lists are marked to be chosen
again in the same transaction (those another change holds at that moment right after it commits, so
that two simultaneous changes never deadlock), and the indexer process chooses them shortly after
(`refresh_stale`); until then a page chooses its list as it is viewed. So a page never shows a list
older than the last committed change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from gongkai.catalog.addresses import address
from gongkai.catalog.models import Document
from gongkai.catalog.queries import related_documents

STALE = ""  # related_ids of a list to be chosen again


@dataclass(frozen=True)
class Entry:
    """One line of 相关阅读: what the page shows of a document."""

    pk: int
    title: str
    title_en: str
    published_date: dt.date | None

    def get_absolute_url(self) -> str:
        return address("portal:document", self.pk)


def encode(ids: list[int]) -> str:
    return "," + "".join(f"{i}," for i in ids)


def reading(doc: Document) -> list[Entry] | list[Document]:
    """The document's 相关阅读 for its page: the kept choice, or chosen now if it is being redone."""
    if doc.related_ids == STALE:
        return related_documents(doc)
    return [Entry(pk, title, title_en, dt.date.fromisoformat(day) if day else None)
            for pk, title, title_en, day in doc.related]


def choose(document_id: int) -> None:
    doc = Document.objects.filter(pk=document_id).first()
    if doc is not None:
        found = related_documents(doc)
        entries = [[d.pk, d.title, d.title_en, d.published_date.isoformat() if d.published_date else None]
                   for d in found]
        Document.objects.filter(pk=doc.pk).update(related_ids=encode([d.pk for d in found]), related=entries)


def on_document_changed(sender: Any, document_id: int, **kwargs: Any) -> None:
    """In the change's transaction: mark the lists it may alter, and choose its own list again."""
    row = Document.objects.filter(pk=document_id).values("topic_id", "combo_id", "agency_id").first()
    if row is None:
        return
    affected = Q(related_ids__contains=f",{document_id},")
    for name, value in row.items():
        if value:
            affected |= Q(**{name: value})
    candidates = Document.objects.filter(affected).exclude(pk=document_id).exclude(related_ids=STALE)
    # Two changes in one class at the same moment would each wait for a row the other holds (its own
    # document, locked from the start of its change) and deadlock. So this transaction marks only the
    # rows no other one holds, and the rest right after it commits, when it holds nothing to wait on.
    wanted = set(candidates.values_list("pk", flat=True))
    free = list(candidates.select_for_update(skip_locked=True).order_by("pk").values_list("pk", flat=True))
    Document.objects.filter(pk__in=free).update(related_ids=STALE)
    held = sorted(wanted - set(free))
    if held:
        transaction.on_commit(lambda: Document.objects.filter(pk__in=held).update(related_ids=STALE))
    choose(document_id)


def refresh_stale(limit: int = 200) -> int:
    """Choose again up to `limit` marked lists of public documents; how many were chosen.

    Each in a transaction that locks its row first: a change marking it again meanwhile waits for
    this one to commit and marks it afterwards, so a list chosen from data a change made stale
    never stays (on SQLite the write transaction is the whole database's)."""
    stale = Document.objects.filter(related_ids=STALE, status__in=(Document.PUBLISHED, Document.WITHDRAWN))
    ids = list(stale.values_list("pk", flat=True)[:limit])
    for document_id in ids:
        with transaction.atomic():
            locked = Document.objects.select_for_update().filter(pk=document_id, related_ids=STALE)
            if list(locked.values_list("pk", flat=True)):
                choose(document_id)
    return len(ids)
