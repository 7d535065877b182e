"""The reply clock (gongkai.applications.clock) and `gongkai deadline`.

The table below was counted by hand, day by day, on the State Council's holiday notices for each year
(放假 days off even on weekdays, 调休 Saturdays and Sundays worked); the comment of each case is
that count, so a reader can check it against a paper calendar.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.applications import clock
from gongkai.applications.clock import CONSULT_COPRODUCER, CONSULT_THIRD_PARTY, FEE, Pause
from gongkai.lib import workdays

D = date


@pytest.fixture(autouse=True, scope="module")
def no_staff_table() -> Iterator[None]:
    """The clock on the library's calendar alone; `staff_table` below brings the real table back."""
    previous = workdays.set_overrides(None)
    yield
    workdays.set_overrides(previous)


@pytest.fixture
def staff_table(db: Any) -> Iterator[None]:
    from gongkai.applications.models import workday_overrides

    previous = workdays.set_overrides(workday_overrides)
    yield
    workdays.set_overrides(previous)


def consult(start: date, end: date | None, reason: str = CONSULT_THIRD_PARTY) -> Pause:
    return Pause(start, end, reason)


# (id, received, keyword arguments of due_date, expected due, expected paused working days)
CASES: list[tuple[str, date, dict[str, Any], date, int]] = [
    # --- Spring Festival -------------------------------------------------------------------------
    ("2025-spring-festival", D(2025, 1, 20), {}, D(2025, 2, 21), 0),
    # 21-24 (4), Sun 26 make-up (5), 27 (6), 28.1-4.2 off, 5-7 (9), Sat 8 make-up (10), 10-14 (15), 17-21 (20)
    ("2025-eve-of-the-holiday", D(2025, 1, 27), {}, D(2025, 3, 3), 0),
    # 5-7 (3), Sat 8 (4), 10-14 (9), 17-21 (14), 24-28 (19), Mon 3.3 (20)
    ("2025-received-on-new-year-day", D(2025, 1, 29), {}, D(2025, 3, 3), 0),
    # same days as above: nothing between 28.1 and 4.2 counts
    ("2025-received-on-make-up-saturday", D(2025, 2, 8), {}, D(2025, 3, 7), 0),
    # 10-14, 17-21, 24-28, 3.3-7
    ("2024-leap-day", D(2024, 1, 29), {}, D(2024, 2, 29), 0),
    # 30, 31, 1, 2 (4), Sun 4 (5), 5-9 incl. 除夕 (10), 10-17 off, Sun 18 (11), 19-23 (16), 26-29 (20)
    ("2024-received-on-new-years-eve", D(2024, 2, 9), {}, D(2024, 3, 14), 0),
    # Sun 18 (1), 19-23 (6), 26-29 (10), 3.1 (11), 4-8 (16), 11-14 (20)
    ("2023-spring-festival", D(2023, 1, 18), {}, D(2023, 2, 20), 0),
    # 19, 20 (2), 21-27 off, Sat 28 + Sun 29 (4), 30, 31 (6), 2.1-3 (9), 6-10 (14), 13-17 (19), 20 (20)
    ("2026-spring-festival", D(2026, 2, 6), {}, D(2026, 3, 12), 0),
    # 9-13 (5), Sat 14 (6), 15-23 off, 24-27 (10), Sat 28 (11), 3.2-6 (16), 9-12 (20)
    ("2026-day-before-the-holiday", D(2026, 2, 13), {}, D(2026, 3, 19), 0),
    # Sat 14 (1), 24-27 (5), Sat 28 (6), 3.2-6 (11), 9-13 (16), 16-19 (20)
    ("2022-spring-festival", D(2022, 1, 28), {}, D(2022, 3, 2), 0),
    # Sat 29 + Sun 30 (2), 31.1-6.2 off, 7-11 (7), 14-18 (12), 21-25 (17), 28, 3.1, 3.2 (20)
    ("2021-spring-festival", D(2021, 2, 5), {}, D(2021, 3, 10), 0),
    # Sun 7 (1), 8-10 (4), 11-17 off, 18, 19 (6), Sat 20 (7), 22-26 (12), 3.1-5 (17), 8-10 (20)
    # --- National Day -----------------------------------------------------------------------------
    ("2025-national-day", D(2025, 9, 26), {}, D(2025, 10, 30), 0),
    # Sun 28 (1), 29, 30 (3), 10.1-8 off, 9, 10 (5), Sat 11 (6), 13-17 (11), 20-24 (16), 27-30 (20)
    ("2025-national-day-last-day-before", D(2025, 9, 30), {}, D(2025, 11, 4), 0),
    # 9, 10 (2), Sat 11 (3), 13-17 (8), 20-24 (13), 27-31 (18), 11.3, 11.4 (20)
    ("2024-national-day", D(2024, 9, 27), {}, D(2024, 10, 30), 0),
    # Sun 29 (1), 30 (2), 10.1-7 off, 8-11 (6), Sat 12 (7), 14-18 (12), 21-25 (17), 28-30 (20)
    ("2024-mid-autumn-and-national-day", D(2024, 9, 13), {}, D(2024, 10, 17), 0),
    # Sat 14 (1), 15-17 off, 18-20 (4), 23-27 (9), Sun 29 (10), 30 (11), 8-11 (15), Sat 12 (16), 14-17 (20)
    ("2026-national-day", D(2026, 9, 18), {}, D(2026, 10, 22), 0),
    # Sun 20 (1), 21-24 (5), 25-27 off, 28-30 (8), 10.1-7 off, 8, 9 (10), Sat 10 (11), 12-16 (16), 19-22 (20)
    ("2019-national-day", D(2019, 9, 27), {}, D(2019, 10, 30), 0),
    # Sun 29 (1), 30 (2), 10.1-7 off, 8-11 (6), Sat 12 (7), 14-18 (12), 21-25 (17), 28-30 (20)
    # --- the other holidays ------------------------------------------------------------------------
    ("2025-labour-day", D(2025, 4, 25), {}, D(2025, 5, 27), 0),
    # Sun 27 (1), 28-30 (4), 5.1-5 off, 6-9 (8), 12-16 (13), 19-23 (18), 26, 27 (20)
    ("2024-labour-day", D(2024, 4, 26), {}, D(2024, 5, 27), 0),
    # Sun 28 (1), 29, 30 (3), 5.1-5 off, 6-10 (8), Sat 11 (9), 13-17 (14), 20-24 (19), 27 (20)
    ("2026-labour-day", D(2026, 4, 28), {}, D(2026, 5, 28), 0),
    # 29, 30 (2), 5.1-5 off, 6-8 (5), Sat 9 (6), 11-15 (11), 18-22 (16), 25-28 (20)
    ("2024-qingming-and-labour-day", D(2024, 4, 3), {}, D(2024, 5, 6), 0),
    # 4-6 off, Sun 7 (1), 8-12 (6), 15-19 (11), 22-26 (16), Sun 28 (17), 29, 30 (19), 5.1-5 off, 6 (20)
    ("2025-qingming", D(2025, 3, 20), {}, D(2025, 4, 18), 0),
    # 21 (1), 24-28 (6), 31, 4.1-3 (10), Fri 4 off, 7-11 (15), 14-18 (20)
    ("2026-qingming-and-labour-day", D(2026, 4, 2), {}, D(2026, 5, 6), 0),
    # 3 (1), 4-6 off, 7-10 (5), 13-17 (10), 20-24 (15), 27-30 (19), 5.1-5 off, 6 (20)
    ("2025-dragon-boat", D(2025, 5, 20), {}, D(2025, 6, 18), 0),
    # 21-23 (3), 26-30 (8), 5.31-6.2 off, 3-6 (12), 9-13 (17), 16-18 (20)
    ("2026-dragon-boat", D(2026, 6, 5), {}, D(2026, 7, 6), 0),
    # 8-12 (5), 15-18 (9), Fri 19 off, 22-26 (14), 29, 30, 7.1-3 (19), 6 (20)
    # --- year boundaries ----------------------------------------------------------------------------
    ("2024-into-2025", D(2024, 12, 20), {}, D(2025, 1, 20), 0),
    # 23-27 (5), 30, 31 (7), 1.1 off, 2, 3 (9), 6-10 (14), 13-17 (19), 20 (20)
    ("2025-into-2026", D(2025, 12, 10), {}, D(2026, 1, 8), 0),
    # 11, 12 (2), 15-19 (7), 22-26 (12), 29-31 (15), 1.1-3 off, Sun 4 (16), 5-8 (20)
    ("2022-into-2023", D(2022, 12, 20), {}, D(2023, 1, 18), 0),
    # 21-23 (3), 26-30 (8), 12.31-1.2 off, 3-6 (12), 9-13 (17), 16-18 (20)
    # --- correction restart: the corrected application is the new receipt -------------------------
    ("correction-before", D(2025, 3, 3), {}, D(2025, 3, 31), 0),
    # 4-7 (4), 10-14 (9), 17-21 (14), 24-28 (19), 31 (20)
    ("correction-restart", D(2025, 3, 20), {}, D(2025, 4, 18), 0),
    # corrected on 20 March: counted as "2025-qingming" above
    # --- pauses --------------------------------------------------------------------------------------
    ("pause-across-spring-festival", D(2025, 1, 13), {"pauses": [consult(D(2025, 1, 22), D(2025, 2, 12))]},
     D(2025, 3, 4), 12),
    # counted 14-17, 20, 21 (6); paused 22-24, Sun 26, 27, 2.5-7, Sat 8, 10-12 (12); 13, 14 (8), 17-21 (13),
    # 24-28 (18), 3.3, 3.4 (20)
    ("extension-after-pause", D(2025, 1, 13),
     {"pauses": [consult(D(2025, 1, 22), D(2025, 2, 12))], "extension": 20}, D(2025, 4, 1), 12),
    # from 3.4 (20): 5-7 (23), 10-14 (28), 17-21 (33), 24-28 (38), 31, 4.1 (40)
    ("extension-over-national-day", D(2024, 9, 27), {"extension": 20}, D(2024, 11, 27), 0),
    # from 10.30 (20): 31, 11.1 (22), 4-8 (27), 11-15 (32), 18-22 (37), 25-27 (40)
    ("overlapping-pauses", D(2025, 3, 3),
     {"pauses": [consult(D(2025, 3, 10), D(2025, 3, 14)),
                 consult(D(2025, 3, 12), D(2025, 3, 19), CONSULT_COPRODUCER)]},
     D(2025, 4, 11), 8),
    # counted 4-7 (4); paused 10-14, 17-19 (8); 20, 21 (6), 24-28 (11), 31, 4.1-3 (15), 4.4 off, 7-11 (20)
    ("running-pause", D(2025, 3, 3), {"pauses": [consult(D(2025, 3, 10), None)], "today": D(2025, 3, 14)},
     D(2025, 4, 8), 5),
    # counted 4-7 (4); paused 10-14 (5); 17-21 (9), 24-28 (14), 31, 4.1-3 (18), 7, 8 (20)
    ("pause-after-the-deadline", D(2025, 3, 3), {"pauses": [consult(D(2025, 4, 1), D(2025, 4, 10))]},
     D(2025, 3, 31), 0),
    # the time was up on 31 March; a consultation started later saves nothing
    # --- the fee period pauses only where the site says so --------------------------------------------
    ("fee-period-not-paused", D(2026, 3, 2), {"pauses": [Pause(D(2026, 3, 9), D(2026, 3, 13), FEE)]},
     D(2026, 3, 30), 0),
    # 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), 30 (20)
    ("fee-period-paused", D(2026, 3, 2),
     {"pauses": [Pause(D(2026, 3, 9), D(2026, 3, 13), FEE)], "fee_pauses": True}, D(2026, 4, 7), 5),
    # 3-6 (4); paused 9-13 (5); 16-20 (9), 23-27 (14), 30, 31, 4.1-3 (19), 4-6 off, 7 (20)
]


@pytest.mark.parametrize("received,kwargs,expected,paused", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_real_calendar(received: date, kwargs: dict[str, Any], expected: date, paused: int):
    result = clock.due_date(received, **kwargs)
    assert (result.due, result.paused_days, result.warnings) == (expected, paused, ())
    assert result.working_days == clock.REPLY_DAYS + kwargs.get("extension", 0)


def test_the_table_is_long_enough():
    assert len(CASES) >= 30


SHORT_PERIODS = [
    # (function, start, expected, hand count)
    (clock.correction_notice_due, D(2025, 1, 24), D(2025, 2, 10)),  # Sun 26, 27, 2.5-7, Sat 8, 10
    (clock.correction_notice_due, D(2024, 9, 26), D(2024, 10, 11)),  # 27, Sun 29, 30, 10.8-11
    (clock.consultation_reply_due, D(2024, 9, 30), D(2024, 10, 25)),  # 8-11, Sat 12, 14-18, 21-25
    (clock.fee_payment_due, D(2026, 3, 9), D(2026, 4, 7)),  # 10-13, 16-20, 23-27, 30-4.3, 4.7
]


@pytest.mark.parametrize("function,start,expected", SHORT_PERIODS)
def test_short_periods(function: Any, start: date, expected: date):
    assert function(start) == expected


# --- years the calendar does not know ------------------------------------------------------------------


def test_unknown_years_fall_back_to_weekends_and_say_so():
    result = clock.due_date(D(2099, 12, 15))
    # 16-18 (3), 21-25 (8), 28-31 (12), Fri 1.1 (13, a weekday for all we know), 4-8 (18), 11, 12 (20)
    assert result.due == D(2100, 1, 12)
    assert len(result.warnings) == 2
    assert "2099年" in result.warnings[0] and "2100年" in result.warnings[1]


def test_before_the_library_too():
    result = clock.due_date(D(2003, 6, 2))
    assert result.due == D(2003, 6, 30)  # four plain weeks
    assert ["2003年" in w for w in result.warnings] == [True]


def test_the_year_after_the_library_warns_and_the_last_one_does_not():
    last = workdays.library_years().stop - 1
    result = clock.due_date(D(last, 12, 15))
    assert result.due.year == last + 1
    assert len(result.warnings) == 1
    assert f"{last + 1}年" in result.warnings[0] and f"{last}年" not in result.warnings[0]


def test_a_staff_override_fills_an_unknown_year():
    previous = workdays.set_overrides(lambda: {D(2100, 1, 1): False})
    try:
        result = clock.due_date(D(2099, 12, 15))
    finally:
        workdays.set_overrides(previous)
    assert result.due == D(2100, 1, 13)  # New Year's Day no longer counts
    assert len(result.warnings) == 1 and "2099年" in result.warnings[0]


# --- extension, remaining days, fees -------------------------------------------------------------------


def test_an_extension_above_twenty_is_refused_with_the_rule():
    with pytest.raises(ValueError, match="不得超过 20 个工作日"):
        clock.due_date(D(2025, 3, 3), extension=21)
    with pytest.raises(ValueError):
        clock.due_date(D(2025, 3, 3), extension=-1)


def test_an_extension_is_granted_once():
    assert clock.check_extension(20) == 20
    with pytest.raises(ValueError, match="只能延长一次"):
        clock.check_extension(5, already_extended=5)
    with pytest.raises(ValueError):
        clock.check_extension(0)


def test_a_pause_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="早于"):
        Pause(D(2025, 3, 10), D(2025, 3, 9), CONSULT_THIRD_PARTY)


@pytest.mark.parametrize("today,expected", [
    (D(2025, 3, 28), 1),  # Friday before a Monday deadline
    (D(2025, 3, 29), 1),  # Saturday: Monday is left
    (D(2025, 3, 31), 0),  # the deadline itself: reply today
    (D(2025, 4, 1), -1),
    (D(2025, 4, 7), -4),  # 4.1, 4.2, 4.3, Qingming (4.4-6) off, 4.7
    (D(2025, 3, 3), 20),
])
def test_remaining(today: date, expected: int):
    assert clock.remaining(D(2025, 3, 31), today) == expected


def test_remaining_is_negative_on_the_weekend_after_a_friday_deadline():
    assert clock.remaining(D(2025, 3, 28), D(2025, 3, 29)) == -1


@pytest.mark.parametrize("count,yuan", [
    (0, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300), (50, 7000), (51, 7400),
])
def test_fee_per_request(count: int, yuan: int):
    # 11-30 at 100, 31-40 at 200, 41-50 at 300, 51-60 at 400 (国办函〔2020〕109号, by portion)
    assert clock.fee_amount_per_request(count) == yuan


def test_fee_for_one_more_request_depends_on_the_month_so_far():
    assert clock.fee_for_requests(0, 1) == 0
    assert clock.fee_for_requests(10, 1) == 100
    assert clock.fee_for_requests(35, 10) == 5 * 200 + 5 * 300


@pytest.mark.parametrize("pages,yuan", [
    (0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700),
])
def test_fee_per_page(pages: int, yuan: int):
    assert clock.fee_amount_per_page(pages) == yuan


def test_negative_fee_counts_are_refused():
    with pytest.raises(ValueError):
        clock.fee_amount_per_page(-1)
    with pytest.raises(ValueError):
        clock.fee_amount_per_request(-1)


# --- properties ------------------------------------------------------------------------------------------

# Mostly years the library knows, some it does not, so the fallback is exercised too.
received_days = st.dates(min_value=D(2018, 1, 1), max_value=D(2028, 12, 31))


@st.composite
def pauses(draw: st.DrawFn, received: date) -> Pause:
    start = received + timedelta(days=draw(st.integers(min_value=-10, max_value=60)))
    end = None if draw(st.booleans()) and draw(st.booleans()) else \
        start + timedelta(days=draw(st.integers(min_value=0, max_value=40)))
    return Pause(start, end, draw(st.sampled_from([CONSULT_THIRD_PARTY, CONSULT_COPRODUCER, FEE])))


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[date, list[Pause], date]:
    received = draw(received_days)
    found = draw(st.lists(pauses(received), max_size=4))
    today = received + timedelta(days=draw(st.integers(min_value=0, max_value=90)))
    return received, found, today


PROPERTY = settings(max_examples=120, deadline=None, database=None)


@PROPERTY
@given(scenarios(), st.booleans())
def test_a_pause_never_shortens_a_deadline(scenario: tuple[date, list[Pause], date], fee_pauses: bool):
    received, found, today = scenario
    before = clock.due_date(received, today=today, fee_pauses=fee_pauses)
    for n in range(1, len(found) + 1):
        after = clock.due_date(received, pauses=found[:n], today=today, fee_pauses=fee_pauses)
        assert after.due >= before.due and after.paused_days >= before.paused_days
        before = after


@PROPERTY
@given(scenarios(), st.integers(min_value=0, max_value=clock.EXTENSION_MAX))
def test_counted_and_paused_days_fill_the_period(scenario: tuple[date, list[Pause], date], extension: int):
    received, found, today = scenario
    result = clock.due_date(received, pauses=found, extension=extension, today=today, fee_pauses=True)
    assert result.due > received
    assert workdays.workdays_between(received, result.due) == result.working_days + result.paused_days
    assert result.working_days == clock.REPLY_DAYS + extension


@PROPERTY
@given(scenarios())
def test_pauses_merge_whatever_their_order(scenario: tuple[date, list[Pause], date]):
    received, found, today = scenario
    once = clock.due_date(received, pauses=found, today=today)
    assert clock.due_date(received, pauses=list(reversed(found)) + found, today=today) == once


@PROPERTY
@given(scenarios())
def test_the_fee_period_counts_only_when_the_site_says_so(scenario: tuple[date, list[Pause], date]):
    received, found, today = scenario
    without_fees = [p for p in found if p.reason != FEE]
    assert clock.due_date(received, pauses=found, today=today) == \
        clock.due_date(received, pauses=without_fees, today=today)


@PROPERTY
@given(received_days, st.integers(min_value=0, max_value=clock.EXTENSION_MAX))
def test_an_extension_adds_exactly_its_working_days(received: date, extension: int):
    plain = clock.due_date(received)
    extended = clock.due_date(received, extension=extension)
    assert workdays.workdays_between(plain.due, extended.due) == extension


@PROPERTY
@given(received_days, st.integers(min_value=clock.EXTENSION_MAX + 1, max_value=400),
       st.integers(min_value=1, max_value=clock.EXTENSION_MAX))
def test_an_extension_is_at_most_twenty_and_once(received: date, too_many: int, already: int):
    with pytest.raises(ValueError):
        clock.due_date(received, extension=too_many)
    with pytest.raises(ValueError):
        clock.check_extension(too_many)
    with pytest.raises(ValueError):
        clock.check_extension(1, already_extended=already)


@PROPERTY
@given(scenarios(), st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_monotonic_in_the_limit(scenario: tuple[date, list[Pause], date], a: int, b: int):
    received, found, today = scenario
    low, high = sorted((a, b))
    first = clock.due_date(received, limit=low, pauses=found, today=today)
    second = clock.due_date(received, limit=high, pauses=found, today=today)
    assert received <= first.due <= second.due


@PROPERTY
@given(received_days, st.integers(min_value=-40, max_value=60))
def test_remaining_counts_down_through_zero(received: date, offset: int):
    due = clock.due_date(received).due
    today = due + timedelta(days=offset)
    left = clock.remaining(due, today)
    assert (left < 0) == (today > due)
    assert clock.remaining(due, today + timedelta(days=1)) <= left


@PROPERTY
@given(st.integers(min_value=1, max_value=200))
def test_each_request_costs_its_band(n: int):
    price = clock.fee_amount_per_request(n) - clock.fee_amount_per_request(n - 1)
    assert price == (0 if n <= 10 else 100 if n <= 30 else 100 * ((n - 31) // 10 + 2))


# --- gongkai deadline ------------------------------------------------------------------------------------


def deadline(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("deadline", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_prints_the_due_date(staff_table: None):
    out, err = deadline("2025-01-20")
    assert "答复期限：2025-02-21（星期五）" in out
    assert "计入 20 个工作日" in out and err == ""


def test_command_json_is_the_contract(staff_table: None):
    out, _ = deadline("2025-01-13", "--pause", "2025-01-22:2025-02-12", "--extend", "20", "--json")
    assert json.loads(out) == {"received": "2025-01-13", "due": "2025-04-01", "working_days": 40,
                               "paused_days": 12, "warnings": []}


def test_command_running_pause_and_limit(staff_table: None):
    out, _ = deadline("2025-03-03", "--pause", "2025-03-10:", "--today", "2025-03-14", "--json")
    assert json.loads(out)["due"] == "2025-04-08"
    out, _ = deadline("2025-01-24", "--limit", "7", "--json")
    assert json.loads(out)["due"] == "2025-02-10"


def test_command_warns_of_an_unknown_year(staff_table: None):
    out, err = deadline("2099-12-15")
    assert "2100-01-12" in out
    assert err.count("警告") == 2 and "2100年" in err
    data = json.loads(deadline("2099-12-15", "--json")[0])
    assert len(data["warnings"]) == 2


def test_command_reads_the_staff_table(staff_table: None):
    from gongkai.applications.models import WorkdayOverride

    WorkdayOverride.objects.create(day=D(2025, 2, 21), is_workday=False, note="本地放假")
    out, _ = deadline("2025-01-20", "--json")
    assert json.loads(out)["due"] == "2025-02-24"


@pytest.mark.parametrize("args,message", [
    (["2025-02-30"], "不是有效日期"),
    (["20250120"], "不是有效日期"),
    (["2025-01-20", "--extend", "21"], "不得超过 20 个工作日"),
    (["2025-01-20", "--extend", "两"], "--extend"),
    (["2025-01-20", "--limit", "-3"], "--limit"),
    (["2025-01-20", "--pause", "2025-02-01"], "FROM:TO"),
    (["2025-01-20", "--pause", "2025-02-10:2025-02-01"], "早于"),
    (["2025-01-20", "--pause", "2025-02-10:soon"], "不是有效日期"),
    (["9999-12-30"], "超出"),
])
def test_command_bad_input(staff_table: None, args: list[str], message: str):
    with pytest.raises(CommandError, match=message) as caught:
        deadline(*args)
    assert caught.value.returncode == 2


def test_command_line_error_is_one_line_and_status_two(capsys: pytest.CaptureFixture[str]):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as caught:
        execute_from_command_line(["gongkai", "deadline", "2025-13-01"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "不是有效日期" in err and "Traceback" not in err
