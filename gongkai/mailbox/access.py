"""Who may see and handle a letter; views never fetch one by its number without these.

Staff see the letters their agencies handle now (the disclosure office sees all): a department that
a letter was never routed to cannot open it, and one that transferred it away no longer can. The
writer sees their own letter signed in, or by number and 查询码 (remembered for the session).
Anyone else gets a 404, so that a guessed number does not even confirm that a letter exists.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from gongkai.accounts import access
from gongkai.mailbox.models import Letter

SESSION_KEY = "mailbox_opened"


def for_staff(user: Any) -> QuerySet[Letter]:
    if not getattr(user, "is_staff", False):
        return Letter.objects.none()
    return Letter.objects.filter(agency__in=access.agencies_of(user))


def is_handling_staff(user: Any) -> bool:
    return bool(getattr(user, "is_staff", False)) and access.agencies_of(user).exists()


def can_handle(user: Any, letter: Letter) -> bool:
    return for_staff(user).filter(pk=letter.pk).exists()


def require_handle(user: Any, letter: Letter) -> None:
    if not can_handle(user, letter):
        raise PermissionDenied("无权办理这封来信")


def require_office(user: Any) -> None:
    if not access.is_office(user):
        raise PermissionDenied("只有政务公开办（信箱管理员）可以分办来信")


def is_writer(request: HttpRequest, letter: Letter) -> bool:
    user = request.user
    if user.is_authenticated and letter.writer_user_id == user.pk:
        return True
    return access.opened_in_session(request, SESSION_KEY, letter.number)


def remember(request: HttpRequest, letter: Letter) -> None:
    access.remember_in_session(request, SESSION_KEY, letter.number)


def staff_letter(request: HttpRequest, number: str) -> Letter:
    letter = for_staff(request.user).select_related("agency", "addressed_to").filter(number=number).first()
    if letter is None:
        raise Http404("没有这封来信")
    return letter


def writer_letter(request: HttpRequest, number: str) -> Letter:
    letter = Letter.objects.select_related("agency", "addressed_to").filter(number=number).first()
    if letter is None or not is_writer(request, letter):
        raise Http404("没有这封来信")
    return letter


def viewer_letter(request: HttpRequest, number: str) -> Letter:
    """For attachments: the writer or handling staff."""
    letter = Letter.objects.filter(number=number).first()
    if letter is None or not (is_writer(request, letter) or can_handle(request.user, letter)):
        raise Http404("没有这封来信")
    return letter
