"""gongkai remind_deadlines: mail staff the applications due within 3 working days and overdue ones.

`--once` makes one pass, for a timer; without it the command keeps running and makes a pass every
`--interval` seconds, like a small worker. Each application is mailed about at most once a day,
however many copies run.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.applications.reminders import RunResult, send_reminders


class Command(BaseCommand):
    help = "提醒即将到期和已逾期的政府信息公开申请 / Mail staff about application deadlines"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="只运行一次 / one pass, then exit")
        parser.add_argument("--interval", type=int, default=3600,
                            help="两次检查的间隔秒数（默认 3600）/ seconds between passes")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["interval"] < 1:
            self.stderr.write("--interval 应为正整数（秒）")
            raise SystemExit(2)
        if opts["once"]:
            if self._pass().failed:
                raise SystemExit(1)  # so that the timer's unit shows the failure
            return
        try:
            while True:
                self._pass()
                time.sleep(opts["interval"])
        except KeyboardInterrupt:
            self.stdout.write("stopped")

    def _pass(self) -> RunResult:
        result = send_reminders()
        self.stdout.write(
            f"reminded about {result.mailed} in {result.mails} mails, "
            f"claimed by another worker {result.claimed_elsewhere}, "
            f"no staff address {result.no_recipients}, failed {result.failed}"
        )
        return result
