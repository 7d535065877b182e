"""Who may act for which agency, and the checks that refuse everyone else.

Views and actions never fetch a document for staff by an id alone: they come through these checks
(and `catalog.queries.documents_for_staff`), so that a clerk of one agency can neither see the
drafts of another agency nor change its documents. Accounts know nothing of the catalog: what they
check is anything an agency owns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.models import Agency, Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


class Owned(Protocol):
    """Something an agency owns and its staff answer for: a document."""

    agency_id: int
    agency: Agency


def is_office(user: User) -> bool:
    """The disclosure office (and the superuser) oversees every agency."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role=Membership.OFFICE).exists()


def agencies_of(user: User) -> QuerySet[Agency]:
    if is_office(user):
        return Agency.objects.all()
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.filter(memberships__user=user).distinct()


def publishing_agencies_of(user: User) -> QuerySet[Agency]:
    if is_office(user):
        return Agency.objects.all()
    if not user.is_authenticated:
        return Agency.objects.none()
    roles = [Membership.PUBLISHER, Membership.OFFICE]
    return Agency.objects.filter(memberships__user=user, memberships__role__in=roles).distinct()


def can_edit(user: User, document: Owned) -> bool:
    return agencies_of(user).filter(pk=document.agency_id).exists()


def can_publish(user: User, document: Owned) -> bool:
    return publishing_agencies_of(user).filter(pk=document.agency_id).exists()


def require_edit(user: User, document: Owned) -> None:
    if not can_edit(user, document):
        raise PermissionDenied(f"{user} 无权修改 {document.agency} 的文件")


def require_publish(user: User, document: Owned) -> None:
    if not can_publish(user, document):
        raise PermissionDenied(f"{user} 无权发布或撤回 {document.agency} 的文件")


# --- things a visitor opened with a number and its 查询码 ---------------------------------------------
# An applicant or a letter writer without an account proves once per browser session that they hold
# the number's 查询码; the numbers so opened are kept in the session (the latest `keep`).


def opened_in_session(request: Any, key: str, number: str) -> bool:
    return number in request.session.get(key, [])


def remember_in_session(request: Any, key: str, number: str, keep: int = 20) -> None:
    opened = [n for n in request.session.get(key, []) if n != number]
    request.session[key] = [*opened[-(keep - 1):], number]
