"""Dates, times, ranges and date expressions on made-up text."""

from datetime import date

import pytest

from gongkai.lib.zh.dates import (
    find_dates, find_expressions, find_ranges, find_years, first_date, parse_date, whole_date,
)


@pytest.mark.parametrize(("text", "iso"), [
    ("2024年3月5日", "2024-03-05"), ("2024年3月5号", "2024-03-05"), ("2024-03-05", "2024-03-05"),
    ("2024/3/5", "2024-03-05"), ("2024.3.5", "2024-03-05"), ("二〇二四年三月五日", "2024-03-05"),
    ("二零二四年十二月三十一日", "2024-12-31"), ("113年3月5日", "2024-03-05"), ("民國99年1月2日", "2010-01-02"),
    ("２０２４年１２月３１日", "2024-12-31"), ("2024 年 3 月 5 日", "2024-03-05"),
])
def test_full_dates(text, iso):
    found = first_date(f"青山县于{text}发布")
    assert found is not None and found.iso == iso
    assert f"青山县于{text}发布"[found.start:found.end] == text


def test_month_day_takes_the_year_from_context():
    found = first_date("会议于三月五日召开", year=2023)
    assert found is not None and found.iso == "2023-03-05" and found.year_from_context
    assert first_date("会议于3月5日召开").date is None  # no year known


def test_part_of_day_and_clock():
    found = first_date("2024年3月5日(星期二)下午3时30分在区政府召开")
    assert (found.part_of_day, found.time) == ("下午", "15:30")
    assert first_date("3月5日上午9:00", year=2024).time == "09:00"
    assert first_date("3月5日晚上八点半", year=2024).time == "20:30"


def test_impossible_dates_are_marked():
    found = first_date("2024年2月30日")
    assert found.impossible and found.date is None
    assert not first_date("2024年2月29日").impossible


def test_not_dates():
    assert find_dates("比例为3.5，共12项") == []
    assert find_dates("3月5") == []  # neither 日 nor a year
    assert parse_date("20240305") == date(2024, 3, 5)
    assert find_dates("编号20240305") == []  # eight digits only count in a date field


def test_ranges():
    ranges = find_ranges("2024年3月5日至8日，3月10日—3月12日", year=2024)
    assert [(r.first.iso, r.last.iso) for r in ranges] == [("2024-03-05", "2024-03-08"),
                                                          ("2024-03-10", "2024-03-12")]


@pytest.mark.parametrize(("text", "kind", "last", "before"), [
    ("年底前完成", "year_end", date(2024, 12, 31), True),
    ("2025年底", "year_end", date(2025, 12, 31), False),
    ("今年年底前", "year_end", date(2024, 12, 31), True),
    ("明年底前", "year_end", date(2025, 12, 31), True),
    ("明年上半年", "half", date(2025, 6, 30), False),
    ("下半年", "half", date(2024, 12, 31), False),
    ("年内", "within_year", date(2024, 12, 31), False),
    ("三季度末", "quarter", date(2024, 9, 30), False),
    ("第一季度", "quarter", date(2024, 3, 31), False),
    ("6月底前", "month", date(2024, 6, 30), True),
    ("十月中旬", "month", date(2024, 10, 20), False),
    ("明年", "year", date(2025, 12, 31), False),
])
def test_expressions(text, kind, last, before):
    found = find_expressions(f"清河区{text}", year=2024)
    assert len(found) == 1
    assert (found[0].kind, found[0].last, found[0].before) == (kind, last, before)


def test_expressions_without_a_reference_year_have_no_day():
    (found,) = find_expressions("年底前")
    assert found.year is None and found.last is None


def test_years():
    assert [y for *_, y in find_years("2024年度和二〇二三年")] == [2024, 2023]


def test_whole_date_is_a_date_line_or_cell():
    assert whole_date(" 2024-03-05 ").iso == "2024-03-05"
    assert whole_date("2024年3月5日 14:20:33").time == "14:20"
    assert whole_date("20240305").iso == "2024-03-05"
    assert whole_date("发布于2024-03-05") is None
    assert whole_date("2024-03-05 青山县") is None
