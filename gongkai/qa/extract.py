"""Candidate answer spans of each kind, found in a passage by the forms government pages use.

Each extractor reads a passage's normalized text and yields `Candidate`s whose offsets index it;
the span's published text is cut from the passage, so answers keep the page's own characters.
`relation` says what the surrounding words make of a span (the chair of a meeting, the department
that submitted an item, the day a page was published), for the scorer to match with the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import rjieba
from dataclasses import dataclass

from gongkai.lib.zh import dates, identifiers, orgs
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
    items: int = 1  # names or items the span lists ("甲局和乙局": 2); 0 when not counted (a clause)

    @property
    def norm(self) -> str:
        return self.passage.norm[self.start : self.end]


Anchors = tuple[tuple[str, ...], tuple[str, ...]]


def candidates(
    passage: Passage,
    kinds: tuple[str, ...],
    role: str | None = None,
    anchors: Anchors = ((), ()),
    listed: bool = False,
    suffix: str | None = None,
) -> list[Candidate]:
    """Every span of the wanted kinds in one passage; `anchors` are the forms of the question's words
    either side of its interrogative, which place a span answering 什么 / 哪些 / 怎样. When the
    question asks for several (`listed`: 哪两个, 哪几位), names of a kind joined by 、 和 及 are also
    proposed as one answer, and so are runs of names ending with the head noun asked for (`suffix`:
    哪几个镇 -> "甲镇、乙镇")."""
    if passage.kind == "field":
        return list(_field_candidates(passage, kinds, anchors))
    labelled = list(_labelled(passage, kinds, anchors))
    if passage.kind == "record":
        return list(_record_candidates(passage, kinds))
    found: list[Candidate] = []
    for kind in kinds:
        extractor = _EXTRACTORS.get(kind)
        if extractor is not None:
            found.extend(extractor(passage))
        if kind == u.PERSON and role:
            found.extend(_role_holders(passage, role))
    if (u.SPAN in kinds or u.LIST in kinds) and passage.kind in ("sentence", "title"):
        found.extend(_spans(passage, anchors))
    if listed and passage.kind in ("sentence", "title"):
        if u.PERSON in kinds:
            found.extend(_role_lists(passage))
        if suffix:
            found.extend(_headed_runs(passage, suffix, kinds))
        found.extend(joined_runs(passage, found))
    return labelled + found


# --- several answers at once: names joined by 、 和 及 ----------------------------------------------

JOINED = re.compile(r"\s*[、和及与]\s*")
# Titles follow each other with or without a joiner: "《甲》《乙》", "《甲》、《乙》和《丙》".
_TITLES_JOINED = re.compile(r"》\s*[、和及与]?\s*《")
_RUN_KINDS = (u.PERSON, u.ORG, u.PLACE, u.TITLE, u.ORDINAL)


def joined_runs(p: Passage, found: list[Candidate]) -> Iterator[Candidate]:
    """Names of one kind that a sentence lists together ("甲局和乙局", "王某、李某"): one candidate
    for the whole run, which answers "哪两个部门" or "哪几位" where each name alone answers part."""
    for kind in _RUN_KINDS:
        spans = sorted({(c.start, c.end): c for c in found if c.kind == kind}.items())
        best: dict[int, tuple[int, Candidate]] = {}  # the longest name at each start
        for (start, end), cand in spans:
            if end > best.get(start, (-1, cand))[0]:
                best[start] = (end, cand)
        starts = sorted(best)
        joiner = _TITLES_JOINED if kind == u.TITLE else JOINED
        for first in starts:
            end, cand = best[first]
            members = [cand]
            while True:
                nxt = next((s_ for s_ in starts if s_ >= end and joiner.fullmatch(p.norm[end:s_])), None)
                if nxt is None:
                    break
                end, member = best[nxt]
                members.append(member)
            if len(members) > 1:
                if kind == u.TITLE and p.norm[first - 1 : first] == "《" and p.norm[end : end + 1] == "》":
                    first, end = first - 1, end + 1  # a run of titles keeps its outer marks
                relations = {m.relation for m in members}
                yield _make(
                    p, kind, first, end, relation=members[0].relation if len(relations) == 1 else None,
                    strength=min(m.strength for m in members), items=len(members),
                )


# What people are called by their office or group, the last word of "乡镇主要负责人": lists of
# them answer "哪些人" as names do.
_PEOPLE_NOUNS = "负责人|责任人|联系人|人员|干部|代表|委员|成员|职工|群众|同志|党员|专家|居民|村民|志愿者"
_ROLE_LIST = re.compile(rf"((?:[{CJK}]{{2,16}}?(?:{_PEOPLE_NOUNS})、)+[{CJK}]{{2,16}}?(?:{_PEOPLE_NOUNS}))(?![{CJK}]*(?:{_PEOPLE_NOUNS}))")


def _role_lists(p: Passage) -> Iterator[Candidate]:
    """"组织开展了乡镇主要负责人、县政府工作部门主要负责人年终述法": who, by office, listed with 、."""
    for m in _ROLE_LIST.finditer(p.norm):
        items = m.group(1).split("、")
        yield _make(p, u.PERSON, m.start(1) + _run_in(items), m.end(1), strength=0.8, items=len(items))


_PLACE_SUFFIXES = frozenset("省 市 县 区 镇 乡 村 州 旗 盟 街道 社区".split())
_RUN_IN = "了的在对向是为把将由从与和及"  # words that run into the first name of a list


def _run_in(items: list[str]) -> int:
    """How many characters of a list's first item are the words before the list ("听取了甲溪市"):
    up to a particle or verb ending (了, 的, 在 …), else all beyond the longest of its peers."""
    first, rest = items[0], max(len(item) for item in items[1:])
    cut = max(first.rfind(ch) + 1 for ch in _RUN_IN)
    return len(first) - rest if len(first) - cut > rest + 1 else cut


def _headed_runs(p: Passage, suffix: str, kinds: tuple[str, ...]) -> Iterator[Candidate]:
    """Lists of names that all end with the head noun asked for: "听取了甲溪市、乙江市…的汇报"
    answers "哪两个城市" (the words before the first name cut off by `_run_in`)."""
    kind = u.PLACE if suffix in _PLACE_SUFFIXES else u.ORG
    if kind not in kinds:
        kind = kinds[0]
    sfx = re.escape(suffix)
    pattern = rf"((?:[{CJK}]{{1,10}}?{sfx}[、和及与])+[{CJK}]{{1,10}}?{sfx})"
    for m in re.finditer(pattern, p.norm):
        items = re.split(r"[、和及与]", m.group(1))
        if any(len(item) <= len(suffix) for item in items):
            continue
        yield _make(p, kind, m.start(1) + _run_in(items), m.end(1), strength=0.9, items=len(items))


def _make(p: Passage, kind: str, start: int, end: int, **extra: object) -> Candidate:
    return Candidate(passage=p, kind=kind, start=start, end=end, text=p.original(start, end).strip(), **extra)  # type: ignore[arg-type]


# --- catalog fields and structured records -------------------------------------------------------

# "办公地址: 某路8号", "作者:王某    时间:…": a label, a colon, and its value up to the next label,
# a wide gap or the end of the line.
_LABELLED = re.compile(
    rf"(?:^|(?<=[\s•|,，;；。]))([{CJK}]{{2,10}})\s*[:：﹕]\s*([^\n|•;；]{{1,80}}?)"
    rf"\s*(?=\s{{2,}}|[|•;；\n]|\s+[{CJK}]{{2,8}}\s*[:：]|$)"
)


def _names_label(label: str, anchors: Anchors) -> bool:
    """Whether the question names this label next to its interrogative: before it, as the whole
    label or its end ("办公地址在哪里" names 办公地址), or after it as the label itself ("寄往哪个地址"
    names 地址, while "哪个机构" does not name 受理机构)."""
    before, after = anchors
    return len(label) >= 2 and (
        any(len(a) >= 2 and (label.endswith(a) or a.endswith(label)) for a in before) or label in after
    )


def _labelled(p: Passage, kinds: tuple[str, ...], anchors: Anchors) -> Iterator[Candidate]:
    if p.kind != "sentence" or not (anchors[0] or anchors[1]) or not any(c in p.norm for c in ":：﹕"):
        return
    for m in _LABELLED.finditer(p.norm):
        if _names_label(m.group(1), anchors):
            yield _make(p, kinds[0], m.start(2), m.end(2), relation="label", strength=0.95)

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


def _field_candidates(p: Passage, kinds: tuple[str, ...], anchors: Anchors = ((), ())) -> Iterator[Candidate]:
    field = p.field or ""
    label = p.norm[: max(0, p.value_at - 2)]
    if FIELD_KIND.get(field) not in kinds and _names_label(label, anchors):
        # "公开范围是什么", "作者是谁": the value of the field the question names by its label
        yield _make(p, kinds[0], p.value_at, len(p.norm), relation="label", strength=1.0)
        return
    if field == "other":
        return
    kind = FIELD_KIND.get(field, u.SPAN)
    start, end = p.value_at, len(p.norm)
    if kind == u.DATE:
        # "2020-10-10 19:48:26": the day is the answer, not the clock time
        day = next((d for d in dates.find_dates(p.norm) if d.start >= start), None)
        if day is None:
            return
        start, end = day.start, _day_end(p.norm, day.start, day.end)
    if kind in kinds:
        yield _make(p, kind, start, end, relation=_FIELD_RELATION.get(field, field), strength=1.0)


def _day_end(norm: str, start: int, end: int) -> int:
    """The end of the day itself in a date that runs on into a weekday, 上午 or a clock time: "哪天"
    is answered with the day."""
    m = re.match(r"[^日号]*?[日号]|\S+?[-/.]\S+?[-/.]\d{1,2}(?!\d)", norm[start:end])
    return start + m.end() if m else end


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

_MONTH = re.compile(r"\d{4}年\d{1,2}月(?!\d)")
_MEETING_AFTER = re.compile(r"召开|主持|举行|开会|会议")
_EFFECTIVE_AFTER = re.compile(r"\s*(?:起|开始)?\s*(?:施行|生效|执行|实施)")
# What dates a question is answered with: calendar days (lib/zh/dates), a month of a year, and the
# periods and deadlines documents set without a day (年底前, 6月底, 上半年 …) but not bare 今年/明年.
_DEADLINE_KINDS = frozenset({"year_end", "within_year", "mid_year", "half", "quarter", "month"})
_BY_KINDS = frozenset({"year_end", "within_year"})


def _with_year(norm: str, start: int) -> int:
    """Where a period starts with its year: "2019年底" rather than "底"."""
    m = re.search(r"(?:\d{4}|[今明去])年(?:度)?$", norm[:start])
    return m.start() if m else start


def _alone(p: Passage, start: int, end: int) -> bool:
    """The span is the whole line: how a notice prints its signature (the body, then the issuer and
    the date on lines of their own)."""
    return not p.norm[:start].strip() and not p.norm[end:].strip(" 。.")


def _dates(p: Passage) -> Iterator[Candidate]:
    for found in dates.find_dates(p.norm):
        start, end = found.start, _day_end(p.norm, found.start, found.end)
        after = p.norm[end : end + 40]
        relation = (
            "meeting" if _MEETING_AFTER.search(after)
            else "effective" if _EFFECTIVE_AFTER.match(after)
            else "sign" if _alone(p, start, end) else None
        )
        yield _make(p, u.DATE, start, end, relation=relation)
    for m in _MONTH.finditer(p.norm):
        yield _make(p, u.DATE, m.start(), m.end(), strength=0.6)
    for expression in dates.find_expressions(p.norm):
        if expression.kind in _DEADLINE_KINDS:
            start = _with_year(p.norm, expression.start)
            # a period's end (年底, 6月底前, 年内) is the time something is to be done by
            relation = "deadline" if expression.kind in _BY_KINDS or re.search(r"[底末前内]$", p.norm[start:expression.end]) else None
            yield _make(p, u.DATE, start, expression.end, strength=0.8, relation=relation)


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
    # Names listed before what they did: "，王青松、李禾田和赵明川参加会议".
    re.compile(
        rf"(?:^|[\s,，。;；:：])([{CJK}]{{2,3}})(?=(?:\s*[、和]\s*[{CJK}]{{2,3}})+\s*(?:等同志|同志|等)?"
        rf"(?:及[^,，。;；]{{1,20}}?)?(?:参加|出席|列席))"
    ),
    # Records of meetings print roles as labels: "主席：黃啟明", "记录：李雅雯".
    re.compile(rf"(?:主持人|主席|记录人|记录员|记录|纪录)\s*[:：]\s*([{CJK}]{{2,3}})"),
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
    if len(name) < 2 or any(ch in _NOT_NAME for ch in name) or not _may_be_name(name):
        return None
    return end


def _may_be_name(name: str) -> bool:
    """Not a word the segmenter knows as something else: 规划 or 裁示 after a title is no name."""
    tags = rjieba.tag(name)
    return len(tags) > 1 or tags[0][1] not in _WORD_TAGS


# Parts of speech of common words (noun, verb, adjective, place, organisation, time …), not names.
_WORD_TAGS = frozenset({"n", "v", "vn", "vd", "a", "ad", "an", "d", "p", "c", "u", "m", "q", "r", "t", "f", "s",
                        "l", "i", "ns", "nt"})


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
    label = re.search(r"(主持人|主席|记录人|记录员|记录|纪录)\s*[:：]\s*$", norm[max(0, start - 8) : start])
    if label:
        return "recorder" if label.group(1)[1] == "录" else "chair"
    after = norm[end : end + 30]
    for relation, pattern in (("chair", r"^[^。;；]*?主持"), ("nonvoting", r"^[^。;；,，]*?列席"), ("attendee", r"^[^。;；,，]*?(?:出席|参加)")):
        if re.search(pattern, after):
            return relation
    return None


# A name of two or three characters run on into the verb of what the person did (协助, 参加 …).
_NAME_THEN_VERB = re.compile(
    rf"([{CJK}]{{2,3}}?)(?=协助|参加|出席|列席|主持|负责|带领|参与|获得|荣获|应邀|同志|等人|[,，、。;；])"
)


def _role_holders(p: Passage, role: str) -> Iterator[Candidate]:
    """The holder of a role named in the question: "教育局局长   林雨桐", "县政协副主席陈晓禾", "周启明区长",
    and who a role is given to, by name or by office: "由县长任组长", "组长由办公室主任担任"."""
    esc = re.escape(role)
    for pattern in (
        rf"(?:由|以)\s*([^\s,，。;；、:：]{{2,12}}?)\s*(?:任|担任|兼任|为)\s*(?<!副){esc}",
        rf"(?<!副){esc}\s*由\s*([^\s,，。;；、:：]{{2,12}}?)\s*(?:担任|兼任)",
    ):
        for m in re.finditer(pattern, p.norm):
            yield _make(p, u.PERSON, m.start(1), m.end(1), relation="role", strength=1.0)
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
        elif (verb := _NAME_THEN_VERB.match(p.norm, at)) and _may_be_name(verb.group(1)) and not any(
            ch in _NOT_NAME for ch in verb.group(1)
        ):
            # "警长王某某协助…": a title, a name, and the verb of what the person did, unseparated
            yield _make(p, u.PERSON, at, verb.end(1), relation="role", strength=0.8)


# --- organisations -------------------------------------------------------------------------------

_SPONSOR = re.compile(
    r"(?:同意|通过|听取|审议|研究|批准|会议|由)\s*([^,，。;；《》“”]{2,60}?)\s*(?:提交|提出|报送|上报|起草|呈报|报请|汇报|制定|拟定|牵头起草)"
)
_RESPONSIBLE = (
    re.compile(r"由\s*([^,，。;；《》“”]{2,40}?)\s*(?:负责|牵头|承办|组织实施|落实|编制|制定|起草|印发|主办)"),
    re.compile(r"要求\s*[,，:：]?\s*([^,，。;；《》“”]{2,40}?)\s*(?:要|须|必须|应当|负责|牵头)"),
)


# "以区委办、区府办名义印发": the bodies in whose name a document goes out.
_IN_NAME_OF = re.compile(r"以\s*([^,，。;；《》“”]{2,40}?)\s*(?:的)?名义")
_ADDRESSEES = re.compile(rf"^\s*((?:[{CJK}()（）]{{2,30}}[、,，])*[{CJK}()（）]{{2,30}})\s*[:：]\s*$")


def _addressee(name: str) -> bool:
    return orgs.is_org(name) or name.endswith(("部门", "单位"))


def _orgs(p: Passage) -> Iterator[Candidate]:
    salutation = _ADDRESSEES.match(p.norm)
    if salutation and all(_addressee(part) for part in re.split(r"[、,，]", salutation.group(1))):
        # "各乡镇人民政府,县直各部门:": whom a notice is sent to
        yield _make(p, u.ORG, salutation.start(1), salutation.end(1), relation="addressee", strength=1.0)
        return
    if 4 <= len(p.norm.strip()) <= 40 and orgs.is_org(p.norm.strip()):
        start = len(p.norm) - len(p.norm.lstrip())
        yield _make(p, u.ORG, start, len(p.norm.rstrip()), relation="sign", strength=0.9)  # a signature line
    for m in _SPONSOR.finditer(p.norm):
        yield from _org_slot(p, m.start(1), m.end(1), "sponsor")
    for pattern in _RESPONSIBLE:
        for m in pattern.finditer(p.norm):
            yield from _org_slot(p, m.start(1), m.end(1), "responsible")
    for m in _IN_NAME_OF.finditer(p.norm):
        yield from _org_slot(p, m.start(1), m.end(1), "in_name_of")
    for start, end in orgs.org_spans(p.norm):  # any body the sentence names (lib/zh/orgs)
        yield _make(p, u.ORG, start, end, strength=0.6)


_SLOT_LEAD = re.compile(r"(?:(?:原则上?)?同意|通过|听取了?|审议了?|研究了?|批准|会议|由|了|并|\s)+")


def _org_slot(p: Passage, start: int, end: int, relation: str) -> Iterator[Candidate]:
    """A slot that names one organisation or a 、-list of them."""
    lead = _SLOT_LEAD.match(p.norm, start, end)
    if lead:
        start = lead.end()
    slot = p.norm[start:end]
    if not all(orgs.is_org(part) for part in re.split(r"[、和及与]", slot) if part):
        return
    if re.search(r"[的了在和]|会议", slot.replace("、", "")) and "、" not in slot:
        return
    yield _make(p, u.ORG, start, end, relation=relation, strength=1.0)


# --- numbers and codes ---------------------------------------------------------------------------

_NOT_COUNTING = frozenset({"年", "月", "日", "号", "周", "方", "口", "门", "道", "声", "眼", "步", "度", "成", "岁", "分"})

# What a figure counts in: the classifiers questions ask with, except those that date (年, 月, 日)
# or rarely count (一方面, 一口气).
_UNITS = "|".join([c for c in u.CLASSIFIERS if c not in _NOT_COUNTING] + ["亿", "万", "%"])
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


_DOC_NO = identifiers.DOC_NO
_CODE = re.compile(r"(?<![\w/-])(?=[\w/-]*\d)[a-z0-9]{2,}(?:[-/][a-z0-9]{2,}){1,4}(?![\w/-])")


# Telephone and fax numbers: with an area code (0571-8600 1234), a country code in brackets
# ((852) 2827 1708), or a mobile number; always read with the word that announces them.
_PHONE = re.compile(
    r"(?<![\d-])(?:\(\d{2,4}\)\s*|\+\d{2,3}\s*|0\d{2,3}-?)?[1-9]\d{2,3}[\s-]?\d{4}(?![\d-])"
    r"|(?<!\d)1[3-9]\d{9}(?!\d)"
)
_EMAIL = re.compile(r"[a-z0-9][a-z0-9._+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)+")


def _codes(p: Passage) -> Iterator[Candidate]:
    for m in _PHONE.finditer(p.norm):
        before = p.norm[max(0, m.start() - 20) : m.start()]
        if re.search(r"电话|热线|传真|联系|手机", before):
            yield _make(p, u.CODE, m.start(), m.end(), relation="fax" if "传真" in before[-8:] else "phone")
    for m in _EMAIL.finditer(p.norm):
        yield _make(p, u.CODE, m.start(), m.end(), relation="email")
    for m in _DOC_NO.finditer(p.norm):
        yield _make(p, u.CODE, m.start(), m.end(), relation="doc_no")
    for m in _CODE.finditer(p.norm):
        if not dates.find_dates(m.group(0)):
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
# A named session: the term, the body, and the sitting — "第五届人民代表大会第二次会议",
# "六届区人民政府第9次常务会议", "三届市委第4次常委会议".
_SESSION = re.compile(
    rf"(?<![\d一二三四五六七八九十百])第?[\d一二三四五六七八九十百]+届[{CJK}]{{0,14}}?第[\d一二三四五六七八九十百零〇]+次"
    rf"(?:[{CJK}]{{0,8}}?(?:会议|全会))?"
)
# "六届七十八次常务会议": minutes often number meetings without 第.
_BARE_ORDINAL = re.compile(rf"(?<![第\d一二三四五六七八九十百])(?:[一二三四五六七八九十\d]+届)?[\d一二三四五六七八九十百零〇]+(次)[{CJK}]{{0,6}}?会议")


def _ordinals(p: Passage) -> Iterator[Candidate]:
    for m in _SESSION.finditer(p.norm):
        yield _make(p, u.ORDINAL, m.start(), m.end(), unit="次", relation="session")
    for m in _ORDINAL.finditer(p.norm):
        yield _make(p, u.ORDINAL, m.start(), m.end(), unit=m.group(1))
    for m in _BARE_ORDINAL.finditer(p.norm):
        yield _make(p, u.ORDINAL, m.start(), m.end(), unit=m.group(1), strength=0.9)


_TITLE = re.compile(r"《([^《》]{2,80})》")


def _titles(p: Passage) -> Iterator[Candidate]:
    for m in _TITLE.finditer(p.norm):
        yield _make(p, u.TITLE, m.start(1), m.end(1))


# Items of an enumeration: words, or words with a quoted part ("“专人主讲”学").
_ITEM = rf"(?:[{CJK}]|[“「][{CJK}]{{1,10}}[”」]){{1,8}}"
_ENUMERATION = re.compile(rf"((?:{_ITEM}、)+{_ITEM})(?=等|[,，。;；)）]|$)")


_TITLE_LIST = re.compile(r"《[^《》]{2,80}》(?:\s*[、和及与]\s*《[^《》]{2,80}》)+")


def _lists(p: Passage) -> Iterator[Candidate]:
    for m in _TITLE_LIST.finditer(p.norm):  # "讨论了《A》、《B》和《C》"
        yield _make(p, u.LIST, m.start(), m.end(), strength=0.9, items=m.group(0).count("《"))
    for m in _ENUMERATION.finditer(p.norm):
        items = m.group(1).split("、")
        rest = max(len(item) for item in items[1:])
        # The first item runs into the words before it ("居家老年人就餐"): cut it to its peers' size.
        cut = max(0, len(items[0]) - rest) if len(items[0]) > rest + 1 else 0
        yield _make(p, u.LIST, m.start(1) + cut, m.end(1), strength=0.9 if len(items) >= 3 else 0.7, items=len(items))


# --- what 什么 / 哪些 / 怎样 asks: the span where the interrogative stands --------------------------

_QUOTE_PAIRS = {"“": "”", "「": "」", "《": "》", "『": "』", '"': '"'}
_BREAK = set(",，;；。!！?？:：")
_SPAN_TRIM = "的了是等之和及与并将把在"
_QUOTED_SPAN = re.compile(r"[“「『]([^”」』]{2,60})[”」』]")


def _clauses(norm: str) -> list[tuple[int, int]]:
    """Clauses of a sentence, a quotation or a title never cut: “摸清底数,加强预防” is one phrase."""
    spans, start, closing = [], 0, ""
    for i, ch in enumerate(norm):
        if closing:
            closing = "" if ch == closing else closing
        elif ch in _QUOTE_PAIRS:
            closing = _QUOTE_PAIRS[ch]
        elif ch in _BREAK:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(norm)))
    return [(s, e) for s, e in spans if e > s]


def _spans(p: Passage, anchors: Anchors) -> Iterator[Candidate]:
    """Where the question's interrogative stands in a clause of the page: between the word before it
    and the word after it (the head noun kept: "哪两次会议审定" -> "…第28次常务会议和…常委会议"),
    after the word before it, before the word after it ("按照“…”的思路" answers "什么思路"), or after
    that word used as a label ("要求: …"); and quotations, which pages use for slogans and principles."""
    left, right = anchors
    for start, end in _clauses(p.norm):
        clause = p.norm[start:end]
        lefts = [(m, len(a)) for a in left for m in _find_all(clause, a)]
        rights = [(m, len(a)) for a in right for m in _find_all(clause, a)]
        for at, size in lefts:
            stops = [r + n for r, n in rights if r > at + size]
            if stops:
                yield from _trimmed(p, start + at + size, start + max(stops), 0.9)
            yield from _trimmed(p, start + at + size, end, 0.75)
            if _INTRODUCES.fullmatch(p.norm, start + at + size, end + 1):
                # "遵循的原则是: 甲、乙、丙。": the word asked about introduces what follows the colon
                stop = _SENTENCE_END.search(p.norm, end + 1)
                yield from _trimmed(p, end + 1, stop.start() if stop else len(p.norm), 0.9)
        for at, size in rights:
            if any(l_ < at for l_, _ in lefts):
                continue
            yield from _trimmed(p, start, start + at + size, 0.7)
            verb = clause.rfind("是", 0, at)
            if verb > 0:  # "X是…的任务": X
                yield from _trimmed(p, start, start + verb, 0.75)
            yield from _trimmed(p, start + at + size, end, 0.6)
    for m in _QUOTED_SPAN.finditer(p.norm):
        yield _make(p, u.SPAN, m.start(), m.end(), strength=0.6, items=0)
    if any(a in _REQUIREMENT_NOUNS for a in right):
        yield from _required(p)


# "提了什么要求": what is required is stated after 做到 / 要求 / 确保 / 必须 in its clause ("干部职工
# 做到A、B、C"), or as the request a notice closes with ("请认真遵照执行").
_REQUIREMENT_NOUNS = frozenset({"要求"})
_REQUIRED = re.compile(r"(?:要求|做到|确保|务必|必须|应当)\s*[:：]?\s*")
_REQUEST = re.compile(r"(?:^|(?<=[,，。;；:：\s]))请(?=[\u4e00-\u9fff])")


def _required(p: Passage) -> Iterator[Candidate]:
    for start, end in _clauses(p.norm):
        for m in _REQUIRED.finditer(p.norm, start, end):
            yield from _trimmed(p, m.end(), end, 0.8)
        for m in _REQUEST.finditer(p.norm, start, end):
            yield from _trimmed(p, m.start(), end, 0.8)


_INTRODUCES = re.compile(r"\s*(?:是|为|有|如下)?\s*[:：]")
_SENTENCE_END = re.compile(r"[。;；\n]")


def _find_all(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)] if word else []


def _balanced(text: str) -> bool:
    """No quotation or title opened or closed without its partner: a span never cuts a 《title》."""
    depth = 0
    for ch in text:
        if ch in "“「《『":
            depth += 1
        elif ch in "”」》』":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _trimmed(p: Passage, start: int, end: int, strength: float) -> Iterator[Candidate]:
    while start < end and (p.norm[start] in _SPAN_TRIM or p.norm[start].isspace()):
        start += 1
    while end > start and (p.norm[end - 1] in _SPAN_TRIM or p.norm[end - 1].isspace()):
        end -= 1
    span = p.norm[start:end]
    if 2 <= end - start <= 80 and _balanced(span):
        if span[0] in "“「『" and span[-1] in "”」』" and _balanced(span[1:-1]):
            strength = max(strength, 0.95)  # a slogan or principle in quotation marks, whole
        yield _make(p, u.SPAN, start, end, strength=strength, items=0)


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
# u.SPAN has no extractor of its own: it is placed by the question's anchors (`_spans`), never picked
# only for sharing the question's words, which answered 目的是什么 with 会议要求 in trials.
