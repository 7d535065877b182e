"""Who may see and handle an application; views never fetch one by its number without these.

Staff see the applications addressed to their agencies (the disclosure office sees all, as with
documents); an applicant sees their own, signed in or by number and 查询码. Anyone else gets a 404,
so that a guessed number does not even confirm that an application exists.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from gongkai.accounts import access
from gongkai.applications.models import Application

SESSION_KEY = "applications_opened"  # numbers opened with their 查询码 in this browser session


def for_staff(user: Any) -> QuerySet[Application]:
    if not getattr(user, "is_staff", False):
        return Application.objects.none()
    return Application.objects.filter(agency__in=access.agencies_of(user))


def can_receive(user: Any, agency: Any) -> bool:
    """Staff enter paper applications addressed to their own agencies."""
    return getattr(user, "is_staff", False) and access.agencies_of(user).filter(pk=agency.pk).exists()


def can_handle(user: Any, application: Application) -> bool:
    return for_staff(user).filter(pk=application.pk).exists()


def require_handle(user: Any, application: Application) -> None:
    if not can_handle(user, application):
        raise PermissionDenied("无权办理该申请")


def is_office(user: Any) -> bool:
    """Extensions and transfers need the disclosure office (Art. 33: 工作机构负责人同意)."""
    return access.is_office(user)


def require_office(user: Any) -> None:
    if not is_office(user):
        raise PermissionDenied("只有政务公开办可以批准延期或转交")


def is_applicant(request: HttpRequest, application: Application) -> bool:
    user = request.user
    if user.is_authenticated and application.applicant_user_id == user.pk:
        return True
    return access.opened_in_session(request, SESSION_KEY, application.number)


def staff_application(request: HttpRequest, number: str) -> Application:
    try:
        return for_staff(request.user).select_related("agency").get(number=number)
    except Application.DoesNotExist:
        raise Http404("没有这个申请") from None


def applicant_application(request: HttpRequest, number: str) -> Application:
    application = Application.objects.select_related("agency").filter(number=number).first()
    if application is None or not is_applicant(request, application):
        raise Http404("没有这个申请")
    return application


def viewer_application(request: HttpRequest, number: str) -> Application:
    """For files both may open (identity proof, reply PDF): the applicant or handling staff."""
    application = Application.objects.select_related("agency").filter(number=number).first()
    if application is None or not (is_applicant(request, application) or can_handle(request.user, application)):
        raise Http404("没有这个申请")
    return application


def grant(request: HttpRequest, application: Application) -> None:
    access.remember_in_session(request, SESSION_KEY, application.number)
