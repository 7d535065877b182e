"""The 领导信箱's figures as inspections read them: received, answered on time, late, average working
days, satisfaction; for the whole site, by department and by month.

A letter counts as late when it was answered after its reply limit, or is still unanswered after
it: an unanswered letter past its limit must not hide among the "pending". The department is the
one that answered (or holds the letter now); the month is the month it was received.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from gongkai.lib import workdays
from gongkai.mailbox.models import Letter


@dataclass
class Row:
    label: str
    received: int = 0
    replied: int = 0
    on_time: int = 0
    late: int = 0
    pending: int = 0  # not answered, still within the limit
    rated: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0
    _days: list[int] = field(default_factory=list, repr=False)

    @property
    def average_days(self) -> float | None:
        """Average working days from receipt to reply, of the answered letters."""
        return round(sum(self._days) / len(self._days), 1) if self._days else None

    @property
    def satisfaction(self) -> float | None:
        """满意率: (满意 + 基本满意) / 评价数, in per cent."""
        return round(100 * (self.satisfied + self.basic) / self.rated, 1) if self.rated else None

    @property
    def on_time_rate(self) -> float | None:
        due = self.on_time + self.late
        return round(100 * self.on_time / due, 1) if due else None

    def add(self, letter: Letter, today: dt.date) -> None:
        self.received += 1
        if letter.replied_on is not None:
            self.replied += 1
            self._days.append(workdays.workdays_between(letter.received_on, letter.replied_on))
            if letter.replied_on <= letter.reply_due:
                self.on_time += 1
            else:
                self.late += 1
        elif today > letter.reply_due:
            self.late += 1
        else:
            self.pending += 1
        if letter.rating:
            self.rated += 1
            setattr(self, letter.rating, getattr(self, letter.rating) + 1)


@dataclass
class Statistics:
    year: int | None
    total: Row
    by_agency: list[Row]
    by_month: list[Row]


def years() -> list[int]:
    return sorted({d.year for d in Letter.objects.dates("received_on", "year")}, reverse=True)


def compute(letters: Iterable[Letter], today: dt.date, year: int | None = None) -> Statistics:
    total = Row("合计")
    agencies: dict[str, Row] = defaultdict(lambda: Row(""))
    months: dict[str, Row] = defaultdict(lambda: Row(""))
    with workdays.consistent():  # one reading of the staff holiday table for every letter's count
        for letter in letters:
            department = (letter.reply_agency or letter.agency).name
            month = f"{letter.received_on:%Y-%m}"
            agencies[department].label = department
            months[month].label = f"{letter.received_on.year}年{letter.received_on.month}月"
            for row in (total, agencies[department], months[month]):
                row.add(letter, today)
    by_agency = sorted(agencies.values(), key=lambda r: (-r.received, r.label))
    by_month = [months[k] for k in sorted(months)]
    return Statistics(year, total, by_agency, by_month)


def for_year(year: int | None, today: dt.date) -> Statistics:
    letters = Letter.objects.select_related("agency", "reply_agency")
    if year is not None:
        letters = letters.filter(received_on__year=year)
    return compute(letters, today, year)


SUMMARY_SECONDS = 300


def year_summary(today: dt.date) -> Row:
    """This year's totals for the 政民互动 page, recomputed at most every five minutes: that page is
    read far more often than letters arrive, and is not kept as a file."""
    from django.core.cache import cache

    key = f"mailbox:summary:{today.isoformat()}"
    row = cache.get(key)
    if not isinstance(row, Row):
        row = for_year(today.year, today).total
        cache.set(key, row, SUMMARY_SECONDS)
    return row
