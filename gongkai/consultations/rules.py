"""How long a draft must stay open for comment, by kind of draft: pure functions, no ORM.

The rules (重大行政决策程序暂行条例 art. 14, 规章制定程序条例 art. 16, 国办发〔2018〕37号 on
normative documents, and the rule that drafts closely affecting businesses get 30 days):

- 规章 and 重大行政决策: generally at least 30 days;
- 行政规范性文件: at least 7 working days, on the official calendar (gongkai.lib.workdays);
- 与企业生产经营密切相关的规范性文件: at least 30 days.

A shorter period is lawful only with a stated reason, which the notice then shows. Periods are
counted as the civil code counts them: the first day is not counted, so 1 to 31 March is 30 days
and "7 working days" are the working days in (start, end], as `workdays_between` counts them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.lib import workdays

REGULATION, MAJOR, NORMATIVE, NORMATIVE_BUSINESS, OTHER = (
    "regulation", "major", "normative", "normative_business", "other")
KINDS: dict[str, str] = {
    REGULATION: "规章草案",
    MAJOR: "重大行政决策草案",
    NORMATIVE: "行政规范性文件草案",
    NORMATIVE_BUSINESS: "与企业生产经营密切相关的行政规范性文件草案",
    OTHER: "其他征求意见稿",
}


@dataclass(frozen=True)
class Minimum:
    """The least period for a kind: `days` calendar days or `working_days` working days (0: none)."""

    days: int = 0
    working_days: int = 0

    def label(self) -> str:
        if self.working_days:
            return f"不少于{self.working_days}个工作日"
        return f"不少于{self.days}日" if self.days else "无最短期限要求"


MINIMUMS: dict[str, Minimum] = {
    REGULATION: Minimum(days=30),
    MAJOR: Minimum(days=30),
    NORMATIVE: Minimum(working_days=7),
    NORMATIVE_BUSINESS: Minimum(days=30),
    OTHER: Minimum(),
}


@dataclass(frozen=True)
class Period:
    """What a proposed period comes to: its length and whether it meets the minimum for its kind."""

    kind: str
    starts_on: dt.date
    ends_on: dt.date
    days: int
    working_days: int
    earliest_end: dt.date
    meets_minimum: bool
    warnings: tuple[str, ...] = ()


def earliest_end(kind: str, starts_on: dt.date) -> dt.date:
    """The first end date that meets the minimum for `kind` when comments open on `starts_on`."""
    minimum = MINIMUMS[kind]
    if minimum.working_days:
        return workdays.add_workdays(starts_on, minimum.working_days)
    return starts_on + dt.timedelta(days=minimum.days)


def period(kind: str, starts_on: dt.date, ends_on: dt.date) -> Period:
    if kind not in MINIMUMS:
        raise ValueError(f"unknown kind of draft: {kind}")
    warnings = tuple(workdays.unknown_year_warning(y) for y in workdays.unknown_years(starts_on, ends_on))
    end = earliest_end(kind, starts_on)
    return Period(
        kind=kind, starts_on=starts_on, ends_on=ends_on, days=(ends_on - starts_on).days,
        working_days=workdays.workdays_between(starts_on, ends_on) if ends_on > starts_on else 0,
        earliest_end=end, meets_minimum=ends_on >= end, warnings=warnings,
    )


def problems(kind: str, starts_on: dt.date, ends_on: dt.date, short_reason: str) -> dict[str, str]:
    """Field → message for a period that may not be used as it is; empty when it may."""
    if ends_on <= starts_on:
        return {"ends_on": "截止日期须晚于开始日期"}
    found = period(kind, starts_on, ends_on)
    if found.meets_minimum or short_reason.strip():
        return {}
    return {"short_reason": (
        f"{KINDS[kind]}征求意见期限应{MINIMUMS[kind].label()}（自 {starts_on:%Y-%m-%d} 起最早截止于 "
        f"{found.earliest_end:%Y-%m-%d}）；缩短期限须说明理由")}
