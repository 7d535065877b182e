"""Dates, times and date expressions as Chinese government pages write them.

Every finder works on the folded view of the text (`fold.fold`), so 繁體 and full-width forms read
alike, and returns spans into the text as given (the view keeps positions). A date whose year is not
written takes the year the caller knows from context (the meeting's year, the page's date), and says
so in `year_from_context`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from gongkai.lib.zh.fold import fold
from gongkai.lib.zh.numerals import CN_DIGITS, cn_to_int

__all__ = [
    "DateExpression", "DateMatch", "DateRange", "find_dates", "find_expressions", "find_ranges",
    "find_years", "first_date", "parse_date", "whole_date",
]

_CN_SMALL = "一二三四五六七八九十"
_CN_DAY = "〇零一二三四五六七八九十"
# A year: four digits, four Chinese digits (二〇二四), or a year of the Republic (民国113 = 2024; three
# digits from 100 on without 民国, as Taiwan pages write them).
_YEAR = (rf"(?:(?P<roc>民国\s*)?(?P<y>(?<![0-9])(?:[12][0-9]{{3}}|1[0-9]{{2}})(?![0-9])|[{CN_DIGITS}]{{4}})"
         rf"|民国\s*(?P<ry>[0-9]{{1,3}}))")
_MONTH = rf"(?P<m>[0-9]{{1,2}}|[{_CN_SMALL}]{{1,2}})"
_DAY = rf"(?P<d>[0-9]{{1,2}}|[{_CN_DAY}]{{1,3}})"
_WEEKDAY = r"(?:\s*[(]?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)]?)?"
_PART = r"(?P<pod>上午|下午|晚上|早上|中午|傍晚|凌晨|夜间|晚)"
_CLOCK = (r"(?:(?P<h>[0-9]{1,2})\s*:\s*(?P<mi>[0-9]{2})(?::[0-9]{2})?"
          rf"|(?P<hc>[0-9]{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[时点]"
          rf"(?:\s*(?P<mc>半|[0-9]{{1,2}}|[{_CN_DAY}]{{1,3}})\s*分?)?)")
_TIME = rf"(?:{_WEEKDAY}\s*(?:{_PART}\s*)?(?:{_CLOCK})?)"

_CHINESE = re.compile(rf"(?:{_YEAR}\s*年\s*)?{_MONTH}\s*月\s*{_DAY}(?![0-9])\s*(?P<unit>[日号])?{_TIME}")
_NUMERIC = re.compile(
    rf"(?<![0-9.])(?:{_YEAR})\s*(?P<sep>[-/.])\s*(?P<m>[0-9]{{1,2}})\s*(?P=sep)\s*(?P<d>[0-9]{{1,2}})"
    rf"(?![0-9]){_TIME}")
_COMPACT = re.compile(r"(?<![0-9])(?P<y>(?:19|20|21)[0-9]{2})(?P<m>[01][0-9])(?P<d>[0-3][0-9])(?![0-9])")
_EVENING = ("下午", "晚上", "傍晚", "晚", "夜间")


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text, with its span and what it says; `date` is None when it cannot exist."""

    start: int
    end: int
    year: int | None
    month: int
    day: int
    part_of_day: str | None = None  # 上午, 下午 … as written, in 简体
    time: str | None = None  # "15:30", 24-hour, when a clock time follows
    year_from_context: bool = False

    @property
    def date(self) -> date | None:
        if self.year is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None

    @property
    def iso(self) -> str | None:
        found = self.date
        return found.isoformat() if found else None

    @property
    def impossible(self) -> bool:
        """The text writes a day that does not exist (2024年2月30日, 13月) or a year outside 1900–2200."""
        if self.year is not None and not 1900 <= self.year <= 2200:
            return True
        try:
            date(self.year or 2000, self.month, self.day)  # 2000 is a leap year: 2月29日 may exist
        except ValueError:
            return True
        return False


def find_dates(text: str, *, year: int | None = None, compact: bool = False) -> list[DateMatch]:
    """Every date in a text, in order.

    Recognises 2024年3月5日, 2024年3月5号, 2024-03-05, 2024/3/5, 2024.3.5, 二〇二四年三月五日, years of
    the Republic (113年3月5日, 民国113年3月5日, 113/03/05), month-day without a year (3月5日, 三月五日;
    the year is `year`, else None), a weekday, 上午/下午 and a clock time after the date (9:30,
    下午3时, 三点半), and with `compact` eight digits (20240305, for values of date fields only).
    """
    view = fold(text)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    patterns = (_NUMERIC, _CHINESE, _COMPACT) if compact else (_NUMERIC, _CHINESE)
    for pattern in patterns:
        for m in pattern.finditer(view):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            match = _date_match(m, year)
            if match is not None:
                found.append(match)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def first_date(text: str, *, year: int | None = None, compact: bool = False) -> DateMatch | None:
    """The first date in a text (see `find_dates`), or None."""
    found = find_dates(text, year=year, compact=compact)
    return found[0] if found else None


def whole_date(text: str) -> DateMatch | None:
    """The date when a text is nothing but one date, a weekday or a time may follow (a date line or a
    table cell: "2024-03-05", "2024年3月5日 14:20:33", "20240305"); None otherwise."""
    stripped = text.strip()
    found = first_date(stripped, compact=True)
    return found if found is not None and found.start == 0 and found.end == len(stripped) else None


def parse_date(text: str, *, year: int | None = None) -> date | None:
    """The first date of a value that exists, or None (see `find_dates`; eight digits count here)."""
    found = first_date(text, year=year, compact=True)
    return found.date if found else None


def _date_match(m: re.Match[str], context_year: int | None) -> DateMatch | None:
    groups = m.groupdict()
    written_year = _year(groups)
    if groups.get("y") and written_year is None:
        return None
    if groups.get("unit") is None and "unit" in groups and written_year is None:
        return None  # 3月5 without 日 and year is a fraction or a list, not a date
    month, day = cn_to_int(groups["m"]), cn_to_int(groups["d"])
    if month is None or day is None or not 1 <= month <= 12 and written_year is None:
        return None
    end = m.end()
    while end > m.start() and m.string[end - 1] == " ":
        end -= 1
    pod = groups.get("pod")
    return DateMatch(
        m.start(), end, written_year if written_year is not None else context_year, month, day,
        pod, _clock(groups, pod), written_year is None and context_year is not None)


def _year(groups: dict[str, str | None]) -> int | None:
    if groups.get("ry"):
        return int(groups["ry"] or 0) + 1911
    y = groups.get("y")
    if not y:
        return None
    value = cn_to_int(y)
    if value is None:
        return None
    if len(y) == 3 and y.isdigit():  # 113 is a year of the Republic
        return value + 1911
    return value


def _clock(groups: dict[str, str | None], pod: str | None) -> str | None:
    if groups.get("h"):
        hour, minute = int(groups["h"] or 0), int(groups["mi"] or 0)
    elif groups.get("hc"):
        hour = cn_to_int(groups["hc"] or "") or 0
        mc = groups.get("mc")
        minute = 30 if mc == "半" else (cn_to_int(mc) or 0) if mc else 0
    else:
        return None
    if pod in _EVENING and hour < 12:
        hour += 12
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return f"{hour:02d}:{minute:02d}"


# --- ranges ---------------------------------------------------------------------------------------

_JOIN = re.compile(r"\s*(?:至|到|~|-|—|——|–)\s*")
_BARE_DAY = re.compile(rf"(?P<d>[0-9]{{1,2}}|[{_CN_DAY}]{{1,3}})\s*[日号]")


@dataclass(frozen=True)
class DateRange:
    start: int
    end: int
    first: DateMatch
    last: DateMatch


def find_ranges(text: str, *, year: int | None = None) -> list[DateRange]:
    """Two dates joined by 至/到/-/—/~: 2024年3月5日至3月8日, 3月5日—8日, 2024-03-05至2024-03-08.

    The second date takes the year and month of the first when it omits them.
    """
    view = fold(text)
    dates = find_dates(text, year=year)
    ranges = []
    for i, first in enumerate(dates):
        join = _JOIN.match(view, first.end)
        if not join:
            continue
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        if nxt is not None and nxt.start == join.end():
            last = nxt if nxt.year is not None or first.year is None else \
                DateMatch(nxt.start, nxt.end, first.year, nxt.month, nxt.day, nxt.part_of_day, nxt.time, True)
            ranges.append(DateRange(first.start, last.end, first, last))
            continue
        bare = _BARE_DAY.match(view, join.end())
        day = cn_to_int(bare.group("d")) if bare else None
        if bare and day is not None:
            last = DateMatch(bare.start(), bare.end(), first.year, first.month, day, None, None,
                             first.year_from_context)
            ranges.append(DateRange(first.start, last.end, first, last))
    return ranges


# --- expressions: deadlines and periods without a calendar day -----------------------------------

_RELATIVE = {"今": 0, "本": 0, "明": 1, "去": -1, "前": -2, "后": 2}
_EXPR = re.compile(
    rf"(?:(?:(?P<y>[12][0-9]{{3}}|[{CN_DIGITS}]{{4}})\s*年度?|(?P<rel>[今明去本])年度?)\s*)?"
    r"(?:(?P<whole>年底|年末|年内|年中|上半年|下半年)"
    r"|(?<=年)(?P<short>底|末|内|中)"
    r"|第?(?P<q>[一二三四1-4])\s*季度(?P<qend>末|底)?"
    rf"|(?P<m>1[0-2]|0?[1-9]|[{_CN_SMALL}]{{1,2}})\s*月份?\s*(?P<mpart>底|末|上旬|中旬|下旬|初))"
    r"(?P<before>之前|以前|前)?"
)
_RELATIVE_YEAR = re.compile(r"(?P<rel>[今明去])年(?:度)?")


@dataclass(frozen=True)
class DateExpression:
    """A period or deadline written without a calendar day: 年底前, 6月底, 上半年, 三季度末, 明年."""

    start: int
    end: int
    kind: str  # "year_end", "within_year", "mid_year", "half", "quarter", "month", "year"
    year: int | None  # written, relative to the reference year, or the reference year itself
    first: date | None  # the period's first day, when the year is known
    last: date | None  # its last day: the deadline a "…前" sets
    before: bool  # written with 前/之前/以前: by then, not during


def find_expressions(text: str, *, year: int | None = None) -> list[DateExpression]:
    """Periods and deadlines in a text: 年底前, 2025年底, 今年年底, 明年上半年, 下半年, 年内, 年中,
    一季度, 第三季度末, 6月底前, 十月中旬, and the bare relative years 今年, 明年, 去年.

    `year` is the reference year (the document's); 明年 is the year after it.
    """
    view = fold(text)
    found: list[DateExpression] = []
    for m in _EXPR.finditer(view):
        found.append(_expression(m, year))
    covered = [(e.start, e.end) for e in found]
    for m in _RELATIVE_YEAR.finditer(view):
        if any(a <= m.start() < b for a, b in covered):
            continue
        y = year + _RELATIVE[m.group("rel")] if year is not None else None
        found.append(DateExpression(m.start(), m.end(), "year", y, _day(y, 1, 1), _day(y, 12, 31), False))
    return sorted(found, key=lambda e: e.start)


def _expression(m: re.Match[str], ref: int | None) -> DateExpression:
    g = m.groupdict()
    y = cn_to_int(g["y"]) if g["y"] else ref + _RELATIVE[g["rel"]] if g["rel"] and ref is not None else \
        None if g["rel"] else ref
    kind, first, last = _period(g, y)
    return DateExpression(m.start(), m.end(), kind, y, first, last, bool(g["before"]))


def _period(g: dict[str, str | None], y: int | None) -> tuple[str, date | None, date | None]:
    whole = g["whole"] or ("年" + g["short"] if g["short"] else None)
    if whole in ("年底", "年末"):
        return "year_end", _day(y, 12, 1), _day(y, 12, 31)
    if whole == "年内":
        return "within_year", _day(y, 1, 1), _day(y, 12, 31)
    if whole == "年中":
        return "mid_year", _day(y, 6, 1), _day(y, 7, 31)
    if whole == "上半年":
        return "half", _day(y, 1, 1), _day(y, 6, 30)
    if whole == "下半年":
        return "half", _day(y, 7, 1), _day(y, 12, 31)
    if g["q"]:
        q = cn_to_int(g["q"]) or 1
        return "quarter", _day(y, 3 * q - 2, 1), _day(y, 3 * q, 31)
    month = cn_to_int(g["m"] or "") or 1
    part = g["mpart"]
    first_day = {"中旬": 11, "下旬": 21}.get(part or "", 1)
    last_day = {"上旬": 10, "初": 10, "中旬": 20}.get(part or "", 31)
    return "month", _day(y, month, first_day), _day(y, month, last_day)


def _day(y: int | None, month: int, day: int) -> date | None:
    """The date, with a day past the month's end taken as its last day (31 → 30 in June)."""
    if y is None or not 1 <= month <= 12:
        return None
    return date(y, month, min(day, calendar.monthrange(y, month)[1]))


# --- years ----------------------------------------------------------------------------------------

_YEARS = re.compile(rf"(?<![0-9])(?P<y>[12][0-9]{{3}}|[{CN_DIGITS}]{{4}})\s*年(?P<du>度)?")


def find_years(text: str) -> list[tuple[int, int, int]]:
    """Years written with 年 or 年度 (2024年, 2024年度, 二〇二四年): (start, end, year) each."""
    out = []
    for m in _YEARS.finditer(fold(text)):
        value = cn_to_int(m.group("y"))
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out
