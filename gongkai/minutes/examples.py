"""Canonical examples of the minutes contract: page texts of a fictional district (青禾区) and the
`Meeting` each must parse into. Tests reuse them; they also show other code what the parser gives.
"""

from __future__ import annotations

from gongkai.minutes.contract import AgendaItem, Meeting, Remark

# A 纪要 as district governments publish it: numbered items, then 出席/列席/记录 with padded names.
MINUTES_TEXT = """\
青禾区政府第7次常务会议纪要

2023年11月14日上午，区长林若川在区政务中心二楼会议室主持召开区政府第7次常务会议，纪要如下：

一、会议审议了《青禾区公共数据开放管理办法》

会议指出，公共数据开放是数字政府建设的重要内容。

会议要求，区大数据管理局要会同区司法局做好合法性审查，区委编办要明确数据开放工作职责。

会议原则同意区大数据管理局提出的《青禾区公共数据开放管理办法》，作进一步修改完善后提请区委常委会审议。

二、会议听取了区民政局关于2023年养老服务体系建设情况的汇报

会议强调，要坚持尽力而为、量力而行，持续提升养老服务质量。

出  席：林若川  宋知远  顾   岚
列  席：区政府办  区财政局
记  录：韩   素

青禾区人民政府办公室整理
2023年11月16日
（此件公开发布）
"""

MINUTES = Meeting(
    body="区政府",
    kind="常务会议",
    meeting_no="第7次",
    meeting_no_int=7,
    date="2023-11-14",
    date_text="2023年11月14日上午",
    part_of_day="上午",
    location="区政务中心二楼会议室",
    chair="林若川",
    attendees=["林若川", "宋知远", "顾岚"],
    nonvoting_attendees=["区政府办", "区财政局"],
    recorder="韩素",
    compiled_by="青禾区人民政府办公室",
    compiled_date="2023-11-16",
    publication_note="此件公开发布",
    items=[
        AgendaItem(
            n=1,
            actions=["审议"],
            title="《青禾区公共数据开放管理办法》",
            documents=["青禾区公共数据开放管理办法"],
            sponsors=["区大数据管理局"],
            decision="原则同意区大数据管理局提出的《青禾区公共数据开放管理办法》，作进一步修改完善后提请区委常委会审议",
            decision_kind="原则同意",
            follow_up="提请区委常委会审议",
            remarks=[
                Remark("指出", "公共数据开放是数字政府建设的重要内容"),
                Remark(
                    "要求",
                    "区大数据管理局要会同区司法局做好合法性审查，区委编办要明确数据开放工作职责",
                    ["区大数据管理局", "区司法局", "区委编办"],
                ),
            ],
        ),
        AgendaItem(
            n=2,
            actions=["听取"],
            title="区民政局关于2023年养老服务体系建设情况的汇报",
            sponsors=["区民政局"],
            decision_kind="听取",  # heard only: no decision clause
            remarks=[Remark("强调", "要坚持尽力而为、量力而行，持续提升养老服务质量")],
        ),
    ],
)

# A news-style report of a meeting: no numbers, several agenda items in one sentence, attendance inline.
REPORT_TEXT = """\
11月28日下午，副区长宋知远主持召开青禾区人民政府2023年第8次常务会议，顾岚、白一鸣和许澄参加会议。

会议传达学习了全市冬春森林防火工作会议精神，听取了区林业局关于今冬明春森林防火工作的汇报。

会议审议并原则通过了《青禾区城市道路挖掘管理规定》。会议要求，区城管局要严格审批，区交通运输局要加强施工期间交通疏导。

会议研究了区市场监督管理局提出的《青禾区食品安全“你点我检”工作方案》，原则同意该方案。

会议还研究了其他事项。
"""

REPORT = Meeting(
    body="青禾区人民政府",
    kind="常务会议",
    meeting_no="第8次",
    meeting_no_int=8,
    date="2023-11-28",  # the year is stated with the meeting number (2023年第8次)
    date_text="11月28日下午",
    part_of_day="下午",
    chair="宋知远",
    attendees=["顾岚", "白一鸣", "许澄"],
    items=[
        AgendaItem(n=1, actions=["传达学习"], title="全市冬春森林防火工作会议精神"),
        AgendaItem(
            n=2,
            actions=["听取"],
            title="区林业局关于今冬明春森林防火工作的汇报",
            sponsors=["区林业局"],
            decision_kind="听取",
        ),
        AgendaItem(
            n=3,
            actions=["审议"],
            title="《青禾区城市道路挖掘管理规定》",
            documents=["青禾区城市道路挖掘管理规定"],
            decision="原则通过",
            decision_kind="原则通过",
            remarks=[
                Remark(
                    "要求",
                    "区城管局要严格审批，区交通运输局要加强施工期间交通疏导",
                    ["区城管局", "区交通运输局"],
                )
            ],
        ),
        AgendaItem(
            n=4,
            actions=["研究"],
            title="区市场监督管理局提出的《青禾区食品安全“你点我检”工作方案》",
            documents=["青禾区食品安全“你点我检”工作方案"],
            sponsors=["区市场监督管理局"],
            decision="原则同意该方案",
            decision_kind="原则同意",
        ),
    ],
)

EXAMPLES: tuple[tuple[str, Meeting], ...] = ((MINUTES_TEXT, MINUTES), (REPORT_TEXT, REPORT))
