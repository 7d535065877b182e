"""gongkai deadline RECEIVED [--extend N] [--pause FROM:TO]… [--limit N] [--today DATE] [--json]

Prints the reply deadline of an application received (or corrected) on RECEIVED, computed by the
same `gongkai.applications.clock.due_date` the application pages use, on the official calendar and
the staff table of holiday overrides. `--pause FROM:` is a consultation still running (until
--today). Bad input: one line on stderr and exit status 2.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.applications import clock

WEEKDAYS = "一二三四五六日"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Command(BaseCommand):
    help = "计算依申请公开的答复期限 / Compute the reply deadline of a disclosure application"
    requires_system_checks: list[str] = []  # date arithmetic: no need to load every URL and template first

    def add_arguments(self, parser: CommandParser) -> None:
        # Everything arrives as text and is checked in handle(), so that every bad value gets the
        # same one-line message and exit status instead of argparse's usage block.
        parser.add_argument("received", help="收到申请（或补正后申请）的日期 YYYY-MM-DD")
        parser.add_argument("--extend", default="0", metavar="N", help=f"延长的工作日数（至多 {clock.EXTENSION_MAX}）")
        parser.add_argument("--pause", action="append", default=[], metavar="FROM:TO",
                            help="征求意见等暂停期间（首尾两日均不计入），可重复；FROM: 表示尚未结束")
        parser.add_argument("--limit", default=str(clock.REPLY_DAYS), metavar="N",
                            help=f"答复期限的工作日数（默认 {clock.REPLY_DAYS}）")
        parser.add_argument("--today", metavar="DATE", help="计算尚未结束的暂停所用的今天日期（默认今天）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        received = parse_date(opts["received"], "收到日期")
        today = parse_date(opts["today"], "--today") if opts["today"] else None
        pauses = [parse_pause(text) for text in opts["pause"]]
        limit = parse_count(opts["limit"], "--limit")
        extension = parse_count(opts["extend"], "--extend")
        try:
            result = clock.due_date(received, limit=limit, pauses=pauses, extension=extension, today=today)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        if opts["json"]:
            self.stdout.write(json.dumps(as_json(received, result), ensure_ascii=False))
            return
        for warning in result.warnings:
            self.stderr.write(f"警告：{warning}")
        self.stdout.write("\n".join(describe(received, result)))


def as_json(received: date, result: clock.Due) -> dict[str, Any]:
    return {"received": received.isoformat(), "due": result.due.isoformat(),
            "working_days": result.working_days, "paused_days": result.paused_days,
            "warnings": list(result.warnings)}


def describe(received: date, result: clock.Due) -> list[str]:
    lines = [f"收到日期：{received.isoformat()}（星期{WEEKDAYS[received.weekday()]}）",
             f"答复期限：{result.due.isoformat()}（星期{WEEKDAYS[result.due.weekday()]}）",
             f"计入 {result.working_days} 个工作日（收到当日不计入）"]
    if result.paused_days:
        lines.append(f"暂停期间 {result.paused_days} 个工作日不计入")
    return lines


def parse_date(text: str, label: str) -> date:
    text = text.strip()
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{label}“{text}”不是有效日期，应写作 YYYY-MM-DD，例如 2025-01-20",
                           returncode=2) from None


def parse_pause(text: str) -> clock.Pause:
    start, colon, end = text.partition(":")
    if not colon:
        raise CommandError(f"暂停期间“{text}”应写作 FROM:TO，例如 2025-01-22:2025-02-12", returncode=2)
    first = parse_date(start, "暂停开始日期")
    last = parse_date(end, "暂停结束日期") if end.strip() else None
    try:
        return clock.Pause(first, last, clock.CONSULT_THIRD_PARTY)
    except ValueError as exc:
        raise CommandError(str(exc), returncode=2) from None


def parse_count(text: str, label: str) -> int:
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        raise CommandError(f"{label} 应为不小于 0 的整数，收到“{text}”", returncode=2)
    return int(text)
