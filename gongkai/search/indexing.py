"""Keeping the search index in step with the database, which stays the source of truth.

Every change the catalog announces (`catalog.signals.document_changed`) writes an outbox row in the
same transaction as the change (`search.models.on_document_changed`).
`apply_outbox` reads committed rows, upserts public documents and deletes the rest, commits the index,
and only then deletes the rows it applied: a crash at any point leaves rows that are applied again,
and applying twice is harmless. One process writes the index at a time (tantivy's writer lock);
readers in every web worker reload after each commit. See docs/adr/0003-search-index.md.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections
from django.db.models import Q
from django.utils import timezone

from gongkai.catalog.models import Document
from gongkai.lib.html import html_to_text, sanitize_html
from gongkai.search.backend import NullBackend, SearchBackend, SearchDoc
from gongkai.search.models import OutboxEntry

log = logging.getLogger(__name__)
BATCH = 500


def to_search_doc(doc: Document) -> SearchDoc:
    attachments = "\n".join(t for t in doc.attachments.values_list("text", flat=True) if t)
    return SearchDoc(
        doc_id=doc.pk, index_no=doc.index_no or "", title=doc.title, summary=doc.summary, body=doc.body_text,
        doc_no=doc.doc_no, publisher=doc.agency.name, attachments_text=attachments,
        topic=doc.topic.name if doc.topic else "", genre=doc.genre.name if doc.genre else "",
        combo=doc.combo.name if doc.combo else "",
        year=doc.published_date.year if doc.published_date else None, validity=doc.validity,
        published=doc.published_date, url=doc.get_absolute_url(),
        title_en=doc.title_en, summary_en=doc.summary_en, body_en=english_text(doc.body_en),
    )


def english_text(body_en: str) -> str:
    """body_en as staff entered it (plain text, or markup as the page sanitizes it), as text."""
    return html_to_text(sanitize_html(body_en)) if "<" in body_en and ">" in body_en else body_en


def open_backend(*, writer: bool = False, workers: int = 1) -> SearchBackend:
    if settings.SEARCH_BACKEND == "null":
        return NullBackend()
    from gongkai.search.engine import SchemaChanged, TantivyBackend

    if not writer and not (settings.SEARCH_INDEX_DIR / "meta.json").exists():
        # A new data directory: lay down the empty index (no writer lock is taken) so readers open it.
        TantivyBackend(settings.SEARCH_INDEX_DIR, writable=True)
    try:
        return TantivyBackend(settings.SEARCH_INDEX_DIR, writable=writer, workers=workers)
    except SchemaChanged:
        if not writer:
            raise  # the writer (indexer, reindex) replaces it in a moment; readers never delete an index
    # An index of an older release (e.g. before the English fields): the index is derived data, so
    # the writer starts it afresh and queues every published document, which it then applies.
    log.warning("the search index was built with an older schema; rebuilding it from the database")
    backend = TantivyBackend.recreate(settings.SEARCH_INDEX_DIR, workers=workers)
    ids = Document.objects.filter(status=Document.PUBLISHED).values_list("pk", flat=True)
    OutboxEntry.objects.bulk_create([OutboxEntry(document_id=pk) for pk in ids.iterator()], batch_size=1000)
    return backend


@lru_cache(maxsize=1)
def reader() -> SearchBackend:
    """This process's reading handle on the index (it reloads itself after other processes commit)."""
    return open_backend()


def _searchable() -> object:
    return Document.objects.filter(status=Document.PUBLISHED).select_related("agency", "topic", "genre", "combo")


def apply_outbox(backend: SearchBackend, batch: int = BATCH) -> int:
    """Apply committed outbox rows until none are left; returns how many rows were applied."""
    applied = 0
    while True:
        rows = list(OutboxEntry.objects.order_by("id")[:batch].values_list("id", "document_id"))
        if not rows:
            return applied
        ids = {doc_id for _, doc_id in rows}
        public = list(_searchable().filter(pk__in=ids).prefetch_related("attachments"))
        backend.upsert(to_search_doc(d) for d in public)
        backend.delete(ids - {d.pk for d in public})
        backend.commit()
        OutboxEntry.objects.filter(id__in=[row_id for row_id, _ in rows]).delete()
        applied += len(rows)


def rebuild(backend: SearchBackend, batch: int = BATCH) -> int:
    """Rebuild the whole index from the database in one commit; pending outbox rows are covered by it."""
    last_row = OutboxEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    docs = _searchable().prefetch_related("attachments").order_by("pk")

    def stream() -> Iterator[SearchDoc]:
        for start in range(0, docs.count(), batch):
            yield from (to_search_doc(d) for d in docs[start : start + batch])

    if hasattr(backend, "rebuild"):  # the engine's bulk path: no per-document deletes, parallel segmentation
        count = backend.rebuild(stream())
    else:
        backend.clear()
        count = 0
        for doc in stream():
            backend.upsert([doc])
            count += 1
        backend.commit()
    OutboxEntry.objects.filter(id__lte=last_row).delete()
    return count


def catch_up() -> int:
    """Apply pending changes now if no other process holds the writer (then that one will)."""
    if settings.SEARCH_BACKEND == "null" or not OutboxEntry.objects.exists():
        return 0
    try:
        backend = open_backend(writer=True)
    except Exception as exc:  # the writer lock is held elsewhere: the running indexer applies it
        log.info("index writer busy, leaving the outbox to the running indexer: %s", exc)
        return 0
    try:
        applied = apply_outbox(backend)
    finally:
        getattr(backend, "close", lambda: None)()
    # Other processes' readers pick the commit up within a moment; this one needs it now.
    getattr(reader(), "reload", lambda: None)()
    return applied


def queue_arrived_dates(after: dt.date, today: dt.date) -> int:
    """Queue the published documents whose 废止日期 or 失效日期 came after `after`, up to `today`:
    their 有效性 changed at midnight though nobody changed them, so no action queued them."""
    arrived = (Q(abolished_date__gt=after, abolished_date__lte=today)
               | Q(expires_date__gt=after, expires_date__lte=today))
    ids = list(Document.objects.filter(arrived, status=Document.PUBLISHED).values_list("pk", flat=True))
    OutboxEntry.objects.bulk_create([OutboxEntry(document_id=pk) for pk in ids])
    return len(ids)


def _day_file() -> Path:
    """The day this index's 有效性 values were last brought up to date; beside the index, not in it."""
    index = Path(settings.SEARCH_INDEX_DIR)
    return index.with_name(f"{index.name}.day")


def check_day(today: dt.date | None = None) -> int:
    """At the first look on a new day, queue the documents that the days since the last look made
    废止 or 失效 (the page cache forgets its pages then too: gongkai.pages.changes.check_day); how many.
    An index without a record of its day is taken as brought up to date yesterday."""
    today = today or timezone.localdate()
    marker = _day_file()
    try:
        seen = dt.date.fromisoformat(marker.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        seen = today - dt.timedelta(days=1)
    if seen == today:
        return 0
    queued = queue_arrived_dates(seen, today) if seen < today else 0
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(today.isoformat(), encoding="utf-8")  # after queueing: a crash queues again
    return queued


def index_round(backend: SearchBackend) -> int:
    """One round of the indexer: the day's arrived dates, then every committed outbox row."""
    check_day()
    return apply_outbox(backend)


def run_indexer(poll_seconds: float = 1.0, stop: threading.Event | None = None) -> None:
    """The indexer loop: `gongkai indexer` runs it alone; `gongkai serve` in a thread."""
    stop = stop or threading.Event()
    backend = open_backend(writer=True)
    while not stop.is_set():
        try:
            index_round(backend)
        except Exception:  # keep serving; the rows stay in the outbox and are tried again
            log.exception("applying the search outbox failed; retrying")
        finally:
            close_old_connections()
        stop.wait(poll_seconds)


def start_background_indexer() -> threading.Thread:
    thread = threading.Thread(target=run_indexer, name="gongkai-indexer", daemon=True)
    thread.start()
    time.sleep(0)  # let it take the writer lock before requests arrive
    return thread
