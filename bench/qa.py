"""The question-answering benchmark: accuracy, refusals and latency on pages with gold answers.

`gongkai bench qa --pages DIR --gold FILE` imports the pages (files like the development set's
`NNN.json`) into a fresh catalog and search index, asks every gold question through the product's
own path (`service.ask`: the search engine, the database, the extractive answerer) in process, and
reports the share answered right, by style, the refusals, and the latency.

The catalog is never the user's: `gongkai bench` measures in a temporary data directory
(`bench.cli`); a language model configured in the environment is asked too, and its latency
counted. An answer is right when, after folding width and dropping punctuation and spaces, the gold
answer contains it or it contains the gold answer, and its first citation is the gold page.
"""

from __future__ import annotations

import json
import math
import re
import statistics
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any

from gongkai.qa.contract import Answer

DIRECT, PARAPHRASE, UNANSWERABLE = "direct", "paraphrase", "unanswerable"
WARM_UP = "政府信息公开工作情况"  # loads the segmenter, converters and index once, as a live site has


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
    # The same questions by path: "extractive" (no model) always; "model" (the configured language
    # model reading the passages) only when GONGKAI_LLM_URL is set, else `model_note` says so.
    paths: dict[str, dict[str, Any]] = field(default_factory=dict)
    model_note: str = ""
    model_answers: int = 0  # answers of the product path that a model gave

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
            misses=list(data["misses"]), paths=dict(data.get("paths") or {}),
            model_note=str(data.get("model_note", "")), model_answers=int(data.get("model_answers", 0)),
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


_REFUSED = " refused"


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
        report.model_answers += result.source == "model"
        if is_right(result, item, doc_ids):
            tally.right += 1
        else:  # the question and the two answers, to read what went wrong
            report.misses.append(f"[{item.style}] {item.q} -> {result.answer!r}"
                                 f" (want {item.a!r} from {item.page})" + (_REFUSED if result.refused else ""))
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
    report = measure(gold, doc_ids, service.ask)
    return with_paths(report, gold, doc_ids)


def with_paths(report: QaBenchReport, gold: Sequence[GoldQuestion], doc_ids: Mapping[str, int]) -> QaBenchReport:
    """The report with the extractive and the model path side by side.

    Without a model configured the product's path is the extractive one and is not asked twice; with
    one, the questions are asked once more with the model switched off.
    """
    from gongkai.qa import llm
    from gongkai.qa.answer import answer
    from gongkai.qa.retrieval import CatalogRetriever

    if llm.from_settings() is None:
        report.paths = {"extractive": _summary(report)}
        report.model_note = "language model not configured (set GONGKAI_LLM_URL to measure the model path)"
        return report
    retriever = CatalogRetriever()
    extractive = measure(gold, doc_ids, lambda q: answer(q, retriever, provider=llm.NO_MODEL))
    report.paths = {"extractive": _summary(extractive), "model": _summary(report)}
    return report


def _summary(report: QaBenchReport) -> dict[str, Any]:
    return {"direct": report.direct.share, "paraphrase": report.paraphrase.share,
            "refusals": report.refusals.share, "wrong_on_answerable": _wrong_share(report),
            "p50_ms": report.p50_ms, "p99_ms": report.p99_ms}


def _wrong_share(report: QaBenchReport) -> float:
    """Answerable questions answered with something else: worse than a refusal."""
    wrong = sum(1 for m in report.misses if not m.startswith(f"[{UNANSWERABLE}]") and not m.endswith(_REFUSED))
    return wrong / report.answerable.total if report.answerable.total else 0.0


def format_report(report: QaBenchReport, *, show_misses: bool = True) -> str:
    lines = [
        f"answerable: {report.answerable.right}/{report.answerable.total} = {report.answerable.share:.0%}",
        f"  direct: {report.direct.right}/{report.direct.total} = {report.direct.share:.0%}",
        f"  paraphrase: {report.paraphrase.right}/{report.paraphrase.total} = {report.paraphrase.share:.0%}",
        f"unanswerable: {report.refusals.right}/{report.refusals.total} correctly refused"
        f" = {report.refusals.share:.0%}, {report.wrong_answers} answered wrongly",
        f"latency in process: p50 {report.p50_ms:.1f} ms, p99 {report.p99_ms:.1f} ms",
    ]
    for name, figures in report.paths.items():
        lines.append(
            f"{name} path: direct {figures['direct']:.0%}, paraphrase {figures['paraphrase']:.0%}, "
            f"refusals {figures['refusals']:.0%}, wrong on answerable {figures['wrong_on_answerable']:.0%}, "
            f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms"
        )
    if report.model_note:
        lines.append(f"model path: {report.model_note}")
    elif report.paths:
        lines.append(f"answers given by the model: {report.model_answers}")
    if show_misses:
        lines += [f"  miss {m}" for m in report.misses]
    return "\n".join(lines)
