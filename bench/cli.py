"""`gongkai bench scores|names|qa|search …`: the benchmarks, each in a data directory of its own.

`gongkai` hands `bench` over to `main` before Django starts (docs/adr/0005-benchmarks-outside-the-product.md),
so the benchmark first points GONGKAI_DATA_DIR at a temporary directory: the database, search index,
cache and secret key it imports pages into live and die there, in this one process, and the user's
data directory is never touched. `run` is the same work in whatever database Django already uses
(the tests' own).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

# What would point the benchmark at the user's stores rather than its scratch directory.
USER_STORES = ("DATABASE_URL", "REDIS_URL", "GONGKAI_SECRET_KEY")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="gongkai bench", description="性能与准确率测试 / Benchmarks")
    sub = top.add_subparsers(dest="target", required=True)
    scores = sub.add_parser("scores", help="every score on a development set, scored the way kept-back pages are")
    scores.add_argument("--set", required=True, type=Path, dest="folder", metavar="DIR",
                        help="a development set folder: pages/NNN.json and gold_metadata|minutes|qa.json")
    scores.add_argument("--json", action="store_true", help="the scores as one JSON object")
    scores.add_argument("--misses", action="store_true", help="list every miss under the table")
    names = sub.add_parser("names", help="names of places and people of development sets found in the product")
    names.add_argument("--set", required=True, type=Path, dest="folders", metavar="DIR", action="append",
                       help="a development set folder (again for more sets)")
    qa = sub.add_parser("qa", help="question answering on pages with gold answers")
    qa.add_argument("--pages", required=True, type=Path, help="folder of page files (NNN.json)")
    qa.add_argument("--gold", required=True, type=Path, help="JSON list of {q, a, page, style}")
    qa.add_argument("--json", action="store_true", help="the report as one JSON object")
    search = sub.add_parser("search", help="search throughput and latency on a synthetic corpus")
    search.add_argument("--docs", type=int, default=10_000)
    search.add_argument("--repeats", type=int, default=30)
    search.add_argument("--workers", type=int, default=2, help="segmentation processes")
    search.add_argument("--no-baseline", action="store_true", help="skip SQLite FTS5")
    from bench.pages import add_parser as add_pages

    add_pages(sub)
    from bench.export import add_parser as add_export

    add_export(sub)
    return top


def main(argv: list[str]) -> None:
    args = parser().parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as scratch:
        try:
            check_inputs(args)  # before setting up a whole scratch site for nothing
            start_django(Path(scratch))
            run(args, sys.stdout, Path(scratch))
        except (OSError, ValueError, RuntimeError) as exc:
            sys.stderr.write(f"gongkai bench: {exc}\n")
            raise SystemExit(1) from None


def check_inputs(args: argparse.Namespace) -> None:
    """Raise with the reason when the folders or files named cannot be read."""
    from bench import qa, scores

    if args.target == "qa":
        qa.load_gold(args.gold)
        qa.page_files(args.pages)
    elif args.target == "scores":
        scores.DevSet.load(args.folder)
    elif args.target == "names":
        for folder in args.folders:
            scores.DevSet.load(folder)


def start_django(scratch: Path) -> None:
    from django.core.exceptions import ImproperlyConfigured

    for name in USER_STORES:
        os.environ.pop(name, None)
    os.environ["GONGKAI_DATA_DIR"] = str(scratch)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        raise RuntimeError(f"configuration error: {exc}") from None
    from django.conf import settings
    from django.core.management import call_command

    if Path(settings.DATA_DIR).resolve() != scratch.resolve():  # Django was set up before us
        raise RuntimeError(f"{settings.DATA_DIR} is not the benchmark's scratch directory; refusing to import there")
    call_command("migrate", verbosity=0, interactive=False)


def run(args: argparse.Namespace, out: TextIO, workdir: Path) -> None:
    """The benchmark `args` names, in the database Django is set up with; `workdir` is scratch space."""
    if args.target == "scores":
        _scores(args, out)
    elif args.target == "names":
        _names(args, out)
    elif args.target == "qa":
        _qa(args, out)
    elif args.target == "pages":
        from bench.pages import run_here as pages

        pages(args, out, workdir)
    elif args.target == "export":
        from bench.export import run_here as export

        export(args, out, workdir)
    else:
        _search(args, out, workdir)


def _scores(args: argparse.Namespace, out: TextIO) -> None:
    from bench import scores

    result = scores.run_here(args.folder)
    text = json.dumps(result.to_json(), ensure_ascii=False) if args.json else scores.format_scores(
        result, show_misses=args.misses)
    out.write(text + "\n")


def _names(args: argparse.Namespace, out: TextIO) -> None:
    import gongkai
    from bench import names, scores

    wanted = set().union(*(names.development_names(scores.DevSet.load(f)) for f in args.folders))
    found = names.found_in(wanted, names.product_texts(Path(gongkai.__file__).parent))
    out.write(names.format_found([f.name for f in args.folders], wanted, found) + "\n")
    if found:
        raise RuntimeError(f"{len(found)} name(s) of the development pages stand in the product")


def _qa(args: argparse.Namespace, out: TextIO) -> None:
    from bench import qa

    report = qa.run_here(args.pages, args.gold)
    out.write((json.dumps(report.to_json(), ensure_ascii=False) if args.json else qa.format_report(report)) + "\n")


def _search(args: argparse.Namespace, out: TextIO, workdir: Path) -> None:
    from bench import search

    root = workdir / "bench-search"
    with search.ApiColumn(root) as api:
        report = search.run_benchmark(args.docs, root, repeats=args.repeats, workers=args.workers,
                                      baseline=not args.no_baseline, columns={"/api/search": api.search},
                                      progress=lambda line: print(line, file=sys.stderr))
    out.write(search.format_report(report) + "\n")
