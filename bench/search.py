"""The search benchmark: index throughput and query latency on a synthetic corpus.

`run_benchmark(n)` generates `n` documents (`corpus.py`), indexes them with the tantivy backend
(segmentation included, in worker processes), builds SQLite FTS5 over the same words, runs a fixed
query mix in process against both and returns a `BenchReport`; `format_report` renders it as a
Markdown table. More columns (the HTTP `/api/search`, say) are callables that run one query:
`run_benchmark(n, columns={"/api/search": lambda q: client.get(...)})`.

    gongkai bench search --docs 10000
"""

from __future__ import annotations

import dataclasses
import http.client
import json
import math
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any
from urllib.parse import urlencode

from bench.baseline import Fts5Baseline
from bench.corpus import DISTRICT, corpus_stats, make_corpus
from gongkai.lib.text import to_traditional
from gongkai.search.backend import SearchDoc
from gongkai.search.engine import PreparedDoc, TantivyBackend, prepare_parallel
from gongkai.search.query import SearchQuery

QueryRunner = Callable[[SearchQuery], object]
TANTIVY, FTS5 = "tantivy (in process)", "SQLite FTS5"


@dataclass(frozen=True)
class BenchQuery:
    name: str
    query: SearchQuery


@dataclass(frozen=True)
class Latency:
    p50_ms: float
    p99_ms: float


@dataclass
class MixRow:
    name: str
    text: str
    hits: int
    mode: str
    baseline_hits: int | None
    latency: dict[str, Latency] = field(default_factory=dict)


@dataclass
class BenchReport:
    docs: int
    chars: int
    index_seconds: float
    merge_seconds: float
    segments: int
    index_mb: float
    baseline_seconds: float | None
    repeats: int
    rows: list[MixRow]
    overall: dict[str, Latency]
    load: tuple[float, float]  # 1-minute load average before indexing and after the queries

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.index_seconds


def query_mix(docs: Sequence[SearchDoc]) -> list[BenchQuery]:
    """The fixed mix; only the identifier is taken from the generated corpus."""
    identifier = docs[len(docs) // 2].index_no
    return [
        BenchQuery("rare term", SearchQuery("鸬鹚")),
        BenchQuery("common term", SearchQuery("工作")),
        BenchQuery("one character", SearchQuery("粮")),
        BenchQuery("two terms", SearchQuery("养老 社区")),
        BenchQuery("three terms", SearchQuery("安全生产 工贸企业 整治")),
        BenchQuery("phrase", SearchQuery('"民生实事"')),
        BenchQuery("filtered by facet", SearchQuery("资金", filters={"topic": "财政、金融、审计"})),
        BenchQuery("Traditional", SearchQuery(to_traditional("垃圾分类 社区"))),
        BenchQuery("long question", SearchQuery(f"{DISTRICT}的民生实事项目是哪个部门负责的")),
        BenchQuery("identifier", SearchQuery(identifier)),
        BenchQuery("newest first", SearchQuery("防汛", sort="newest")),
    ]


def percentile(samples: Sequence[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(p * len(ordered)) - 1))]


def time_runs(run: QueryRunner, query: SearchQuery, repeats: int) -> list[float]:
    run(query)  # warm caches once, as a live site would be
    samples = []
    for _ in range(repeats):
        started = perf_counter()
        run(query)
        samples.append((perf_counter() - started) * 1000)
    return samples


def run_benchmark(n_docs: int, workdir: Path | None = None, *, repeats: int = 30, workers: int = 2,
                  threads: int = 2, heap_bytes: int = 1_000_000_000, baseline: bool = True,
                  columns: Mapping[str, QueryRunner] | None = None,
                  progress: Callable[[str], None] = print) -> BenchReport:
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as scratch:
        root = Path(workdir or scratch)
        load_before = os.getloadavg()[0]
        progress(f"generating {n_docs} documents …")
        docs = list(make_corpus(n_docs))
        stats = corpus_stats(docs)
        progress(f"{stats.docs} documents, {stats.chars / 1e6:.1f} M characters; indexing …")
        writer = TantivyBackend.recreate(root / "tantivy", heap_bytes=heap_bytes, threads=threads, workers=workers)
        kept: list[PreparedDoc] = []
        started = perf_counter()
        writer.rebuild_prepared(_keep(prepare_parallel(docs, workers), kept if baseline else None))
        index_seconds = perf_counter() - started
        started = perf_counter()
        writer.close()
        merge_seconds = perf_counter() - started
        reader = TantivyBackend(root / "tantivy")
        progress(f"indexed in {index_seconds:.1f} s ({n_docs / index_seconds:.0f} docs/s), merged in {merge_seconds:.1f} s")
        fts, baseline_seconds = _build_baseline(root, kept) if baseline else (None, None)
        kept.clear()
        runners: dict[str, QueryRunner] = {TANTIVY: reader.search}
        if fts is not None:
            runners[FTS5] = fts.search
        runners.update(columns or {})
        rows, samples = _run_mix(query_mix(docs), runners, reader, fts, repeats)
        overall = {name: Latency(percentile(s, 0.5), percentile(s, 0.99)) for name, s in samples.items()}
        return BenchReport(stats.docs, stats.chars, index_seconds, merge_seconds, reader.segment_count(),
                           _megabytes(root / "tantivy"), baseline_seconds, repeats, rows, overall,
                           (load_before, os.getloadavg()[0]))


def _keep(prepared: Iterable[PreparedDoc], kept: list[PreparedDoc] | None) -> Iterator[PreparedDoc]:
    for doc in prepared:
        if kept is not None:  # only the words travel on to the baseline, not the stored texts
            kept.append(dataclasses.replace(doc, grams=(), stored=b""))
        yield doc


def _build_baseline(root: Path, kept: list[PreparedDoc]) -> tuple[Fts5Baseline, float]:
    fts = Fts5Baseline(root / "fts5.sqlite3")
    started = perf_counter()
    fts.add(kept)
    return fts, perf_counter() - started


def _run_mix(mix: list[BenchQuery], runners: Mapping[str, QueryRunner], reader: TantivyBackend,
             fts: Fts5Baseline | None, repeats: int) -> tuple[list[MixRow], dict[str, list[float]]]:
    rows: list[MixRow] = []
    samples: dict[str, list[float]] = {name: [] for name in runners}
    for item in mix:
        result = reader.search(item.query)
        row = MixRow(item.name, item.query.text, result.total, result.mode,
                     fts.search(item.query).total if fts is not None else None)
        for name, run in runners.items():
            runs = time_runs(run, item.query, repeats)
            samples[name] += runs
            row.latency[name] = Latency(percentile(runs, 0.5), percentile(runs, 0.99))
        rows.append(row)
    return rows, samples


def _megabytes(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def format_report(report: BenchReport) -> str:
    columns = list(report.overall)
    lines = [
        f"**{report.docs:,} documents** ({report.chars / 1e6:.1f} M characters): indexed in "
        f"{report.index_seconds:.1f} s = **{report.docs_per_second:,.0f} docs/s** (segmentation included), "
        f"merges {report.merge_seconds:.1f} s, {report.segments} segment(s), {report.index_mb:.0f} MB"
        + (f"; FTS5 insert of the same words {report.baseline_seconds:.1f} s" if report.baseline_seconds else ""),
        f"Latency in ms over {report.repeats} runs per query, p50 / p99 (tantivy: search, count, facets, snippets; "
        f"FTS5: count and top 10 by bm25). Machine load average {report.load[0]:.1f} before, "
        f"{report.load[1]:.1f} after (2 cores; other work on the machine slows every figure).",
        "",
        "| query | text | hits (mode) | FTS5 hits | " + " | ".join(columns) + " |",
        "|---|---|---|---|" + "---|" * len(columns),
    ]
    for row in report.rows:
        cells = " | ".join(f"{row.latency[c].p50_ms:.1f} / {row.latency[c].p99_ms:.1f}" for c in columns)
        baseline = "" if row.baseline_hits is None else f"{row.baseline_hits:,}"
        lines.append(f"| {row.name} | {row.text} | {row.hits:,} ({row.mode}) | {baseline} | {cells} |")
    overall = " | ".join(f"**{report.overall[c].p50_ms:.1f} / {report.overall[c].p99_ms:.1f}**" for c in columns)
    lines.append(f"| **whole mix** | | | | {overall} |")
    return "\n".join(lines)


class ApiColumn:
    """The same query mix through HTTP: `GET /api/search` on a real server (waitress) on loopback,
    reading the benchmark's index, over one keep-alive connection as a client would."""

    def __init__(self, workdir: Path) -> None:
        self.index_dir = workdir / "tantivy"

    def __enter__(self) -> ApiColumn:
        import waitress
        from django.conf import settings

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
            raise RuntimeError(f"/api/search answered {response.status}: {body}")
        return body

    def __exit__(self, *exc: object) -> None:
        from django.conf import settings

        from gongkai.search import indexing

        self.conn.close()
        self.server.close()
        settings.SEARCH_INDEX_DIR = self._saved
        indexing.reader.cache_clear()
