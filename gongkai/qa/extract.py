"""Candidate answer spans of each kind, found in a passage by the forms government pages use.

Each extractor reads a passage's normalized text and yields `Candidate`s whose offsets index it;
the span's published text is cut from the passage, so answers keep the page's own characters.
`relation` says what the surrounding words make of a span (the chair of a meeting, the department
that submitted an item, the day a page was published), for the scorer to match with the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gongkai.qa import understand as u
from gongkai.qa.fields import FIELD_KIND
from gongkai.qa.passages import Passage

CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class Candidate:
    passage: Passage
    kind: str
    start: int  # in passage.norm
    end: int
    text: str  # as published
    relation: str | None = None
    unit: str | None = None
    strength: float = 1.0  # how surely the form makes the span an answer of this kind

    @property
    def norm(self) -> str:
        return self.passage.norm[self.start : self.end]


def candidates(passage: Passage, kinds: tuple[str, ...], role: str | None = None) -> list[Candidate]:
    """Every span of the wanted kinds in one passage."""
    if passage.kind == "field":
        return list(_field_candidates(passage, kinds))
    if passage.kind == "record":
        return list(_record_candidates(passage, kinds))
    found: list[Candidate] = []
    for kind in kinds:
        extractor = _EXTRACTORS.get(kind)
        if extractor is not None:
            found.extend(extractor(passage))
        if kind == u.PERSON and role:
            found.extend(_role_holders(passage, role))
    return found


def _make(p: Passage, kind: str, start: int, end: int, **extra: object) -> Candidate:
    return Candidate(passage=p, kind=kind, start=start, end=end, text=p.original(start, end).strip(), **extra)  # type: ignore[arg-type]


# --- catalog fields and structured records -------------------------------------------------------

_FIELD_RELATION = {
    "published": "publish",
    "created": "issue",
    "meeting_time": "meeting",
    "meeting_place": "meeting",
    "publisher": "publish",
}
_RECORD_KIND: dict[str, str] = {
    "chair": u.PERSON,
    "attendee": u.PERSON,
    "nonvoting": u.PERSON,
    "recorder": u.PERSON,
    "location": u.PLACE,
    "date": u.DATE,
    "meeting_no": u.ORDINAL,
    "sponsor": u.ORG,
    "responsible": u.ORG,
    "decision": u.DECISION,
    "document": u.TITLE,
    "next_step": u.NEXT_STEP,
}
_RECORD_RELATION = {"date": "meeting", "location": "meeting", "responsible": "responsible"}


def _field_candidates(p: Passage, kinds: tuple[str, ...]) -> Iterator[Candidate]:
    field = p.field or ""
    kind = FIELD_KIND.get(field, u.SPAN)
    start, end = p.value_at, len(p.norm)
    if kind == u.DATE:
        # "2020-10-10 19:48:26": the day is the answer, not the clock time
        m = _DATE.search(p.norm, start)
        if m is None:
            return
        start, end = m.start(), m.end()
    if kind in kinds:
        yield _make(p, kind, start, end, relation=_FIELD_RELATION.get(field, field), strength=1.0)


def _record_candidates(p: Passage, kinds: tuple[str, ...]) -> Iterator[Candidate]:
    record = p.record
    if record is None:
        return
    kind = _RECORD_KIND.get(record.relation, u.SPAN)
    if kind in kinds:
        start, end = p.value_at, p.value_at + len(record.value)
        if kind == u.DECISION:  # a decision clause: the answer is its verb, 原则同意 / 审议通过
            m = _DECISION.search(p.norm, start, end)
            start, end = (m.start(), m.end()) if m else (start, end)
        relation = _RECORD_RELATION.get(record.relation, record.relation)
        yield _make(p, kind, start, end, relation=relation, strength=1.0)


# --- dates, years, places ------------------------------------------------------------------------

_CN_DAY = "〇零一二三四五六七八九十"
_DATE = re.compile(
    rf"\d{{4}}年\d{{1,2}}月\d{{1,2}}[日号]|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|(?<![\d年])\d{{1,2}}月\d{{1,2}}[日号]"
    rf"|[〇零一二三四五六七八九]{{4}}年[{_CN_DAY}]{{1,2}}月[{_CN_DAY}]{{1,3}}日"
)
_MONTH = re.compile(r"\d{4}年\d{1,2}月(?!\d)")
_MEETING_AFTER = re.compile(r"召开|主持|举行|开会|会议")


# Deadlines that documents set without a calendar day: 年底前, 2025年底, 6月底前, 明年上半年, 三季度末.
_DEADLINE = re.compile(
    r"(?:(?:今|明|\d{4})年)?(?:年底|年末|年内|上半年|下半年|(?:第?[一二三四1-4]季度)末?)前?"
    r"|(?<![\d年月])(?:\d{4}年|今年|明年)?\d{1,2}月(?:底|末|中旬|上旬|下旬)前?"
    r"|\d{4}年底前?"
)


def _dates(p: Passage) -> Iterator[Candidate]:
    for m in _DATE.finditer(p.norm):
        after = p.norm[m.end() : m.end() + 40]
        relation = "meeting" if _MEETING_AFTER.search(after) else None
        yield _make(p, u.DATE, m.start(), m.end(), relation=relation)
    for m in _MONTH.finditer(p.norm):
        yield _make(p, u.DATE, m.start(), m.end(), strength=0.6)
    for m in _DEADLINE.finditer(p.norm):
        yield _make(p, u.DATE, m.start(), m.end(), strength=0.8)


_DATE_RANGE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日\s*(?:至|到|-|—|~)\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日"
    r"|\d{4}-\d{1,2}-\d{1,2}\s*(?:至|到|~)\s*\d{4}-\d{1,2}-\d{1,2}"
)
_YEARS = re.compile(r"(?<![\w/-])\d{4}\s*年?度?\s*(?:[-—–~～至到]|——)\s*\d{4}(?!\d)\s*年?度?")
_YEAR = re.compile(r"(?<!\d)\d{4}年度?")


def _years(p: Passage) -> Iterator[Candidate]:
    for m in _DATE_RANGE.finditer(p.norm):
        yield _make(p, u.YEARS, m.start(), m.end())
    for m in _YEARS.finditer(p.norm):
        yield _make(p, u.YEARS, m.start(), m.end())
    for m in _YEAR.finditer(p.norm):
        yield _make(p, u.YEARS, m.start(), m.end(), strength=0.5)


_PLACE_END = "会议室|会议厅|会议中心|会堂|礼堂|报告厅|多功能厅|大厅|会场|宾馆|酒店|大厦|广场|厅|室|楼|馆|中心"
_PLACE_CHARS = r"[^,，。;；:：\s在于《》“”()（）]"
# Where a meeting was held: "在区政府817会议室主持召开", "于3楼会议厅举行".
_MEETING_PLACE = re.compile(
    rf"(?:在|于)\s*({_PLACE_CHARS}{{2,30}}(?:{_PLACE_END}))\s*[,，]?\s*(?:主持|召开|举行|组织|开会|召集|集中|进行|开展)"
)
_ANY_PLACE = re.compile(rf"(?:在|于)\s*({_PLACE_CHARS}{{2,30}}?(?:{_PLACE_END}))(?!{_PLACE_CHARS}{{0,6}}(?:{_PLACE_END}))")


def _places(p: Passage) -> Iterator[Candidate]:
    meeting = [(m.start(1), m.end(1)) for m in _MEETING_PLACE.finditer(p.norm)]
    for start, end in meeting:
        yield _make(p, u.PLACE, start, end, relation="meeting")
    for m in _ANY_PLACE.finditer(p.norm):
        if (m.start(1), m.end(1)) not in meeting:
            yield _make(p, u.PLACE, m.start(1), m.end(1), strength=0.6)


# --- people --------------------------------------------------------------------------------------

_TITLES = (
    "秘书长|董事长|总经理|区长|县长|市长|镇长|乡长|州长|省长|局长|主任|主席|书记|部长|处长|科长|厅长|司长|院长|"
    "校长|常委|委员|组长|队长|所长|站长|主委|领导|顾问|参议"
)
# Characters that end a name: the verb or preposition that follows it in minutes.
_AFTER_NAME = set("在主出列参同等和与及为于作到向对讲说提任兼是的了,，、。;；:：")
# Characters no personal name is written with in these pages' prose.
_NOT_NAME = set("区县市省镇局委办部议府的了在和与及为于等主持出列席参加召开审通过要求指强调年月日号次届第会政对")
_BEFORE_NAME = rf"(?:(?:副)?(?:{_TITLES}))"
_PERSON_PATTERNS = (
    re.compile(rf"{_BEFORE_NAME}\s*([{CJK}]{{2,3}})"),
    re.compile(rf"(?:^|[\s,，、。;；:：])([{CJK}]{{2,3}})\s*同志"),
    re.compile(rf"(?:^|[\s,，、。;；:：])([{CJK}]{{2,3}})\s*{_BEFORE_NAME}(?=\s*(?:主持|出席|列席|参加|讲话|指出|强调|在))"),
    # Names listed before what they did: "，王喜峰、韩纬达和胡树杰参加会议".
    re.compile(rf"(?:^|[\s,，。;；:：])([{CJK}]{{2,3}})(?=(?:\s*[、和]\s*[{CJK}]{{2,3}})+\s*(?:等同志|同志|等)?(?:参加|出席|列席))"),
    # Records of meetings print roles as labels: "主席：黃啟明", "记录：李雅雯".
    re.compile(rf"(?:主持人|主席|记录人|记录员|记录)\s*[:：]\s*([{CJK}]{{2,3}})"),
)
_NAME_LIST = re.compile(rf"\s*[、和]\s*([{CJK}]{{2,3}})")


def _name_at(norm: str, start: int) -> int | None:
    """End of a 2- or 3-character name starting at `start`, or None when the characters run on.

    A name in minutes is followed by a verb, a title, a separator or a space; "区长江经济带" is a
    place name, not 区长 江经济.
    """
    end = start + 2
    if end < len(norm) and _runs_on(norm[end]):
        end += 1
    if end < len(norm) and _runs_on(norm[end]) and not norm.startswith(_TITLE_STARTS, end):
        return None
    name = norm[start:end]
    if len(name) < 2 or any(ch in _NOT_NAME for ch in name):
        return None
    return end


def _runs_on(ch: str) -> bool:
    return bool(re.match(rf"[{CJK}]", ch)) and ch not in _AFTER_NAME


_TITLE_STARTS = tuple(_TITLES.split("|")) + ("副", "同志")


def _people(p: Passage) -> Iterator[Candidate]:
    seen: set[int] = set()
    for pattern in _PERSON_PATTERNS:
        for m in pattern.finditer(p.norm):
            start = m.start(1)
            yield from _people_from(p, start, seen)


def _people_from(p: Passage, start: int, seen: set[int]) -> Iterator[Candidate]:
    """The name at `start` and any names listed after it with 、."""
    while start not in seen:
        end = _name_at(p.norm, start)
        if end is None:
            return
        seen.add(start)
        yield _make(p, u.PERSON, start, end, relation=_person_relation(p.norm, start, end))
        nxt = _NAME_LIST.match(p.norm, end)
        if not nxt:
            return
        start = nxt.start(1)


def _person_relation(norm: str, start: int, end: int) -> str | None:
    label = re.search(r"(主持人|主席|记录人|记录员|记录)\s*[:：]\s*$", norm[max(0, start - 8) : start])
    if label:
        return "recorder" if label.group(1).startswith("记录") else "chair"
    after = norm[end : end + 30]
    for relation, pattern in (("chair", r"^[^。;；]*?主持"), ("nonvoting", r"^[^。;；,，]*?列席"), ("attendee", r"^[^。;；,，]*?(?:出席|参加)")):
        if re.search(pattern, after):
            return relation
    return None


def _role_holders(p: Passage, role: str) -> Iterator[Candidate]:
    """The holder of a role named in the question: "教育局局长   林奕华", "县政协副主席曹凤娥", "胡永光区长"."""
    for m in re.finditer(re.escape(role), p.norm):
        before = re.search(rf"(?:^|[\s,，、。;；:：])([{CJK}]{{2,3}})$", p.norm[max(0, m.start() - 4) : m.start()])
        if before and _name_at(p.norm, m.start() - len(before.group(1))) == m.start():
            yield _make(p, u.PERSON, m.start() - len(before.group(1)), m.start(), relation="role", strength=1.0)
        at = m.end()
        while at < len(p.norm) and p.norm[at] in " \t\u3000:：":
            at += 1
        end = _name_at(p.norm, at) if at < len(p.norm) and re.match(rf"[{CJK}]", p.norm[at]) else None
        if end is not None:
            yield _make(p, u.PERSON, at, end, relation="role", strength=1.0)


# --- organisations -------------------------------------------------------------------------------

_ORG_END = (
    "管委会|委员会|办公室|协会|学会|商会|联合会|基金会|研究院|研究所|集团|公司|中心|大学|学院|学校|医院|银行|"
    "法院|检察院|人民政府|政府|办事处|街道|局|办|委|部|厅|处|科|组|队|所|站|馆|社"
)
# What may follow an organisation's name in a sentence of minutes or a report.
_ORG_FOLLOW = (
    r"(?=\s*(?:$|[,，。;；:：、)）》”\s]|提交|提出|报送|上报|起草|负责|牵头|要|的|和|与|及|会同|等|参加|出席|列席|"
    r"落户|主持|汇报|发布|作|在|联合|共同|分别|按|抓紧|进一步|积极|制定|拟定|承办|组织|做好|加强|根据|对))"
)
_ORG = re.compile(rf"(?:{_ORG_END}){_ORG_FOLLOW}")
# Words an organisation's name never starts after: the verb or preposition that governs it.
_ORG_ANCHORS = re.compile(
    r"(?:原则同意|同意|通过|听取|审议|研究|要求|指出|强调|会同|引入|引进|关于|会议|落户|支持|协调|帮助|督促|推动|"
    r"联合|成立|设立|组建|依托|委托|确定|明确|负责|牵头|配合|批准|授权|由|和|与|及|对|向|为|在|是|请|的|了|将|把|"
    r"并|从|以|按|报|其中|包括|以及|落实|围绕|公开|登录|反馈|贯彻|及时)$"
)
# Words that end like an organisation and are not one.
_NOT_ORG = re.compile(r"(?:大厅|之处|顶部|大局|干部|全局|内部|外部|全部|局部|本部|此处|好处|难处|各处|到处|布局|格局|结局|当局)$")
_GENERIC_ORG = re.compile(r"^(?:有关|相关|各|其他|其它|责任|牵头|上级|本级|所属|直属|下属|该|此|全|本|我|有|一)")
_SPONSOR = re.compile(
    r"(?:同意|通过|听取|审议|研究|批准|会议|由)\s*([^,，。;；《》“”]{2,60}?)\s*(?:提交|提出|报送|上报|起草|呈报|报请|汇报|制定|拟定|牵头起草)"
)
_RESPONSIBLE = (
    re.compile(r"由\s*([^,，。;；《》“”]{2,40}?)\s*(?:负责|牵头|承办|组织实施|落实|编制|制定|起草|印发|主办)"),
    re.compile(r"要求\s*[,，:：]?\s*([^,，。;；《》“”]{2,40}?)\s*(?:要|须|必须|应当|负责|牵头)"),
)


def _orgs(p: Passage) -> Iterator[Candidate]:
    for m in _SPONSOR.finditer(p.norm):
        yield from _org_slot(p, m.start(1), m.end(1), "sponsor")
    for pattern in _RESPONSIBLE:
        for m in pattern.finditer(p.norm):
            yield from _org_slot(p, m.start(1), m.end(1), "responsible")
    for m in _ORG.finditer(p.norm):
        start = _org_start(p.norm, m.end())
        if start is not None:
            yield _make(p, u.ORG, start, m.end(), strength=0.6)


_SLOT_LEAD = re.compile(r"(?:(?:原则上?)?同意|通过|听取了?|审议了?|研究了?|批准|会议|由|了|并|\s)+")


def _org_slot(p: Passage, start: int, end: int, relation: str) -> Iterator[Candidate]:
    """A slot that names one organisation or a 、-list of them."""
    lead = _SLOT_LEAD.match(p.norm, start, end)
    if lead:
        start = lead.end()
    slot = p.norm[start:end]
    if not re.search(rf"(?:{_ORG_END})$", slot) or _GENERIC_ORG.match(slot):
        return
    if re.search(r"[的了在和]|会议", slot.replace("、", "")) and "、" not in slot:
        return
    yield _make(p, u.ORG, start, end, relation=relation, strength=1.0)


def _org_start(norm: str, end: int) -> int | None:
    """Walk back from an organisation's last character to where its name begins."""
    start = end
    limit = max(0, end - 20)
    while start > limit:
        ch = norm[start - 1]
        if not re.match(rf"[{CJK}\w]", ch) or _ORG_ANCHORS.search(norm[limit : start]):
            break
        start -= 1
    name = norm[start:end]
    if len(name) < 3 or _GENERIC_ORG.match(name) or _NOT_ORG.search(name) or re.fullmatch(rf"(?:{_ORG_END})", name):
        return None
    return start


# --- numbers and codes ---------------------------------------------------------------------------

_UNITS = (
    "亿元|万元|千元|元|个百分点|人次|平方公里|平方米|公里|千米|万吨|吨|公顷|亩|千瓦|小时|个月|亿|万|条|场|件|份|个|位|人|"
    "次|家|项|起|宗|所|户|名|张|台|辆|套|篇|期|批|座|种|类|倍|天|部分|处|间|栋|本|册|艘|架|头|只|株|棵|床|盏|块|段|%"
)
_QUANTITY = re.compile(
    rf"(?<![第\d.\-/a-z])(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)\s*(余|多)?\s*(?:(万|亿|千|百)(?!元|吨|人次))?\s*({_UNITS})"
)


def _quantities(p: Passage) -> Iterator[Candidate]:
    for m in _QUANTITY.finditer(p.norm):
        after = p.norm[m.end() : m.end() + 1]
        if m.group(4) in ("天", "个月", "年") and after in ("内", "后"):
            continue
        if not m.group(1)[0].isdigit() and m.group(4) in ("个", "次", "场", "位", "名"):
            strength = 0.5  # 一个, 两位: counted in words, often not a figure at all
        else:
            strength = 1.0
        yield _make(p, u.QUANTITY, m.start(), m.end(), unit=m.group(4), strength=strength)


_DOC_NO = re.compile(rf"[{CJK}]{{1,10}}\s*[〔\[(【]\s*\d{{4}}\s*[〕\])】]\s*\d+\s*号")
_CODE = re.compile(r"(?<![\w/-])(?=[\w/-]*\d)[a-z0-9]{2,}(?:[-/][a-z0-9]{2,}){1,4}(?![\w/-])")


_PHONE = re.compile(r"(?<![\d-])(?:0\d{2,3}-?)?[1-9]\d{6,7}(?![\d-])|(?<!\d)1[3-9]\d{9}(?!\d)")


def _codes(p: Passage) -> Iterator[Candidate]:
    for m in _PHONE.finditer(p.norm):
        if re.search(r"电话|热线|传真|联系|手机", p.norm[max(0, m.start() - 20) : m.start()]):
            yield _make(p, u.CODE, m.start(), m.end(), relation="phone")
    for m in _DOC_NO.finditer(p.norm):
        yield _make(p, u.CODE, m.start(), m.end(), relation="doc_no")
    for m in _CODE.finditer(p.norm):
        if not _DATE.fullmatch(m.group(0)):
            yield _make(p, u.CODE, m.start(), m.end(), strength=0.7)


# --- what a meeting decided and asked for --------------------------------------------------------

_DECISION = re.compile(r"原则上?(?:通过|同意)|审议通过|不予(?:通过|同意)|暂缓(?:审议|实施)?|不同意|同意|通过|批准|否决")


def _decisions(p: Passage) -> Iterator[Candidate]:
    for m in _DECISION.finditer(p.norm):
        strength = 1.0 if len(m.group(0)) > 2 else 0.8
        yield _make(p, u.DECISION, m.start(), m.end(), relation="decision", strength=strength)


_NEXT = re.compile(r"(?:完善|修改|通过|审议|同意|研究|批准|论证)后\s*[,，]?\s*([^。;；]{2,60}?)\s*(?=[。;；]|$)")
_NEXT_PLAIN = re.compile(r"下一步\s*[,，:：]?\s*([^。;；]{2,60}?)\s*(?=[。;；]|$)")


def _next_steps(p: Passage) -> Iterator[Candidate]:
    for m in _NEXT.finditer(p.norm):
        strength = 1.0 if "要求" in p.norm[: m.start()] or "同意" in p.norm[: m.start()] else 0.7
        yield _make(p, u.NEXT_STEP, m.start(1), m.end(1), relation="next_step", strength=strength)
    for m in _NEXT_PLAIN.finditer(p.norm):
        yield _make(p, u.NEXT_STEP, m.start(1), m.end(1), relation="next_step", strength=0.9)


_RANK = re.compile(r"第[一二三四五六七八九十百\d]+(?:位|名)|首位|榜首|第[一二三四五六七八九十\d]+")


def _ranks(p: Passage) -> Iterator[Candidate]:
    for m in _RANK.finditer(p.norm):
        yield _make(p, u.RANK, m.start(), m.end(), strength=1.0 if m.group(0)[-1] in "位名首" else 0.6)


_ORDINAL = re.compile(rf"第[\d一二三四五六七八九十百零〇]+(次|届|期|批|号)(?:[{CJK}]{{0,6}}?会议)?")
# "六届七十八次常务会议": minutes often number meetings without 第.
_BARE_ORDINAL = re.compile(rf"(?<![第\d一二三四五六七八九十百])(?:[一二三四五六七八九十\d]+届)?[\d一二三四五六七八九十百零〇]+(次)[{CJK}]{{0,6}}?会议")


def _ordinals(p: Passage) -> Iterator[Candidate]:
    for m in _ORDINAL.finditer(p.norm):
        yield _make(p, u.ORDINAL, m.start(), m.end(), unit=m.group(1))
    for m in _BARE_ORDINAL.finditer(p.norm):
        yield _make(p, u.ORDINAL, m.start(), m.end(), unit=m.group(1), strength=0.9)


_TITLE = re.compile(r"《([^《》]{2,80})》")


def _titles(p: Passage) -> Iterator[Candidate]:
    for m in _TITLE.finditer(p.norm):
        yield _make(p, u.TITLE, m.start(1), m.end(1))


_ENUMERATION = re.compile(rf"((?:[{CJK}]{{1,8}}、)+[{CJK}]{{1,8}})(?=等|[,，。;；)）]|$)")


_TITLE_LIST = re.compile(r"《[^《》]{2,80}》(?:\s*[、和及与]\s*《[^《》]{2,80}》)+")


def _lists(p: Passage) -> Iterator[Candidate]:
    for m in _TITLE_LIST.finditer(p.norm):  # "讨论了《A》、《B》和《C》"
        yield _make(p, u.LIST, m.start(), m.end(), strength=0.9)
    for m in _ENUMERATION.finditer(p.norm):
        items = m.group(1).split("、")
        rest = max(len(item) for item in items[1:])
        # The first item runs into the words before it ("居家老年人就餐"): cut it to its peers' size.
        cut = max(0, len(items[0]) - rest) if len(items[0]) > rest + 1 else 0
        yield _make(p, u.LIST, m.start(1) + cut, m.end(1), strength=0.9 if len(items) >= 3 else 0.7)


_EXTRACTORS: dict[str, Callable[[Passage], Iterator[Candidate]]] = {
    u.DATE: _dates,
    u.YEARS: _years,
    u.PLACE: _places,
    u.PERSON: _people,
    u.ORG: _orgs,
    u.QUANTITY: _quantities,
    u.CODE: _codes,
    u.DECISION: _decisions,
    u.NEXT_STEP: _next_steps,
    u.RANK: _ranks,
    u.ORDINAL: _ordinals,
    u.TITLE: _titles,
    u.LIST: _lists,
}
# u.SPAN (a question of no known form) has no extractor on purpose: a clause picked only for sharing
# the question's words answered 目的是什么 with 会议要求 in trials; such questions are refused.
