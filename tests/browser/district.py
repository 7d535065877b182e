"""A fictional district's published documents, shared by the page tests and the browser tests.

The minutes imitate the form of a district government's executive-meeting minutes (会议纪要): the
opening paragraph, numbered agenda items with 会议指出/强调/要求 and the decision, then the 出席/
列席 lists. Every name and place is invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.catalog.models import Document, Term
from tests import factories as f

MINUTES_TITLE = "区政府第25次常务会议纪要"
MINUTES_TITLE_HANT = "區政府第25次常務會議紀要"
MINUTES_BODY = "".join(f"<p>{line}</p>" for line in (
    "2024年1月15日上午,区长林思远在区行政中心2号楼三楼会议室,主持召开区政府第25次常务会议,纪要如下:",
    "一、会议听取了2023年青禾区重点民生实事项目实施情况报告并审议了《2024年青禾区重点民生实事候选项目》",
    "会议指出,民生实事项目关系人民群众切身利益,要注重人民群众关切和感受,全力以赴把民生实事办好。",
    "会议要求,发改部门要统筹做好各项目标任务的细化分解,明确责任单位工作要求。",
    ("会议原则同意区发改局提出的2023年青禾区重点民生实事项目实施情况报告和《2024年青禾区重点民生实事候选项目》,"
     "作进一步修改完善后提请区委常委会审议。"),
    "二、会议审议了《青禾区政务信息化项目建设管理办法》",
    "会议强调,各地各相关部门要认真履行项目规划、实施、评估和监管等职责,加强和规范项目建设管理。",
    "会议原则同意区数据局提出的《青禾区政务信息化项目建设管理办法》。",
    "出　席:林思远　周明德　吴晓芳　陈立群",
    "列　席:郑国栋　冯嘉怡　何子健",
    "主　持:林思远",
    "记　录:孙雨桐",
    "青禾区人民政府办公室整理",
    "2024年1月19日",
    "(此件公开发布)",
))


@dataclass(frozen=True)
class District:
    minutes: Document
    news: Document
    english: Document


def _term(kind: str, name: str) -> Term | None:
    return Term.resolve(kind, name)


def publish_district() -> District:
    office = f.agency("青禾区人民政府办公室", "014133058", short_names=["区政府办"])
    minutes = f.document(
        office, MINUTES_TITLE, day=dt.date(2024, 1, 25), body_html=MINUTES_BODY,
        topic=_term(Term.TOPIC, "机关事务"), genre=_term(Term.GENRE, "会议纪要"),
        combo=_term(Term.COMBO, "政府会议"),
        created_date=dt.date(2024, 1, 19), summary=MINUTES_TITLE,
    )
    news = f.document(
        office, "青禾区召开2024年安全生产工作会议", day=dt.date(2024, 2, 20),
        body_html="<p>2月19日,青禾区召开2024年安全生产工作会议,部署全年安全生产工作。</p>",
        genre=_term(Term.GENRE, "工作动态"), combo=_term(Term.COMBO, "工作动态"),
    )
    english = f.document(
        office, "关于开展2024年春季植树活动的通知", day=dt.date(2024, 3, 1),
        body_html="<p>各镇人民政府,区各部门:</p><p>现就开展2024年春季植树活动通知如下。</p>",
        genre=_term(Term.GENRE, "通知"), topic=_term(Term.TOPIC, "林业"), summary="部署2024年春季植树活动。",
        title_en="Notice on the 2024 Spring Tree-Planting Campaign",
        summary_en="Arrangements for the 2024 spring tree-planting campaign.",
        body_en=("To the town governments and district departments:\n\n"
                 "The spring tree-planting campaign runs in March."),
    )
    return District(minutes=minutes, news=news, english=english)
