"""gongkai indexer: keep this node current with the database: apply the search outbox, and delete the
kept pages that changes made stale (production: one per node, beside `gongkai serve --no-indexer`;
`gongkai serve` starts it itself)."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from gongkai.search.indexing import run_indexer


class Command(BaseCommand):
    help = "持续更新检索索引与页面缓存 / Keep the search index and the kept pages up to date"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--poll", type=float, default=1.0, help="seconds between outbox checks")
        parser.add_argument("--quiet", action="store_true", help="say nothing (when `gongkai serve` runs it)")

    def handle(self, *args: Any, **opts: Any) -> None:
        from gongkai.pages import changes
        from gongkai.pages.middleware import page_store

        stop = threading.Event()
        if settings.PAGE_CACHE:
            pages = threading.Thread(target=changes.run, args=(page_store(), opts["poll"], stop),
                                     name="gongkai-pages", daemon=True)
            pages.start()
        if not opts["quiet"]:
            self.stdout.write("indexer running; Ctrl-C to stop")
        try:
            run_indexer(poll_seconds=opts["poll"], stop=stop)
        except KeyboardInterrupt:
            stop.set()
            if not opts["quiet"]:
                self.stdout.write("indexer stopped")
