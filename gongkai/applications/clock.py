"""The reply clock of a disclosure application (条例 Arts. 30, 32–34, 42): pure date algebra, no ORM.

Everything is counted in working days on the official calendar (`gongkai.lib.workdays`), and the
day an event happens is never counted (民法典 Art. 201): an application received on day R is due on
the 20th working day after R. The rules callers apply around these functions:

- 当场答复: an application answered on the spot never gets a clock; callers close it the same day.
- 补正 (Art. 30): the notice is due `correction_notice_due(received)`; once the corrected application
  arrives, the clock restarts: callers pass the date of the correction as `received`.
- Consultations (Arts. 32, 34) pause the clock: the working days from the day the consultation starts
  to the day it ends, both included (征求意见之日起至收到意见之日止), are not counted. Pauses may
  overlap (two third parties); a day is paused once. A pause still running counts up to `today`.
- The fee period (Art. 42, 国办函〔2020〕109号) pauses the clock only where the site says so
  (`fee_pauses=True`): whether it does is not settled (docs/adr/0007-applications-clock.md).
- One extension (Art. 33) of at most EXTENSION_MAX working days, added after the pauses.

A pause that starts after the (unpaused) deadline has passed changes nothing: the time was up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.lib import workdays

REPLY_DAYS = 20  # Art. 33 para 2
EXTENSION_MAX = 20  # Art. 33 para 2: at most 20 further working days, once
CORRECTION_NOTICE_DAYS = 7  # Art. 30: the one-time correction notice
CONSULTATION_DAYS = 15  # Arts. 32, 34: what the consulted party has to answer
FEE_DAYS = 20  # 国办函〔2020〕109号: to pay, from the day after the notice is received

# Reasons of a pause, as ClockPause.kind stores them.
CONSULT_THIRD_PARTY = "consult_third_party"
CONSULT_COPRODUCER = "consult_coproducer"
FEE = "fee"


@dataclass(frozen=True)
class Pause:
    """A period not counted in the reply period; `end` None: still running."""

    start: date
    end: date | None
    reason: str

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"暂停的结束日期 {self.end.isoformat()} 早于开始日期 {self.start.isoformat()}")


@dataclass(frozen=True)
class Due:
    """A computed deadline.

    working_days: the working days counted (limit + extension); paused_days: the working days between
    receipt and due that were not counted. So workdays_between(received, due) == working_days +
    paused_days. warnings: one message per year crossed whose holidays are not known.
    """

    due: date
    working_days: int
    paused_days: int
    warnings: tuple[str, ...]


def due_date(received: date, *, limit: int = REPLY_DAYS, pauses: Sequence[Pause] = (), extension: int = 0,
             today: date | None = None, fee_pauses: bool = False) -> Due:
    """The reply deadline for an application received (or corrected) on `received`.

    `today` ends the pauses still running; Django callers pass `timezone.localdate()` (the default,
    `date.today()`, is the server's date). Pauses with reason FEE count only when `fee_pauses`.
    """
    if limit < 0:
        raise ValueError(f"答复期限的工作日数不能为负数：{limit}")
    check_extension(extension, allow_zero=True)
    spans = paused_spans(pauses, today=today or date.today(), fee_pauses=fee_pauses)
    need, counted, paused, day = limit + extension, 0, 0, received
    with workdays.consistent():
        while counted < need:
            day = _next(day)
            if not workdays.is_workday(day):
                continue
            if _inside(day, spans):
                paused += 1
            else:
                counted += 1
        warnings = tuple(workdays.unknown_year_warning(y) for y in workdays.unknown_years(received, day))
    return Due(day, need, paused, warnings)


def check_extension(days: int, *, already_extended: int = 0, allow_zero: bool = False) -> int:
    """Validate an extension (Art. 33): at most EXTENSION_MAX working days, and only once."""
    if already_extended:
        raise ValueError(f"答复期限只能延长一次，已经延长过 {already_extended} 个工作日")
    if days > EXTENSION_MAX:
        raise ValueError(f"延长答复期限最长不得超过 {EXTENSION_MAX} 个工作日（条例第三十三条），收到 {days} 个")
    if days < (0 if allow_zero else 1):
        raise ValueError(f"延长的工作日数应在 1 至 {EXTENSION_MAX} 之间，收到 {days} 个")
    return days


def paused_spans(pauses: Iterable[Pause], *, today: date, fee_pauses: bool = False) -> list[tuple[date, date]]:
    """The pauses that count, as merged, sorted, inclusive (start, end) spans; a running one ends today."""
    spans = sorted(
        (p.start, p.end or today) for p in pauses
        if (fee_pauses or p.reason != FEE) and p.start <= (p.end or today)
    )
    merged: list[tuple[date, date]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def correction_notice_due(received: date) -> date:
    """The last day for the one-time 补正 notice (Art. 30): 7 working days after receipt."""
    return workdays.add_workdays(received, CORRECTION_NOTICE_DAYS)


def consultation_reply_due(letter_received: date) -> date:
    """The last day for the consulted party's answer (Arts. 32, 34): 15 working days."""
    return workdays.add_workdays(letter_received, CONSULTATION_DAYS)


def fee_payment_due(notice_received: date) -> date:
    """The last day to pay the fee (109号): 20 working days from the day after the notice arrives."""
    return workdays.add_workdays(notice_received, FEE_DAYS)


remaining = workdays.remaining  # working days left until a due date, negative once it has passed


def fee_amount_per_request(count_this_month: int) -> int:
    """Yuan due for `count_this_month` requests of one applicant in one calendar month, in total.

    国办函〔2020〕109号 按件计收, progressive by portion: requests 1–10 free, 11–30 100 元 each,
    then each further band of 10 costs 100 元 more per request (31–40: 200, 41–50: 300, …). The fee
    for one more request is fee_for_requests(already_this_month, 1).
    """
    _not_negative(count_this_month, "申请件数")
    return sum(_request_price(n) for n in range(1, count_this_month + 1))


def fee_for_requests(already_this_month: int, count: int) -> int:
    """Yuan due for `count` new requests from an applicant who made `already_this_month` this month."""
    _not_negative(already_this_month, "本月已申请件数")
    _not_negative(count, "申请件数")
    return fee_amount_per_request(already_this_month + count) - fee_amount_per_request(already_this_month)


def fee_amount_per_page(pages: int) -> int:
    """Yuan due for `pages` pages (国办函〔2020〕109号 按量计收, progressive by portion).

    Pages 1–30 free, 31–100 10 元 each, 101–200 20 元 each, 201 and above 40 元 each.
    """
    _not_negative(pages, "页数")
    return 10 * _portion(pages, 30, 100) + 20 * _portion(pages, 100, 200) + 40 * max(pages - 200, 0)


def _request_price(n: int) -> int:
    """The price of the n-th request of the month."""
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 100 * ((n - 31) // 10 + 2)


def _portion(n: int, above: int, upto: int) -> int:
    return max(0, min(n, upto) - above)


def _not_negative(value: int, label: str) -> None:
    if value < 0:
        raise ValueError(f"{label}不能为负数：{value}")


def _inside(day: date, spans: list[tuple[date, date]]) -> bool:
    return any(start <= day <= end for start, end in spans)


def _next(day: date) -> date:
    try:
        return day + timedelta(days=1)
    except OverflowError:
        raise ValueError(f"日期超出可计算范围：{day.isoformat()}") from None
