"""What other pages show of consultations: the open ones, for 政民互动 and the API."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongkai.consultations.models import Comment, Consultation


def open_now() -> QuerySet[Consultation]:
    """Consultations taking comments today, closing soonest first, with their received-comment count."""
    today = timezone.localdate()
    return (Consultation.objects.filter(status=Consultation.OPEN, starts_on__lte=today, ends_on__gte=today)
            .select_related("agency")
            .annotate(comment_count=Count("comments", filter=~Q(comments__status=Comment.UNCONFIRMED)))
            .order_by("ends_on", "id"))


def open_consultations(limit: int) -> list[Consultation]:
    """At most `limit` open consultations; each has `comment_count` and `get_absolute_url()`."""
    return list(open_now()[: max(limit, 0)])


def public() -> QuerySet[Consultation]:
    """Every consultation that has started: open, closed or answered."""
    return Consultation.objects.filter(starts_on__lte=timezone.localdate()).select_related("agency")


def for_staff(user: object) -> QuerySet[Consultation]:
    from gongkai.accounts import access

    return Consultation.objects.filter(agency__in=access.agencies_of(user)).select_related("agency")  # type: ignore[arg-type]


FINALS_KEY = "consultations:finals"


def finals() -> dict[int, int]:
    """Final document id → its consultation's id, from the cache: a document page asks no query for it.

    Few documents are final versions of a consultation, so the whole map is one small cache entry,
    dropped whenever a final version is linked (`actions.link_final_version`).
    """
    from django.core.cache import cache

    found = cache.get(FINALS_KEY)
    if not isinstance(found, dict):
        pairs = Consultation.objects.filter(final_document__isnull=False).values_list("final_document_id", "id")
        found = {doc_id: pk for doc_id, pk in pairs}
        cache.set(FINALS_KEY, found, timeout=24 * 3600)
    return found
