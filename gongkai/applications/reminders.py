"""Deadline reminders: mail each agency's staff the applications due within 3 working days and overdue.

A timer (or `gongkai remind_deadlines` in its loop mode) runs `send_reminders`. Each application is
claimed with a conditional update of `Application.reminded_on` (STYLE habit 4): the update sets it to
today only where it is not today already, so two workers running at once, or one run twice, never
mail about the same application twice on one day. The claimed rows of one agency go out in one
mail to that agency's staff; when the mail fails, the claims are given back so that the next run
tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from gongkai.accounts.models import Agency
from gongkai.applications.models import Application
from gongkai.applications.todo import WINDOW, TodoItem, reply_due_soon, todo_items

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    mailed: int = 0  # applications mailed about
    mails: int = 0
    claimed_elsewhere: int = 0
    no_recipients: int = 0
    failed: int = 0


def candidates(today: dt.date) -> list[int]:
    """Ids of the applications to remind about today: due soon or overdue, not yet reminded today."""
    not_today = Q(reminded_on__isnull=True) | Q(reminded_on__lt=today)
    due = reply_due_soon(Application.objects.filter(not_today), today)
    return list(due.order_by("due_on", "pk").values_list("pk", flat=True))


@dataclass(frozen=True)
class Claim:
    application_id: int
    previous: dt.date | None  # what `reminded_on` was, so that a failed mail can give the claim back


def claim(application_id: int, today: dt.date) -> Claim | None:
    """Take the row for today's reminder; None when it was already taken today (by any worker)."""
    previous = Application.objects.filter(pk=application_id).values_list("reminded_on", flat=True).first()
    if previous is not None and previous >= today:
        return None
    was = Q(reminded_on__isnull=True) if previous is None else Q(reminded_on=previous)
    taken = Application.objects.filter(was, pk=application_id).update(reminded_on=today)
    return Claim(application_id, previous) if taken else None


def release(taken: Claim, today: dt.date) -> None:
    Application.objects.filter(pk=taken.application_id, reminded_on=today).update(reminded_on=taken.previous)


def recipients(agency: Agency) -> list[str]:
    """The addresses of the agency's active staff."""
    users = get_user_model().objects.filter(memberships__agency=agency, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def compose(agency: Agency, items: list[TodoItem], to: list[str],
            connection: BaseEmailBackend | None = None) -> mail.EmailMessage:
    overdue = sum(1 for i in items if i.overdue)
    subject = f"【政府信息公开】{agency.name}：{len(items)} 件申请即将到期或已逾期"
    if overdue:
        subject += f"（逾期 {overdue} 件）"
    body = render_to_string("applications/reminder_email.txt", {
        "agency": agency, "items": items, "window": WINDOW, "todo_url": _todo_url(),
    })
    return mail.EmailMessage(subject, body, None, to, connection=connection)


def _todo_url() -> str:
    try:
        return settings.SITE_URL + reverse("applications:todo")
    except NoReverseMatch:
        return ""


def send_reminders(today: dt.date | None = None) -> RunResult:
    """One pass; safe to run in several processes at once."""
    today = today or timezone.localdate()
    result = RunResult()
    claimed: dict[int, Claim] = {}
    for pk in candidates(today):
        taken = claim(pk, today)
        if taken is None:
            result.claimed_elsewhere += 1
        else:
            claimed[pk] = taken
    by_agency: dict[int, list[TodoItem]] = defaultdict(list)
    rows = Application.objects.filter(pk__in=claimed).select_related("agency")
    for item in todo_items(rows, today):
        by_agency[item.application.agency_id].append(item)
    with translation.override(settings.LANGUAGE_CODE), mail.get_connection() as connection:
        for items in by_agency.values():
            _mail_agency(items, claimed, today, connection, result)
    return result


def _mail_agency(items: list[TodoItem], claimed: dict[int, Claim], today: dt.date,
                 connection: BaseEmailBackend, result: RunResult) -> None:
    agency = items[0].application.agency
    to = recipients(agency)
    if not to:
        # Nobody to tell: the claim stays, and the page (待办) still shows the applications.
        log.warning("no staff address for %s: %d deadline reminders not mailed", agency, len(items))
        result.no_recipients += len(items)
        return
    try:
        compose(agency, items, to, connection).send()
    except Exception:  # one agency's bad address must not stop the others' reminders
        log.exception("deadline reminder for %s failed", agency)
        for item in items:
            release(claimed[item.application.pk], today)
        result.failed += len(items)
        return
    result.mails += 1
    result.mailed += len(items)
