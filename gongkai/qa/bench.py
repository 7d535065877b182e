"""The question-answering benchmark: accuracy, refusals and latency on pages with gold answers.

`gongkai bench qa --pages DIR --gold FILE` imports the pages (files like the development set's
`NNN.json`) into a fresh catalog and search index, asks every gold question through the product's
own path (`service.ask`: the search engine, the database, the extractive answerer) in process, and
reports the share answered right, by style, the refusals, and the latency.

The catalog is never the user's: `run_isolated` runs the measuring in a child process whose
GONGKAI_DATA_DIR is a temporary directory, so that database, index and settings all live and die
there (it inherits the rest of the environment: a language model configured there is asked too,
and its latency counted). An answer is right when, after folding width and dropping punctuation and spaces, the gold
answer contains it or it contains the gold answer, and its first citation is the gold page.
"""

from __future__ import annotations

import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any

from gongkai.qa.contract import Answer

DIRECT, PARAPHRASE, UNANSWERABLE = "direct", "paraphrase", "unanswerable"
SCRATCH_MARK = "gongkai-qa-bench-scratch"  # the child measures only in a directory the parent made
WARM_UP = "政府信息公开工作情况"  # loads the segmenter, converters and index once, as a live site has
CHILD_TIMEOUT = 1800  # seconds


@dataclass(frozen=True)
class GoldQuestion:
    q: str
    a: str | None  # the exact answer span in the page, None when no page answers
    page: str | None  # the page file's name without .json
    style: str = DIRECT  # direct, paraphrase or unanswerable

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> GoldQuestion:
        page = data.get("page")
        style = data.get("style") or (UNANSWERABLE if page is None else DIRECT)
        return cls(q=str(data["q"]), a=data.get("a"), page=None if page is None else str(page),
                   style=str(style))


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class QaBenchReport:
    direct: Tally = field(default_factory=Tally)
    paraphrase: Tally = field(default_factory=Tally)
    refusals: Tally = field(default_factory=Tally)  # unanswerable questions correctly refused
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def answerable(self) -> Tally:
        return Tally(self.direct.right + self.paraphrase.right, self.direct.total + self.paraphrase.total)

    @property
    def wrong_answers(self) -> int:
        """Unanswerable questions that were answered anyway."""
        return self.refusals.total - self.refusals.right

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> QaBenchReport:
        return cls(
            direct=Tally(**data["direct"]), paraphrase=Tally(**data["paraphrase"]),
            refusals=Tally(**data["refusals"]), p50_ms=float(data["p50_ms"]), p99_ms=float(data["p99_ms"]),
            misses=list(data["misses"]),
        )


# --- reading the inputs --------------------------------------------------------------------------


def load_gold(path: Path) -> list[GoldQuestion]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: the gold file must be a JSON list of {{q, a, page, style}}")
    return [GoldQuestion.from_json(item) for item in data]


def page_files(folder: Path) -> dict[str, Path]:
    """The page files of a folder by name ("001.json" and "page001.json" both answer to 001)."""
    files = sorted(p for p in Path(folder).glob("*.json") if p.is_file())
    if not files:
        raise ValueError(f"{folder}: no .json page files")
    return {p.stem.removeprefix("page"): p for p in files}


# --- judging -------------------------------------------------------------------------------------

_PUNCTUATION = re.compile(r"[\s,，。.、:：;；!！?？\"'“”‘’（）()《》〈〉\[\]【】—\-]")


def folded(text: str | None) -> str:
    """Width folded, punctuation and spaces dropped: how answers are compared."""
    return _PUNCTUATION.sub("", unicodedata.normalize("NFKC", text or ""))


def is_right(result: Answer, item: GoldQuestion, doc_ids: Mapping[str, int]) -> bool:
    if item.page is None:
        return result.refused
    got, want = folded(result.answer), folded(item.a)
    first = result.citations[0].doc_id if result.citations else None
    return bool(got) and (want in got or got in want) and first == doc_ids.get(item.page)


def percentile(samples: Sequence[float], p: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    return ordered[max(0, min(len(ordered) - 1, math.ceil(p * len(ordered)) - 1))]


def measure(gold: Sequence[GoldQuestion], doc_ids: Mapping[str, int],
            ask: Callable[[str], Answer]) -> QaBenchReport:
    """Ask every question once, timing each, and tally the answers."""
    report = QaBenchReport()
    timings: list[float] = []
    ask(WARM_UP)
    for item in gold:
        started = perf_counter()
        result = ask(item.q)
        timings.append((perf_counter() - started) * 1000)
        tally = _tally(report, item)
        tally.total += 1
        if is_right(result, item, doc_ids):
            tally.right += 1
        else:  # the question and the two answers, to read what went wrong
            report.misses.append(f"[{item.style}] {item.q} -> {result.answer!r}"
                                 f" (want {item.a!r} from {item.page})")
    report.p50_ms = statistics.median(timings) if timings else 0.0
    report.p99_ms = percentile(timings, 0.99)
    return report


def _tally(report: QaBenchReport, item: GoldQuestion) -> Tally:
    if item.page is None:
        return report.refusals
    return report.paraphrase if item.style == PARAPHRASE else report.direct


# --- running -------------------------------------------------------------------------------------


def import_pages(files: Mapping[str, Path]) -> dict[str, int]:
    """Import each page into the current catalog; its name -> the document id it became."""
    from gongkai.importer.extract import extract
    from gongkai.importer.load import save_record
    from gongkai.importer.pages import PageError, read_page

    doc_ids: dict[str, int] = {}
    for name, path in files.items():
        try:
            doc_ids[name] = save_record(extract(read_page(path), derive_title=True)).document.pk
        except (PageError, OSError) as exc:
            raise ValueError(f"{path}: cannot import: {exc}") from None
    return doc_ids


def run_here(pages: Path, gold_file: Path) -> QaBenchReport:
    """Import the pages into the catalog this process uses, index them, and measure."""
    from gongkai.qa import service
    from gongkai.search.indexing import catch_up

    gold = load_gold(gold_file)
    doc_ids = import_pages(page_files(pages))
    catch_up()
    return measure(gold, doc_ids, service.ask)


def run_isolated(pages: Path, gold_file: Path) -> QaBenchReport:
    """`run_here` in a child process on a temporary data directory, never the user's."""
    pages, gold_file = Path(pages).resolve(), Path(gold_file).resolve()
    load_gold(gold_file)  # fail here, with the reason, rather than in the child
    page_files(pages)
    with tempfile.TemporaryDirectory(prefix="gongkai-qa-bench-") as scratch:
        (Path(scratch) / SCRATCH_MARK).write_text("")
        command = [sys.executable, "-m", "gongkai.cli", "bench", "qa", "--pages", str(pages),
                   "--gold", str(gold_file), "--json", "--scratch", scratch]
        done = subprocess.run(command, env=scratch_env(Path(scratch)), capture_output=True, text=True,
                              timeout=CHILD_TIMEOUT, check=False)
        if done.returncode != 0:
            detail = done.stderr.strip()[-2000:]
            raise RuntimeError(f"the benchmark process failed ({done.returncode}): {detail}")
        return QaBenchReport.from_json(json.loads(done.stdout.strip().splitlines()[-1]))


def scratch_env(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Everything the child stores goes to the scratch directory: its own SQLite, index and cache.
    for name in ("DATABASE_URL", "REDIS_URL", "GONGKAI_SECRET_KEY"):
        env.pop(name, None)
    env["GONGKAI_DATA_DIR"] = str(scratch / "data")
    env["GONGKAI_SEARCH_BACKEND"] = "tantivy"
    env["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    return env


def check_scratch(scratch: Path, data_dir: Path) -> None:
    """Refuse to import into a data directory that the parent did not make for this run."""
    if not (scratch / SCRATCH_MARK).exists() or data_dir.resolve() != (scratch / "data").resolve():
        raise RuntimeError(f"{data_dir} is not a scratch directory made by `gongkai bench qa`; "
                           "refusing to import there")


def format_report(report: QaBenchReport, *, show_misses: bool = True) -> str:
    lines = [
        f"answerable: {report.answerable.right}/{report.answerable.total} = {report.answerable.share:.0%}",
        f"  direct: {report.direct.right}/{report.direct.total} = {report.direct.share:.0%}",
        f"  paraphrase: {report.paraphrase.right}/{report.paraphrase.total} = {report.paraphrase.share:.0%}",
        f"unanswerable: {report.refusals.right}/{report.refusals.total} correctly refused"
        f" = {report.refusals.share:.0%}, {report.wrong_answers} answered wrongly",
        f"latency in process: p50 {report.p50_ms:.1f} ms, p99 {report.p99_ms:.1f} ms",
    ]
    if show_misses:
        lines += [f"  miss {m}" for m in report.misses]
    return "\n".join(lines)
