"""Citizens' accounts: the reader profile, favourites, reading history, subscriptions and digests sent.

A reader is a Django user (username = e-mail, lower-cased) with a `Reader` row beside it. Everything
here belongs to exactly one user; views reach rows only through `request.user`, never by an id alone.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Document, Term
from gongkai.catalog.queries import public_documents

HISTORY_SIZE = 100


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class Reader(models.Model):
    """What a citizen's account needs beyond Django's user: mailbox confirmation, feed token, digest claim."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader")
    confirmed_at = models.DateTimeField("邮箱确认时间", null=True, blank=True)
    feed_token = models.CharField("订阅源密钥", max_length=64, unique=True, default=new_feed_token)
    # The digest worker's claim: a worker that set it owns this reader's digest until then (STYLE habit 4).
    digest_claimed_until = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "读者"
        verbose_name_plural = "读者"

    def __str__(self) -> str:
        return self.user.email or self.user.get_username()

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Favourite(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "收藏"
        verbose_name_plural = "收藏"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "document"], name="favourite_once")]


class Visit(models.Model):
    """One row per (reader, document), moved to the top on every visit: the history is distinct by design."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visits")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField("阅读时间")

    class Meta:
        verbose_name = "阅读记录"
        verbose_name_plural = "阅读记录"
        ordering = ["-at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "document"], name="visit_once")]
        indexes = [models.Index(fields=["user", "-at"])]


class Subscription(models.Model):
    """A reader follows one 主题/体裁 term or one 发布机构; exactly one of the two is set."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    term = models.ForeignKey(Term, verbose_name="分类", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    agency = models.ForeignKey(Agency, verbose_name="发布机构", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "订阅"
        verbose_name_plural = "订阅"
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(term__isnull=False, agency__isnull=True)
                           | Q(term__isnull=True, agency__isnull=False)),
                name="subscription_one_target",
            ),
            models.UniqueConstraint(fields=["user", "term"], condition=Q(term__isnull=False),
                                    name="subscription_term_once"),
            models.UniqueConstraint(fields=["user", "agency"], condition=Q(agency__isnull=False),
                                    name="subscription_agency_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label}:{self.target}"

    @property
    def target(self) -> Term | Agency:
        return self.term if self.term_id else self.agency  # type: ignore[return-value]

    @property
    def kind_label(self) -> str:
        return self.term.get_kind_display() if self.term_id else "发布机构"

    def document_filter(self) -> Q:
        """The documents this subscription matches; a topic takes in its sub-topics, as the tree means."""
        if self.agency_id:
            return Q(agency_id=self.agency_id)
        assert self.term is not None
        return Q(**{f"{self.term.kind}_id__in": term_and_descendants(self.term)})


def term_and_descendants(term: Term) -> list[int]:
    ids, frontier = [term.pk], [term.pk]
    while frontier:
        children = Term.objects.filter(parent_id__in=frontier).exclude(pk__in=ids)
        frontier = list(children.values_list("pk", flat=True))
        ids += frontier
    return ids


def subscribed_documents(user: object, since: dt.datetime | None = None) -> QuerySet[Document]:
    """Public documents matching any of `user`'s subscriptions, each only from when it was subscribed.

    Bounding each subscription by its own start keeps a new subscription from replaying the archive,
    in the digest; the feed passes no `since` and lists everything that matches.
    """
    matched = Q()
    for sub in Subscription.objects.filter(user=user).select_related("term"):
        part = sub.document_filter()
        if since is not None:
            part &= Q(published_at__gt=max(since, sub.created_at))
        matched |= part
    if not matched:
        return Document.objects.none()
    return public_documents().filter(matched)


class Digest(models.Model):
    """One e-mail digest: which documents it carried, and up to when it looked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests")
    window_end = models.DateTimeField("统计截止时间", db_index=True)
    documents = models.ManyToManyField(Document, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "订阅摘要邮件"
        verbose_name_plural = "订阅摘要邮件"
        ordering = ["-window_end", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.window_end:%Y-%m-%d %H:%M}"


def reader_of(user: object) -> Reader:
    """The reader row of a signed-in user; staff who sign in here get one on first use."""
    reader, _ = Reader.objects.get_or_create(user=user)
    return reader
