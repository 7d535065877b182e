"""gongkai search "QUERY" [--json] [--limit N]: search the published catalog from the command line."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.search import service
from gongkai.search.indexing import catch_up
from gongkai.search.query import FACETS, QueryError


class Command(BaseCommand):
    help = "检索已公开的信息 / Search the published catalog"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument("--json", action="store_true", help="hits as JSON")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--offset", type=int, default=0)
        parser.add_argument("--newest", action="store_true", help="newest first instead of by relevance")
        for name in FACETS:
            parser.add_argument(f"--{name}", help=f"only documents whose {name} is this value")

    def handle(self, *args: Any, **opts: Any) -> None:
        catch_up()
        filters = {name: opts[name] for name in FACETS if opts.get(name)}
        try:
            results = service.run(opts["query"], filters=filters, limit=opts["limit"], offset=opts["offset"],
                                  sort="newest" if opts["newest"] else "relevance", facets=False)
        except QueryError as exc:
            raise CommandError(str(exc), returncode=2) from None
        if opts["json"]:
            self.stdout.write(json.dumps(service.results_json(results), ensure_ascii=False))
            return
        self.stdout.write(f"{results.total} found ({results.elapsed_ms:.1f} ms)")
        for hit in results.hits:
            self.stdout.write(f"{hit.score:7.2f}  {hit.index_no or '-':28} {hit.title}\n         {hit.snippet_text}")
