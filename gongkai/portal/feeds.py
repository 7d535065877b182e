"""Public feeds of newly published documents: the whole catalog, and one per 主题, 体裁, 组配 (the
catalog's columns) or 发布机构. The Atom feeds are published pages like any other: kept by gongkai.pages
and made fresh by every publication, edit or withdrawal (the `list` tag), so a feed reader polling
costs a file read. Each is also offered as RSS 2.0, and the decision register has its own feed; all
answer conditional GETs (Last-Modified from the last change of what they list)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from gongkai.accounts.models import Agency
from gongkai.catalog.feeds import DocumentItems
from gongkai.catalog.models import Document, SiteSettings, Term
from gongkai.catalog.queries import public_documents
from gongkai.minutes.models import AgendaItemRecord, DecisionFilter, MeetingRecord
from gongkai.portal.terms import term_label

FEED_SIZE = 30
# The classes a feed may follow: URL segment -> the vocabulary it names (None: the agencies).
CLASSES = {"topic": Term.TOPIC, "genre": Term.GENRE, "combo": Term.COMBO, "agency": None}  # combo: the 栏目


def _absolute(path: str) -> str:
    """The site's own address, never the request's Host: the feed is kept and served to everyone."""
    return settings.SITE_URL.rstrip("/") + path


class NewDocumentsFeed(DocumentItems, Feed):
    """最新公开: the documents most recently published, of the catalog or of one class."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, kind: str = "", pk: int = 0) -> tuple[str, Term | Agency | None]:
        if not kind:
            return "", None
        if kind not in CLASSES:
            raise Http404(_("没有这种分类"))
        vocabulary = CLASSES[kind]
        found = (Agency.objects.filter(pk=pk) if vocabulary is None
                 else Term.objects.filter(pk=pk, kind=vocabulary)).first()
        if found is None:
            raise Http404(_("没有这个分类"))
        return kind, found

    def title(self, obj: tuple[str, Term | Agency | None]) -> str:
        site = SiteSettings.get().site_name
        kind, found = obj
        if found is None:
            return _("%(site)s · 最新公开") % {"site": site}
        return _("%(site)s · 最新公开 · %(name)s") % {"site": site, "name": term_label(found.name)[0]}

    def link(self, obj: tuple[str, Term | Agency | None]) -> str:
        kind, found = obj
        return _absolute(reverse("portal:catalog") + (f"?{kind}={found.pk}" if found is not None else ""))

    def feed_url(self, obj: tuple[str, Term | Agency | None]) -> str:
        kind, found = obj
        path = reverse("portal:class_feed", args=[kind, found.pk]) if found is not None else reverse("portal:feed")
        return _absolute(path)

    def author_name(self, obj: tuple[str, Term | Agency | None]) -> str:
        return SiteSettings.get().site_name

    def items(self, obj: tuple[str, Term | Agency | None]) -> list[Document]:
        kind, found = obj
        docs = public_documents()
        if found is not None:
            docs = docs.filter(**{f"{kind}_id": found.pk})
        return list(docs.order_by("-published_at", "-published_date", "-id")[:FEED_SIZE])

    def item_link(self, doc: Document) -> str:
        return _absolute(doc.get_absolute_url())

    def item_author_name(self, doc: Document) -> str:
        return doc.agency.name



# --- RSS 2.0, the decision register, conditional GET ----------------------------------------------


class NewDocumentsRss(NewDocumentsFeed):
    """The same feeds as RSS 2.0, for readers and newsroom tools that only speak RSS."""

    feed_type = Rss201rev2Feed

    def description(self, obj: tuple[str, Term | Agency | None]) -> str:
        return self.title(obj)

    def feed_url(self, obj: tuple[str, Term | Agency | None]) -> str:
        kind, found = obj
        path = reverse("portal:class_feed_rss", args=[kind, found.pk]) if found is not None else reverse("portal:feed_rss")
        return _absolute(path)


class DecisionsFeed(Feed):
    """常务会议决定: the newest agenda items of published minutes, one entry per item."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("%(site)s · 常务会议决定") % {"site": SiteSettings.get().site_name}

    def description(self) -> str:
        return self.title()

    def link(self) -> str:
        return _absolute(reverse("minutes:register"))

    def feed_url(self) -> str:
        return _absolute(reverse("portal:decisions_feed"))

    def author_name(self) -> str:
        return SiteSettings.get().site_name

    def items(self) -> list[AgendaItemRecord]:
        return list(AgendaItemRecord.objects.register(DecisionFilter())[:FEED_SIZE])

    def item_title(self, item: AgendaItemRecord) -> str:
        meeting = item.meeting
        return f"{meeting.meeting_no or meeting.document.title} · {item.n}. {item.title}"

    def item_description(self, item: AgendaItemRecord) -> str:
        parts = [item.decision, item.follow_up and f"{_('后续程序')}: {item.follow_up}"]
        return "<br>\n".join(escape(p) for p in parts if p)

    def item_link(self, item: AgendaItemRecord) -> str:
        return _absolute(item.meeting.document.get_absolute_url())

    def item_guid(self, item: AgendaItemRecord) -> str:
        return f"{self.item_link(item)}#item-{item.n}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: AgendaItemRecord) -> dt.datetime | None:
        return item.meeting.document.published_at

    def item_updateddate(self, item: AgendaItemRecord) -> dt.datetime:
        return item.meeting.document.updated_at


class DecisionsRss(DecisionsFeed):
    feed_type = Rss201rev2Feed

    def feed_url(self) -> str:
        return _absolute(reverse("portal:decisions_feed_rss"))


def _documents_changed(request: HttpRequest, kind: str = "", pk: int = 0) -> dt.datetime | None:
    """The feed's Last-Modified: the last save of a document it may list (withdrawals included)."""
    docs = Document.objects.exclude(status=Document.DRAFT)
    if kind in CLASSES and pk:
        docs = docs.filter(**{f"{kind}_id": pk})
    return docs.aggregate(latest=Max("updated_at"))["latest"]


def _minutes_changed(request: HttpRequest) -> dt.datetime | None:
    return MeetingRecord.objects.exclude(document__status=Document.DRAFT).aggregate(
        latest=Max("document__updated_at"))["latest"]


def conditional(feed: Feed, *, decisions: bool = False) -> Callable[..., HttpResponse]:
    """The feed view answering If-Modified-Since with 304 (Last-Modified from the catalog)."""
    return condition(last_modified_func=_minutes_changed if decisions else _documents_changed)(feed)
