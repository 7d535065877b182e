"""待办: the deadlines a staff member must not miss, most urgent first.

An application is on the page when its reply is due within WINDOW working days or overdue, and when
the applicant's own period (补正, 缴费) has run out, so that staff close it as abandoned (Arts. 30,
42). Only the staff member's agencies are scanned (the disclosure office sees every agency), and a
deadline in a year whose holidays are not known carries the calendar's warning, since it was counted
on weekends alone. The same selection feeds the reminder mails (`reminders.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai.accounts import access as accounts_access
from gongkai.applications import access
from gongkai.applications.clock import remaining
from gongkai.applications.models import Application
from gongkai.lib import workdays

STAFF_PAGE = "applications:staff_detail"
WINDOW = 3  # working days: the "due within 3 working days"
# Open applications whose reply clock runs; while 待补正 it has not restarted yet.
REPLY_RUNNING = tuple(s for s in Application.OPEN_STATUSES if s != "correcting")
# Other apps' deadlines (领导信箱, …) join the page through this list, filled in their apps.ready(), so
# that this app imports none of them: each callable takes (user, today) and returns a dict with
# "template" (included below the applications) and whatever that template reads.
SECTIONS: list[Any] = []


@dataclass(frozen=True)
class TodoItem:
    application: Application
    what: str  # which deadline: 答复期限, 补正期限, 缴费期限
    due: dt.date
    remaining: int  # working days left; negative once passed
    warning: str = ""
    url: str = ""  # the application's staff page

    @property
    def overdue(self) -> bool:
        return self.remaining < 0

    @property
    def urgency(self) -> tuple[int, dt.date, str]:
        return (self.remaining, self.due, self.application.number)


def reply_due_soon(applications: QuerySet[Application], today: dt.date) -> QuerySet[Application]:
    """Open applications whose reply is due within WINDOW working days of `today`, or overdue.

    The indexed `due_on` column does the selecting; `remaining` then only has to rank them.
    """
    horizon = workdays.add_workdays(today, WINDOW)
    return applications.filter(status__in=REPLY_RUNNING, due_on__lte=horizon)


def lapsed_periods(applications: QuerySet[Application], today: dt.date) -> list[TodoItem]:
    """Applications whose applicant let the 补正 or 缴费 period pass: staff should close them."""
    items = []
    for status, field, what in (("correcting", "correction_due", "补正期限"), ("fee_pending", "fee_due", "缴费期限")):
        for app in applications.filter(status=status, **{f"{field}__lt": today}):
            items.append(_item(app, what, getattr(app, field), today))
    return items


def todo_items(applications: QuerySet[Application], today: dt.date) -> list[TodoItem]:
    replies = [_item(app, "答复期限", app.due_on, today) for app in reply_due_soon(applications, today)]
    items = [i for i in replies if i.remaining <= WINDOW] + lapsed_periods(applications, today)
    return sorted(items, key=lambda i: i.urgency)


def _item(app: Application, what: str, due: dt.date, today: dt.date) -> TodoItem:
    return TodoItem(app, what, due, remaining(due, today), calendar_warning(today, due), staff_url(app))


def staff_url(app: Application) -> str:
    try:
        return reverse(STAFF_PAGE, args=[app.number])
    except NoReverseMatch:  # the staff pages are not routed in this deployment
        return ""


def calendar_warning(today: dt.date, due: dt.date) -> str:
    """The calendar's warning when a year between today and the deadline has unknown holidays."""
    first, last = min(today, due), max(today, due)
    return "；".join(workdays.unknown_year_warning(y) for y in workdays.unknown_years(first, last))


def is_handling_staff(user: Any) -> bool:
    """Staff with a membership in some agency, or the disclosure office."""
    if not (user.is_authenticated and user.is_staff):
        return False
    return accounts_access.is_office(user) or user.memberships.exists()


@require_safe
def todo_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_handling_staff(request.user):
        raise PermissionDenied("待办只对各机关办理政府信息公开申请的工作人员开放")
    today = timezone.localdate()
    mine = access.for_staff(request.user).select_related("agency")
    with workdays.consistent():  # one reading of the staff holiday table for every row and section
        items = todo_items(mine, today)
        sections = [section(request.user, today) for section in SECTIONS]
    return render(request, "applications/todo.html", {
        "items": items, "today": today, "window": WINDOW,
        "overdue": sum(1 for i in items if i.overdue),
        "warnings": sorted({i.warning for i in items if i.warning}),
        "sections": sections,
    })
