"""gongkai publish_scheduled: publish the approved documents whose time has come (run by a timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.review.scheduling import publish_scheduled


class Command(BaseCommand):
    help = "发布到时的定时发布文件 / Publish the scheduled documents that are due"

    def handle(self, *args: Any, **opts: Any) -> None:
        result = publish_scheduled()
        self.stdout.write(f"published {result.published}, claimed by another worker {result.claimed_elsewhere}, "
                          f"failed {result.failed}")
        if result.failed:
            raise SystemExit(1)  # so that the timer's unit shows the failure
