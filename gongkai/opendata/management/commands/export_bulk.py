"""gongkai export_bulk [--force]: write the bulk downloads (catalog and decision register as CSV, JSON
Lines and SQLite, with SHA-256 checksums) into the data directory's bulk/ folder, served at /data/bulk/.

Run it from a timer every 10 minutes: it returns at once when nothing changed since the last export."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.opendata import bulk


class Command(BaseCommand):
    help = "生成批量下载文件 / Write the bulk downloads (skipped when nothing changed)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="write the files even when nothing changed")

    def handle(self, *args: Any, **opts: Any) -> None:
        folder = bulk.bulk_dir()
        result = bulk.export_all(folder, force=opts["force"])
        if result.skipped:
            self.stdout.write(f"{folder}：自上次导出以来没有变化，未重新生成（unchanged）")
            return
        for w in result.files:
            self.stdout.write(f"{w.name}\t{w.rows} 行\t{w.bytes} 字节\tsha256 {w.sha256}")
        self.stdout.write(f"{folder}: {len(result.files)} 个文件已生成")
