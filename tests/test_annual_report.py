"""The annual report (政府信息公开工作年度报告): counting, the national format cell for cell, the three
outputs agreeing, the checks, permissions and publication. Every name and number is made up.

The labels below are typed out from the national format (国办公开办函〔2021〕30号) rather than taken
from the product, so that a changed label in the product fails here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from decimal import Decimal
from itertools import count

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from lxml import html as lxml_html

from gongkai.accounts.models import AuditEntry, Membership
from gongkai.annualreport import actions, render, tables
from gongkai.annualreport.models import AnnualReport
from gongkai.applications.models import Application, Remedy
from gongkai.catalog.models import Document, Term
from tests import factories as f

YEAR = 2025

# --- the national format, typed out ------------------------------------------------------------------

TYPES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
TYPE_CODES = ["natural", "business", "research", "nonprofit", "legal", "other"]
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULTS = "三、本年度办理结果"
# (group cell, row label) of the 21 outcome rows, and their codes in the same order.
OUTCOME_ROWS = [
    ("（一）予以公开", "（一）予以公开"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    *(("（三）不予公开", label) for label in [
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
    *(("（四）无法提供", label) for label in [
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    *(("（五）不予处理", label) for label in [
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息"]),
    *(("（六）其他处理", label) for label in [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
]
OUTCOME_CODES = [
    "disclose", "partial",
    "withhold_state_secret", "withhold_other_law", "withhold_security", "withhold_third_party",
    "withhold_internal", "withhold_process", "withhold_enforcement", "withhold_query",
    "unable_not_held", "unable_needs_making", "unable_still_unclear",
    "reject_petition", "reject_repeat", "reject_publication", "reject_excessive", "reject_confirm",
    "other_no_correction", "other_no_fee", "other_other",
]
TABLE_THREE_LABELS = [
    ["一、本年新收政府信息公开申请数量"] * 3,
    ["二、上年结转政府信息公开申请数量"] * 3,
    *([RESULTS, group, label] for group, label in OUTCOME_ROWS),
    [RESULTS, "（七）总计", "（七）总计"],
    ["四、结转下年度继续办理"] * 3,
]
TABLE_THREE_HEAD = [
    [CORNER] * 3 + ["申请人情况"] * 7,
    [CORNER] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
    [CORNER] * 3 + TYPES + ["总计"],
]
RESULT_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
TABLE_FOUR_HEAD = [
    ["行政复议"] * 5 + ["行政诉讼"] * 10,
    RESULT_LABELS + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
    RESULT_LABELS + RESULT_LABELS * 2,
]


def table_two_grid(made: list[int], abolished: list[int], in_force: list[int], one: list[str]) -> list[list[str]]:
    """Table two as a reader sees it: four blocks, a one-number value spanning three columns."""
    return [
        ["第二十条第（一）项"] * 4,
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", str(made[0]), str(abolished[0]), str(in_force[0])],
        ["行政规范性文件", str(made[1]), str(abolished[1]), str(in_force[1])],
        ["第二十条第（五）项"] * 4,
        ["信息内容"] + ["本年处理决定数量"] * 3,
        ["行政许可"] + [one[0]] * 3,
        ["第二十条第（六）项"] * 4,
        ["信息内容"] + ["本年处理决定数量"] * 3,
        ["行政处罚"] + [one[1]] * 3,
        ["行政强制"] + [one[2]] * 3,
        ["第二十条第（八）项"] * 4,
        ["信息内容"] + ["本年收费金额（单位：万元）"] * 3,
        ["行政事业性收费"] + [one[3]] * 3,
    ]


PARTS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
         "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


# --- building a year of applications -----------------------------------------------------------------

_serial = count(1)


def application(agency, kind: str, received: dt.date, answered: dt.date | None = None, outcome: str = "",
                status: str | None = None) -> Application:
    n = next(_serial)
    return Application(
        number=f"T{n:05d}", agency=agency, applicant_type=kind, applicant_name="林小禾",
        organisation_name="" if kind == "natural" else "示例有限公司", id_number="110101199001011234",
        description="示例信息", channel="online", received_on=received, clock_start=received,
        due_on=received + dt.timedelta(days=28), outcome=outcome, answered_on=answered,
        status=status or ("answered" if answered else "received"),
    )


def how_many(row: int, col: int) -> int:
    """A different small count per cell, so that a number in the wrong cell shows."""
    return (row * 5 + col * 3) % 4 + 1


def build_year(agency) -> dict[str, list[int]]:
    """A year of applications to `agency` covering every outcome row and applicant type, with
    carried-over and carried-forward ones; returns the expected table three, counted independently."""
    rows: list[Application] = []
    expected = {key: [0] * 6 for key in ["received", "carried_over", *OUTCOME_CODES, "carried_forward"]}
    for r, code in enumerate(OUTCOME_CODES):
        for c, kind in enumerate(TYPE_CODES):
            for i in range(how_many(r, c)):
                if i % 3 == 2:  # received last December, answered this year: carried over
                    rows.append(application(agency, kind, dt.date(YEAR - 1, 12, 20), dt.date(YEAR, 1, 10), code))
                    expected["carried_over"][c] += 1
                else:
                    rows.append(application(agency, kind, dt.date(YEAR, 3 + r % 9, 1 + c), dt.date(YEAR, 4 + r % 9, 2), code))
                    expected["received"][c] += 1
                expected[code][c] += 1
    for c, kind in enumerate(TYPE_CODES):
        for _ in range(c % 3 + 1):  # received in December, answered next January: carried forward
            rows.append(application(agency, kind, dt.date(YEAR, 12, 15), dt.date(YEAR + 1, 1, 8), "disclose"))
            expected["received"][c] += 1
            expected["carried_forward"][c] += 1
        if c % 2 == 0:  # received the year before, still open at the end of this year
            rows.append(application(agency, kind, dt.date(YEAR - 1, 11, 2)))
            expected["carried_over"][c] += 1
            expected["carried_forward"][c] += 1
        # Answered before the year and received after it: in neither year's counts.
        rows.append(application(agency, kind, dt.date(YEAR - 1, 5, 5), dt.date(YEAR - 1, 6, 1), "disclose"))
        rows.append(application(agency, kind, dt.date(YEAR + 1, 1, 5)))
    Application.objects.bulk_create(rows)
    return expected


def build_remedies(agency) -> dict[str, list[int]]:
    apps = list(Application.objects.filter(agency=agency, answered_on__year=YEAR)[:60])
    expected = {k: [0, 0, 0, 0] for k in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")}
    results = ["upheld", "corrected", "other", "pending"]
    made = []
    for k, kind in enumerate(expected):
        for j, result in enumerate(results):
            for _ in range(k + j + 1):
                decided = None if result == "pending" else dt.date(YEAR, 11, 1)
                made.append(Remedy(application=apps[len(made)], kind=kind, result=result,
                                   filed_on=dt.date(YEAR, 6, 1), decided_on=decided))
                expected[kind][j] += 1
        # Decided only next year: still 尚未审结 at the end of this one.
        made.append(Remedy(application=apps[len(made)], kind=kind, result="upheld", filed_on=dt.date(YEAR, 12, 1),
                           decided_on=dt.date(YEAR + 1, 2, 1)))
        expected[kind][3] += 1
        # Filed the year before: not this year's.
        made.append(Remedy(application=apps[len(made)], kind=kind, result="corrected", filed_on=dt.date(YEAR - 1, 6, 1),
                           decided_on=dt.date(YEAR, 3, 1)))
    Remedy.objects.bulk_create(made)
    return expected


# --- reading the outputs back ------------------------------------------------------------------------


def expand(table) -> list[list[str]]:
    """An HTML table as the grid a reader sees: a merged cell's text in every position it covers."""
    grid: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for cell in tr:
            while (r, c) in grid:
                c += 1
            text = cell.text_content().strip()
            for i in range(int(cell.get("rowspan", 1))):
                for j in range(int(cell.get("colspan", 1))):
                    grid[(r + i, c + j)] = text
            c += int(cell.get("colspan", 1))
    rows = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(rows)]


def html_tables(body: str) -> list[list[list[str]]]:
    return [expand(t) for t in lxml_html.fromstring(f"<div>{body}</div>").iter("table")]


def xlsx_tables(data: bytes) -> list[list[list[str]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    out = []
    for sheet in book.worksheets[1:]:
        values = {(cell.row, cell.column): cell.value for row in sheet.iter_rows() for cell in row}
        for merged in sheet.merged_cells.ranges:
            top = values[(merged.min_row, merged.min_col)]
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    values[(r, c)] = top
        out.append([[_text(values.get((r, c))) for c in range(1, sheet.max_column + 1)]
                    for r in range(2, sheet.max_row + 1)])
    return out


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def pdf_text(data: bytes, tmp_path, *options: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", *options, str(path), "-"], check=True, capture_output=True, text=True).stdout


def numbers_on_one_line(text: str, numbers: list[str]) -> bool:
    pattern = re.compile(r"(?<![\d.])" + r"\s+".join(re.escape(n) for n in numbers) + r"(?![\d.])")
    return any(pattern.search(line) for line in text.splitlines())


# --- personas ----------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def government(db):
    return f.agency("青禾区人民政府", code="100000001")


@pytest.fixture
def bureau(db):
    return f.agency("青禾区示例局", code="100000002")


@pytest.fixture
def elsewhere(db):
    return f.agency("青禾区另一局", code="100000003")


@pytest.fixture
def office(government):
    return f.staff("office", government, role=Membership.OFFICE)


@pytest.fixture
def publisher(bureau):
    return f.staff("publisher", bureau, role=Membership.PUBLISHER)


@pytest.fixture
def clerk(bureau):
    return f.staff("clerk", bureau, role=Membership.CLERK)


@pytest.fixture
def outsider(elsewhere):
    return f.staff("outsider", elsewhere, role=Membership.PUBLISHER)


@pytest.fixture
def year_of_work(bureau):
    return build_year(bureau), build_remedies(bureau)


# --- table three and four: counting and balance ------------------------------------------------------


def test_a_year_of_applications_is_counted_row_by_row_and_balances(bureau, elsewhere, year_of_work):
    expected, _ = year_of_work
    build_year(elsewhere)  # another agency's applications never count in the bureau's report
    t = tables.compute(YEAR, bureau).table_three
    for key, six in expected.items():
        assert t.row(key) == (*six, sum(six)), key
    assert t.row("sum") == tuple(sum(t.row(k)[i] for k in OUTCOME_CODES) for i in range(7))
    checks = tables.check(tables.compute(YEAR, bureau))
    assert len(checks) == 7 * 2 + 25 + 3 and all(c.ok for c in checks)
    whole = tables.compute(YEAR, None).table_three
    assert whole.row("received")[-1] == 2 * t.row("received")[-1]


def test_table_four_counts_remedies_filed_in_the_year_as_they_stood_on_31_december(bureau, year_of_work):
    _, expected = year_of_work
    t = tables.compute(YEAR, bureau).table_four
    for kind, four in expected.items():
        assert t.row(kind) == (*four, sum(four)), kind


def test_an_answer_without_an_outcome_breaks_the_balance_and_is_named(bureau, publisher, client):
    Application.objects.bulk_create([
        application(bureau, "natural", dt.date(YEAR, 2, 1), dt.date(YEAR, 2, 20), "disclose"),
        application(bureau, "legal", dt.date(YEAR, 2, 1), dt.date(YEAR, 2, 20), ""),
    ])
    figures = tables.compute(YEAR, bureau)
    failed = tables.failures(tables.check(figures))
    assert {c.rule for c in failed} == {"一+二=三（七）+四"}
    assert {c.message for c in failed} == {"“法律服务机构”列：一加二为1，三（七）加四为0", "“总计”列：一加二为2，三（七）加四为1"}
    assert any("T" in note and "未记录处理结果" in note for note in figures.notes)

    report = actions.generate(publisher, YEAR, bureau)
    with pytest.raises(ValidationError, match="未通过校验"):
        actions.publish(publisher, report)
    assert AnnualReport.objects.get().status == AnnualReport.DRAFT and not Document.objects.exists()

    client.force_login(publisher)
    page = client.get(reverse("annualreport:report", args=[YEAR, bureau.pk])).content.decode()
    assert 'class="num failed" data-cell="t3.received.legal"' in page
    assert 'class="num failed" data-cell="t3.carried_forward.total"' in page
    assert 'data-cell="t3.received.natural"' in page and 'class="num failed" data-cell="t3.received.natural"' not in page

    with pytest.raises(CommandError) as exc:
        call_command("annual_report", str(YEAR), "--agency", bureau.name, stdout=io.StringIO())
    assert exc.value.returncode == 1


def test_hand_edited_figures_that_do_not_add_up_fail_each_rule():
    cells = {k: (0,) * 7 for k in ["received", "carried_over", *OUTCOME_CODES, "sum", "carried_forward"]}
    cells["disclose"] = (1, 0, 0, 0, 0, 0, 1)
    cells["received"] = (1, 0, 0, 0, 0, 0, 2)  # 总计 is not the sum of the six
    cells["sum"] = (0, 0, 0, 0, 0, 0, 1)  # （七） is not the sum of its rows
    t3 = tables.TableThree(cells)
    rules = {c.rule for c in tables.check_table_three(t3) if not c.ok}
    assert rules == {"一+二=三（七）+四", "（七）总计=各项之和", "总计=各类申请人之和"}
    t4 = tables.TableFour({"reconsideration": (1, 1, 0, 0, 3)})
    assert [c.ok for c in tables.check_table_four(t4)] == [False, True, True]


# --- table two -----------------------------------------------------------------------------------------


def _genre(name: str) -> Term:
    return Term.objects.get_or_create(kind="genre", parent=None, name=name)[0]


def test_table_two_counts_rules_and_normative_documents_from_genre_and_number(bureau, elsewhere):
    rule, normative, notice = _genre("规章"), _genre("行政规范性文件"), _genre("通知")
    made = dt.date(YEAR, 3, 1)
    f.document(bureau, "示例规章甲", genre=rule, created_date=made)
    f.document(bureau, "示例规章乙", doc_no="青禾区人民政府令第3号", created_date=made)
    f.document(bureau, "示例规章丙（去年制发，今年废止）", genre=rule, created_date=dt.date(YEAR - 1, 5, 1),
               abolished_date=dt.date(YEAR, 6, 30))
    f.document(bureau, "示例规范性文件甲", genre=normative, created_date=made)
    f.document(bureau, "示例规范性文件乙", doc_no="青示规〔2025〕1号", created_date=None, day=dt.date(YEAR, 4, 2))
    f.document(bureau, "示例规范性文件丙（去年制发，今年失效）", genre=normative, created_date=dt.date(YEAR - 2, 1, 1),
               expires_date=dt.date(YEAR, 12, 31))
    f.document(bureau, "示例规范性文件丁（明年废止）", genre=normative, created_date=dt.date(YEAR - 1, 1, 1),
               abolished_date=dt.date(YEAR + 1, 1, 1))
    f.document(bureau, "示例规范性文件戊（明年制发）", genre=normative, created_date=dt.date(YEAR + 1, 1, 2))
    f.document(bureau, "示例规范性文件己（草稿）", genre=normative, created_date=made, publish=False)
    f.document(bureau, "示例通知", genre=notice, doc_no="青示发〔2025〕9号", created_date=made)
    f.document(elsewhere, "另一局的规章", genre=rule, created_date=made)

    two = tables.compute(YEAR, bureau, tables.StaffNumbers(12, 30, 4, Decimal("15.25"))).table_two
    assert two.rules == tables.CatalogRow(made=2, abolished=1, in_force=2)
    assert two.normative == tables.CatalogRow(made=2, abolished=1, in_force=3)
    assert [two.value(k) for k in ("permits", "penalties", "enforcement", "fees")] == [12, 30, 4, Decimal("15.25")]
    assert tables.compute(YEAR, None).table_two.rules.made == 3
    assert tables.classify("通知", "青示发〔2025〕9号") is None
    assert tables.classify(None, "青示办规〔2024〕2号") == "normative"


def test_in_force_follows_from_last_years_report_or_warns(bureau, publisher):
    rule = _genre("规章")
    f.document(bureau, "示例规章", genre=rule, created_date=dt.date(YEAR - 1, 3, 1))
    f.document(bureau, "示例规章二", genre=rule, created_date=dt.date(YEAR, 3, 1))
    last = actions.generate(publisher, YEAR - 1, bureau)
    report = actions.generate(publisher, YEAR, bureau)
    figures = report.stored_figures()
    in_force = [c for c in actions.checks_for(report, figures) if c.rule.startswith("现行有效")]
    assert [c.ok for c in in_force] == [True, True]

    stored = last.figures
    stored["table_two"]["rules"]["in_force"] = 5  # last year's report said otherwise
    AnnualReport.objects.filter(pk=last.pk).update(figures=stored)
    warned = [c for c in actions.checks_for(report, figures) if not c.ok]
    assert len(warned) == 1 and warned[0].severity == "warning"
    assert warned[0].message == "规章：上年现行有效5+本年制发1−本年废止0=6，本年现行有效为2"


# --- the format, cell for cell, in HTML, XLSX and PDF ----------------------------------------------------


def test_html_xlsx_and_pdf_show_the_national_format_and_the_same_numbers(bureau, publisher, year_of_work, tmp_path):
    expected, remedies = year_of_work
    report = actions.generate(publisher, YEAR, bureau)
    report = actions.edit(publisher, report, {"permits": 17, "penalties": 230, "enforcement": 9,
                                              "fees_wan": Decimal("36.5"), "overview": "第一段。\n第二段。",
                                              "processing_fee_yuan": Decimal("100")})
    figures = report.stored_figures()
    body = render.body_html(report, figures)
    two, three, four = html_tables(body)

    # Table two: its four blocks, every row printed, 0 where the catalog holds nothing.
    assert two == table_two_grid([0, 0], [0, 0], [0, 0], ["17", "230", "9", "36.5"])

    # Table three: the header and the 25 labelled rows, then exactly the counted numbers.
    assert three[:3] == TABLE_THREE_HEAD
    assert [row[:3] for row in three[3:]] == TABLE_THREE_LABELS
    keys = ["received", "carried_over", *OUTCOME_CODES, "sum", "carried_forward"]
    expected["sum"] = [sum(expected[k][c] for k in OUTCOME_CODES) for c in range(6)]
    assert [row[3:] for row in three[3:]] == [[str(n) for n in (*expected[k], sum(expected[k]))] for k in keys]
    assert len(three[3:]) == 25 and all(len(row) == 10 for row in three)

    # Table four: three header rows and 15 numbers.
    assert four[:3] == TABLE_FOUR_HEAD
    flat = [str(n) for kind in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
            for n in (*remedies[kind], sum(remedies[kind]))]
    assert four[3] == flat

    for part in PARTS:
        assert f"<h2>{part}</h2>" in body
    assert "<p>第一段。</p>" in body and "本年度共收取信息处理费100元。" in body

    # The workbook holds the same grids, label for label and number for number.
    assert xlsx_tables(render.xlsx_bytes(report, figures)) == [two, three, four]

    # The PDF prints every row's numbers on one line, in order.
    data = render.pdf_bytes(report, figures)
    text = pdf_text(data, tmp_path, "-layout")
    for row in three[3:]:  # on a landscape page each row reads across: its label, then its numbers
        assert re.search(re.escape(row[2]) + r"\s+" + r"\s+".join(row[3:]) + r"(?![\d.])", text), row[2]
    assert numbers_on_one_line(text, flat)
    for label, n in (("行政许可", "17"), ("行政处罚", "230"), ("行政强制", "9"), ("行政事业性收费", "36.5")):
        assert re.search(rf"{label}\s+{re.escape(n)}(?![\d.])", text), label
    words = re.sub(r"\s+", "", pdf_text(data, tmp_path))
    for label in [CORNER, "未经复议直接起诉", "复议后起诉", *PARTS]:
        assert label in words, label


# --- actions and permissions ---------------------------------------------------------------------------


def test_only_the_agencys_publisher_or_the_office_makes_its_report(bureau, clerk, publisher, outsider, office):
    for user in (clerk, outsider, None):
        with pytest.raises(PermissionDenied):
            actions.generate(user, YEAR, bureau)
    with pytest.raises(PermissionDenied):
        actions.generate(publisher, YEAR, None)  # the whole government's is the office's
    report = actions.generate(publisher, YEAR, bureau)
    with pytest.raises(PermissionDenied):
        actions.edit(clerk, report, {"overview": "越权修改"})
    assert actions.generate(office, YEAR, None).agency is None
    assert actions.generate(office, YEAR, bureau).pk == report.pk  # regenerated, not duplicated
    assert AnnualReport.objects.count() == 2
    assert AuditEntry.objects.filter(action="annual_report.generate").count() == 3


def test_editing_without_a_change_writes_nothing(bureau, publisher):
    report = actions.generate(publisher, YEAR, bureau)
    actions.edit(publisher, report, {"permits": 3})
    before = AuditEntry.objects.count()
    actions.edit(publisher, report, {"permits": 3})
    assert AuditEntry.objects.count() == before
    with pytest.raises(ValidationError):
        actions.edit(publisher, report, {"year": 1999})
    with pytest.raises(ValidationError):
        actions.generate(publisher, 1990, bureau)


def test_publishing_files_a_catalog_document_with_pdf_and_xlsx(government, bureau, office, year_of_work):
    report = actions.generate(office, YEAR, None)
    report = actions.publish(office, report)
    doc = report.document
    assert report.status == AnnualReport.PUBLISHED and doc.status == Document.PUBLISHED
    assert doc.agency == government  # the whole government's report is published as the government
    assert doc.title == f"青禾区人民政府{YEAR}年政府信息公开工作年度报告"
    assert doc.genre.name == "年度报告" and doc.combo.name == "政府信息公开年报"
    assert sorted(a.name.rsplit(".", 1)[1] for a in doc.attachments.all()) == ["pdf", "xlsx"]
    assert 'rowspan="22"' in doc.body_html and "三、本年度办理结果" in doc.body_html  # spans survive sanitising
    assert AuditEntry.objects.filter(action="annual_report.publish").count() == 1
    for verb in (lambda: actions.generate(office, YEAR, None), lambda: actions.edit(office, report, {"permits": 1}),
                 lambda: actions.publish(office, report)):
        with pytest.raises(ValidationError, match="已发布"):
            verb()


def test_where_review_is_required_the_report_goes_through_the_chain_then_is_published(bureau, publisher):
    from gongkai.review import actions as review
    from gongkai.review.models import ReviewChain

    chain = ReviewChain.objects.create(agency=bureau, steps=2)
    approver = f.staff("approver", bureau, role=Membership.PUBLISHER)
    chain.reviewers.add(approver)
    report = actions.publish(publisher, actions.generate(publisher, YEAR, bureau))
    assert report.in_review and not report.is_published
    assert report.document.status == Document.DRAFT  # filed, not out: the chain decides
    with pytest.raises(ValidationError, match="已送审"):
        actions.edit(publisher, report, {"permits": 3})
    request = review.open_request(report.document)
    review.publish(approver, report.document, comment="同意发布")
    report.refresh_from_db()
    assert report.is_published and report.document.status == Document.PUBLISHED
    assert request is not None


# --- the staff pages -------------------------------------------------------------------------------------


def test_staff_pages_are_scoped_and_refuse_the_wrong_method(client, bureau, clerk, publisher, outsider):
    url = reverse("annualreport:report", args=[YEAR, bureau.pk])
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.get(reverse("annualreport:report", args=[YEAR, "all"])).status_code == 403
    assert client.post(reverse("annualreport:generate", args=[YEAR, bureau.pk])).status_code == 403
    client.force_login(clerk)
    page = client.get(url)
    assert page.status_code == 200 and "生成统计表" not in page.content.decode()  # a clerk reads only
    assert client.post(reverse("annualreport:generate", args=[YEAR, bureau.pk])).status_code == 403
    client.force_login(publisher)
    assert client.get(reverse("annualreport:generate", args=[YEAR, bureau.pk])).status_code == 405
    assert client.get(reverse("annualreport:report", args=[1990, bureau.pk])).status_code == 404
    assert client.post(reverse("annualreport:generate", args=[YEAR, bureau.pk])).status_code == 302
    assert AnnualReport.objects.filter(year=YEAR, agency=bureau).exists()
    listing = client.get(reverse("annualreport:index")).content.decode()
    assert f'href="{url}">{YEAR}年</a>' in listing and "本级政府" not in listing
    index = client.get(reverse("annualreport:index"), {"year": YEAR, "scope": str(bureau.pk)})
    assert index.status_code == 302 and index["Location"] == url
    assert client.get(reverse("annualreport:index"), {"year": YEAR, "scope": "all"}).status_code == 200  # not offered


def test_the_form_keeps_what_was_typed_on_error_and_saves_when_right(client, bureau, publisher):
    client.force_login(publisher)
    save = reverse("annualreport:save", args=[YEAR, bureau.pk])
    data = {"permits": "12", "penalties": "3", "enforcement": "1", "fees_wan": "不是数字",
            "overview": "本年度示例局认真贯彻条例。", "problems": "", "other_matters": "", "processing_fee_yuan": "0"}
    response = client.post(save, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "本年度示例局认真贯彻条例。" in page and 'value="12"' in page and "输入一个数字" in page
    assert not AnnualReport.objects.exists()
    response = client.post(save, {**data, "fees_wan": "2.5"})
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert (report.permits, report.fees_wan, report.overview) == (12, Decimal("2.5"), "本年度示例局认真贯彻条例。")
    assert report.stored_figures().table_two.staff.fees_wan == Decimal("2.5")
    page = client.get(reverse("annualreport:report", args=[YEAR, bureau.pk])).content.decode()
    assert "全部勾稽关系校验通过" in page and "与上年比较" in page
    assert "<style" not in page and "annualreport/report.css" in page  # the CSP allows no inline style
    xlsx = client.get(reverse("annualreport:xlsx", args=[YEAR, bureau.pk]))
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_the_command_prints_the_tables_and_writes_the_files(bureau, year_of_work, tmp_path):
    expected, _ = year_of_work
    out = io.StringIO()
    xlsx = tmp_path / "r.xlsx"
    call_command("annual_report", str(YEAR), "--agency", bureau.name, "--xlsx", str(xlsx), stdout=out)
    text = out.getvalue()
    received = "\t".join(str(n) for n in (*expected["received"], sum(expected["received"])))
    assert f"一、本年新收政府信息公开申请数量\t{received}" in text
    assert "（三）不予公开·1.属于国家秘密" in text and "校验：全部通过" in text
    assert openpyxl.load_workbook(xlsx).sheetnames[1:] == PARTS[1:4]
    with pytest.raises(CommandError, match="没有名为"):
        call_command("annual_report", str(YEAR), "--agency", "不存在的局", stdout=io.StringIO())


def test_information_processing_fees_paid_in_the_year_are_summed(bureau):
    from gongkai.applications.models import ApplicationEvent

    paid = [application(bureau, "natural", dt.date(YEAR, 3, 1)) for _ in range(3)]
    for app, amount in zip(paid, (50, 120, 700), strict=True):
        app.fee_amount = amount
    Application.objects.bulk_create(paid)
    for app, day in zip(Application.objects.order_by("pk"), (dt.date(YEAR, 4, 1), dt.date(YEAR, 12, 31),
                                                            dt.date(YEAR + 1, 1, 2)), strict=True):
        ApplicationEvent.objects.create(application=app, kind="fee_paid", on=day)
    assert tables.compute(YEAR, bureau).fees_collected_yuan == 170


def test_the_page_compares_with_last_years_report(client, bureau, publisher):
    last = actions.generate(publisher, YEAR - 1, bureau)
    actions.edit(publisher, last, {"fees_wan": Decimal("10"), "permits": 40})
    Application.objects.bulk_create([application(bureau, "natural", dt.date(YEAR, 5, 1), dt.date(YEAR, 5, 20), "disclose")])
    report = actions.generate(publisher, YEAR, bureau)
    actions.edit(publisher, report, {"fees_wan": Decimal("36.5"), "permits": 25})
    now = AnnualReport.objects.get(pk=report.pk).stored_figures()
    before = AnnualReport.objects.get(pk=last.pk).stored_figures()
    rows = {c.label: c.texts for c in tables.compare(now, before)}
    assert len(rows) == 6 + 4 + 25 + 3
    assert rows["行政事业性收费·本年收费金额（单位：万元）"] == ("36.5", "10", "+26.5")
    assert rows["行政许可·本年处理决定数量"] == ("25", "40", "-15")
    assert rows["一、本年新收政府信息公开申请数量·总计"] == ("1", "0", "+1")
    client.force_login(publisher)
    page = client.get(reverse("annualreport:report", args=[YEAR, bureau.pk])).content.decode()
    assert '<td class="num delta-up">+26.5</td>' in page and '<td class="num delta-down">-15</td>' in page
