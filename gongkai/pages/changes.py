"""What changed, and which pages it makes stale.

Recording: receivers of the catalog's `document_changed` signal and of saves of the minutes' records
and of the site-wide rows (site settings, vocabularies, agencies) write a `PageChange` row inside the
change's own transaction, as the search outbox does.

Applying: every node's indexer process (`gongkai indexer`, started by `gongkai serve`) polls the log
about once a second and deletes the page files that the new rows make stale on that node. A node
remembers which rows it applied rather than a last id, because rows commit out of id order; rows
are pruned after a day, and a node that missed rows (new, or away longer) forgets all its pages.
The day changing also forgets all pages: every page shows the date, and a 废止日期 or 失效日期 that
arrives at midnight changes what a document page says.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import close_old_connections
from django.db.models import Max, Min, Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from gongkai.catalog.related import refresh_stale
from gongkai.pages.middleware import page_store
from gongkai.pages.models import PageChange
from gongkai.pages.store import PageStore

log = logging.getLogger(__name__)

# Rows younger than this are looked at again, in case one with a lower id committed late.
LATE_COMMIT = dt.timedelta(minutes=10)
KEEP = dt.timedelta(days=1)
# The vocabularies and identity that every page's navigation, facets or footer show.
SITE_MODELS = ("catalog.SiteSettings", "catalog.Term", "accounts.Agency")
MINUTES_MODELS = ("minutes.MeetingRecord", "minutes.AgendaItemRecord", "minutes.Assignment",
                  "minutes.ReferencedDocument")
# Kinds of change that apps above this one record (gongkai.columns: its columns and pages) -> the tags
# a row of that kind makes stale, from the row's object id (kept in `document_id`); None: every page.
EXTRA_KINDS: dict[str, Callable[[int | None], set[str] | None]] = {}


# --- recording ------------------------------------------------------------------------------------


def on_document_changed(sender: Any, document_id: int, **kwargs: Any) -> None:
    _record(PageChange(kind=PageChange.DOCUMENT, document_id=document_id))


def on_minutes_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    _record(PageChange(kind=PageChange.MINUTES, document_id=_minutes_document(instance)))


def on_site_saved(sender: Any, **kwargs: Any) -> None:
    _record(PageChange(kind=PageChange.SITE))


def record(kind: str, object_id: int | None = None) -> None:
    """A change of a kind in EXTRA_KINDS (or a site-wide one), in the caller's transaction."""
    _record(PageChange(kind=kind, document_id=object_id))


def _record(change: PageChange) -> None:
    """Log the change for every node, and forget this node's stale pages at once, so that whoever
    made the change sees it on the next page. A page rendered from the data as it was before the
    commit may still be kept meanwhile: the indexer's application of the row deletes it."""
    change.save()
    if settings.PAGE_CACHE:
        forget(page_store(), tags_of(change))
    elif change.kind == PageChange.SITE:
        page_store().bump_site()  # the workers' copies of site-wide rows, kept even without the cache


def forget(store: PageStore, tags: set[str] | None) -> None:
    if tags is None:
        store.clear()
    else:
        store.invalidate(tags)


def _minutes_document(instance: Any) -> int | None:
    """The minutes' document of a meeting, an item, or a row hanging from an item."""
    item_id = getattr(instance, "item_id", None)
    meeting_id = getattr(instance, "meeting_id", None)
    if item_id is not None and meeting_id is None:
        item_model = apps.get_model("minutes", "AgendaItemRecord")
        meeting_id = item_model.objects.filter(pk=item_id).values_list("meeting_id", flat=True).first()
    if meeting_id is not None:
        meeting_model = apps.get_model("minutes", "MeetingRecord")
        return meeting_model.objects.filter(pk=meeting_id).values_list("document_id", flat=True).first()
    return getattr(instance, "document_id", None)


def connect() -> None:
    from gongkai.catalog.signals import document_changed

    document_changed.connect(on_document_changed, dispatch_uid="pages.document_changed")
    for label in MINUTES_MODELS:
        model = apps.get_model(label)
        post_save.connect(on_minutes_saved, sender=model, dispatch_uid=f"pages.saved.{label}")
        post_delete.connect(on_minutes_saved, sender=model, dispatch_uid=f"pages.deleted.{label}")
    for label in SITE_MODELS:
        model = apps.get_model(label)
        post_save.connect(on_site_saved, sender=model, dispatch_uid=f"pages.saved.{label}")
        post_delete.connect(on_site_saved, sender=model, dispatch_uid=f"pages.deleted.{label}")


# --- applying -------------------------------------------------------------------------------------


def document_tags(document_id: int) -> set[str]:
    """The pages a change of this document may alter: its own page, every list, and the pages
    whose 相关阅读 draws from its classes or its publisher (it may enter their lists)."""
    from gongkai.catalog.models import Document

    tags = {f"doc:{document_id}", "list"}
    row = Document.objects.filter(pk=document_id).values("topic_id", "combo_id", "agency_id").first()
    if row:
        tags |= {f"related:{name[:-3]}:{value}" for name, value in row.items() if value}
    return tags


def tags_of(change: PageChange) -> set[str] | None:
    """The tags `change` invalidates; None for a change that every page shows."""
    if change.kind in EXTRA_KINDS:
        return EXTRA_KINDS[change.kind](change.document_id)
    if change.kind == PageChange.SITE:
        return None
    if change.kind == PageChange.MINUTES:
        return {"minutes", "list"} | ({f"doc:{change.document_id}"} if change.document_id else set())
    return document_tags(change.document_id) if change.document_id else {"list"}


def apply_changes(store: PageStore, now: dt.datetime | None = None) -> int:
    """Apply on this node every committed change it has not applied; how many it applied."""
    now = now or timezone.now()
    last = store.last_applied()
    if last is None or _missed_some(last):
        return _start_afresh(store, now)
    recent = PageChange.objects.filter(Q(id__gt=last) | Q(created_at__gte=now - LATE_COMMIT)).order_by("id")
    rows = list(recent)
    done = store.applied(row.id for row in rows)
    new = [row for row in rows if row.id not in done]
    if not new:
        return 0
    found = [tags_of(row) for row in new]
    forget(store, None if None in found else set().union(*found))
    store.mark_applied(row.id for row in new)
    return len(new)


def _missed_some(last: int) -> bool:
    """Whether rows after `last` were pruned before this node applied them."""
    oldest = PageChange.objects.aggregate(first=Min("id"))["first"]
    return oldest is not None and oldest > last + 1


def _start_afresh(store: PageStore, now: dt.datetime) -> int:
    """Forget every page; the rows seen so far are then applied (a row committing later is not)."""
    seen = list(PageChange.objects.filter(created_at__gte=now - LATE_COMMIT).values_list("id", flat=True))
    newest = PageChange.objects.aggregate(last=Max("id"))["last"] or 0
    store.clear()
    store.mark_applied([*seen, newest])
    return 0


def check_day(store: PageStore, today: dt.date | None = None) -> bool:
    """Forget every page when the day changes; whether it did."""
    today = today or timezone.localdate()
    seen = store.meta("day")
    if seen == today.isoformat():
        return False
    store.set_meta("day", today.isoformat())
    if seen is not None:
        store.clear()
    return seen is not None


def prune(store: PageStore, now: dt.datetime | None = None) -> None:
    """Drop rows older than a day (every node has applied them by then, or starts afresh)."""
    now = now or timezone.now()
    PageChange.objects.filter(created_at__lt=now - KEEP).delete()
    oldest = PageChange.objects.aggregate(first=Min("id"))["first"]
    last = store.last_applied()
    if oldest is not None and last is not None and oldest <= last:
        store.forget_applied_below(oldest)


def run(store: PageStore, poll_seconds: float = 1.0, stop: threading.Event | None = None) -> None:
    """The page side of the indexer loop (`gongkai indexer`)."""
    stop = stop or threading.Event()
    rounds = 0
    while not stop.is_set():
        try:
            check_day(store)
            apply_changes(store)
            refresh_stale()  # 相关阅读 lists that changes marked, chosen again off the request path
            if rounds % 3600 == 0:
                prune(store)
        except Exception:  # keep going: the rows stay in the log and are applied next time
            log.exception("applying page changes failed; retrying")
        finally:
            close_old_connections()
        rounds += 1
        stop.wait(poll_seconds)
