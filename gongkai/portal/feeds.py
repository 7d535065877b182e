"""Public Atom feeds of newly published documents: the whole catalog, and one per 主题, 体裁 or
发布机构. They are published pages like any other: kept by gongkai.pages and made fresh by every
publication, edit or withdrawal (the `list` tag), so a feed reader polling costs a file read."""

from __future__ import annotations


from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.accounts.models import Agency
from gongkai.catalog.feeds import DocumentItems
from gongkai.catalog.models import Document, SiteSettings, Term
from gongkai.catalog.queries import public_documents
from gongkai.portal.terms import term_label

FEED_SIZE = 30
# The classes a feed may follow: URL segment -> the vocabulary it names (None: the agencies).
CLASSES = {"topic": Term.TOPIC, "genre": Term.GENRE, "agency": None}


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

