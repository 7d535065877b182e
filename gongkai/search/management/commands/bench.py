"""gongkai bench qa --pages DIR --gold FILE | bench search [--docs N]: measure the product.

`qa` imports the pages into a temporary catalog (a child process on a scratch GONGKAI_DATA_DIR, so
the user's data directory is never touched) and reports accuracy, refusals and latency
(`gongkai.qa.bench`). `search` indexes a synthetic corpus and reports throughput and query latency
(`gongkai.search.bench`).
"""

from __future__ import annotations

import argparse
import json
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

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
        report = bench.run_benchmark(opts["docs"], repeats=opts["repeats"], workers=opts["workers"],
                                     baseline=not opts["no_baseline"], progress=self.stderr.write)
        self.stdout.write(bench.format_report(report))


def _search_bench() -> ModuleType:
    """The search benchmark module, imported only when asked for (it pulls in the corpus generator)."""
    try:
        return import_module("gongkai.search.bench")
    except ImportError as exc:
        raise CommandError(f"the search benchmark (gongkai.search.bench) is not available: {exc}") from None
