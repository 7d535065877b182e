"""The national format of the annual report (国办公开办函〔2021〕30号): parts, blocks, rows and columns.

Everything a reader sees of the report's structure is named here once, character for character, and
the HTML, the PDF, the XLSX and the command all lay their tables out from these tuples. Table three's
rows come from `applications.outcomes`, whose labels are the format's own, so a reply's stored
outcome code and the row it is counted in can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.applications.outcomes import APPLICANT_TYPES, GROUPS, OUTCOMES, REMEDY_KINDS, REMEDY_RESULTS

PARTS: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

# --- table two: four blocks of 第二十条 ----------------------------------------------------------


@dataclass(frozen=True)
class Block:
    heading: str  # the row spanning the whole table
    columns: tuple[str, ...]  # 信息内容 first
    rows: tuple[tuple[str, str], ...]  # (key, label)


TABLE_TWO: tuple[Block, ...] = (
    Block("第二十条第（一）项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
          (("rules", "规章"), ("normative", "行政规范性文件"))),
    Block("第二十条第（五）项", ("信息内容", "本年处理决定数量"), (("permits", "行政许可"),)),
    Block("第二十条第（六）项", ("信息内容", "本年处理决定数量"),
          (("penalties", "行政处罚"), ("enforcement", "行政强制"))),
    Block("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), (("fees", "行政事业性收费"),)),
)
TABLE_TWO_WIDTH = 4  # label + three numbers; the one-number blocks span three columns

# --- table three: 25 rows × 7 columns --------------------------------------------------------------

TABLE_THREE_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TABLE_THREE_GROUP = "申请人情况"
TABLE_THREE_ORGS = "法人或其他组织"
TOTAL = "总计"
COLUMNS: tuple[tuple[str, str], ...] = (*((t.code, t.label) for t in APPLICANT_TYPES), ("total", TOTAL))
ORG_CODES = tuple(t.code for t in APPLICANT_TYPES[1:])  # 商业企业 … 其他, under 法人或其他组织

RECEIVED, CARRIED_OVER, SUM, CARRIED_FORWARD = "received", "carried_over", "sum", "carried_forward"
RESULTS = "三、本年度办理结果"
SUM_LABEL = "（七）总计"


@dataclass(frozen=True)
class Row:
    key: str  # an outcome code, or one of RECEIVED, CARRIED_OVER, SUM, CARRIED_FORWARD
    label: str
    group: str  # "" for a top-level row; else the group key of outcomes.GROUPS, or SUM


def _rows() -> tuple[Row, ...]:
    rows = [Row(RECEIVED, "一、本年新收政府信息公开申请数量", ""),
            Row(CARRIED_OVER, "二、上年结转政府信息公开申请数量", "")]
    rows += [Row(o.code, o.label, o.group) for o in OUTCOMES]
    rows += [Row(SUM, SUM_LABEL, SUM), Row(CARRIED_FORWARD, "四、结转下年度继续办理", "")]
    return tuple(rows)


TABLE_THREE_ROWS: tuple[Row, ...] = _rows()
OUTCOME_KEYS: tuple[str, ...] = tuple(o.code for o in OUTCOMES)
# The groups whose label is a cell of its own beside its numbered rows (rowspan), not a row.
SPLIT_GROUPS = ("withhold", "unable", "reject", "other")
# How many rows 三、本年度办理结果 spans: every outcome row and （七）.
RESULTS_SPAN = len(OUTCOMES) + 1


def group_label(group: str) -> str:
    return GROUPS[group]


# --- table four: 15 columns ------------------------------------------------------------------------

RECONSIDERATION, LAWSUIT = "行政复议", "行政诉讼"
REMEDY_COLUMNS: tuple[tuple[str, str], ...] = (*REMEDY_RESULTS, ("total", TOTAL))
# The sub-group heading of each kind under 行政诉讼 (复议 has none).
REMEDY_SUBGROUPS: dict[str, str] = {"lawsuit_direct": "未经复议直接起诉", "lawsuit_after_review": "复议后起诉"}
REMEDY_KIND_CODES: tuple[str, ...] = tuple(code for code, _ in REMEDY_KINDS)


def table_four_headers() -> list[tuple[str, str, str]]:
    """The 15 columns flattened as (group, sub-group, column label), as the format lists them."""
    out: list[tuple[str, str, str]] = []
    for kind in REMEDY_KIND_CODES:
        group = RECONSIDERATION if kind == "reconsideration" else LAWSUIT
        out += [(group, REMEDY_SUBGROUPS.get(kind, ""), label) for _, label in REMEDY_COLUMNS]
    return out
