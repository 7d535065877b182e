"""Working days on the official calendar: the one module that knows about `chinese_calendar`.

A day is a working day according to, in this order:
1. the staff table of overrides (extra holidays, 调休 make-up working days), which the applications
   app hands over with `set_overrides` — it wins, so a late State Council notice or a local holiday
   needs no upgrade;
2. the State Council arrangements that `chinese_calendar` ships (each release adds the next year,
   a few weeks after the notice is published in November or December);
3. for any other year, Monday to Friday. Such a year is not `known()`, and callers must say so loudly:
   a deadline counted on weekends only can be early or late by a whole holiday week.

A year counts as known when the library ships it or when the staff table has at least one day in
it: staff who enter a year's holidays and make-up days have told us what the year looks like.

Periods follow 民法典 Art. 201: the day an event happens is not counted, so `add_workdays(d, 20)` is
the 20th working day after d.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from functools import lru_cache

import chinese_calendar

Overrides = Mapping[date, bool]
OverridesProvider = Callable[[], Overrides]

ONE_DAY = timedelta(days=1)

_provider: OverridesProvider | None = None
# Inside `consistent()` the overrides are read once and kept here, so that a computation walking
# forty days asks the staff table once, and sees one version of it.
_pinned: ContextVar[Overrides | None] = ContextVar("gongkai_workday_overrides", default=None)


def set_overrides(provider: OverridesProvider | None) -> OverridesProvider | None:
    """Register the source of staff overrides (None: no overrides); returns the previous one."""
    global _provider
    previous, _provider = _provider, provider
    return previous


@contextmanager
def consistent() -> Iterator[Overrides]:
    """Read the overrides once for the block; nested blocks reuse the outer reading."""
    current = _pinned.get()
    if current is not None:
        yield current
        return
    overrides = dict(_provider()) if _provider is not None else {}
    token = _pinned.set(overrides)
    try:
        yield overrides
    finally:
        _pinned.reset(token)


def is_workday(d: date) -> bool:
    with consistent() as overrides:
        return _is_workday(_as_date(d), overrides)


def add_workdays(start: date, n: int) -> date:
    """The n-th working day after `start` (start itself not counted); `start` when n is 0."""
    if n < 0:
        raise ValueError(f"工作日数不能为负数：{n}")
    day = _as_date(start)
    with consistent() as overrides:
        while n:
            day = _next(day)
            n -= _is_workday(day, overrides)
    return day


def workdays_between(a: date, b: date) -> int:
    """The working days in (a, b]: after a, up to and including b; 0 when b is not after a."""
    a, b = _as_date(a), _as_date(b)
    count = 0
    with consistent() as overrides:
        while a < b:
            a = _next(a)
            count += _is_workday(a, overrides)
    return count


def remaining(due: date, today: date) -> int:
    """Working days left until `due`: 0 on the due date itself, negative (at least -1) once it has
    passed, so that the weekend after a Friday deadline is already overdue."""
    if today <= due:
        return workdays_between(today, due)
    return -max(1, workdays_between(due, today))


def known(year: int) -> bool:
    """Whether the holidays of `year` are known (library or staff table), not guessed from weekends."""
    if library_knows(year):
        return True
    with consistent() as overrides:
        return any(day.year == year for day in overrides)


def unknown_years(first: date, last: date) -> list[int]:
    """The years from first's to last's whose holidays are not known, in order."""
    with consistent():
        return [y for y in range(first.year, last.year + 1) if not known(y)]


def unknown_year_warning(year: int) -> str:
    """The message every caller shows for a period that crosses an unknown year."""
    return (f"{year}年的法定节假日安排尚未载入，该年按周六、周日休息推算，期限可能不准确；"
            f"请按国务院办公厅公布的{year}年放假安排在“节假日调整”中录入放假日和调休上班日。")


@lru_cache(maxsize=None)
def library_knows(year: int) -> bool:
    """Whether the installed chinese_calendar ships the State Council arrangement for `year`."""
    if not date.min.year <= year <= date.max.year:
        return False
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:  # the library's way of saying "no data for this year"
        return False
    return True


def library_years() -> range:
    """The years the installed chinese_calendar ships, for messages and docs."""
    years = sorted({d.year for d in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)


def _is_workday(day: date, overrides: Overrides) -> bool:
    if day in overrides:
        return bool(overrides[day])
    if library_knows(day.year):
        return _library_workday(day)
    return day.weekday() < 5


# The library scans all its years on every call to check the date's; a deadline asks about the same
# few hundred days again and again.
@lru_cache(maxsize=4096)
def _library_workday(day: date) -> bool:
    return bool(chinese_calendar.is_workday(day))


def _next(day: date) -> date:
    try:
        return day + ONE_DAY
    except OverflowError:
        raise ValueError(f"日期超出可计算范围：{day.isoformat()}") from None


def _as_date(d: date) -> date:
    # A datetime is a date too, but would never match a date key of the overrides.
    return d.date() if isinstance(d, datetime) else d
