"""The e-mail digest: for each confirmed reader, what was published for their subscriptions since last time.

A timer runs `gongkai send_digests`. Workers claim a reader with a conditional update of
`Reader.digest_claimed_until` (STYLE habit 4), so two runs at once never mail the same reader; the
documents a digest carries are recorded before the mail leaves, and every later digest excludes them,
so a document is mailed to a reader at most once. Windows overlap by SLACK so that a publication whose
transaction committed after a run had looked is still found by the next run.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.catalog.models import Document, SiteSettings
from gongkai.readers.models import Digest, Reader, subscribed_documents

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=15)
SLACK = dt.timedelta(hours=1)
# A page whose 发布日期 lies further back than this is an archive import, not news for a digest.
NEWS_DAYS = 30
MAX_DOCUMENTS = 200
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass
class RunResult:
    sent: int = 0
    nothing_new: int = 0
    claimed_elsewhere: int = 0
    failed: int = 0


def due_readers() -> list[int]:
    """Ids of active, confirmed readers with an address and at least one subscription."""
    readers = Reader.objects.filter(
        user__is_active=True, confirmed_at__isnull=False, user__subscriptions__isnull=False
    ).exclude(user__email="")
    return list(readers.values_list("pk", flat=True).distinct().order_by("pk"))


def claim(reader_id: int, now: dt.datetime) -> dt.datetime | None:
    """Take this reader's digest for LEASE; the lease end, or None when another worker holds it."""
    until = now + LEASE
    free = Q(digest_claimed_until__isnull=True) | Q(digest_claimed_until__lte=now)
    taken = Reader.objects.filter(free, pk=reader_id).update(digest_claimed_until=until)
    return until if taken else None


def release(reader_id: int, until: dt.datetime) -> None:
    Reader.objects.filter(pk=reader_id, digest_claimed_until=until).update(digest_claimed_until=None)


def new_documents(reader: Reader, now: dt.datetime) -> list[Document]:
    last = Digest.objects.filter(user=reader.user).values_list("window_end", flat=True).first()
    since = last - SLACK if last else EPOCH  # each subscription also starts no earlier than itself
    already = Digest.documents.through.objects.filter(digest__user=reader.user).values("document_id")
    floor = timezone.localdate(now) - dt.timedelta(days=NEWS_DAYS)
    docs = subscribed_documents(reader.user, since=since).filter(published_at__lte=now)
    docs = docs.exclude(pk__in=already)
    docs = docs.filter(Q(published_date__isnull=True) | Q(published_date__gte=floor))
    return list(docs[:MAX_DOCUMENTS])


def document_url(doc: Document) -> str:
    return settings.SITE_URL + doc.get_absolute_url()


Connection = BaseEmailBackend | None


def compose(reader: Reader, docs: list[Document], connection: Connection = None) -> mail.EmailMessage:
    site = SiteSettings.get()
    items = [{"doc": d, "url": document_url(d)} for d in docs]
    body = render_to_string("readers/digest_email.txt", {
        "reader": reader, "items": items, "site": site,
        "center_url": settings.SITE_URL + reverse("accounts:center"),
    })
    subject = _("【%(site)s】您订阅的政府信息有 %(n)d 条更新") % {"site": site.site_name, "n": len(docs)}
    return mail.EmailMessage(subject, body, None, [reader.user.email], connection=connection)


def send_digest(reader: Reader, now: dt.datetime, connection: Connection = None) -> Digest | None:
    """Mail one reader's digest; None when nothing new matched."""
    docs = new_documents(reader, now)
    if not docs:
        return None
    with transaction.atomic():
        digest = Digest.objects.create(user=reader.user, window_end=now)
        digest.documents.set(docs)
    try:
        compose(reader, docs, connection).send()
    except Exception:
        digest.delete()  # unrecorded, its documents go out with the next digest
        raise
    Digest.objects.filter(pk=digest.pk).update(sent_at=timezone.now())
    return digest


def send_digests(now: dt.datetime | None = None) -> RunResult:
    """One pass over all due readers; safe to run in several processes at once."""
    result = RunResult()
    with translation.override(settings.LANGUAGE_CODE), mail.get_connection() as connection:
        for reader_id in due_readers():
            _one(reader_id, now or timezone.now(), connection, result)
    return result


def _one(reader_id: int, now: dt.datetime, connection: BaseEmailBackend, result: RunResult) -> None:
    until = claim(reader_id, now)
    if until is None:
        result.claimed_elsewhere += 1
        return
    try:
        reader = Reader.objects.select_related("user").get(pk=reader_id)
        if send_digest(reader, now, connection):
            result.sent += 1
        else:
            result.nothing_new += 1
    except Exception:  # one reader's bad address must not stop the others' digests
        log.exception("digest for reader %s failed", reader_id)
        result.failed += 1
    finally:
        release(reader_id, until)
