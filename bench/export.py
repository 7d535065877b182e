"""`gongkai bench export --docs N`: the bulk downloads (gongkai.opendata.bulk) of a generated catalog of N
documents and its decision register, timed per dataset and format with the process's peak memory.

The catalog is the demo district's (gongkai.catalog.demo): a pool of planned documents written again and
again under new index numbers with bulk inserts (publishing 100,000 documents through the catalog
actions would take an hour and measure the actions, not the export). Minutes in the pool get a meeting
record with agenda items, so the register has rows too. The peak is the kernel's high-water mark of
resident memory (VmHWM) of a fresh process that sets Django up and writes that one file, as the
timer's `gongkai export_bulk` does (Django and the product's apps alone hold about 120 MB), then of one
`gongkai export_bulk` writing all six.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

POOL = 2000  # planned documents, written again and again
BATCH = 2000
LIMIT_MB = 200
TAGS = re.compile(r"<[^>]+>")


@dataclass
class FormatRun:
    dataset: str
    format: str
    rows: int
    seconds: float
    megabytes: float  # size of the file
    peak_mb: float  # resident memory high-water mark while writing it


@dataclass
class ExportReport:
    docs: int
    decisions: int
    generate_seconds: float
    runs: list[FormatRun] = field(default_factory=list)

    @property
    def worst_peak_mb(self) -> float:
        return max((r.peak_mb for r in self.runs), default=0.0)


def add_parser(sub) -> None:  # noqa: ANN001 (argparse's private subparsers type)
    export = sub.add_parser("export", help="bulk downloads of a generated catalog: time and peak memory per format")
    export.add_argument("--docs", type=int, default=100_000, help="documents to generate (default 100,000)")
    export.add_argument("--json", action="store_true", help="the report as one JSON object")


def rss_mb(field_name: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


CHILD = "from bench.export import child; child()"


def child() -> None:
    """In a fresh process: set Django up, export argv's dataset and format, print the figures as JSON."""
    import django

    django.setup()
    from gongkai.opendata import bulk

    name, fmt, folder = sys.argv[1:4]
    began = time.perf_counter()
    if name == "all":
        files = bulk.export_all(Path(folder), force=True).files
    else:
        files = [bulk.export_one(next(d for d in bulk.DATASETS if d.name == name), fmt, Path(folder))]
    print(json.dumps({"rows": sum(w.rows for w in files), "bytes": sum(w.bytes for w in files),
                      "seconds": time.perf_counter() - began, "peak_mb": rss_mb("VmHWM")}))


def in_child(name: str, fmt: str, folder: Path) -> dict:
    from django.conf import settings

    env = {**os.environ, "GONGKAI_DATA_DIR": str(settings.DATA_DIR), "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    done = subprocess.run([sys.executable, "-c", CHILD, name, fmt, str(folder)], env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"exporting {name}.{fmt} failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def generate(docs: int, progress=lambda line: None) -> int:  # noqa: ANN001
    """`docs` published documents from the demo plan, and meeting records for the minutes among them.
    Returns the number of agenda items."""
    from django.db import transaction
    from django.utils import timezone

    from gongkai.catalog.demo import generator as demo
    from gongkai.catalog.models import Document, Term
    from gongkai.minutes.models import AgendaItemRecord, MeetingRecord

    pool = demo.plan(min(POOL, docs))
    agencies, terms = demo.ensure_agencies(), demo.Terms()
    demo.configure_site()
    now, items = timezone.now(), 0
    for start in range(0, docs, BATCH):
        batch, minutes = [], []
        for n in range(start, min(start + BATCH, docs)):
            spec = pool[n % len(pool)]
            round_ = n // len(pool)
            body = spec.body_html()
            batch.append(Document(
                agency=agencies[spec.agency], title=f"{spec.title}({round_})" if round_ else spec.title,
                index_no=f"BENCH-{n:08d}", doc_no=spec.doc_no, created_date=spec.created,
                published_date=spec.published, abolished_date=spec.abolished, expires_date=spec.expires,
                summary=spec.summary, body_html=body, body_text=TAGS.sub("", body), keywords=list(spec.keywords),
                topic=terms.get(Term.TOPIC, spec.topic[1], spec.topic[0]), genre=terms.get(Term.GENRE, spec.genre),
                combo=terms.get(Term.COMBO, spec.combo), status=Document.PUBLISHED, published_at=now,
                related_ids=","))
            minutes.append(spec.kind == "minutes")
        with transaction.atomic():
            made = Document.objects.bulk_create(batch)
            meetings = MeetingRecord.objects.bulk_create(
                [MeetingRecord(document=doc, meeting_no=f"第{doc.pk}次", date=doc.published_date,
                               date_text=str(doc.published_date), kind="常务会议", parsed_at=now)
                 for doc, is_minutes in zip(made, minutes, strict=True) if is_minutes])
            rows = [AgendaItemRecord(meeting=m, n=k, actions=["审议"], title=f"审议{m.document.title}所列事项之{k}",
                                     decision="原则同意,请相关部门按程序办理。", decision_kind="原则通过",
                                     follow_up="印发实施", day=m.date, year=m.date.year if m.date else None)
                    for m in meetings for k in (1, 2, 3)]
            AgendaItemRecord.objects.bulk_create(rows)
            items += len(rows)
        progress(f"  {min(start + BATCH, docs)} / {docs} documents")
    return items


def run_benchmark(docs: int, folder: Path, progress=lambda line: None) -> ExportReport:  # noqa: ANN001
    from django.db import connections

    from gongkai.opendata import bulk

    started = time.perf_counter()
    progress(f"generating {docs} documents …")
    decisions = generate(docs, progress)
    connections.close_all()  # the children read the database on their own
    report = ExportReport(docs=docs, decisions=decisions, generate_seconds=time.perf_counter() - started)
    jobs = [(ds.name, fmt) for ds in bulk.DATASETS for fmt in bulk.FORMATS] + [("all", "*")]
    for name, fmt in jobs:
        progress(f"exporting {name}.{fmt} in a fresh process …")
        got = in_child(name, fmt, folder)
        report.runs.append(FormatRun(name, fmt, got["rows"], round(got["seconds"], 2),
                                     round(got["bytes"] / 2**20, 1), round(got["peak_mb"], 1)))
    return report


def format_report(report: ExportReport) -> str:
    lines = [f"gongkai bench export: {report.docs} documents, {report.decisions} decisions "
             f"(generated in {report.generate_seconds:.0f} s); each file written by a fresh process",
             f"{'file':<22} {'rows':>9} {'seconds':>8} {'file MB':>8} {'peak RSS MB':>12}"]
    for r in report.runs:
        name = "export_bulk (all six)" if r.dataset == "all" else f"{r.dataset}.{r.format}"
        lines.append(f"{name:<22} {r.rows:>9} {r.seconds:>8.1f} {r.megabytes:>8.1f} "
                     f"{r.peak_mb:>12.1f}")
    verdict = "under" if report.worst_peak_mb < LIMIT_MB else "OVER"
    lines.append(f"peak resident memory {report.worst_peak_mb:.0f} MB: {verdict} the {LIMIT_MB} MB limit")
    return "\n".join(lines)


def run_here(args: argparse.Namespace, out: TextIO, workdir: Path) -> None:
    if args.docs < 1:
        raise ValueError("--docs must be at least 1")
    report = run_benchmark(args.docs, workdir / "bulk", progress=lambda line: print(line, file=sys.stderr))
    if args.json:
        out.write(json.dumps({**asdict(report), "worst_peak_mb": report.worst_peak_mb}) + "\n")
    else:
        out.write(format_report(report) + "\n")
    if report.worst_peak_mb >= LIMIT_MB:
        raise RuntimeError(f"an export used {report.worst_peak_mb:.0f} MB, over {LIMIT_MB} MB")

