"""The 领导信箱's deadlines on the staff 待办 page: letters whose reply or result is due soon or late.

A letter joins the page MAILBOX_WARN_DAYS working days before a limit and stays on it, marked
overdue, until it is answered (for the reply) or closed (for the result). Only the staff member's
agencies are scanned, as for applications.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from gongkai.lib import workdays
from gongkai.mailbox import access
from gongkai.mailbox.models import Letter


@dataclass(frozen=True)
class LetterTodo:
    letter: Letter
    what: str  # 答复期限 or 办结期限
    due: dt.date
    remaining: int  # working days left; negative once passed

    @property
    def overdue(self) -> bool:
        return self.remaining < 0

    @property
    def url(self) -> str:
        return reverse("mailbox:staff_letter", args=[self.letter.number])


def due_items(letters: Any, today: dt.date) -> list[LetterTodo]:
    horizon = workdays.add_workdays(today, settings.MAILBOX_WARN_DAYS)
    selected = letters.filter(
        Q(status__in=Letter.OPEN, reply_due__lte=horizon) | Q(status=Letter.REPLIED, result_due__lte=horizon)
    ).select_related("agency")
    items = []
    for letter in selected:
        what, due = ("答复期限", letter.reply_due) if letter.is_open else ("办结期限", letter.result_due)
        items.append(LetterTodo(letter, what, due, workdays.remaining(due, today)))
    return sorted(items, key=lambda i: (i.remaining, i.due, i.letter.number))


def section(user: Any, today: dt.date) -> dict[str, Any]:
    """The 待办 page's 领导信箱 section (see gongkai.applications.todo.SECTIONS)."""
    items = due_items(access.for_staff(user), today)
    return {"template": "mailbox/_todo.html", "letters": items, "warn_days": settings.MAILBOX_WARN_DAYS,
            "letters_overdue": sum(1 for i in items if i.overdue)}
