"""gongkai send_digests: mail each subscribed reader what is new for them (run by a timer, e.g. daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.readers.digest import send_digests


class Command(BaseCommand):
    help = "发送订阅摘要邮件 / Send the subscription digests"

    def handle(self, *args: Any, **opts: Any) -> None:
        result = send_digests()
        self.stdout.write(
            f"sent {result.sent}, nothing new {result.nothing_new}, "
            f"claimed by another worker {result.claimed_elsewhere}, failed {result.failed}"
        )
        if result.failed:
            raise SystemExit(1)  # so that the timer's unit shows the failure
