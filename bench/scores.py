"""Every score on one development set: `gongkai bench scores --set DIR`.

A development set is a folder of real pages with gold annotations: `pages/NNN.json` (`url`, `kind`,
`text`), `gold_metadata.json` (the catalog fields each page shows), `gold_minutes.json` (the
structure of each minutes page) and `gold_qa.json` (questions with the answer span and its page,
or no page when nothing answers). Each part is scored when its gold file is there:

- metadata: the fields `gongkai import --dry-run --json` shows, against each gold field that is
  not null (equal after folding; the validity field may hold the gold within it);
- minutes: agenda items of `gongkai minutes parse --json` matched to the gold in order by the
  first 12 folded characters of their titles (precision, recall, F1), and the accuracy of chair,
  date, meeting number and, on matched items, sponsor, documents and decision;
- search: the questions as queries, the gold page among the first 3 hits;
- 智能问答: direct and paraphrased questions answered right (the answer and the gold overlap
  after folding, one containing the other, and the first citation is the gold page), unanswerable
  questions refused, answers given that are wrong among the answerable, and latency.

A hit or citation names its page by index number, else by title, as the importer reads them. It
all runs in the current process and database, which `bench.cli` makes a scratch one: the pages
are imported once and every question goes straight to the product's search and answer services.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any

from bench.qa import WARM_UP, folded, page_files, percentile

MINUTES_FIELDS = ("sponsor", "documents", "decision", "chair", "date", "meeting_no")
STYLES = ("direct", "paraphrase", "unanswerable")
TITLE_PREFIX = 12  # folded characters of a title that identify an agenda item
TOP = 3  # search hits that count


def norm(value: object) -> str:
    return folded(None if value is None else str(value))


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += bool(ok)


@dataclass
class MetadataScore:
    fields: dict[str, Ratio] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Ratio:
        return Ratio(sum(r.right for r in self.fields.values()), sum(r.total for r in self.fields.values()))


@dataclass
class MinutesScore:
    matched: int = 0  # gold items found
    extra: int = 0  # parsed items matching no gold item
    missed: int = 0  # gold items not found
    fields: dict[str, Ratio] = field(default_factory=lambda: {k: Ratio() for k in MINUTES_FIELDS})
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / (self.matched + self.extra) if self.matched + self.extra else 0.0

    @property
    def recall(self) -> float:
        return self.matched / (self.matched + self.missed) if self.matched + self.missed else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SearchScore:
    found: Ratio = field(default_factory=Ratio)
    misses: list[str] = field(default_factory=list)


@dataclass
class QaScore:
    styles: dict[str, Ratio] = field(default_factory=lambda: {s: Ratio() for s in STYLES})
    wrong: Ratio = field(default_factory=Ratio)  # answered but wrong, among answerable questions
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    misses: list[str] = field(default_factory=list)


@dataclass
class Scores:
    name: str
    pages: int
    metadata: MetadataScore | None = None
    minutes: MinutesScore | None = None
    search: SearchScore | None = None
    qa: QaScore | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if self.metadata:
            data["metadata"]["overall"] = asdict(self.metadata.overall)
        if self.minutes:
            m = self.minutes
            data["minutes"].update(precision=m.precision, recall=m.recall, f1=m.f1)
        return data


@dataclass(frozen=True)
class DevSet:
    folder: Path
    pages: dict[str, Path]  # "101" -> pages/101.json
    gold_metadata: dict[str, dict[str, Any]] | None
    gold_minutes: dict[str, dict[str, Any]] | None
    gold_qa: list[dict[str, Any]] | None

    @classmethod
    def load(cls, folder: Path) -> DevSet:
        folder = Path(folder)
        if not (folder / "pages").is_dir():
            raise ValueError(f"{folder}: not a development set (no pages/ folder)")
        return cls(folder, page_files(folder / "pages"), _gold(folder, "metadata"), _gold(folder, "minutes"),
                   _gold(folder, "qa"))


def _gold(folder: Path, part: str) -> Any:
    path = folder / f"gold_{part}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


# --- metadata ------------------------------------------------------------------------------------


def dry_run(path: Path) -> dict[str, Any]:
    """What `gongkai import --dry-run --json` shows for a page."""
    from gongkai.importer.extract import extract
    from gongkai.importer.pages import read_page

    return _json_of(lambda: extract(read_page(path), derive_title=True).to_dry_run_json())


def _json_of(produce: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """What a command prints as JSON for one page; nothing when the page cannot be read, as the
    command prints nothing then, and an error to show when the code crashed on it."""
    from gongkai.importer.pages import PageError

    try:
        return produce()
    except (PageError, OSError):
        return {}
    except Exception as exc:  # a crash scores as the command's would (nothing read), but is shown
        return {"error": f"crashed: {type(exc).__name__}: {exc}"}


def score_metadata(gold: Mapping[str, Mapping[str, Any]], shown: Mapping[str, Mapping[str, Any]]) -> MetadataScore:
    score = MetadataScore()
    for page, want in gold.items():
        got = shown.get(page, {})
        if "error" in got:
            score.misses.append(f"{page}: {got['error']}")
        for name, value in want.items():
            if value is None:
                continue
            ok = norm(got.get(name)) == norm(value) or (
                name == "abolished_or_validity" and norm(value) in norm(got.get(name)))
            score.fields.setdefault(name, Ratio()).add(ok)
            if not ok:
                score.misses.append(f"{page}.{name}: want {value!r} got {got.get(name)!r}")
    return score


# --- minutes -------------------------------------------------------------------------------------


def parsed_minutes(path: Path) -> dict[str, Any]:
    """`gongkai minutes parse --json` of a page; nothing when it finds no meeting."""
    from gongkai.minutes.records import parse_file

    return _json_of(lambda: parse_file(path).to_json())


def score_minutes(gold: Mapping[str, Mapping[str, Any]], parsed: Mapping[str, Mapping[str, Any]]) -> MinutesScore:
    score = MinutesScore()
    for page, want in gold.items():
        got = parsed.get(page, {})
        if "error" in got:
            score.misses.append(f"{page}: {got['error']}")
        for name in ("chair", "date", "meeting_no"):
            if want.get(name):
                _field(score, page, name, norm(got.get(name)) == norm(want[name]), want[name], got.get(name))
        _score_items(score, page, want, list(got.get("items") or []))
    return score


def _score_items(score: MinutesScore, page: str, want: Mapping[str, Any], items: list[dict[str, Any]]) -> None:
    gold_items = want.get("items") or []
    if want.get("truncated"):
        items = items[: len(gold_items)]  # the gold keeps only the items the page shows whole
    used: set[int] = set()
    for item in gold_items:
        found = _match(item, items, used)
        if found is None:
            score.missed += 1
            score.misses.append(f"{page} item missed: {item.get('title')!r}")
            continue
        used.add(found)
        score.matched += 1
        _score_item_fields(score, page, item, items[found])
    score.extra += len(items) - len(used)
    score.misses += [f"{page} item extra: {items[j].get('title')!r}" for j in range(len(items)) if j not in used]


def _match(item: Mapping[str, Any], items: Sequence[Mapping[str, Any]], used: set[int]) -> int | None:
    want = norm(item.get("title"))
    for j, candidate in enumerate(items):
        got = norm(candidate.get("title"))
        if j not in used and want and got and (want[:TITLE_PREFIX] in got or got[:TITLE_PREFIX] in want):
            return j
    return None


def _score_item_fields(score: MinutesScore, page: str, want: Mapping[str, Any], got: Mapping[str, Any]) -> None:
    if want.get("sponsor"):
        sponsor = got.get("sponsor")
        sponsor = "".join(sponsor) if isinstance(sponsor, list) else sponsor
        _field(score, page, "sponsor", bool(norm(sponsor)) and norm(want["sponsor"]) in norm(sponsor),
               want["sponsor"], sponsor)
    if want.get("documents"):
        ok = {norm(d) for d in want["documents"]} <= {norm(d) for d in got.get("documents") or []}
        _field(score, page, "documents", ok, want["documents"], got.get("documents"))
    if want.get("decision"):
        a, b = norm(want["decision"]), norm(got.get("decision"))
        _field(score, page, "decision", bool(b) and (a in b or b in a), want["decision"], got.get("decision"))


def _field(score: MinutesScore, page: str, name: str, ok: bool, want: object, got: object) -> None:
    score.fields[name].add(ok)
    if not ok:
        score.misses.append(f"{page}.{name}: want {want!r} got {got!r}")


# --- the catalog: search and 智能问答 --------------------------------------------------------------


class PageOf:
    """Which page a hit or citation is: the first page with its index number, else with its title."""

    def __init__(self, shown: Mapping[str, Mapping[str, Any]]) -> None:
        self.by_index = _first_by(shown, "index_no")
        self.by_title = _first_by(shown, "title")

    def __call__(self, hit: Mapping[str, Any]) -> str | None:
        return self.by_index.get(norm(hit.get("index_no"))) or self.by_title.get(norm(hit.get("title")))


def _first_by(shown: Mapping[str, Mapping[str, Any]], key: str) -> dict[str, str]:
    first: dict[str, str] = {}
    for page, record in shown.items():
        first.setdefault(norm(record.get(key)), page)
    first.pop("", None)
    return first


def import_all(files: Mapping[str, Path]) -> None:
    """Import every page, as `gongkai import` does (a page it cannot read is skipped), and index."""
    from gongkai.importer.extract import extract
    from gongkai.importer.load import save_record
    from gongkai.importer.pages import PageError, read_page
    from gongkai.search.indexing import catch_up

    for path in files.values():
        try:
            save_record(extract(read_page(path), derive_title=True))
        except (PageError, OSError):
            continue
    catch_up()


def score_search(questions: Sequence[Mapping[str, Any]], page_of: PageOf) -> SearchScore:
    from gongkai.search import service
    from gongkai.search.query import QueryError

    score = SearchScore()
    for q in questions:
        try:
            hits = service.results_json(service.run(q["q"], limit=TOP, facets=False))["hits"][:TOP]
        except QueryError:
            hits = []
        pages = [page_of(h) for h in hits]
        score.found.add(q["page"] in pages)
        if q["page"] not in pages:
            score.misses.append(f"{q['q']} | want {q['page']} got {pages}")
    return score


def score_qa(questions: Sequence[Mapping[str, Any]], page_of: PageOf,
             ask: Callable[[str], Mapping[str, Any]]) -> QaScore:
    score = QaScore()
    timings: list[float] = []
    ask(WARM_UP)  # the segmenter, converters and index loaded once, as on a live site
    for q in questions:
        started = perf_counter()
        reply = ask(q["q"])
        timings.append((perf_counter() - started) * 1000)
        _judge(score, q, reply, page_of)
    score.p50_ms = statistics.median(timings) if timings else 0.0
    score.p99_ms = percentile(timings, 0.99)
    return score


def _judge(score: QaScore, q: Mapping[str, Any], reply: Mapping[str, Any], page_of: PageOf) -> None:
    answer, style = reply.get("answer"), q.get("style") or "direct"
    if "error" in reply:
        score.misses.append(f"{q['q']} | {reply['error']}")
    if q["page"] is None:
        score.styles["unanswerable"].add(not answer)
        if answer:
            score.misses.append(f"[unanswerable] {q['q']} | got {answer!r}")
        return
    citations = reply.get("citations") or []
    first = page_of(citations[0]) if citations else None
    got, want = norm(answer), norm(q["a"])
    good = bool(got) and (want in got or got in want) and first == q["page"]
    score.styles[style].add(good)
    score.wrong.add(bool(got) and not good)
    if not good:
        score.misses.append(f"[{style}] {q['q']} | want {q['a']!r} from {q['page']} | got {answer!r} from {first}")


def ask_json(question: str) -> dict[str, Any]:
    """What `gongkai ask --json` prints for a question."""
    from gongkai.qa import service

    try:
        return service.answer_json(service.ask(question), str)
    except Exception as exc:  # no answer, as from a command that crashed, but shown
        return {"answer": None, "error": f"crashed: {type(exc).__name__}: {exc}"}


# --- the whole set -------------------------------------------------------------------------------


def run_here(folder: Path, *, ask: Callable[[str], Mapping[str, Any]] = ask_json) -> Scores:
    """Score every part with gold on the set in `folder`, importing its pages into this database."""
    dev = DevSet.load(folder)
    scores = Scores(name=dev.folder.name, pages=len(dev.pages))
    shown = {page: dry_run(path) for page, path in dev.pages.items()}
    if dev.gold_metadata is not None:
        scores.metadata = score_metadata(_of_pages(dev.gold_metadata, dev.pages), shown)
    if dev.gold_minutes is not None:
        gold = _of_pages(dev.gold_minutes, dev.pages)
        scores.minutes = score_minutes(gold, {page: parsed_minutes(dev.pages[page]) for page in gold})
    if dev.gold_qa is not None:
        import_all(dev.pages)
        questions = [q for q in dev.gold_qa if q.get("page") is None or q["page"] in dev.pages]
        answerable = [q for q in questions if q.get("page") is not None]
        scores.search = score_search(answerable, PageOf(shown))
        scores.qa = score_qa(questions, PageOf(shown), ask)
    return scores


def _of_pages(gold: Mapping[str, Any], pages: Mapping[str, Path]) -> dict[str, Any]:
    return {page: value for page, value in gold.items() if page in pages}


def format_scores(scores: Scores, *, show_misses: bool = False) -> str:
    lines = [f"development set {scores.name} ({scores.pages} pages)", "", "| check | score |", "|---|---|"]
    lines += _metadata_rows(scores.metadata) + _minutes_rows(scores.minutes)
    if scores.search:
        lines.append(f"| search: the page in the top {TOP} | {_ratio(scores.search.found)} |")
    lines += _qa_rows(scores.qa)
    if show_misses:
        for part in ("metadata", "minutes", "search", "qa"):
            lines += [f"  miss {part}: {m}" for m in getattr(getattr(scores, part), "misses", [])]
    return "\n".join(lines)


def _ratio(r: Ratio) -> str:
    return f"{r.share:.0%} ({r.right}/{r.total})"


def _metadata_rows(m: MetadataScore | None) -> list[str]:
    if m is None:
        return []
    rows = [f"| import: metadata fields | {_ratio(m.overall)} |"]
    return rows + [f"| &nbsp; {name} | {_ratio(r)} |" for name, r in sorted(m.fields.items())]


def _minutes_rows(m: MinutesScore | None) -> list[str]:
    if m is None:
        return []
    rows = [f"| minutes: agenda items F1 (P / R) | {m.f1:.0%} ({m.precision:.0%} / {m.recall:.0%}) |"]
    return rows + [f"| &nbsp; {name} | {_ratio(r)} |" for name, r in m.fields.items()]


def _qa_rows(q: QaScore | None) -> list[str]:
    if q is None:
        return []
    return [
        f"| 智能问答: direct | {_ratio(q.styles['direct'])} |",
        f"| 智能问答: paraphrase | {_ratio(q.styles['paraphrase'])} |",
        f"| 智能问答: correct refusals | {_ratio(q.styles['unanswerable'])} |",
        f"| 智能问答: wrong answers among answerable | {_ratio(q.wrong)} |",
        f"| 智能问答: latency p50 / p99 | {q.p50_ms:.0f} ms / {q.p99_ms:.0f} ms |",
    ]
