"""gongkai reindex: rebuild the search index from the database (the index is derived data)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.search.indexing import open_backend, rebuild


class Command(BaseCommand):
    help = "从数据库重建检索索引 / Rebuild the search index from the database"

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        try:
            backend = open_backend(writer=True)
        except Exception as exc:
            raise CommandError(f"cannot open the index for writing (is `gongkai serve` or `gongkai indexer` "
                               f"running? stop it first): {exc}") from None
        count = rebuild(backend)
        self.stdout.write(f"indexed {count} documents in {time.perf_counter() - started:.1f} s")
