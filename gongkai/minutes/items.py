"""The agenda items of a minutes page: numbered headings, items in running text, 市政會議 parts.

Each item is read into a draft (start, verbs, title, decision, remarks, the sentences that may name its
sponsor) and finished into an `AgendaItem` with its documents, sponsors and follow-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.lib.zh import people
from gongkai.lib.zh.fold import fold
from gongkai.lib.zh.numerals import cn_to_int
from gongkai.lib.zh.orgs import find_orgs, org_key, org_spans, split_orgs
from gongkai.minutes.contract import AgendaItem, Remark
from gongkai.minutes.page import Page, Span, masked, split_clauses, split_sentences

_CN_SMALL = "一二三四五六七八九十"

_ACTIONS = (
    "传达学习贯彻", "传达学习", "学习贯彻", "学习传达", "传达贯彻", "研究部署", "研究讨论", "讨论研究",
    "分析研究", "研究分析",
    "讨论修改", "安排部署",
    "听取", "审议", "审定", "审查", "确认", "研究", "讨论", "传达", "学习", "通报", "审阅", "研讨", "观看", "宣读", "部署",
)
_ACT = "|".join(_ACTIONS)
_ITEM_START = re.compile(
    rf"(?P<ord>[{_CN_SMALL}]{{1,3}}是|第[{_CN_SMALL}]{{1,3}}项?,?)?"
    rf"(?P<subj>(?:本次|此次|这次)?(?:常务)?会议|会上|(?:全体)?与会(?:人员|同志|领导))?"
    rf"(?:还|又|首先|先后|随后|接着|其次|此外|分别|一并|同时|最后|另外|重点|共同|认真|深入|全面|系统|专门|逐项)*"
    rf"(?P<acts>(?:集中|集体|专题)?(?:{_ACT})(?:[并和、]?(?:{_ACT}))*)(?P<dec>并?(?:原则)?(?:通过|同意|批准))?(?P<le>了)?"
)
# One clause of a list of submissions: 县文广旅局送审的《甲》《乙》，县民政局送审的《丙》 (each document an item).
_SUBMISSION = re.compile(r"(?P<org>[^《,;:。]{2,30}?)(?:送审|提交|报送|报审|呈报|上报|提请审议|提出|起草)的(?=《)")
# What was done before or after the meeting (会前，与会人员学习了…) is not on its agenda.
_OFF_AGENDA = re.compile(r"(?:会前|会后|会议开始前|会议结束后|会议间隙)[,]?")
# What a list of things read or heard ends with (…会议精神，…讲话精神，…等内容): a title goes on over it.
_LISTED_MATTER = re.compile(r"(?:精神|内容|文件|讲话|指示|批示|通知|意见|公报|》)(?:等(?:内容|文件)?)?$")
_ACTION_SEPARATOR = re.compile(r"[并和、]")
_MORE_ACTIONS = re.compile(rf"并(?P<act>{_ACT})了")
_DECISION_START = re.compile(
    r"(?P<subj>会议)?(?P<pre>(?:经(?:过)?(?:认真)?(?:研究|讨论|审议)|(?:研究|讨论)?(?:议定|决定))[,:]?)?"
    r"(?P<verb>(?:一致)?(?:原则上?)?(?:同意|通过|批准)|决定|议定|确定)?"
)
_REMARK_START = re.compile(
    r"(?P<subj>会议)?(?P<kind>研究认为|充分肯定|指出|强调|要求|认为|提出|明确|希望|号召|肯定|提醒)了?[,:]?"
)
_BARE_REMARKS = ("指出", "强调", "要求")
# Points under a decision or requirement: (一)… 1.… 一是…
_SUB_POINT = re.compile(r"\s*(?:\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、](?!\d)|[一二三四五六七八九十]{1,3}是)")
_OTHER_MATTERS = re.compile(r"^(?:其他|其它)(?:有关|相关)?(?:事项|事宜|议题|工作|问题)?$")
# "研究了以下事项：" announces the items that follow; it is none itself.
_ANNOUNCEMENT = re.compile(r"^(?:以下|如下|下列|这些|几项|[一二三四五六七八九十两]+项)(?:事项|事宜|议题|工作|问题)?$")
_SPONSOR_MARK = re.compile(
    r"(?:提出|提交|报送|送审|起草|拟定|拟订|制定|制订|编制|上报|呈报|报来|草拟|代拟|提报|报审|申报|提请(?:审议)?|"
    r"报请(?:审议)?|汇报)的|关于|的(?:工作)?(?:汇报|报告|请示)"
)
_SPONSOR_BRACKET = re.compile(r"\((?P<d>[^()]{2,40}?)(?:提交|提出|汇报|报送|起草)?\)")
# 由区应急管理局负责同志作汇报 / 由区财政局汇报: the reporter named after the matter.
_REPORTED_BY = re.compile(r"由(?P<d>[^,;。由]{2,30}?)(?:(?:主要)?负责(?:同志|人))?(?:作|进行)?(?:汇报|说明|介绍)")
_REPORT_TITLE = re.compile(r"(?:汇报|报告)$")
_SPONSOR_LABEL = re.compile(r"(?:提交|汇报|提请|报送|起草|承办|主办|提案|报告)(?:单位|部门|机关)\s*:\s*(?P<d>[^\n。;]+)")
# What may stand between a sponsor and the marker: 区财政局所作的, 区财政局主要负责同志关于….
_SPONSOR_TAIL = re.compile(r"(?:(?:主要)?负责(?:同志|人)|所作|作|的|联合|共同|牵头|会同有关部门)+$")
# Words before a sponsor; 研究 only as a verb, not as in 研究室.
_SPONSOR_LEFT = re.compile(r"同意|通过|批准|审议|听取|研究(?![室院所中会])|讨论|审定|由|了|并|[,:;。《》]")
_FOLLOW_UP_AFTER = re.compile(r"(?:完善|修改|修订|调整|把关|审核|审定)后[,]?(?P<f>[^,。;]+)$")
_FOLLOW_UP_DIRECT = re.compile(r"(?:原则上?)?(?:同意|通过)(?P<f>(?:印发|组织|抓紧|按程序|提请|报请)[^,。;]*)$")
_FOLLOW_UP_VERB = re.compile(r"(?:提请|报请|按程序报|报送|印发|组织实施|抓紧实施|执行|签约|发布|公布|施行|报区|报市|报县)")

# Closing sentences that end a report without being an item (会议还研究了其他事项 / …参加会议).
CLOSER = re.compile(r"(?:其他|其它)(?:有关|相关)?(?:事项|事宜|议题)|(?:出席|参加|列席)了?(?:会议|本次会议)$")

HEADING_STYLES = (
    re.compile(r"[ \t]*(?P<num>[一二三四五六七八九十]{1,3})、"),
    re.compile(r"[ \t]*\((?P<num>[一二三四五六七八九十]{1,3})\)"),
    re.compile(r"[ \t]*(?P<num>\d{1,2})[、.](?!\d)"),
    re.compile(r"[ \t]*议题(?P<num>[一二三四五六七八九十]{1,3})[:、.]?"),
)
# Parts of 市政會議 minutes (壹、宣讀…紀錄 / 貳、討論事項 / 參、報告事項), numbered with the formal numerals.
SECTION = re.compile(r"[ \t]*(?P<num>[壹贰叁参肆伍陆柒捌玖拾]{1,2})、")
_SECTION_OF_ITEMS = re.compile(r"(?P<act>[\u4e00-\u9fff]{2,4}?)(?:事项|案件|提案|案)$|(?P<motion>临时动议|临时提案)$")
# A case of a council's agenda: "第一案" on its line, then 提案單位 / 案由 / 說明 / 決議.
_CASE = re.compile(r"[ \t]*第[一二三四五六七八九十\d]{1,3}案\s*(?:$|\n)")
_CASE_REASON = re.compile(r"(?m)^[ \t]*案\s*由\s*:\s*")
# A ruling under an item: 決議：本案通過, 主席裁示：同意備查, 结论：….
_RULING = re.compile(r"(?P<kind>决议|决定|主席裁示|裁示|结论)\s*:\s*")


# ---- agenda items ------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    start: int
    actions: list[str]
    title: Span | None
    n: int | None = None
    decision: Span | None = None
    decision_kind: str | None = None
    decision_from_verb: bool = False  # only "审议通过" was said, no decision sentence (yet)
    remarks: list[tuple[str, Span]] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)  # sentences that may name the sponsor
    end: int = 0


@dataclass
class _Scan:
    """State while reading sentences: the current item and what the last sentence was."""

    drafts: list[_Draft] = field(default_factory=list)
    current: _Draft | None = None
    open: str | None = None  # "decision" or "remark" when the last sentence was one


def item_at(page: Page, a: int, b: int, heading: bool) -> re.Match[str] | None:
    m = _ITEM_START.match(page.p, a, b)
    if not m or not (heading or m.group("subj") or m.group("le") or m.group("ord")):
        return None
    return m


def _decision_at(page: Page, a: int, b: int, bare: bool) -> re.Match[str] | None:
    m = _DECISION_START.match(page.p, a, b)
    if not m or not (m.group("pre") or m.group("verb")):
        return None
    verb = m.group("verb") or ""
    if m.group("subj") or m.group("pre") or (bare and re.match(r"一致|原则|同意|批准", verb)):
        return m
    return None


def _remark_at(page: Page, a: int, b: int, bare: bool) -> re.Match[str] | None:
    m = _REMARK_START.match(page.p, a, b)
    if not m or not (m.group("subj") or (bare and m.group("kind") in _BARE_REMARKS)):
        return None
    return m


def _new_draft(page: Page, m: re.Match[str], end: int) -> _Draft | None:
    title = page.trim(m.end(), end)
    text = page.p[title[0]: title[1]].rstrip("。")
    if not text or text.startswith("的"):
        return None
    actions = _actions(page, m.start("acts"), m.end("acts"))
    actions += [page.cut(x.start("act"), x.end("act")) for x in _MORE_ACTIONS.finditer(page.p, *title)]
    draft = _Draft(start=m.start(), actions=actions, title=(title[0], title[0] + len(text)))
    if m.group("dec"):
        _decision_from_verb(page, draft, m)
    draft.evidence.append((m.start(), end))
    return draft


def _actions(page: Page, a: int, b: int) -> list[str]:
    """The verbs as written: 听取并审议 is two (听取, 审议), 传达学习 or 研究审议 one."""
    cuts = [a] + [x.end() for x in _ACTION_SEPARATOR.finditer(page.p, a, b)]
    ends = [x.start() for x in _ACTION_SEPARATOR.finditer(page.p, a, b)] + [b]
    return [page.cut(x, y) for x, y in zip(cuts, ends) if x < y]


def _decision_from_verb(page: Page, draft: _Draft, m: re.Match[str]) -> None:
    """审议并原则通过了《…》: the decision is the verb itself (原则通过)."""
    draft.decision = (m.start("dec") + m.group("dec").startswith("并"), m.end("dec"))
    draft.decision_kind = page.text(draft.decision)
    draft.decision_from_verb = True


def _set_decision(page: Page, draft: _Draft, m: re.Match[str], end: int) -> None:
    if draft.decision and not draft.decision_from_verb:
        return  # the first decision sentence of an item is its decision
    start = m.end("subj") if m.group("subj") else m.start()
    draft.decision = page.trim(start, end)
    kind = (m.start("verb"), m.end("verb")) if m.group("verb") else (m.start("pre"), m.end("pre"))
    draft.decision_kind = page.text(kind).rstrip(",:，：") or None
    draft.decision_from_verb = False
    draft.evidence.append(draft.decision)


@dataclass
class _InSentence:
    """What one sentence has done so far, while its clauses are read."""

    opened: _Draft | None = None  # the item this sentence began
    began: bool = False  # an agenda verb was read (an item's or its body's)
    consumed: int = 0  # clauses read already as part of a list of submissions
    off: bool = False  # the clause before was a bare 会前: this one is off the agenda too


def _read_sentence(page: Page, scan: _Scan, sent: Span, items_allowed: bool, lead: bool = False) -> None:
    """One sentence: a new item, a decision or a remark for the current item, or neither.

    `lead` marks the sentence right after the convening one, whose clauses may open items with a bare
    verb ("…主持召开区政府第1次全体会议。传达学习…精神，讨论修改《…》，安排部署当前各项工作。").
    """
    if _continues(page, scan, sent):
        return
    clauses = split_clauses(page, *sent)
    # only a bare verb goes on the convening sentence: 会议… starts anew
    lead = lead and bool(clauses) and bool(_ITEM_START.match(page.p, *clauses[0])) and not item_at(
        page, *clauses[0], heading=False)
    st = _InSentence()
    for i, (a, b) in enumerate(clauses):
        if a >= b or i < st.consumed or _off_agenda(page, scan, st, i, (a, b)):
            continue
        if st.opened is not None and st.opened is scan.current and _separator_before(page, a) == "," and (
                _lists_on(page, st.opened, a, b)):
            continue
        if _remark_or_decision(page, scan, st, clauses, i, sent[1], items_allowed):
            return
        # parallel items: "会议传达学习了《甲》；传达学习《乙》；以及《丙》"
        parallel = lead or (st.opened is not None and _separator_before(page, a) == ";")
        _item_clause(page, scan, st, clauses, i, items_allowed, parallel)
    scan.open = None


def _off_agenda(page: Page, scan: _Scan, st: _InSentence, i: int, clause: Span) -> bool:
    """会前学习了《…》，讨论了《…》: only what 会前 governs is off the agenda."""
    m = None if st.off else _OFF_AGENDA.match(page.p, *clause)
    if not st.off and m is None:
        return False
    st.off = m is not None and m.end() >= clause[1]  # a bare "会前，" governs the next clause
    scan.current = None if i == 0 else scan.current
    return True


def _remark_or_decision(page: Page, scan: _Scan, st: _InSentence, clauses: list[Span], i: int, end: int,
                        items_allowed: bool) -> bool:
    """A remark or a decision at clause i, which then runs to the end of the sentence."""
    a, b = clauses[i]
    remark = _remark_at(page, a, b, bare=i == 0)
    if remark:
        _add_remark(page, scan, remark, end)
        return True
    decision = _decision_at(page, a, b, bare=i == 0 or st.began)
    if not decision:
        return False
    later = next((c for c in clauses[i + 1:] if _remark_at(page, *c, bare=False)), None)
    _attach_decision(page, scan, decision, later[0] if later else end, items_allowed)
    scan.open = "decision"
    remark = _remark_at(page, *later, bare=False) if later else None
    if remark:  # 原则同意…，会议要求，…: the decision ends where the remark begins
        _add_remark(page, scan, remark, end)
    return True


def _item_clause(page: Page, scan: _Scan, st: _InSentence, clauses: list[Span], i: int, items_allowed: bool,
                 parallel: bool) -> None:
    """Clause i as an agenda item, the item's decision in passing, or the verb an item's body supplies."""
    a, b = clauses[i]
    start = item_at(page, a, b, heading=parallel)
    if start is None:
        if st.opened is not None and scan.current and _decided_in_passing(page, scan.current, a, b):
            return
        if parallel and st.opened is not None and items_allowed and _also_item(page, scan, st.opened, a, b):
            st.opened = scan.current
        return
    st.began = True
    listed = _submissions(page, start, clauses[i:]) if items_allowed else []
    if listed:
        scan.drafts += listed
        scan.current = st.opened = listed[-1]
        st.consumed = i + len({d.evidence[0] for d in listed})
    elif items_allowed:
        _begin_item(page, scan, start, b)
        st.opened = scan.current if scan.current is not None else st.opened
    elif scan.current:
        _complete_from_body(page, scan.current, start, (a, b))


def _submissions(page: Page, m: re.Match[str], clauses: list[Span]) -> list[_Draft]:
    """"会议审议了甲局送审的《一》《二》，乙局送审的《三》…等议题": one item per document, each with its
    sponsor, when at least two clauses each name who submitted what."""
    parts = [(m.end(), clauses[0][1])]
    for a, b in clauses[1:]:
        if not _SUBMISSION.match(page.p, a, b):
            break
        parts.append((a, b))
    if len(parts) < 2 or not all(_submitted_by(page, a, b) for a, b in parts):
        return []
    actions = _actions(page, m.start("acts"), m.end("acts"))
    drafts = []
    for a, b in parts:
        for doc in _top_level_brackets(page, a, b):
            drafts.append(_Draft(start=doc[0] if drafts else m.start(), actions=list(actions), title=doc,
                                 evidence=[(a, b)]))
    return drafts


def _submitted_by(page: Page, a: int, b: int) -> bool:
    sub = _SUBMISSION.match(page.p, a, b)
    return sub is not None and bool(split_orgs(sub.group("org")) or _org_of_reporter(page, *sub.span("org")))


def _top_level_brackets(page: Page, a: int, b: int) -> list[Span]:
    """The 《…》 titles of a clause, brackets included, nested ones inside their parent."""
    found, depth, start = [], 0, a
    for i in range(a, b):
        if page.p[i] == "《":
            start = i if depth == 0 else start
            depth += 1
        elif page.p[i] == "》" and depth:
            depth -= 1
            if depth == 0:
                found.append((start, i + 1))
    return found


def _separator_before(page: Page, a: int) -> str:
    while a > 0 and page.p[a - 1] in " \t":
        a -= 1
    return page.p[a - 1] if a > 0 else ""


def _lists_on(page: Page, draft: _Draft, a: int, b: int) -> bool:
    """"会议传达了甲会议精神，乙会议精神，丙讲话精神": a clause that goes on listing what was read."""
    if draft.title is None or draft.title[1] > a or not _LISTED_MATTER.search(page.p, *draft.title):
        return False
    text = page.p[a:b].rstrip("。")
    if not _LISTED_MATTER.search(text) or item_at(page, a, b, heading=True):
        return False
    if _remark_at(page, a, b, bare=True):
        return False
    draft.title = (draft.title[0], a + len(text))
    return True


def _decided_in_passing(page: Page, draft: _Draft, a: int, b: int) -> bool:
    """"会议传达学习了…精神，研究并原则通过我市贯彻落实意见": the item's decision in a later clause."""
    m = _ITEM_START.match(page.p, a, b)
    if not m or not m.group("dec") or draft.decision is not None:
        return False
    draft.decision = page.trim(m.start(), b)
    draft.decision_kind = page.text((m.start("dec") + m.group("dec").startswith("并"), m.end("dec")))
    draft.evidence.append(draft.decision)
    return True


def _also_item(page: Page, scan: _Scan, opened: _Draft, a: int, b: int) -> bool:
    """"…；以及《丙》文件精神": one more item of the same kind as the one before it."""
    m = re.match(r"(?:以及|还有|另)", page.p[a:b])
    if not m or "《" not in page.p[a:b]:
        return False
    title = page.trim(a + m.end(), b)
    draft = _Draft(start=a, actions=list(opened.actions), title=title, evidence=[(a, b)])
    scan.drafts.append(draft)
    scan.current = draft
    return True


def _add_remark(page: Page, scan: _Scan, m: re.Match[str], end: int) -> None:
    if scan.current:
        kind = page.text((m.start("kind"), m.end("kind")))
        scan.current.remarks.append((kind, _after_punct(page, m.end(), end)))
    scan.open = "remark"


def _continues(page: Page, scan: _Scan, sent: Span) -> bool:
    """Whether a sentence carries on the decision or remark before it, and extend that if so.

    "会议强调，…。要…。要…。" is one remark; "会议决定：" is followed by its numbered points.
    """
    draft = scan.current
    if draft is None or scan.open is None:
        return False
    last = draft.decision if scan.open == "decision" else (draft.remarks[-1][1] if draft.remarks else None)
    if last is None or last[1] > sent[0]:
        return False
    gap, text, before = page.p[last[1]: sent[0]], page.p[sent[0]: sent[1]], page.p[last[0]: last[1]].rstrip()
    # a list is open after "会议决定：" and stays open while point follows point, line after line
    listed = bool(_SUB_POINT.match(text)) and (before.endswith(":") or "\n" in before)
    same_line = scan.open == "remark" and "\n" not in gap and not _starts_anything(page, sent)
    if not listed and not same_line:
        return False
    if scan.open == "decision":
        draft.decision = (last[0], sent[1])
    else:
        draft.remarks[-1] = (draft.remarks[-1][0], (last[0], sent[1]))
    return True


def _starts_anything(page: Page, sent: Span) -> bool:
    a, b = split_clauses(page, *sent)[0]
    return bool(_remark_at(page, a, b, bare=True) or _decision_at(page, a, b, bare=True)
                or item_at(page, a, b, heading=False))


def _complete_from_body(page: Page, draft: _Draft, m: re.Match[str], clause: Span) -> None:
    """Inside a numbered item, "会议听取了…" supplies the verb a 关于… heading lacks, and
    "会议讨论并原则通过了该细则" the decision."""
    if not draft.actions:
        draft.actions = _actions(page, m.start("acts"), m.end("acts"))
        draft.evidence.append(clause)
    elif not _sponsors(page, [s for s in (draft.title, *draft.evidence) if s], (draft.start, draft.start)):
        # 一、研究《…办法》 … 会议听取了县水利局关于…的汇报: the body names whom the heading does not
        draft.evidence.append(clause)
    if m.group("dec") and draft.decision is None:
        _decision_from_verb(page, draft, m)


def _after_punct(page: Page, a: int, b: int) -> Span:
    while a < b and page.p[a] in ",:; \t":
        a += 1
    return page.trim(a, b)


def _attach_decision(page: Page, scan: _Scan, m: re.Match[str], end: int, items_allowed: bool) -> None:
    current = scan.current
    decided = current is not None and current.decision is not None and not current.decision_from_verb
    if (current is None or decided or _names_another_document(page, current, m, end)) and items_allowed:
        # a decision with no undecided item before it is an item of its own: 会议同意《…》。
        head = _after_punct(page, m.end(), end)
        verb = re.match(r"(?:(?:一致)?(?:原则上?)?(?:同意|通过|批准))?了?", page.p[head[0]: head[1]])
        first = split_clauses(page, head[0] + (verb.end() if verb else 0), head[1])[0]
        scan.current = _Draft(start=m.start(), actions=[], title=first)
        scan.drafts.append(scan.current)
    if scan.current:
        _set_decision(page, scan.current, m, end)


def _names_another_document(page: Page, draft: _Draft, m: re.Match[str], end: int) -> bool:
    """会议审议了《甲办法》。会议原则通过了《乙方案》: a decision on another document than the item's own.

    Only when the item named documents of its own; "《甲办法（修改稿）》" is still 《甲办法》.
    """
    decided = _documents(page, (m.end(), end))
    own = [d for s in (draft.title, *draft.evidence) if s for d in _documents(page, s)]
    if not decided or not own:
        return False
    doc = decided[0]
    return not any(d in doc or doc in d or d[:6] == doc[:6] for d in own)


def _begin_item(page: Page, scan: _Scan, m: re.Match[str], end: int) -> None:
    text = page.p[m.end(): end].strip().rstrip("。")
    if _OTHER_MATTERS.match(text):
        scan.current = None  # 会议还研究了其他事项: closes the previous item, opens none
        return
    if _ANNOUNCEMENT.match(text):
        return
    draft = _new_draft(page, m, end)
    if draft:
        scan.drafts.append(draft)
        scan.current = draft


def news_items(page: Page, region: Span, masks: list[Span], conv: Span | None = None) -> list[_Draft]:
    """Items of unnumbered minutes and reports; each reaches to the next item, block or closing line.

    An item whose own paragraph already says what the meeting stressed or decided ends with that
    paragraph when the next one opens with 会议要求/强调/指出 of its own.
    """
    scan = _Scan()
    # a bare line of names (副县长甲、乙) ends the text before it, as an attendee block does
    stops = [a for a, _ in masks] + [a for a, b in page.lines(*region) if _names_only(page, a, b)]
    lead_at = None
    for sent in split_sentences(page, *region):
        if masked(sent, masks):
            continue
        if CLOSER.search(page.p[sent[0]: sent[1]]):
            stops.append(sent[0])
        if conv and sent[0] >= conv[1] and lead_at is None:
            lead_at = sent[0]
        known = len(scan.drafts)
        _read_sentence(page, scan, sent, items_allowed=True, lead=sent[0] == lead_at)
        if len(scan.drafts) == known and _paragraph_opens_with_remark(page, sent):
            stops += [sent[0]] if scan.current and _said_already(scan.current, sent[0]) else []
    starts = [d.start for d in scan.drafts]
    for i, draft in enumerate(scan.drafts):
        draft.end = min([*starts[i + 1:], *(s for s in stops if s > draft.start), region[1]])
    return scan.drafts


def _names_only(page: Page, a: int, b: int) -> bool:
    if "。" in page.p[a:b] or not page.p[a:b].strip():
        return False
    found = people.people_in_list(page.p[a:b])
    names = [re.sub(r"\s", "", page.p[a + x: a + y]) for x, y in found or []]
    # one bare word (会议要求, 附件) is no list of names: two names, or a title before the name
    titled = len(names) == 1 and re.sub(r"\s", "", page.p[a:b]) != names[0]
    return (len(names) >= 2 or titled) and all(people.is_name(name) for name in names)


def _paragraph_opens_with_remark(page: Page, sent: Span) -> bool:
    at_line_start = sent[0] == 0 or page.p[: sent[0]].rstrip(" \t").endswith("\n")
    return at_line_start and bool(_remark_at(page, *split_clauses(page, *sent)[0], bare=False))


def _said_already(draft: _Draft, before: int) -> bool:
    """Whether the draft had a remark or decision before `before` (so the next paragraph is another block)."""
    return any(span[0] < before and span != draft.remarks[-1][1] for _, span in draft.remarks) or bool(
        draft.decision and draft.decision[1] <= before and not draft.decision_from_verb)


def numbered_items(page: Page, region: Span, masks: list[Span]) -> list[_Draft]:
    for style in HEADING_STYLES:
        headings = [(ln, m) for ln in page.lines(*region) if (m := style.match(page.p, *ln))
                    and not masked(ln, masks) and not _in_a_list(page, ln[0])]
        starts = [ln[0] for ln, _ in headings]
        ends = [min([*starts[i + 1:], *(a for a, _ in masks if a > ln[0]), region[1]])
                for i, (ln, _) in enumerate(headings)]
        found = [_heading_item(page, ln, m, end, lenient=False) for (ln, m), end in zip(headings, ends)]
        if sum(d is not None for d in found) * 2 >= len(headings) > 0:
            # most headings read as agenda items: the others (一、2024年重大项目计划) are items too
            found = [d or _heading_item(page, ln, m, end, lenient=True)
                     for d, (ln, m), end in zip(found, headings, ends)]
            return [d for d in found if d]
        if any(found):
            return [d for d in found if d]
    return []


def sectioned_items(page: Page, region: Span, masks: list[Span]) -> list[_Draft]:
    """市政會議 minutes in parts: a part is an item itself (壹、宣讀上次會議紀錄) or holds numbered items
    under its kind (貳、討論事項 / 一、…案。(地政局) / 決議：本案通過); opening, awards and the like are
    not items."""
    sections = [(ln, m) for ln in page.lines(*region)
                if (m := SECTION.match(page.p, *ln)) and not masked(ln, masks)]
    if len(sections) < 2:
        return []
    drafts: list[_Draft] = []
    for k, (line, m) in enumerate(sections):
        end = sections[k + 1][0][0] if k + 1 < len(sections) else region[1]
        end = min([end, *(a for a, _ in masks if a > line[0])])
        head = page.trim(m.end(), line[1])
        kind = _SECTION_OF_ITEMS.match(page.p[head[0]: head[1]].rstrip("。"))
        if kind:
            which = "act" if kind.group("act") else "motion"
            action = page.cut(head[0] + kind.start(which), head[0] + kind.end(which))
            drafts += _items_of_section(page, (line[1], end), action)
        elif (verb := item_at(page, *head, heading=True)) is not None:
            draft = _new_draft(page, verb, head[1])
            if draft:
                draft.end = end
                _ruling(page, draft, line[1], end)
                drafts.append(draft)
    return drafts


def _items_of_section(page: Page, span: Span, action: str) -> list[_Draft]:
    """The items of one part: "一、…案。(地政局)" headings, "第一案" blocks with 提案單位/案由/決議 lines,
    or the part's one line when it numbers nothing."""
    cases = [(ln, m) for ln in page.lines(*span) if (m := _CASE.match(page.p, *ln))]
    if cases:
        return [d for k, (line, _) in enumerate(cases)
                if (d := _case(page, line[0], cases[k + 1][0][0] if k + 1 < len(cases) else span[1], action))]
    heads = _section_headings(page, span)
    drafts = []
    for k, (line, at) in enumerate(heads):
        end = heads[k + 1][0][0] if k + 1 < len(heads) else span[1]
        first = split_sentences(page, at, line[1])
        if not first:
            continue
        title = first[0]
        text = page.p[title[0]: title[1]].rstrip("。")
        drafts.append(_Draft(start=line[0], actions=[action], title=(title[0], title[0] + len(text)), end=end,
                             evidence=[(title[0], line[1])]))
        _ruling(page, drafts[-1], title[1], end)
    return drafts  # numbered within each part (n None): the meeting's own order numbers them


def _section_headings(page: Page, span: Span) -> list[tuple[Span, int]]:
    """The item lines of a part and where each one's text starts (after 一、, (一), 1.)."""
    lines = [ln for ln in page.lines(*span) if page.p[ln[0]: ln[1]].strip()]
    for style in HEADING_STYLES:
        found = [(ln, m.end()) for ln in lines if (m := style.match(page.p, *ln))]
        if found:
            return found
    if lines and not _RULING.match(page.p, *page.trim(*lines[0])):
        return [(lines[0], page.trim(*lines[0])[0])]
    return []


def _case(page: Page, a: int, b: int, action: str) -> _Draft | None:
    """第一案 / 提案單位：財政局 / 案由：…，提請討論。 / 決議：照案通過。"""
    reason = _CASE_REASON.search(page.p, a, b)
    if not reason:
        return None
    line_end = page.p.find("\n", reason.end(), b)
    title = page.trim(reason.end(), b if line_end < 0 else line_end)
    text = re.sub(r"[,，]?(?:提请|敬请|请)(?:讨论|审议|核议|公决)。?$|。$", "", page.p[title[0]: title[1]])
    draft = _Draft(start=a, actions=[action], title=(title[0], title[0] + len(text)), end=b, evidence=[])
    _ruling(page, draft, title[1], b)
    return draft


def _ruling(page: Page, draft: _Draft, a: int, b: int) -> None:
    m = _RULING.search(page.p, a, b)
    if m:
        draft.decision = page.trim(m.end(), b)
        draft.decision_kind = page.text((m.start("kind"), m.end("kind")))


def _sponsor_first(page: Page, head: Span) -> bool:
    """A heading that opens with its sponsor: 区财政局关于…的汇报, 区商务局提交的《…》."""
    m = _SPONSOR_MARK.search(page.p, *head)
    return m is not None and bool(split_orgs(page.p[head[0]: m.start()]))


def _in_a_list(page: Page, start: int) -> bool:
    """A numbered line after "会议要求：" enumerates requirements, not agenda items."""
    for line in reversed(page.p[:start].rstrip().split("\n")):
        line = line.strip()
        if not line or any(style.match(line) for style in HEADING_STYLES):
            continue  # an earlier line of the same list
        return line.endswith(":") and bool(_REMARK_START.match(line))
    return False


def _heading_item(page: Page, line: Span, num: re.Match[str], end: int, lenient: bool) -> _Draft | None:
    """One numbered item: its heading sentence, then the sentences up to the next heading.

    A heading is an item when it opens with a verb (会议审议了…), 关于, 《 or its sponsor, or with the
    decision itself (一、原则同意县财政局提出的《…》，由…印发); `lenient` takes any heading but 其他事项,
    once most headings of the page have shown they are items.
    """
    first = split_sentences(page, num.end(), line[1])
    if not first:
        return None
    head = first[0]
    clauses = split_clauses(page, *head)
    m = item_at(page, *clauses[0], heading=True)
    text = page.p[head[0]: head[1]].rstrip("。")
    decided = None if m else _decision_at(page, *clauses[0], bare=True)
    if m:
        draft = _new_draft(page, m, clauses[0][1])
    elif decided and decided.group("verb"):
        draft = _Draft(start=head[0], actions=[], title=page.trim(decided.end("verb"), clauses[0][1]))
        _set_decision(page, draft, decided, head[0] + len(text))
    elif re.match(r"关于|《", text) or _sponsor_first(page, head) or (
            lenient and not _OTHER_MATTERS.match(text)):
        draft = _Draft(start=head[0], actions=[], title=(head[0], head[0] + len(text)))
    else:
        return None
    if draft is None:
        return None
    draft.n = cn_to_int(num.group("num"))
    draft.end = end
    scan = _Scan(drafts=[draft], current=draft)
    rest = [(clauses[1][0], head[1])] if len(clauses) > 1 else []
    for sent in rest + split_sentences(page, head[1], draft.end):
        _read_sentence(page, scan, sent, items_allowed=False)
    return draft


# ---- items: the finished fields ----------------------------------------------------------------------------


def _documents(page: Page, span: Span) -> list[str]:
    docs, depth, start = [], 0, 0
    for i in range(*span):
        c = page.p[i]
        if c == "《":
            depth += 1
            start = i + 1 if depth == 1 else start
        elif c == "》" and depth:
            depth -= 1
            if depth == 0 and i > start:
                docs.append(page.cut(start, i))
    return docs


def _sponsors(page: Page, spans: list[Span], extent: Span) -> list[str]:
    """Who proposed the item: 区XX局提出的…, 由区XX局提交的…, 区XX局关于…的汇报, (区XX局), 汇报单位：区XX局."""
    found: list[str] = []
    for a, b in spans:
        for mark in _SPONSOR_MARK.finditer(page.p, a, b):
            found += _departments_before(page, a, mark.start())
        for m in _SPONSOR_BRACKET.finditer(page.p, a, b):
            found += _orgs_as_written(page, *page.trim(m.start("d"), m.end("d")))
    for m in _SPONSOR_LABEL.finditer(page.p, *extent):
        found += _orgs_as_written(page, *page.trim(m.start("d"), m.end("d")))
    if spans and spans[0] and _REPORT_TITLE.search(page.p, *spans[0]):
        found += _org_opening(page, *spans[0])  # 县财政局2023年预算执行情况汇报
    stop = page.p.find("。", extent[0], extent[1])  # who reported is said in the item's first sentence
    for m in _REPORTED_BY.finditer(page.p, extent[0], extent[1] if stop < 0 else stop):
        found += _orgs_as_written(page, *m.span("d")) or _org_of_reporter(page, *m.span("d"))
    return _unique_departments(found)


def _org_opening(page: Page, a: int, b: int) -> list[str]:
    """The department a title opens with, if it does (区财政局2023年预算执行情况汇报 → 区财政局)."""
    spans = org_spans(page.p[a:b])
    return [page.cut(a, a + spans[0][1])] if spans and spans[0][0] == 0 else []


def _orgs_as_written(page: Page, a: int, b: int) -> list[str]:
    """`split_orgs` on the parse copy, each name cut from the page as it shows it."""
    names = split_orgs(page.p[a:b]) or []
    out, at = [], a
    for name in names:
        start = page.p.find(name, at, b)
        if start < 0:
            return []
        out.append(page.cut(start, start + len(name)))
        at = start + len(name)
    return out


def _unique_departments(names: list[str]) -> list[str]:
    keys: set[str] = set()
    out = []
    for name in names:
        if org_key(name) not in keys:
            keys.add(org_key(name))
            out.append(name)
    return out


def _departments_before(page: Page, a: int, end: int) -> list[str]:
    """The departments named just before a marker (…提出的, …关于), as written, or none.

    What may stand between the department and the marker: 主要负责同志, 所作, or the person who
    reported with title and name (区财政局局长王某同志关于…).
    """
    lefts = [m.end() for m in _SPONSOR_LEFT.finditer(page.p, a, end)]
    start, end = page.trim(max(lefts) if lefts else a, end)
    tail = _SPONSOR_TAIL.search(page.p, start, end)
    end = tail.start() if tail and tail.start() > start else end
    if start >= end:
        return []
    for cut in [start] + [m.end() for m in re.finditer(r"[、和及与]", page.p[start:end])]:
        at = cut if cut == start else start + cut
        names = _orgs_as_written(page, at, end) or _org_of_reporter(page, at, end)
        if names:
            return names
    return []


def _org_of_reporter(page: Page, a: int, b: int) -> list[str]:
    """区财政局局长王某同志 → 区财政局: a department followed by one of its people."""
    for k in range(a + 2, b - 1):  # the shortest department: 区财政局|局长王某, not 区财政局局|长王某
        if people.person_in(page.p[k:b]) and (names := _orgs_as_written(page, a, k)):
            return names
    return []


def _follow_up(page: Page, decision: Span) -> str | None:
    """Where the matter goes next: the clause after 修改完善后, or a last clause like 印发实施."""
    a, b = decision
    text = page.p[a:b].rstrip("。")
    m = _FOLLOW_UP_AFTER.search(text)
    if m:
        return page.text((a + m.start("f"), a + m.end("f")))
    cut = text.rfind(",")
    if cut >= 0 and _FOLLOW_UP_VERB.search(text, cut):
        return page.text((a + cut + 1, a + len(text)))
    m = _FOLLOW_UP_DIRECT.match(text)  # 同意印发实施
    return page.text((a + m.start("f"), a + m.end("f"))) if m else None


def finish(page: Page, draft: _Draft, n: int) -> AgendaItem:
    title = page.text(draft.title) if draft.title else ""
    decision = page.text(draft.decision).rstrip("。,;:，；：") if draft.decision else None
    docs = _documents(page, draft.title) if draft.title else []
    if not docs and draft.decision:
        docs = _documents(page, draft.decision)
    heard = [a for a in draft.actions if fold(a) == "听取"]
    kind = draft.decision_kind or (heard[0] if heard and not decision else None)  # heard only: 听取
    return AgendaItem(
        n=draft.n or n,
        actions=draft.actions,
        title=title,
        documents=docs,
        sponsors=_sponsors(page, [s for s in (draft.title, *draft.evidence) if s], (draft.start, draft.end)),
        decision=decision,
        decision_kind=kind,
        follow_up=_follow_up(page, draft.decision) if draft.decision else None,
        remarks=[_remark(page, kind_, span) for kind_, span in draft.remarks],
        span=(draft.start, draft.end),
    )


def _remark(page: Page, kind: str, span: Span) -> Remark:
    text = page.text(span)
    return Remark(kind=kind, text=text, departments=find_orgs(text))
