"""gongkai indexer: apply the search outbox continuously (production: beside `gongkai serve --no-indexer`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.search.indexing import run_indexer


class Command(BaseCommand):
    help = "持续更新检索索引 / Keep the search index up to date"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--poll", type=float, default=1.0, help="seconds between outbox checks")

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write("indexer running; Ctrl-C to stop")
        try:
            run_indexer(poll_seconds=opts["poll"])
        except KeyboardInterrupt:
            self.stdout.write("indexer stopped")
