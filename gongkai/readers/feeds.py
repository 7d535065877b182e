"""The personal Atom feed: the documents a reader's subscriptions match, at a secret, revocable address."""

from __future__ import annotations


from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.catalog.feeds import DocumentItems
from gongkai.catalog.models import Document, SiteSettings
from gongkai.readers.models import Reader, Subscription, subscribed_documents

FEED_SIZE = 50


class ReaderFeed(DocumentItems, Feed):
    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        # The address is the credential: keep it out of shared caches and search engines.
        response["Cache-Control"] = "private, max-age=300"
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_object(self, request: HttpRequest, token: str) -> Reader:
        reader = Reader.objects.select_related("user").filter(feed_token=token, user__is_active=True).first()
        if reader is None:
            raise Http404(_("没有这个订阅源，或它已被更换"))
        return reader

    def title(self, reader: Reader) -> str:
        return _("%(site)s · 我的订阅") % {"site": SiteSettings.get().site_name}

    def subtitle(self, reader: Reader) -> str:
        subscriptions = Subscription.objects.filter(user=reader.user).select_related("term", "agency")
        return "、".join(str(s) for s in subscriptions)

    def author_name(self, reader: Reader) -> str:
        return SiteSettings.get().site_name

    def link(self, reader: Reader) -> str:
        return reverse("portal:catalog")

    def items(self, reader: Reader) -> list[Document]:
        return list(subscribed_documents(reader.user).order_by("-published_at", "-id")[:FEED_SIZE])

    def item_link(self, doc: Document) -> str:
        return doc.get_absolute_url()



