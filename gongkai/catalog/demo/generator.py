"""The demo district's catalog: a pure plan drawn from a seed, then one transaction that writes it.

`plan` touches no database, so the same seed always gives the same documents and tests can compare
plans directly; `write` publishes them through the catalog actions, so index numbers, revisions,
status rows and the search outbox come out exactly as they would for a clerk's work.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from html import escape

from django.db import transaction

from gongkai.accounts.models import Agency
from gongkai.catalog import actions, demo_english, signals
from gongkai.catalog.demo import texts as T
from gongkai.catalog.models import SiteSettings, Term

DEFAULT_SEED = 2024
# A fixed window rather than "until today", so that a seed gives the same catalog on any day.
FIRST_DAY, LAST_DAY = dt.date(2022, 1, 4), dt.date(2026, 10, 30)
ABOLISH_BEFORE = dt.date(2024, 7, 1)
MEETING_GAP = dt.timedelta(days=7)  # 常务会议 meet at most weekly (more often only in a very large demo)
REPORT_YEARS = range(2022, 2026)  # each year's disclosure report is published the next January
MIX = {"minutes": 18, "notice": 22, "plan": 10, "report": 10, "interpretation": 10, "news": 30}
KIND_LABELS = {"minutes": "常务会议纪要", "notice": "通知", "plan": "规划计划", "report": "工作报告",
               "interpretation": "政策解读", "news": "工作动态", "annual": "信息公开年报"}
NBSP = "\u00a0"
_FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})

Table = tuple[tuple[str, ...], ...]
Block = str | Table
Subject = tuple[str, str, str, str, tuple[str, ...]]


@dataclass(frozen=True)
class AgencyData:
    key: str
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    prefix: str  # of 文件编号
    topic: tuple[str, str]


AGENCY = {row[0]: AgencyData(*row) for row in T.AGENCIES}
ALL_SUBJECTS: list[tuple[str, Subject]] = [(key, s) for key, items in T.SUBJECTS.items() for s in items]


@dataclass(frozen=True)
class DocSpec:
    kind: str
    agency: str  # a key of AGENCY
    title: str
    published: dt.date
    created: dt.date
    topic: tuple[str, str]  # (parent, leaf) of 主题分类
    genre: str
    combo: str
    blocks: tuple[Block, ...]
    summary: str
    doc_no: str = ""
    keywords: tuple[str, ...] = ()
    abolished: dt.date | None = None
    expires: dt.date | None = None
    withdraw_reason: str = ""
    # Minutes only: the day the meeting was held and, item by item, the decision kind the minutes parser
    # is to read (None: studied, nothing decided), so that tests hold the parser to the plan.
    held: dt.date | None = None
    decisions: tuple[str | None, ...] = ()

    def body_html(self) -> str:
        return "".join(_render(block) for block in self.blocks)


@dataclass(frozen=True)
class DemoResult:
    agencies: int
    documents: int
    by_kind: dict[str, int]
    withdrawn: int
    abolished: int


def _render(block: Block) -> str:
    if isinstance(block, str):
        return f"<p>{escape(block)}</p>"
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block)
    return f"<table><tbody>{rows}</tbody></table>"


def fw(text: str) -> str:
    """Official pages use full-width punctuation; the texts are written with ASCII for ease of editing."""
    return text.translate(_FULL_WIDTH)


def cn_num(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def weekday(day: dt.date) -> dt.date:
    """Governments meet and sign on working days: a weekend moves back to Friday."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def next_weekday(day: dt.date) -> dt.date:
    """The first working day from `day` on: a weekend moves forward to Monday."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() > 4 else 0)


def org_code(n: int) -> str:
    """A code of the GB 11714 form (eight characters and a check character); "QH" marks it fictional."""
    base = f"QH{n:06d}"
    total = sum(int(c, 36) * w for c, w in zip(base, (3, 7, 9, 10, 5, 8, 4, 2)))
    check = 11 - total % 11
    return base + {10: "X", 11: "0"}.get(check, str(check))


def pad_name(name: str) -> str:
    """Two-character names are spread to the width of three, as signature blocks print them."""
    return f"{name[0]}{NBSP} {NBSP}{name[1]}" if len(name) == 2 else name


def subject_year(kind: str, day: dt.date) -> int:
    """Reports look back (early in a year, to the last); plans look ahead (late in a year, to the next)."""
    if kind == "report":
        return day.year if day.month >= 7 else day.year - 1
    return day.year + 1 if day.month >= 10 else day.year


@dataclass(frozen=True)
class Review:
    """A document a meeting sent back (to be revised, or deferred): it comes up once more, settled then."""

    agency: str
    subject: Subject
    name: str  # as first shown, year filled in


@dataclass(frozen=True)
class Adopted:
    """A document a meeting adopted for issuing: a later notice puts it in force and names the meeting."""

    agency: str
    subject: Subject
    meeting: int
    held: dt.date


@dataclass
class Planner:
    rng: random.Random
    meeting: int = 0
    serials: Counter[tuple[str, int]] = field(default_factory=Counter)
    work_reports: set[int] = field(default_factory=set)
    # The last meeting's dates: meetings are numbered in the order they were held, filed and published.
    last_held: dt.date = dt.date.min
    last_filed: dt.date = dt.date.min
    last_published: dt.date = dt.date.min
    meeting_gap: dt.timedelta = MEETING_GAP
    reviewed: Counter[str] = field(default_factory=Counter)  # how often each matter was on an agenda
    pending: list[Review] = field(default_factory=list)  # sent back, awaiting their second review
    adopted: dict[str, Adopted] = field(default_factory=dict)  # by name, in the order adopted
    issued: set[str] = field(default_factory=set)  # adopted documents a notice has put in force

    def doc_no(self, agency: str, year: int) -> str:
        prefix = AGENCY[agency].prefix
        self.serials[prefix, year] += 1
        return f"{prefix}〔{year}〕{self.serials[prefix, year]}号"

    def subject(self, kind: str | None = None) -> tuple[str, Subject]:
        pool = [s for s in ALL_SUBJECTS if kind is None or s[1][0] == kind]
        return self.rng.choice(pool)

    def measures(self, count: int) -> list[str]:
        return self.rng.sample(T.MEASURES, count)

    def sections(self, headings: Sequence[str], per: int = 2) -> list[str]:
        """Numbered headings with measures under them, no measure said twice in one document."""
        pool = self.measures(min(len(T.MEASURES), per * len(headings)))
        out: list[str] = []
        for i, heading in enumerate(headings, 1):
            mine = pool[(i - 1) * per: i * per] or pool[:1]
            out += [f"{cn_num(i)}、{heading}", *(f"({cn_num(j)}){m}。" for j, m in enumerate(mine, 1))]
        return out


def _spec(kind: str, agency: str, title: str, day: dt.date, lag: int, blocks: list[Block], summary: str,
          **extra: object) -> DocSpec:
    """A spec with its texts in full-width punctuation; `lag` days separate 产生日期 from 发布日期."""
    data = AGENCY[agency]
    extra.setdefault("topic", data.topic)
    text = tuple(fw(b) if isinstance(b, str) else b for b in blocks)
    created = day - dt.timedelta(days=lag)
    return DocSpec(kind=kind, agency=agency, title=fw(title), published=day, created=created, blocks=text, summary=fw(summary), **extra)  # type: ignore[arg-type]


def _name(subject: Subject, day: dt.date) -> str:
    return subject[1].format(y=subject_year(subject[0], day))


def _revised(name: str) -> str:
    """The draft a second review reads: 《…(修改稿)》, unless the title already names its draft."""
    return name if name.endswith("稿)") else f"{name}(修改稿)"


@dataclass
class Item:
    """One agenda item as written, and the decision kind the minutes parser should read from it."""

    blocks: list[Block]
    decision: str | None
    shown: str


def _discussion(p: Planner, sponsor: str, gist: str, revised: bool) -> list[Block]:
    out: list[Block] = [T.REVISED.format(gist=gist) if revised else f"会议指出,{gist}。{p.rng.choice(T.POINTS)}。"]
    if p.rng.random() < 0.8:
        first, second = p.rng.sample(T.STRESS, 2)
        out.append(f"会议强调,各地各相关部门要{first};要{second}。")
    if p.rng.random() < 0.5:
        out.append(f"会议要求,{sponsor}要{p.rng.choice(T.REQUIRE)}。")
    return out


def _review(p: Planner, n: int, agency: str, subject: Subject, held: dt.date, second: Review | None) -> Item:
    """A document reviewed: adopted, passed on to the 区人大常委会, sent back for revision, or deferred;
    at its second review it is settled (通过, or 原则同意 and issued)."""
    kind, template, gist, _work, _kw = subject
    sponsor = AGENCY[agency].aliases[0]
    name = second.name if second else _name(subject, held)
    shown = f"《{_revised(name)}》" if second else (f"《{name}》" if kind == "doc" else name)
    verb = "审议了" if kind == "doc" else "听取了"
    blocks: list[Block] = [f"{cn_num(n)}、会议{verb}{shown}", *_discussion(p, sponsor, gist, second is not None)]
    r = p.rng.random()
    if kind == "report":  # heard: mostly nothing to decide
        if template in T.FOR_CONGRESS:
            return Item([*blocks, T.TO_CONGRESS.format(s=sponsor, t=shown)], "同意", shown)
        if r < 0.3:
            return Item([*blocks, T.NEXT_STEPS.format(s=sponsor)], "同意", shown)
        return Item(blocks, "听取", shown)
    if second is None and template in T.FOR_CONGRESS:
        sentence, decided, adopted = T.TO_CONGRESS.format(s=sponsor, t=shown), "同意", False
    elif second is None and r < 0.3:
        sentence, decided, adopted = T.REVISE.format(s=sponsor, t=shown), "原则同意", False
        p.pending.append(Review(agency, subject, name))
    elif second is None and r < 0.42:
        sentence, decided, adopted = T.DEFER.format(s=sponsor, t=shown), "决定", False
        p.pending.append(Review(agency, subject, name))
    elif r < (0.7 if second else 0.65):
        sentence, decided, adopted = T.PASS.format(s=sponsor, t=shown), "通过", True
    else:
        tail = p.rng.choice(T.ADOPTED_TAILS)
        sentence, decided = T.APPROVE.format(s=sponsor, t=shown, tail=tail), "原则同意"
        adopted = tail != T.ADOPTED_TAILS[-1]  # the 区委常委会 has yet to review it: nothing to issue
    if adopted:
        p.adopted[name] = Adopted(agency, subject, p.meeting, held)
    return Item([*blocks, sentence], decided, shown)


def _study(p: Planner, n: int, matter: str) -> Item:
    first, second = p.rng.sample(T.STRESS, 2)
    return Item([f"{cn_num(n)}、会议传达学习了{matter}", f"会议强调,各地各相关部门要{first};要{second}。"],
                None, matter)


def _agenda(p: Planner, held: dt.date) -> list[Item]:
    """What one meeting takes up: documents sent back before (their second review), then matters not yet
    on any agenda, each at most once; a matter comes back only when a long demo has used every one."""
    count = p.rng.randint(2, 4)
    seconds = [r for r in p.pending if p.rng.random() < 0.6][:count]
    for r in seconds:
        p.pending.remove(r)
    taken = {r.name for r in seconds}
    open_ = [(a, s) for a, s in ALL_SUBJECTS if _name(s, held) not in taken]
    fresh = [(a, s) for a, s in open_ if not p.reviewed[_name(s, held)]]
    if not fresh:  # every matter has been on an agenda: the least reviewed come back
        least = min(p.reviewed[_name(s, held)] for _a, s in open_)
        fresh = [(a, s) for a, s in open_ if p.reviewed[_name(s, held)] == least]
    wanted = max(0 if seconds else 1, count - len(seconds))
    picked = p.rng.sample(fresh, min(len(fresh), wanted))
    items: list[Item] = []
    if p.rng.random() < 0.3:  # the city's meetings are studied first, as minutes usually begin
        items.append(_study(p, 1, p.rng.choice(T.STUDIES)))
    for r in seconds:
        items.append(_review(p, len(items) + 1, r.agency, r.subject, held, r))
        p.reviewed[r.name] += 1
    for agency, subject in picked:
        items.append(_review(p, len(items) + 1, agency, subject, held, None))
        p.reviewed[_name(subject, held)] += 1
    return items


def _roll(label: str, names: Sequence[str], per_line: int = 6) -> list[Block]:
    """出席/列席 lines padded with (non-breaking) spaces the way the seed's signature block is."""
    cells = [pad_name(n) for n in names]
    lines = [(NBSP * 2).join(cells[i:i + per_line]) for i in range(0, len(cells), per_line)]
    head = f"{label[0]}{NBSP} {label[1]}："
    return [head + lines[0], *[(NBSP + " ") * 6 + line for line in lines[1:]]]


def minutes(p: Planner, day: dt.date) -> DocSpec:
    """One 常务会议's minutes. Numbers follow the order meetings were held: a meeting falls after the one
    before it, is filed after it, and its minutes are published no earlier (the day moves later if need
    be)."""
    p.meeting += 1
    filed = weekday(day - dt.timedelta(days=p.rng.randint(3, 12)))
    held = weekday(filed - dt.timedelta(days=p.rng.randint(2, 5)))
    held = max(held, next_weekday(p.last_held + p.meeting_gap))
    one = dt.timedelta(days=1)
    filed = max(filed, next_weekday(held + 2 * one), next_weekday(p.last_filed + one))
    day = max(day, next_weekday(filed + one), next_weekday(p.last_published + one))
    p.last_held, p.last_filed, p.last_published = held, filed, day
    leaders = T.LEADERS[2024 if held.year >= 2024 else 2022]
    chair = leaders[0]
    items = _agenda(p, held)
    title = f"区政府第{p.meeting}次常务会议纪要"
    when = f"{cn_date(held)}{p.rng.choice(('上午', '下午'))},区长{chair}在{p.rng.choice(T.ROOMS)}"
    blocks: list[Block] = [title, f"{when}主持召开区政府第{p.meeting}次常务会议,纪要如下:"]
    for item in items:
        blocks += item.blocks
    blocks += _roll("出席", leaders) + _roll("列席", p.rng.sample(T.STAFF, p.rng.randint(8, 16)))
    blocks += _roll("主持", [chair]) + _roll("记录", [p.rng.choice(T.RECORDERS)])
    blocks += [f"{T.CITY}{T.DISTRICT}人民政府办公室整理", cn_date(filed), "(此件公开发布)"]
    reviewed = [i.shown for i in items if i.decision is not None]
    topics = "、".join(reviewed[:2] or [i.shown for i in items[:1]])
    return _spec("minutes", "office", title, day, (day - filed).days, blocks,
                 f"{title}:会议研究了{topics}等{len(items)}项议题。", topic=("综合政务", "机关事务"),
                 genre="会议纪要", combo="政府会议", keywords=("常务会议", "会议纪要"), held=held,
                 decisions=tuple(i.decision for i in items))


def _to_issue(p: Planner, day: dt.date) -> tuple[str, Adopted] | None:
    """A document a meeting adopted some days ago that no notice has put in force yet, the oldest first."""
    return next(((name, a) for name, a in p.adopted.items()
                 if name not in p.issued and a.held < day - dt.timedelta(days=5)), None)


def notice(p: Planner, day: dt.date) -> DocSpec:
    source, (kind, title, gist, work, kws) = p.subject()
    adopted = _to_issue(p, day) if p.rng.random() < 0.7 else None
    if adopted or (kind == "doc" and p.rng.random() < 0.6):
        if adopted:  # the meeting that adopted it is the one the notice names
            name, done = adopted
            source, (kind, title, gist, work, kws) = done.agency, done.subject
            approved = f"区政府第{done.meeting}次常务会议审议通过"
            p.issued.add(name)
        else:
            name, approved = title.format(y=subject_year(kind, day)), "区政府同意"
        issuer = p.rng.choice(("office", source))
        heading = f"{AGENCY[issuer].name}关于印发《{name}》的通知"
        intro = f"《{name}》已经{approved},现印发给你们,请结合实际认真贯彻执行。"
        body = [name, *p.sections(T.SECTIONS, per=p.rng.randint(2, 3))]
    else:
        issuer = p.rng.choice((source, source, *T.TOWNS))
        heading = f"{AGENCY[issuer].name}关于做好{day.year}年{work}工作的通知"
        intro = f"为做好{day.year}年{work}工作,{gist},现就有关事项通知如下:"
        body = p.sections(p.rng.sample(("工作目标", "重点任务", "工作要求", "时间安排"), 3))
    opening = "各村(居)民委员会,各办(所、中心):" if issuer in T.TOWNS else p.rng.choice(T.NOTICE_OPENINGS)
    signed = weekday(day - dt.timedelta(days=p.rng.randint(1, 6)))
    blocks: list[Block] = [opening, intro, *body, AGENCY[issuer].name, cn_date(signed)]
    return _spec("notice", issuer, heading, day, (day - signed).days, blocks, intro,
                 doc_no=p.doc_no(issuer, day.year), genre="通知", combo="政策文件",
                 keywords=(*kws, "通知"), topic=AGENCY[source].topic)


def plan_doc(p: Planner, day: dt.date) -> DocSpec:
    agency, (_kind, _title, gist, work, kws) = p.subject()
    name = AGENCY[agency].name
    if p.rng.random() < 0.7:
        title, genre, until = f"{name}{day.year}年{work}工作计划", "计划", dt.date(day.year + 1, 1, 1)
    else:
        title, genre = f"青禾区{work}专项规划({day.year}—{day.year + 2}年)", "规划"
        until = dt.date(day.year + 3, 1, 1)
    intro = f"{gist}。为扎实推进{work}工作,结合我区实际,制定本{genre}。"
    blocks: list[Block] = [intro, *p.sections(("发展目标", "重点任务", "实施步骤", "保障措施")[: p.rng.randint(3, 4)])]
    return _spec("plan", agency, title, day, p.rng.randint(3, 15), [*blocks, name, cn_date(day)], intro,
                 genre=genre, combo="规划计划", keywords=(*kws, genre), expires=until)


def report(p: Planner, day: dt.date) -> DocSpec:
    if day.month <= 3 and day.year not in p.work_reports:
        p.work_reports.add(day.year)
        agency, title, genre, combo = "gov", f"{day.year}年青禾区政府工作报告", "报告", "政府工作报告"
        works = [s[3] for _a, s in p.rng.sample(ALL_SUBJECTS, 4)]
    else:
        agency, (_k, _t, _g, work, _kw) = p.subject()
        name = AGENCY[agency].name
        title, genre, combo = p.rng.choice((
            (f"{name}{day.year - 1}年工作总结和{day.year}年工作计划", "总结", "规划计划"),
            (f"{name}{day.year - 1}年度法治政府建设情况报告", "报告", "其他"),
        ))
        works = [work, p.subject()[1][3]]
    done = [f"围绕{w},{m},全年完成重点项目{p.rng.randint(3, 30)}个。" for w, m in zip(works, p.measures(len(works)))]
    blocks: list[Block] = [f"一、{day.year - 1}年工作情况", *done, "二、存在的问题",
                           f"对照群众期待,{works[0]}等工作仍有短板,部门之间的协同还需加强。",
                           f"三、{day.year}年工作打算", *(f"{m}。" for m in p.measures(3))]
    return _spec("report", agency, title, day, p.rng.randint(2, 10), blocks, f"{title}。",
                 genre=genre, combo=combo, keywords=(*works[:2], "工作报告"))


def interpretation(p: Planner, day: dt.date) -> DocSpec:
    agency, (kind, title, gist, work, kws) = p.subject("doc")
    name = title.format(y=subject_year(kind, day))
    years = p.rng.choice((3, 5))
    blocks: list[Block] = [
        "一、制定背景", f"{gist}。为进一步做好{work}工作,{AGENCY[agency].aliases[0]}在深入调研、广泛征求意见的基础上起草了《{name}》。",
        "二、主要内容", *(f"({cn_num(i)}){m}。" for i, m in enumerate(p.measures(3), 1)),
        "三、适用范围", f"适用于青禾区行政区域内的{work}相关工作。",
        "四、施行时间", f"自印发之日起施行,有效期{years}年。",
        "五、解读机关", f"{AGENCY[agency].name};解读人:{p.rng.choice(T.STAFF)}。",
    ]
    return _spec("interpretation", agency, f"《{name}》政策解读", day, p.rng.randint(0, 3), blocks,
                 f"对《{name}》的制定背景、主要内容和施行时间进行解读。", genre="政策解读", combo="政策文件",
                 keywords=(*kws, "政策解读"))


def news(p: Planner, day: dt.date) -> DocSpec:
    source, (_k, _t, gist, work, kws) = p.subject()
    agency = p.rng.choice((source, source, *T.TOWNS))
    event = p.rng.choice(T.NEWS_EVENTS).format(y=day.year, w=work)
    held = day - dt.timedelta(days=p.rng.randint(0, 2))
    who = p.rng.choice(T.LEADERS[2024 if day.year >= 2024 else 2022][1:])
    blocks: list[Block] = [f"{held.month}月{held.day}日,{AGENCY[agency].name}{event}。副区长{who}出席并讲话。",
                           f"{gist}。{p.rng.choice(T.POINTS)}。", *p.rng.sample(T.NEWS_FOLLOWUPS, 2)]
    return _spec("news", agency, f"{AGENCY[agency].aliases[0]}{event}", day, 0, blocks, blocks[0],
                 genre="工作动态", combo="工作动态", keywords=(*kws, "工作动态"))


def annual(p: Planner, year: int, counts: Counter[str]) -> DocSpec:
    day = weekday(dt.date(year + 1, 1, p.rng.randint(12, 28)))
    asked = p.rng.randint(20, 160)
    people = p.rng.randint(asked // 2, asked)
    rules = tuple((label, str(p.rng.randint(a, b)), str(p.rng.randint(0, 3)), str(p.rng.randint(b, b * 3)))
                  for label, a, b in (("规章", 0, 1), ("行政规范性文件", 2, 12)))
    blocks: list[Block] = [
        "一、总体情况",
        f"{year}年,青禾区坚持以公开为常态、不公开为例外,在区政府门户网站主动公开政府信息{sum(counts.values())}条,"
        f"其中常务会议纪要{counts['minutes']}条、政策文件{counts['notice']}件、政策解读{counts['interpretation']}篇、"
        f"工作动态{counts['news']}条。",
        "二、主动公开政府信息情况", (("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), *rules),
        "三、收到和处理政府信息公开申请情况",
        f"本年度共收到政府信息公开申请{asked}件,其中自然人{people}件、法人或其他组织{asked - people}件,均已按期办结。",
        "四、政府信息公开行政复议、行政诉讼情况",
        f"本年度因政府信息公开被申请行政复议{p.rng.randint(0, 4)}件,被提起行政诉讼{p.rng.randint(0, 2)}件,均未被纠错。",
        "五、存在的主要问题及改进情况", *(f"{m}。" for m in p.measures(2)),
        "六、其他需要报告的事项", "本年度未收取信息处理费。",
    ]
    title = f"青禾区人民政府{year}年政府信息公开工作年度报告"
    return _spec("annual", "gov", title, day, p.rng.randint(3, 8), blocks, f"{title}。",
                 topic=("综合政务", "政务公开"), genre="报告", combo="政府信息公开年报",
                 keywords=("政府信息公开", "年度报告"))


BUILDERS: dict[str, Callable[[Planner, dt.date], DocSpec]] = {
    "minutes": minutes, "notice": notice, "plan": plan_doc, "report": report,
    "interpretation": interpretation, "news": news,
}


def kind_counts(total: int) -> dict[str, int]:
    """`total` split by MIX, the rounding remainder going to the largest shares."""
    weight = sum(MIX.values())
    counts = {k: total * w // weight for k, w in MIX.items()}
    for k in sorted(MIX, key=lambda k: -MIX[k])[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def plan(docs: int, seed: int = DEFAULT_SEED) -> list[DocSpec]:
    """The demo catalog for `seed`, ordered by publication; pure, so equal seeds give equal plans."""
    p = Planner(random.Random(seed))
    years = list(REPORT_YEARS)[: max(0, docs)]
    kinds = [k for k, n in kind_counts(docs - len(years)).items() for _ in range(n)]
    p.rng.shuffle(kinds)
    span = (LAST_DAY - FIRST_DAY).days
    # weekly at most, unless that many meetings would not fit in the window
    p.meeting_gap = min(MEETING_GAP, dt.timedelta(days=max(1, span // (2 * max(1, kinds.count("minutes"))))))
    days = sorted(weekday(FIRST_DAY + dt.timedelta(days=p.rng.randrange(span))) for _ in kinds)
    specs = [BUILDERS[kind](p, day) for kind, day in zip(kinds, days)]
    for year in years:
        specs.append(annual(p, year, Counter(s.kind for s in specs if s.published.year == year)))
    _abolish_and_withdraw(p, specs, withdrawn=max(2, docs // 100))
    return sorted(specs, key=lambda s: (s.published, s.title))


def _abolish_and_withdraw(p: Planner, specs: list[DocSpec], withdrawn: int) -> None:
    """A quarter of the older notices have been abolished since (so 废止 shows), and a few were replaced
    by a later notice, which says so: the old one is withdrawn, abolished on the day the new one was
    published, so its page shows that 废止日期 and 废止 rather than 有效."""
    old = [i for i, s in enumerate(specs) if s.kind == "notice" and s.published < ABOLISH_BEFORE]
    for i in p.rng.sample(old, max(1, len(old) // 4) if old else 0):
        later = specs[i].published + dt.timedelta(days=p.rng.randint(365, 800))  # still before LAST_DAY
        specs[i] = replace(specs[i], abolished=weekday(later))
    notices = sorted((i for i, s in enumerate(specs) if s.kind == "notice"), key=lambda i: specs[i].published)
    replaced: set[int] = set()
    for i in p.rng.sample(notices, len(notices)):
        if len(replaced) >= 2 * withdrawn:  # each withdrawal pairs an old notice with its replacement
            break
        first = specs[i]
        if first.abolished or i in replaced:
            continue
        later = first.published + dt.timedelta(days=60)
        newer = [j for j in notices if j not in replaced and specs[j].published > later]
        if not newer:
            continue
        # the same agency's, or failing that one on the same topic, replaces it
        j = min(newer, key=lambda k: (specs[k].agency != first.agency, specs[k].topic != first.topic))
        new = specs[j]
        specs[i] = replace(first, abolished=new.published, withdraw_reason=fw(
            T.WITHDRAW_REASON.format(new=new.doc_no, day=cn_date(new.published))))
        said = fw(T.REPLACES.format(old=first.doc_no))
        specs[j] = replace(new, blocks=(*new.blocks[:-2], said, *new.blocks[-2:]))
        replaced |= {i, j}


class Terms:
    """Vocabulary terms by name, looked up once each; a name missing from the seeded vocabularies is a bug."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str, str], Term] = {}

    def get(self, kind: str, name: str, parent: str = "") -> Term:
        key = (kind, parent, name)
        if key not in self._cache:
            found = Term.objects.filter(kind=kind, name=name)
            self._cache[key] = (found.filter(parent__name=parent) if parent else found).get()
        return self._cache[key]


def ensure_agencies() -> dict[str, Agency]:
    made: dict[str, Agency] = {}
    for n, data in enumerate(AGENCY.values(), 1):
        made[data.key], _ = Agency.objects.update_or_create(name=data.name, defaults={
            "short_names": list(data.aliases), "code": org_code(n),
            "parent": made.get(data.parent) if data.parent else None,
        })
    return made


def configure_site() -> None:
    site = SiteSettings.get()
    for name, value in T.SITE.items():
        setattr(site, name, value)
    site.save()


def write(specs: Sequence[DocSpec]) -> DemoResult:
    """Publish `specs` as the system would; all or nothing."""
    with transaction.atomic():
        agencies = ensure_agencies()
        configure_site()
        signals.demo_written.send(sender=SiteSettings)  # the 政府信息公开 section's guide and columns
        terms = Terms()
        for spec in specs:
            doc = actions.create_document(None, agencies[spec.agency], {
                "title": spec.title, "doc_no": spec.doc_no, "created_date": spec.created,
                "published_date": spec.published, "abolished_date": spec.abolished,
                "expires_date": spec.expires,
                "summary": spec.summary, "body_html": spec.body_html(), "keywords": list(spec.keywords),
                "topic": terms.get(Term.TOPIC, spec.topic[1], spec.topic[0]),
                "genre": terms.get(Term.GENRE, spec.genre), "combo": terms.get(Term.COMBO, spec.combo),
            }, note="演示数据", system=True)
            actions.publish(None, doc, day=spec.published, reason="演示数据发布", system=True)
            if spec.withdraw_reason:
                actions.withdraw(None, doc, reason=spec.withdraw_reason, system=True)
        demo_english.add_english()  # English names, site texts and documents (gongkai.catalog.demo_english)
    return DemoResult(
        agencies=len(agencies), documents=len(specs), by_kind=dict(Counter(s.kind for s in specs)),
        withdrawn=sum(1 for s in specs if s.withdraw_reason),
        abolished=sum(1 for s in specs if s.abolished),
    )


def generate(docs: int = 300, seed: int = DEFAULT_SEED) -> DemoResult:
    return write(plan(docs, seed))
