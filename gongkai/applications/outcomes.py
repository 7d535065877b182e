"""The closed vocabularies of 依申请公开: applicant types, outcomes and remedy results.

Each outcome is one data row of table three of the national annual-report format
(国办公开办函〔2021〕30号), so counting the year's replies is a GROUP BY on the stored code, and the
reply letter, the status page and the annual report all speak of the same 25 rows. The labels are
the report's own, character for character; `article` is what a reply letter cites.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ApplicantType:
    code: str
    label: str


# Columns of table three, in its order; 总计 is computed, never stored.
APPLICANT_TYPES: tuple[ApplicantType, ...] = (
    ApplicantType("natural", "自然人"),
    ApplicantType("business", "商业企业"),
    ApplicantType("research", "科研机构"),
    ApplicantType("nonprofit", "社会公益组织"),
    ApplicantType("legal", "法律服务机构"),
    ApplicantType("other", "其他"),
)


@dataclass(frozen=True)
class Outcome:
    code: str
    group: str  # the report's group row: （一）…（六）
    label: str  # the report's row label
    article: str  # the provision a reply letter cites


GROUPS: dict[str, str] = {
    "disclose": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withhold": "（三）不予公开",
    "unable": "（四）无法提供",
    "reject": "（五）不予处理",
    "other": "（六）其他处理",
}

OUTCOMES: tuple[Outcome, ...] = (
    Outcome("disclose", "disclose", "（一）予以公开", "第三十六条第（二）项"),
    Outcome("partial", "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "第三十七条"),
    Outcome("withhold_state_secret", "withhold", "1.属于国家秘密", "第十四条"),
    Outcome("withhold_other_law", "withhold", "2.其他法律行政法规禁止公开", "第十四条"),
    Outcome("withhold_security", "withhold", "3.危及“三安全一稳定”", "第十四条"),
    Outcome("withhold_third_party", "withhold", "4.保护第三方合法权益", "第十五条"),
    Outcome("withhold_internal", "withhold", "5.属于三类内部事务信息", "第十六条第一款"),
    Outcome("withhold_process", "withhold", "6.属于四类过程性信息", "第十六条第二款"),
    Outcome("withhold_enforcement", "withhold", "7.属于行政执法案卷", "第十六条第二款"),
    Outcome("withhold_query", "withhold", "8.属于行政查询事项", "第三十六条第（七）项"),
    Outcome("unable_not_held", "unable", "1.本机关不掌握相关政府信息", "第三十六条第（四）项、第（五）项"),
    Outcome("unable_needs_making", "unable", "2.没有现成信息需要另行制作", "第三十八条"),
    Outcome("unable_still_unclear", "unable", "3.补正后申请内容仍不明确", "第三十条"),
    Outcome("reject_petition", "reject", "1.信访举报投诉类申请", "第三十九条第一款"),
    Outcome("reject_repeat", "reject", "2.重复申请", "第三十六条第（六）项"),
    Outcome("reject_publication", "reject", "3.要求提供公开出版物", "第三十九条第二款"),
    Outcome("reject_excessive", "reject", "4.无正当理由大量反复申请", "第三十五条"),
    Outcome("reject_confirm", "reject", "5.要求行政机关确认或重新出具已获取信息", "第三十九条第二款"),
    Outcome("other_no_correction", "other",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "第三十条"),
    Outcome("other_no_fee", "other",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "第四十二条"),
    Outcome("other_other", "other", "3.其他", "第三十六条"),
)

OUTCOME_BY_CODE: dict[str, Outcome] = {o.code: o for o in OUTCOMES}
def outcome_label(outcome: Outcome) -> str:
    """The row as a choice reads: 予以公开 by itself, a numbered ground under its group's name."""
    if outcome.label == GROUPS[outcome.group]:
        return outcome.label
    return f"{GROUPS[outcome.group]} · {outcome.label}"


OUTCOME_CHOICES: list[tuple[str, str]] = [(o.code, outcome_label(o)) for o in OUTCOMES]
APPLICANT_TYPE_CHOICES: list[tuple[str, str]] = [(t.code, t.label) for t in APPLICANT_TYPES]

# Table four: the remedy an applicant took, and how it ended.
REMEDY_KINDS: tuple[tuple[str, str], ...] = (
    ("reconsideration", "行政复议"),
    ("lawsuit_direct", "行政诉讼（未经复议直接起诉）"),
    ("lawsuit_after_review", "行政诉讼（复议后起诉）"),
)
REMEDY_RESULTS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
)
