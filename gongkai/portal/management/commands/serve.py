"""gongkai serve [--host H] [--port P]: migrate if needed, then serve the portal (and keep the index current)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class Command(BaseCommand):
    help = "启动门户网站 / Serve the portal"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-indexer", action="store_true",
                            help="do not index in this process (when `gongkai indexer` runs separately)")

    def handle(self, *args: Any, **opts: Any) -> None:
        import waitress

        if pending_migrations():
            self.stdout.write("applying database migrations …")
            call_command("migrate", verbosity=0)
        if not opts["no_indexer"]:
            from gongkai.search.indexing import start_background_indexer

            start_background_indexer()
        from gongkai.wsgi import application

        self.stdout.write(f"Gongkai at http://{opts['host']}:{opts['port']}/ (data: {settings.DATA_DIR})")
        proxy = {"trusted_proxy": settings.TRUSTED_PROXY,
                 "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"}} if settings.TRUSTED_PROXY else {}
        waitress.serve(application, host=opts["host"], port=opts["port"], threads=opts["threads"],
                       ident="gongkai", clear_untrusted_proxy_headers=True, **proxy)
