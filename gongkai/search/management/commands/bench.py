"""gongkai bench qa --pages DIR --gold FILE | bench search [--docs N]: measure the product.

`qa` imports the pages into a temporary catalog (a child process on a scratch GONGKAI_DATA_DIR, so
the user's data directory is never touched) and reports accuracy, refusals and latency
(`gongkai.qa.bench`). `search` indexes a synthetic corpus and reports throughput and query latency
(`gongkai.search.bench`).
"""

from __future__ import annotations

import argparse
import http.client
import json
import tempfile
import threading
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.qa import bench as qa_bench


class Command(BaseCommand):
    help = "性能与准确率测试 / Benchmarks: bench qa --pages DIR --gold FILE; bench search --docs N"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="target", required=True)
        qa = sub.add_parser("qa", help="question answering on pages with gold answers")
        qa.add_argument("--pages", required=True, type=Path, help="folder of page files (NNN.json)")
        qa.add_argument("--gold", required=True, type=Path, help="JSON list of {q, a, page, style}")
        qa.add_argument("--json", action="store_true", help="the report as one JSON object")
        qa.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)  # set by the parent for its child
        search = sub.add_parser("search", help="search throughput and latency on a synthetic corpus")
        search.add_argument("--docs", type=int, default=10_000)
        search.add_argument("--repeats", type=int, default=30)
        search.add_argument("--workers", type=int, default=2, help="segmentation processes")
        search.add_argument("--no-baseline", action="store_true", help="skip SQLite FTS5")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["target"] == "qa":
            self._qa(opts)
        else:
            self._search(opts)

    def _qa(self, opts: dict[str, Any]) -> None:
        try:
            if opts["scratch"] is not None:
                report = self._qa_in_scratch(opts["scratch"], opts["pages"], opts["gold"])
            else:
                report = qa_bench.run_isolated(opts["pages"], opts["gold"])
        except (OSError, ValueError, RuntimeError) as exc:
            raise CommandError(str(exc)) from None
        if opts["json"]:
            self.stdout.write(json.dumps(report.to_json(), ensure_ascii=False))
        else:
            self.stdout.write(qa_bench.format_report(report))

    def _qa_in_scratch(self, scratch: Path, pages: Path, gold: Path) -> qa_bench.QaBenchReport:
        qa_bench.check_scratch(scratch, settings.DATA_DIR)
        call_command("migrate", verbosity=0, interactive=False)
        return qa_bench.run_here(pages, gold)

    def _search(self, opts: dict[str, Any]) -> None:
        bench = _search_bench()
        with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as scratch, ApiColumn(Path(scratch)) as api:
            report = bench.run_benchmark(opts["docs"], Path(scratch), repeats=opts["repeats"],
                                         workers=opts["workers"], baseline=not opts["no_baseline"],
                                         columns={"/api/search": api.search}, progress=self.stderr.write)
        self.stdout.write(bench.format_report(report))


class ApiColumn:
    """The same query mix through HTTP: `GET /api/search` on a real server (waitress) on loopback,
    reading the benchmark's index, over one keep-alive connection as a client would."""

    def __init__(self, scratch: Path) -> None:
        self.index_dir = scratch / "tantivy"

    def __enter__(self) -> ApiColumn:
        import waitress

        from gongkai.search import indexing
        from gongkai.wsgi import application

        self._saved = settings.SEARCH_INDEX_DIR
        settings.SEARCH_INDEX_DIR = self.index_dir
        indexing.reader.cache_clear()
        self.server = waitress.create_server(application, host="127.0.0.1", port=0, threads=4)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.server.effective_port, timeout=30)
        return self

    def search(self, query: Any) -> dict[str, Any]:
        params = {"q": query.text, "limit": query.limit, "sort": query.sort, **dict(query.filters)}
        self.conn.request("GET", "/api/search?" + urlencode(params))
        response = self.conn.getresponse()
        body = json.loads(response.read())
        if response.status != 200:
            raise CommandError(f"/api/search answered {response.status}: {body}")
        return body

    def __exit__(self, *exc: object) -> None:
        from gongkai.search import indexing

        self.conn.close()
        self.server.close()
        settings.SEARCH_INDEX_DIR = self._saved
        indexing.reader.cache_clear()


def _search_bench() -> ModuleType:
    """The search benchmark module, imported only when asked for (it pulls in the corpus generator)."""
    try:
        return import_module("gongkai.search.bench")
    except ImportError as exc:
        raise CommandError(f"the search benchmark (gongkai.search.bench) is not available: {exc}") from None
