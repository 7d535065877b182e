"""The permission-checked ways to reach objects on behalf of a user.

Views and actions never fetch a document for staff by an id alone: they come through here, so that
a clerk of one agency can neither see the drafts of another agency nor change its documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.models import Agency, Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from gongkai.catalog.models import Document

    User = AbstractBaseUser | AnonymousUser


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


def can_edit(user: User, document: Document) -> bool:
    return agencies_of(user).filter(pk=document.agency_id).exists()


def can_publish(user: User, document: Document) -> bool:
    return publishing_agencies_of(user).filter(pk=document.agency_id).exists()


def documents_for_staff(user: User) -> QuerySet[Document]:
    from gongkai.catalog.models import Document

    return Document.objects.filter(agency__in=agencies_of(user))


def access_document_for_edit(user: User, document_id: int) -> Document:
    """The document, if `user` may change it; PermissionDenied otherwise (and for unknown ids)."""
    document = documents_for_staff(user).filter(pk=document_id).first()
    if document is None:
        raise PermissionDenied("该文件不存在,或不属于您所在的机构")
    return document


def require_edit(user: User, document: Document) -> None:
    if not can_edit(user, document):
        raise PermissionDenied(f"{user} 无权修改 {document.agency} 的文件")


def require_publish(user: User, document: Document) -> None:
    if not can_publish(user, document):
        raise PermissionDenied(f"{user} 无权发布或撤回 {document.agency} 的文件")
