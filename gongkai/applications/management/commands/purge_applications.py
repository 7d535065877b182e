"""gongkai purge_applications: forget identity proofs and contact details past the retention period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from gongkai.applications.actions import purge_expired


class Command(BaseCommand):
    help = "删除办结超过保存期限（GONGKAI_APPLICATIONS_RETENTION_DAYS）的申请的身份证明和联系方式"

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.APPLICATIONS_RETENTION_DAYS:
            self.stdout.write("保存期限为 0：永久保存，不删除。")
            return
        numbers = purge_expired()
        self.stdout.write(f"已删除 {len(numbers)} 件申请的身份证明和联系方式。")
        for number in numbers:
            self.stdout.write(f"  {number}")
