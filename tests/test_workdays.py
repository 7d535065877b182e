"""gongkai.lib.workdays: the official calendar, staff overrides first, weekends only for unknown years.

Every expected day below was read off the State Council's holiday notices (国务院办公厅关于…年部分节假日
安排的通知), not from the library: a holiday is a day off even on a weekday, a 调休 Saturday or Sunday is
a working day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.lib import workdays


@pytest.fixture(autouse=True, scope="module")
def no_staff_table() -> Iterator[None]:
    """The applications app hands the staff table to the calendar at start-up; these tests are about
    the calendar alone, and set their own overrides where they need some."""
    previous = workdays.set_overrides(None)
    yield
    workdays.set_overrides(previous)


@pytest.fixture
def overrides() -> Iterator[dict[date, bool]]:
    table: dict[date, bool] = {}
    previous = workdays.set_overrides(lambda: table)
    yield table
    workdays.set_overrides(previous)


DAYS = [
    # (day, working?, why)
    (date(2024, 2, 9), True, "2024 除夕 is a Friday and a working day (the notice only encourages leave)"),
    (date(2024, 2, 4), True, "2024 春节 make-up Sunday"),
    (date(2024, 2, 12), False, "2024 春节, a Monday"),
    (date(2024, 2, 18), True, "2024 春节 make-up Sunday after the holiday"),
    (date(2024, 10, 12), True, "2024 国庆 make-up Saturday"),
    (date(2025, 1, 1), False, "2025 元旦, a Wednesday, no make-up day"),
    (date(2025, 1, 26), True, "2025 春节 make-up Sunday"),
    (date(2025, 2, 4), False, "2025 春节 last day (正月初七, a Tuesday)"),
    (date(2025, 2, 8), True, "2025 春节 make-up Saturday"),
    (date(2025, 10, 8), False, "2025 国庆中秋, eighth day, a Wednesday"),
    (date(2025, 10, 11), True, "2025 国庆 make-up Saturday"),
    (date(2026, 1, 2), False, "2026 元旦, a Friday"),
    (date(2026, 1, 4), True, "2026 元旦 make-up Sunday"),
    (date(2026, 2, 23), False, "2026 春节 last day, a Monday"),
    (date(2026, 2, 28), True, "2026 春节 make-up Saturday"),
    (date(2026, 9, 20), True, "2026 国庆 make-up Sunday"),
    (date(2026, 10, 10), True, "2026 国庆 make-up Saturday"),
    (date(2023, 1, 2), False, "2023 元旦 holiday on a Monday"),
    (date(2023, 1, 29), True, "2023 春节 make-up Sunday"),
    (date(2025, 3, 12), True, "an ordinary Wednesday"),
    (date(2025, 3, 15), False, "an ordinary Saturday"),
    # Outside the library's years: Monday to Friday, and no crash.
    (date(2003, 10, 1), True, "2003 is before the library: a Wednesday counts as a working day"),
    (date(2099, 12, 31), True, "2099 is after the library: a Thursday counts"),
    (date(2100, 1, 2), False, "2100: a Saturday"),
]


@pytest.mark.parametrize("day,working,why", DAYS, ids=[d.isoformat() for d, _, _ in DAYS])
def test_is_workday(day: date, working: bool, why: str):
    assert workdays.is_workday(day) is working, why


BETWEEN = [
    # (a, b, working days in (a, b])
    (date(2025, 1, 27), date(2025, 2, 5), 1),  # the whole 2025 Spring Festival lies between
    (date(2024, 9, 30), date(2024, 10, 8), 1),  # the 2024 National Day week
    (date(2024, 2, 9), date(2024, 2, 18), 1),  # 除夕 to the make-up Sunday
    (date(2025, 9, 26), date(2025, 9, 29), 2),  # Saturday off, make-up Sunday, Monday
    (date(2025, 3, 3), date(2025, 3, 3), 0),
    (date(2025, 3, 7), date(2025, 3, 3), 0),  # b before a: nothing lies after a up to b
    (date(2003, 12, 29), date(2003, 12, 31), 2),  # before the library: weekdays
]


@pytest.mark.parametrize("a,b,expected", BETWEEN)
def test_workdays_between(a: date, b: date, expected: int):
    assert workdays.workdays_between(a, b) == expected


def test_add_workdays_does_not_count_the_start_day():
    assert workdays.add_workdays(date(2025, 3, 3), 1) == date(2025, 3, 4)
    assert workdays.add_workdays(date(2025, 3, 3), 0) == date(2025, 3, 3)
    assert workdays.add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9)  # over the National Day week
    assert workdays.add_workdays(datetime(2025, 9, 30, 23, 59), 1) == date(2025, 10, 9)


def test_add_workdays_refuses_negative_counts_and_the_end_of_time():
    with pytest.raises(ValueError, match="负数"):
        workdays.add_workdays(date(2025, 3, 3), -1)
    with pytest.raises(ValueError, match="超出"):
        workdays.add_workdays(date(9999, 12, 31), 1)


def test_known_years():
    years = workdays.library_years()
    assert years.start <= 2019 and years.stop - 1 >= 2026
    assert all(workdays.known(y) for y in (2019, 2024, 2025, 2026))
    assert not workdays.known(years.stop)  # the year after the library's last one
    assert not workdays.known(years.start - 1)
    assert not workdays.known(0) and not workdays.known(10000)


def test_unknown_years_lists_each_year_crossed():
    assert workdays.unknown_years(date(2099, 12, 15), date(2100, 1, 12)) == [2099, 2100]
    assert workdays.unknown_years(date(2024, 12, 15), date(2025, 1, 12)) == []
    assert "2099年" in workdays.unknown_year_warning(2099)


def test_overrides_are_consulted_before_the_library(overrides: dict[date, bool]):
    overrides[date(2025, 10, 8)] = True  # say a late notice made the eighth day a working day
    overrides[date(2025, 3, 12)] = False  # a local holiday on a Wednesday
    assert workdays.is_workday(date(2025, 10, 8))
    assert not workdays.is_workday(date(2025, 3, 12))
    assert workdays.workdays_between(date(2025, 3, 11), date(2025, 3, 13)) == 1


def test_an_override_makes_an_unknown_year_known(overrides: dict[date, bool]):
    assert not workdays.known(2100)
    overrides[date(2100, 1, 1)] = False  # staff entered that year's New Year's Day
    assert workdays.known(2100)
    assert not workdays.is_workday(date(2100, 1, 1))
    assert workdays.is_workday(date(2100, 1, 4))  # the rest of the year: weekdays


def test_the_staff_table_is_read_once_per_computation():
    calls: list[int] = []

    def provider() -> dict[date, bool]:
        calls.append(1)
        return {}

    previous = workdays.set_overrides(provider)
    try:
        workdays.add_workdays(date(2025, 1, 20), 40)
        assert len(calls) == 1
        with workdays.consistent():
            workdays.is_workday(date(2025, 1, 20))
            workdays.workdays_between(date(2025, 1, 20), date(2025, 3, 1))
        assert len(calls) == 2
    finally:
        workdays.set_overrides(previous)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2101, 12, 31))


@settings(max_examples=150, deadline=None, database=None)
@given(start=days, n=st.integers(min_value=0, max_value=60))
def test_add_workdays_and_workdays_between_agree(start: date, n: int):
    end = workdays.add_workdays(start, n)
    assert workdays.workdays_between(start, end) == n
    assert end >= start
    if n:
        assert workdays.is_workday(end)
