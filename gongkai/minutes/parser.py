"""Parsing meeting minutes (会议纪要) and news reports of meetings (常务会议报道) into a `Meeting`.

The forms governments publish:
- numbered items: "一、会议审议了《…》" followed by 会议指出/强调/要求 and a decision paragraph;
- unnumbered paragraphs: "会议审议《…》。原则同意…", "会议审议并原则通过了《…》", "会议传达学习了…",
  "会议还听取了…", "会议集体学习了…", parallel clauses ("…；传达学习《乙》；以及《丙》"), bare verbs
  that go on the convening sentence ("…主持召开…会议。传达学习…，讨论修改《…》"), and lists of
  submissions ("县甲局送审的《一》《二》，县乙局送审的《三》", one item per document);
- news style: "X月X日，区长XX主持召开区政府第N次常务会议，学习贯彻了…，传达学习了…";
- 市政會議 records in parts: 壹、宣讀…紀錄 / 貳、討論事項 (一、…案。(地政局) 決議：…, or 第一案 with
  提案單位/案由/決議) / 參、報告事項; opening, awards and 臨時動議 are not items;
- attendee blocks below the body ("出  席：赵   钢  孙益锋"), labels above their values (主席 / 柯某),
  attendance sentences ("…参加会议"); meeting numbers with terms (六屆57次, 十九届第1次, 二届政府第7次);
- Traditional pages, pinyin printed after characters (區(qū)), and pages cut off in the middle of an item.

Everything is matched on a parse copy (`minutes.page`: folded by `gongkai.lib.zh.fold`, ruby pinyin left
out with positions mapped back), and all returned text is cut from the page itself. The page may be the
whole copied page, navigation and metadata included. This module reads the header (number, date, chair,
place) and puts the meeting together; `minutes.attendance` reads who was there and the trailer,
`minutes.items` the agenda. People come from `gongkai.lib.zh.people`, departments from
`gongkai.lib.zh.orgs`, dates from `gongkai.lib.zh.dates`, numbers from `gongkai.lib.zh.numerals`.
"""

from __future__ import annotations

import re

from gongkai.lib.zh import people
from gongkai.lib.zh.dates import find_dates
from gongkai.lib.zh.numerals import NUMERAL_CHARS, cn_to_int
from gongkai.minutes.attendance import (
    Block, fill_people, fill_trailer, is_date_line, label_blocks, person, value_labels,
)
from gongkai.minutes.contract import AgendaItem, Meeting
from gongkai.minutes.items import (
    CLOSER, HEADING_STYLES, SECTION, finish, item_at, news_items, numbered_items, sectioned_items,
)
from gongkai.minutes.page import Page, Span, date_in, masked, split_clauses, split_sentences

_CN_NUM = NUMERAL_CHARS

# ---- what the page says: patterns on the parse copy -------------------------------------------------

# 第25次常务会议, 六届七十八次, 十九届第1次, 二届政府第7次常务会 (the body between term and number),
# 三屆41次区政府常务会议; a year in front (2021年第6次) is not part of the number, nor a term written
# with 第 (第十七届人民政府第36次): that names the body.
_MEETING_NO = re.compile(
    rf"(?P<no>(?:(?<![第{_CN_NUM}\d])[{_CN_NUM}\d]+届(?:[\u4e00-\u9fff]{{1,4}}?(?=第))?)?"
    rf"第?\s*[{_CN_NUM}\d]+\s*次)"
    rf"(?P<kind>[\u4e00-\u9fff]{{0,8}}?)(?:会议|(?<=常务|全体|办公|政务)会(?!见|谈|商|同|签|审))"
)
# The government's own meetings, preferred when a joint meeting names two (党组第8次会议暨…第7次常务会).
_GOVERNMENT_KIND = re.compile(r"常务|全体|市政|政务|办公")
# 纪要 numbered by issue (…会议纪要(第3期)) when no 第N次 is given
_ISSUE_NO = re.compile(rf"(?:会议|纪要)\s*[(]?\s*(?P<no>第[{_CN_NUM}\d]+[期次])(?P<kind>)")
_YEAR_OF_MEETING = re.compile(r"([\d〇零一二三四五六七八九]{4})\s*年(?:度)?第")

# Site furniture after the text: the first kind never occurs in minutes, the second only in short lines.
_SITE_FOOTER = re.compile(r"copyright|版权所有|icp备|公网安备|主办单位|承办单位|网站标识|联系我们|站点地图", re.IGNORECASE)
_SITE_LINKS = re.compile(
    r"打印|关闭|返回|顶部|扫一扫|分享|字体|上一篇|下一篇|相关(?:阅读|链接|文章)|责任编辑|编辑:|来源:|作者:|审核:|"
    r"校对:|发布时间|浏览|阅读次数|点击|访问量|收藏|附件|^\s*[•·]"
)
# Metadata lines that repeat the body in short (内容概述: …): never the body itself.
_SUMMARY_LINE = re.compile(r"[ \t]*(?:内容)?(?:概述|摘要|简介|描述)\s*:")
_LABEL_LINE = re.compile(r"[\u4e00-\u9fff]{2,8}:[^,。;]{1,30}")  # 汇报单位:区民政局 ends a page whole
_COMPLETE_ENDINGS = "。!?;)”』」》…"


# ---- the header: number, date, chair, place ----------------------------------------------------------


def _convening(page: Page) -> Span | None:
    """The sentence that says who convened which meeting when (…主持召开区政府第N次常务会议)."""
    summaries = _summary_lines(page)
    sentences = [s for s in split_sentences(page, 0, len(page.p)) if not masked(s, summaries)]
    for test in (_is_dated_convening, _is_convening):
        for s in sentences:
            if test(page.p[s[0]: s[1]]):
                return s
    return None


def _summary_lines(page: Page) -> list[Span]:
    return [ln for ln in page.lines() if _SUMMARY_LINE.match(page.p, *ln)]


def _line_at(page: Page, start: int) -> Span:
    end = page.p.find("\n", start)
    return start, len(page.p) if end < 0 else end


def _is_dated_convening(sentence: str) -> bool:
    return bool(find_dates(sentence)) and bool(re.search(r"主持|召开|举行", sentence))


def _is_convening(sentence: str) -> bool:
    return "主持召开" in sentence or bool(re.search(r"召开.{0,30}会议|由[^,。]{2,20}主持", sentence))


def _fill_number(meeting: Meeting, page: Page, conv: Span | None) -> None:
    said = _meeting_no_in(page, conv[0], _first_agenda_verb(page, conv)) if conv else None
    # the page's headline (区政府第25次常务会议纪要) names the meeting too, and in its short form
    head = (0, conv[0] if conv else _first_heading(page))
    titled = _meeting_no_in(page, *head)
    m = titled if titled and (said is None or _number_of(titled) == _number_of(said)) else said
    m = m or _ISSUE_NO.search(page.p, *head)
    if not m:
        return
    meeting.meeting_no = page.cut(m.start("no"), m.end("no"))
    meeting.meeting_no_int = _number_of(m)
    if m.group("kind"):
        meeting.kind = page.cut(m.start("kind"), m.end())
    meeting.body = _body_name(page, (said or m).start())


def _first_heading(page: Page) -> int:
    """Where the agenda's first numbered heading is: a number after it (宣讀第87次會議紀錄) is another meeting's."""
    styles = (SECTION, *HEADING_STYLES)
    return next((a for a, b in page.lines() if any(st.match(page.p, a, b) for st in styles)), len(page.p))


def _meeting_no_in(page: Page, a: int, b: int) -> re.Match[str] | None:
    found = list(_MEETING_NO.finditer(page.p, a, b))
    return next((m for m in found if _GOVERNMENT_KIND.search(m.group("kind"))), found[0] if found else None)


def _number_of(m: re.Match[str]) -> int | None:
    last = re.search(rf"([{_CN_NUM}\d]+)\s*[次期]$", m.group("no"))  # 十九届县政府第21次 → 21
    return cn_to_int(last.group(1)) if last else None


def _first_agenda_verb(page: Page, conv: Span) -> int:
    """Where the agenda starts inside the convening sentence: "…会议，传达学习了市政府第61次常务会议精神"
    names another meeting's number, which is not this meeting's."""
    for a, b in split_clauses(page, *conv)[1:]:
        if item_at(page, a, b, heading=False):
            return a
    return conv[1]


def _body_name(page: Page, end: int) -> str | None:
    """The body that met: what stands between 召开 (or the line start) and the number."""
    start = end
    while start > 0 and page.p[start - 1] not in ",.。:;\n \t" and end - start < 24:
        start -= 1
    head = re.search(r"(?:召开|主持|举行)(?!.*(?:召开|主持|举行))", page.p[start:end])
    if head:
        start += head.end()
    name = re.sub(r"\d{4}\s*年度?$", "", page.p[start:end])
    return page.cut(start, start + len(name)) or None


def _fill_date(meeting: Meeting, page: Page, conv: Span | None, labels: dict[str, Span]) -> None:
    year = _year_of_meeting(page, conv)
    for a, b in (s for s in (conv, labels.get("time")) if s):
        found = date_in(page, a, b, year)
        if found:
            meeting.date_text = page.text((a + found.start, a + found.end))
            meeting.part_of_day = found.part_of_day
            meeting.date = found.iso
            return


def _year_of_meeting(page: Page, conv: Span | None) -> int | None:
    """青山区人民政府2022年第9次常务会议: the year is stated with the number, not the date."""
    m = _YEAR_OF_MEETING.search(page.p, *conv) if conv else None
    return cn_to_int(m.group(1)) if m else None


def _fill_chair_and_place(meeting: Meeting, page: Page, conv: Span | None) -> None:
    if not conv:
        return
    sentence = page.p[conv[0]: conv[1]]
    for verb in ("主持", "召开", "举行"):
        at = sentence.find(verb)
        if at >= 0 and _chair_before(meeting, page, conv[0], conv[0] + at):
            break
    if meeting.chair is None and "主持" not in sentence:
        _chair_said_next(meeting, page, conv)
    if meeting.location is None:
        m = re.search(r"在(?P<loc>[^,。;]{2,40}?)(?:主持)?(?:召开|举行)", page.p[conv[0]: conv[1]])
        if m:
            meeting.location = page.text((conv[0] + m.start("loc"), conv[0] + m.end("loc")))


def _chair_said_next(meeting: Meeting, page: Page, conv: Span) -> None:
    """"青山县人民政府召开第23次常务会议。县长王某主持会议。": the chair in the next sentence."""
    for a, b in split_sentences(page, conv[1], min(len(page.p), conv[1] + 200))[:2]:
        found = people.chair_in(page.p[a:b]) if "主持" in page.p[a:b] else None
        if found:
            meeting.chair = page.squashed((a + found[0], a + found[1]))
            return


def _chair_before(meeting: Meeting, page: Page, start: int, end: int) -> bool:
    """"区长XX在YY，主持…": the nearest clause before the verb that names a person, and where."""
    for a, b in reversed(split_clauses(page, start, end)):
        at = page.p.find("在", a, b)
        name = person(page, a, at if at >= 0 else b)
        if name:
            meeting.chair = page.squashed(name)
            if at >= 0 and at + 1 < b:
                meeting.location = page.text((at + 1, b))
            return True
    return False

# ---- truncation --------------------------------------------------------------------------------------------


def _is_furniture(line: str) -> bool:
    short = len(line) < 40
    return bool(_SITE_FOOTER.search(line)) or (short and bool(_SITE_LINKS.search(line))) or (
        len(line) <= 4 and not line.endswith("。"))


def _content_end(page: Page, blocks: list[Block], trailer: list[int]) -> tuple[int, bool]:
    """Where the page's own text ends, and whether it was cut off there (mid-sentence)."""
    for a, b in reversed(list(page.lines())):
        text = page.p[a:b].strip()
        if not text or _is_furniture(text):
            continue
        in_block = any(bl.span[0] <= a < bl.span[1] + 1 for bl in blocks) or a in trailer
        complete = (in_block or text[-1] in _COMPLETE_ENDINGS or is_date_line(page, (a, b))
                    or bool(CLOSER.search(text) or _LABEL_LINE.fullmatch(text)))
        return b, not complete
    return 0, False


# ---- the whole page ----------------------------------------------------------------------------------------


def parse_minutes(text: str) -> Meeting:
    """A `Meeting` from the text of a minutes page or a meeting report (navigation noise allowed)."""
    page = Page.of(text)
    blocks = label_blocks(page)
    conv = _convening(page)
    labels = value_labels(page)
    meeting = Meeting()
    _fill_number(meeting, page, conv)
    _fill_date(meeting, page, conv, labels)
    _fill_chair_and_place(meeting, page, conv)
    if meeting.location is None and "place" in labels:
        meeting.location = page.text(labels["place"])
    fill_people(meeting, page, blocks)
    trailer = fill_trailer(meeting, page)
    meeting.items, meeting.truncated = _items(page, conv, blocks, trailer)
    return meeting


def _items(
    page: Page, conv: Span | None, blocks: list[Block], trailer: list[int]
) -> tuple[list[AgendaItem], bool]:
    masks = [b.span for b in blocks] + [_line_at(page, s) for s in trailer] + _summary_lines(page)
    region = (conv[0] if conv else 0, len(page.p))
    drafts = (sectioned_items(page, region, masks) or numbered_items(page, region, masks)
              or news_items(page, region, masks, conv))
    cut, truncated = _content_end(page, blocks, trailer)
    if truncated:
        drafts = [d for d in drafts if d.end < cut]  # the item the page ends in is not complete
    numbers = [d.n for d in drafts]
    if None in numbers or len(set(numbers)) != len(numbers):  # items are keyed by n: keep it unique
        for d in drafts:
            d.n = None
    return [finish(page, d, n) for n, d in enumerate(drafts, 1)], truncated
