"""The three tables of the annual report, computed from the catalog and the applications, and their checks.

Pure functions over querysets: they read, never write, so the staff page, the command and the
published report count the same way. How each number is counted:

Table two, 第二十条第（一）项, from published catalog documents of the scope:
- A document is a 规章 when its 体裁 is 规章, or its 文号 is a government order's (…令第N号), which is
  how 规章 are numbered. It is a 行政规范性文件 when its 体裁 is 行政规范性文件 (or 规范性文件), or its
  文号 carries the registration mark 规 before the year (青政规〔2025〕1号), as most localities number
  them. Anything else is neither.
- 本年制发: 成文日期 (产生日期) in the year, the 发布日期 when it has none.
- 本年废止: it ceased to be in force in the year: its 废止日期 or 失效日期 (whichever comes first) falls
  in the year. Expiry counts here too, since 现行有效 = 上年现行有效 + 制发 − 废止 must hold.
- 现行有效: made by 31 December and still 有效 on that day (`Document.validity_on`).
The other three blocks (许可, 处罚, 强制, 收费) are not in the catalog: staff enter them.

Table three, from applications of the scope (received_on, answered_on, outcome, applicant_type):
- 一: received in the year. 二: received before the year and not answered before it began.
- 三: answered in the year, by stored outcome. 四: received by 31 December, not answered by then.
An application answered without an outcome is counted nowhere in 三, so the balance fails and says so.

Table four, from remedies filed in the year: the result as it stood on 31 December, so a case decided
later is 尚未审结 in this year's report however often it is regenerated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet, Sum

from gongkai.accounts.models import Agency
from gongkai.annualreport import format as fmt
from gongkai.applications.models import Application, Remedy
from gongkai.catalog.models import Document, Validity

RULE_GENRES = frozenset({"规章"})
NORMATIVE_GENRES = frozenset({"行政规范性文件", "规范性文件"})
# 规章 are numbered as orders of the government or department: 青禾市人民政府令第12号.
RULE_DOC_NO = re.compile(r"令\s*[〔\[（(]?\s*第\s*\d+\s*号")
# 行政规范性文件 carry 规 right before the year: 青政规〔2025〕1号, 青发改规〔2024〕3号.
NORMATIVE_DOC_NO = re.compile(r"规\s*[〔\[（(【［]\s*(?:19|20)\d{2}")
_DB_RULE, _DB_NORMATIVE = r"令.*第.*[0-9]+.*号", r"规.?(19|20)[0-9][0-9]"

Kind = Literal["rules", "normative"]


def classify(genre: str | None, doc_no: str | None) -> Kind | None:
    """Whether a document is a 规章 ("rules"), a 行政规范性文件 ("normative") or neither (None)."""
    genre, doc_no = (genre or "").strip(), doc_no or ""
    if genre in RULE_GENRES:
        return "rules"
    if genre in NORMATIVE_GENRES:
        return "normative"
    if RULE_DOC_NO.search(doc_no):
        return "rules"
    if NORMATIVE_DOC_NO.search(doc_no):
        return "normative"
    return None


# --- the numbers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffNumbers:
    """Table two's numbers the catalog does not know: entered by staff for each report."""

    permits: int = 0  # 行政许可 本年处理决定数量
    penalties: int = 0  # 行政处罚
    enforcement: int = 0  # 行政强制
    fees_wan: Decimal = Decimal("0")  # 行政事业性收费 本年收费金额（万元）


@dataclass(frozen=True)
class CatalogRow:
    made: int = 0
    abolished: int = 0
    in_force: int = 0


@dataclass(frozen=True)
class TableTwo:
    rules: CatalogRow
    normative: CatalogRow
    staff: StaffNumbers

    def value(self, key: str) -> int | Decimal:
        """The one number of a one-number block row (permits, penalties, enforcement, fees)."""
        if key == "fees":
            return self.staff.fees_wan
        return int(getattr(self.staff, key))


@dataclass(frozen=True)
class TableThree:
    """Row key (format.TABLE_THREE_ROWS) -> the 7 numbers: six applicant types, then 总计."""

    cells: Mapping[str, tuple[int, ...]]

    def row(self, key: str) -> tuple[int, ...]:
        return tuple(self.cells.get(key, (0,) * len(fmt.COLUMNS)))


@dataclass(frozen=True)
class TableFour:
    """Remedy kind -> the 5 numbers: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""

    cells: Mapping[str, tuple[int, ...]]

    def row(self, kind: str) -> tuple[int, ...]:
        return tuple(self.cells.get(kind, (0,) * len(fmt.REMEDY_COLUMNS)))

    def flat(self) -> tuple[int, ...]:
        return tuple(n for kind in fmt.REMEDY_KIND_CODES for n in self.row(kind))


@dataclass(frozen=True)
class Figures:
    """Everything counted for one year and scope, as stored on the report and compared across years."""

    year: int
    table_two: TableTwo
    table_three: TableThree
    table_four: TableFour
    fees_collected_yuan: int = 0  # 信息处理费 paid in the year, from the applications
    notes: tuple[str, ...] = ()  # data that was counted in a way staff should know about

    def to_json(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["table_two"]["staff"]["fees_wan"] = str(self.table_two.staff.fees_wan)
        out["table_three"]["cells"] = {k: list(v) for k, v in self.table_three.cells.items()}
        out["table_four"]["cells"] = {k: list(v) for k, v in self.table_four.cells.items()}
        out["notes"] = list(self.notes)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Figures:
        two = data["table_two"]
        staff = dict(two["staff"], fees_wan=Decimal(str(two["staff"]["fees_wan"])))
        return cls(
            year=int(data["year"]),
            table_two=TableTwo(CatalogRow(**two["rules"]), CatalogRow(**two["normative"]), StaffNumbers(**staff)),
            table_three=TableThree({k: tuple(v) for k, v in data["table_three"]["cells"].items()}),
            table_four=TableFour({k: tuple(v) for k, v in data["table_four"]["cells"].items()}),
            fees_collected_yuan=int(data.get("fees_collected_yuan", 0)),
            notes=tuple(data.get("notes", ())),
        )


def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# --- table two ---------------------------------------------------------------------------------------


def table_two(documents: QuerySet[Document], year: int, staff: StaffNumbers) -> tuple[TableTwo, list[str]]:
    """Table two from `documents` (the scope's, any status: only published ones are counted)."""
    start, end = _bounds(year)
    candidates = documents.filter(status=Document.PUBLISHED).filter(
        Q(genre__name__in=RULE_GENRES | NORMATIVE_GENRES)
        | Q(doc_no__regex=_DB_RULE) | Q(doc_no__regex=_DB_NORMATIVE)
    ).select_related("genre")
    counts: dict[str, dict[str, int]] = {k: {"made": 0, "abolished": 0, "in_force": 0} for k in ("rules", "normative")}
    undated = 0
    for doc in candidates:
        kind = classify(doc.genre.name if doc.genre else None, doc.doc_no)
        if kind is None:
            continue
        made = doc.created_date or doc.published_date
        if made is None or made > end:
            continue
        row = counts[kind]
        row["made"] += made >= start
        ceased = min((d for d in (doc.abolished_date, doc.expires_date) if d), default=None)
        row["abolished"] += ceased is not None and start <= ceased <= end
        row["in_force"] += doc.validity_on(end) == Validity.VALID
        undated += ceased is None and doc.declared_validity in (Validity.ABOLISHED, Validity.EXPIRED)
    notes = [f"{undated}件规章或行政规范性文件标注为废止或失效但没有日期，未计入任何年度的“本年废止件数”。"] if undated else []
    two = TableTwo(CatalogRow(**counts["rules"]), CatalogRow(**counts["normative"]), staff)
    return two, notes


# --- table three -------------------------------------------------------------------------------------


def _by_type(rows: Iterable[Mapping[str, Any]]) -> tuple[int, ...]:
    found = {r["applicant_type"]: r["n"] for r in rows}
    six = tuple(int(found.get(code, 0)) for code, _ in fmt.COLUMNS[:-1])
    return (*six, sum(six))


def _count(qs: QuerySet[Application]) -> tuple[int, ...]:
    return _by_type(qs.values("applicant_type").annotate(n=Count("pk")).order_by())


def table_three(applications: QuerySet[Application], year: int) -> tuple[TableThree, list[str]]:
    start, end = _bounds(year)
    open_at_start = Q(answered_on__isnull=True) | Q(answered_on__gte=start)
    open_at_end = Q(answered_on__isnull=True) | Q(answered_on__gt=end)
    cells: dict[str, tuple[int, ...]] = {
        fmt.RECEIVED: _count(applications.filter(received_on__range=(start, end))),
        fmt.CARRIED_OVER: _count(applications.filter(Q(received_on__lt=start) & open_at_start)),
        fmt.CARRIED_FORWARD: _count(applications.filter(Q(received_on__lte=end) & open_at_end)),
    }
    answered = applications.filter(answered_on__range=(start, end))
    grouped: dict[str, list[dict[str, Any]]] = {}
    for r in answered.values("outcome", "applicant_type").annotate(n=Count("pk")).order_by():
        grouped.setdefault(r["outcome"], []).append(r)
    for key in fmt.OUTCOME_KEYS:
        cells[key] = _by_type(grouped.get(key, ()))
    cells[fmt.SUM] = tuple(sum(cells[k][i] for k in fmt.OUTCOME_KEYS) for i in range(len(fmt.COLUMNS)))
    return TableThree(cells), _application_notes(applications, answered, end)


def _application_notes(applications: QuerySet[Application], answered: QuerySet[Application],
                       end: dt.date) -> list[str]:
    notes = []
    blank = list(answered.exclude(outcome__in=fmt.OUTCOME_KEYS).values_list("number", flat=True)[:20])
    if blank:
        notes.append(f"已答复但未记录处理结果的申请未计入“三、本年度办理结果”：{'、'.join(blank)}。")
    closed = applications.filter(received_on__lte=end, answered_on__isnull=True).exclude(status__in=Application.OPEN_STATUSES)
    numbers = list(closed.values_list("number", flat=True)[:20])
    if numbers:
        notes.append(f"已结束但没有答复日期的申请计入“四、结转下年度继续办理”：{'、'.join(numbers)}。")
    return notes


def fees_collected(applications: QuerySet[Application], year: int) -> int:
    """信息处理费 paid in the year (yuan): applications whose fee_paid step falls in it."""
    start, end = _bounds(year)
    paid = applications.filter(events__kind="fee_paid", events__on__range=(start, end)).distinct()
    return int(Application.objects.filter(pk__in=paid.values("pk")).aggregate(s=Sum("fee_amount"))["s"] or 0)


# --- table four --------------------------------------------------------------------------------------


def table_four(remedies: QuerySet[Remedy], year: int) -> TableFour:
    start, end = _bounds(year)
    results = [code for code, _ in fmt.REMEDY_COLUMNS[:-1]]
    counts = {kind: dict.fromkeys(results, 0) for kind in fmt.REMEDY_KIND_CODES}
    for kind, result, decided in remedies.filter(filed_on__range=(start, end)).values_list("kind", "result", "decided_on"):
        if kind not in counts:
            continue
        settled = decided is not None and decided <= end and result in counts[kind]
        counts[kind][result if settled else "pending"] += 1
    cells = {}
    for kind, row in counts.items():
        four = tuple(row[r] for r in results)
        cells[kind] = (*four, sum(four))
    return TableFour(cells)


# --- the whole report --------------------------------------------------------------------------------


def compute(year: int, agency: Agency | None, staff: StaffNumbers = StaffNumbers()) -> Figures:
    """The figures of `agency`'s report for `year`, or the whole government's when agency is None."""
    documents = Document.objects.all()
    applications = Application.objects.all()
    remedies = Remedy.objects.all()
    if agency is not None:
        documents = documents.filter(agency=agency)
        applications = applications.filter(agency=agency)
        remedies = remedies.filter(application__agency=agency)
    two, notes_two = table_two(documents, year, staff)
    three, notes_three = table_three(applications, year)
    return Figures(year, two, three, table_four(remedies, year), fees_collected(applications, year),
                   tuple(notes_two + notes_three))


# --- checks ------------------------------------------------------------------------------------------

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Check:
    rule: str  # what the format requires, in its words
    ok: bool
    message: str
    cells: tuple[str, ...] = field(default=())  # cell ids ("t3.received.natural") to highlight
    severity: Severity = "error"


def cell_id(table: int, row: str, column: str) -> str:
    return f"t{table}.{row}.{column}"


def check(figures: Figures, previous: Figures | None = None) -> list[Check]:
    """Every rule of the format, and the cross-year rule when last year's figures are known."""
    return [*check_table_three(figures.table_three), *check_table_four(figures.table_four),
            *check_in_force(figures.table_two, previous.table_two if previous else None)]


def failures(checks: Iterable[Check]) -> list[Check]:
    return [c for c in checks if not c.ok]


def check_table_three(t: TableThree) -> list[Check]:
    out: list[Check] = []
    columns = [code for code, _ in fmt.COLUMNS]
    for i, (code, label) in enumerate(fmt.COLUMNS):
        left = t.row(fmt.RECEIVED)[i] + t.row(fmt.CARRIED_OVER)[i]
        right = t.row(fmt.SUM)[i] + t.row(fmt.CARRIED_FORWARD)[i]
        cells = tuple(cell_id(3, r, code) for r in (fmt.RECEIVED, fmt.CARRIED_OVER, fmt.SUM, fmt.CARRIED_FORWARD))
        out.append(Check("一+二=三（七）+四", left == right,
                         f"“{label}”列：一加二为{left}，三（七）加四为{right}", cells))
        rows = sum(t.row(k)[i] for k in fmt.OUTCOME_KEYS)
        out.append(Check("（七）总计=各项之和", rows == t.row(fmt.SUM)[i],
                         f"“{label}”列：（七）总计为{t.row(fmt.SUM)[i]}，各项之和为{rows}", (cell_id(3, fmt.SUM, code),)))
    for row in fmt.TABLE_THREE_ROWS:
        values = t.row(row.key)
        ok = sum(values[:-1]) == values[-1]
        out.append(Check("总计=各类申请人之和", ok, f"“{row.label}”行：总计为{values[-1]}，六类申请人之和为{sum(values[:-1])}",
                         (cell_id(3, row.key, columns[-1]),)))
    return out


def check_table_four(t: TableFour) -> list[Check]:
    out: list[Check] = []
    for kind, label in zip(fmt.REMEDY_KIND_CODES, ("行政复议", "未经复议直接起诉", "复议后起诉"), strict=True):
        values = t.row(kind)
        out.append(Check("总计=各项结果之和", sum(values[:-1]) == values[-1],
                         f"{label}：总计为{values[-1]}，各项之和为{sum(values[:-1])}", (cell_id(4, kind, "total"),)))
    return out


def check_in_force(t: TableTwo, previous: TableTwo | None) -> list[Check]:
    """现行有效 = 上年现行有效 + 本年制发 − 本年废止: a warning, since last year's report may have erred."""
    if previous is None:
        return []
    out = []
    for key, label in (("rules", "规章"), ("normative", "行政规范性文件")):
        now, before = getattr(t, key), getattr(previous, key)
        expected = before.in_force + now.made - now.abolished
        out.append(Check("现行有效=上年现行有效+本年制发−本年废止", expected == now.in_force,
                         f"{label}：上年现行有效{before.in_force}+本年制发{now.made}−本年废止{now.abolished}"
                         f"={expected}，本年现行有效为{now.in_force}",
                         (cell_id(2, key, "in_force"),), "warning"))
    return out


# --- comparison with the previous year ------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    label: str
    now: int | Decimal
    before: int | Decimal

    @property
    def delta(self) -> int | Decimal:
        return self.now - self.before

    @property
    def texts(self) -> tuple[str, str, str]:
        """This year, last year and the change as printed: 万元 without trailing zeros, a + on a rise."""
        delta = number_text(self.delta)
        return number_text(self.now), number_text(self.before), f"+{delta}" if self.delta > 0 else delta


def number_text(value: int | Decimal) -> str:
    if isinstance(value, Decimal):
        text = f"{value.normalize():f}"
        return "0" if text in ("-0", "0") else text
    return str(value)


def compare(now: Figures, before: Figures) -> list[Comparison]:
    """Every number of table two, the 总计 of each row of table three and of each kind of table four."""
    out: list[Comparison] = []
    for key, label in (("rules", "规章"), ("normative", "行政规范性文件")):
        for attr, column in (("made", "本年制发件数"), ("abolished", "本年废止件数"), ("in_force", "现行有效件数")):
            out.append(Comparison(f"{label}·{column}", getattr(getattr(now.table_two, key), attr),
                                  getattr(getattr(before.table_two, key), attr)))
    for block in fmt.TABLE_TWO[1:]:
        for key, label in block.rows:
            out.append(Comparison(f"{label}·{block.columns[1]}", now.table_two.value(key), before.table_two.value(key)))
    for row in fmt.TABLE_THREE_ROWS:
        out.append(Comparison(f"{row.label}·总计", now.table_three.row(row.key)[-1], before.table_three.row(row.key)[-1]))
    for kind, label in zip(fmt.REMEDY_KIND_CODES, ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"),
                           strict=True):
        out.append(Comparison(f"{label}·总计", now.table_four.row(kind)[-1], before.table_four.row(kind)[-1]))
    return out
