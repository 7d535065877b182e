"""English names of the words minutes use for what a meeting did: the verbs of an item (听取, 审议),
the kinds of decision (原则同意, 通过), the remarks (指出, 强调) and the usual next steps
(提请区委常委会审议).

The Chinese words are the message ids of the English catalog (context "minutes": 通报 is a genre
of document elsewhere, and a verb here). They are what the parser read, kept as written; a word that is not listed
here stays Chinese on the English pages (marked lang="zh-Hans"), never a guess.
"""

from __future__ import annotations

from django.utils.translation import pgettext


def _(word: str) -> str:
    return word  # marks a word of the English catalog, looked up with pgettext("minutes", …)


# The verbs of gongkai.minutes.items._ACTIONS (tests check that none is missing).
ACTIONS = frozenset((
    _("传达学习贯彻"), _("传达学习"), _("学习贯彻"), _("学习传达"), _("传达贯彻"), _("研究部署"), _("研究讨论"),
    _("讨论研究"), _("分析研究"), _("研究分析"), _("讨论修改"), _("安排部署"), _("听取"), _("审议"), _("审定"),
    _("审查"), _("确认"), _("研究"), _("讨论"), _("传达"), _("学习"), _("通报"), _("审阅"), _("研讨"), _("观看"),
    _("宣读"), _("部署"),
))
DECISIONS = frozenset((
    _("原则同意"), _("原则上同意"), _("同意"), _("原则通过"), _("通过"), _("审议通过"), _("原则批准"), _("批准"),
    _("决定"), _("决议"), _("议定"), _("本案通过"), _("修正通过"), _("照案通过"), _("暂缓"), _("不同意"),
    _("原则同意并修改完善"), _("修改完善后再议"),
))
REMARKS = frozenset((
    _("指出"), _("强调"), _("要求"), _("认为"), _("提出"), _("明确"), _("希望"), _("号召"), _("肯定"), _("提醒"),
    _("研究认为"), _("充分肯定"),
))
FOLLOW_UPS = frozenset((
    _("提请区委常委会审议"), _("提请区人大常委会审议"), _("由区人民政府办公室按程序印发实施"), _("按程序印发实施"),
    _("印发实施"), _("组织实施"), _("抓紧实施"), _("按程序报批"), _("报区委审定"), _("修改完善后印发"),
    _("提请区委审定"), _("提请区委全会审议"), _("再次提请区政府常务会议审议"), _("另行提请审议"),
))
KNOWN = ACTIONS | DECISIONS | REMARKS | FOLLOW_UPS


def minutes_label(text: str) -> tuple[str, bool]:
    """`text` in the current language, and whether it is translated (False: still Chinese)."""
    if text in KNOWN:
        label = pgettext("minutes", text)
        return label, label != text
    return text, False
