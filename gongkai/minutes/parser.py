"""Parsing meeting minutes (会议纪要) and news reports of meetings (常务会议报道) into a `Meeting`.

The forms governments publish:
- numbered items: "一、会议审议了《…》" followed by 会议指出/强调/要求 and a decision paragraph;
- unnumbered paragraphs: "会议审议《…》。原则同意…", "会议审议并原则通过了《…》";
- news style: "X月X日，区长XX主持召开区政府第N次常务会议，学习贯彻了…，传达学习了…";
- attendee blocks below the body ("出  席：赵   钢  孙益锋"), or attendance sentences ("…参加会议");
- Traditional pages (市政會議紀錄), and pages cut off in the middle of an item.

Everything is matched on a parse copy that is width-folded and Simplified character for character,
so every position in it is the same position in the page; all returned text is cut from the page
itself. The page may be the whole copied page, navigation and metadata included.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from gongkai.lib.text import to_simplified
from gongkai.minutes.contract import AgendaItem, Meeting, Remark
from gongkai.minutes.departments import department_key, find_departments, is_department, split_departments

Span = tuple[int, int]

_CN_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "一二三四五六七八九十百千零〇两"

# ---- what the page says: patterns on the parse copy -------------------------------------------------

_MEETING_NO = re.compile(
    rf"(?P<no>(?:[{_CN_NUM}\d]+届)?第?\s*[{_CN_NUM}\d]+\s*次)(?P<kind>[\u4e00-\u9fff]{{0,4}}?)会议"
)
# 纪要 numbered by issue (…会议纪要(第3期)) when no 第N次 is given
_ISSUE_NO = re.compile(rf"(?:会议|纪要)\s*[(]?\s*(?P<no>第[{_CN_NUM}\d]+期)(?P<kind>)")
_DATE = re.compile(
    r"(?:(?P<y>[\d〇零一二三四五六七八九]{4})\s*年\s*)?(?P<m>[\d一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>[\d一二三四五六七八九十]{1,3})\s*[日号](?:\s*\((?:星期|周)[一二三四五六日天]\))?"
    r"(?P<pod>上午|下午|晚上|早上|中午|傍晚|晚)?"
)
_DATE_ISO = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:\s*(?P<t>\d{1,2}:\d{2}))?")
_YEAR_OF_MEETING = re.compile(r"([\d〇零一二三四五六七八九]{4})\s*年(?:度)?第")

_ACTIONS = (
    "传达学习贯彻", "传达学习", "学习贯彻", "学习传达", "传达贯彻", "研究部署", "研究讨论", "讨论研究",
    "分析研究", "研究分析",
    "听取", "审议", "审定", "研究", "讨论", "传达", "学习", "通报", "审阅", "研讨", "观看",
)
_ACT = "|".join(_ACTIONS)
_ITEM_START = re.compile(
    rf"(?P<ord>[{_CN_NUM[:10]}]{{1,3}}是|第[{_CN_NUM[:10]}]{{1,3}}项?,?)?"
    rf"(?P<subj>会议|会上|(?:全体)?与会(?:人员|同志|领导))?(?:还|又|首先|先后|集中|集体|专题|分别|一并|同时|最后|另外|重点|共同|认真|逐项)*"
    rf"(?P<acts>(?:{_ACT})(?:[并和、]?(?:{_ACT}))*)(?P<dec>并?(?:原则)?(?:通过|同意|批准))?(?P<le>了)?"
)
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
_SPONSOR_MARK = re.compile(
    r"(?:提出|提交|报送|起草|拟定|拟订|制定|制订|编制|上报|呈报|报来|草拟|代拟|提报|报审|申报|提请(?:审议)?|"
    r"报请(?:审议)?|汇报)的|关于|的(?:工作)?(?:汇报|报告|请示)"
)
_SPONSOR_BRACKET = re.compile(r"\((?P<d>[^()]{2,40}?)(?:提交|提出|汇报|报送|起草)?\)")
_SPONSOR_LABEL = re.compile(r"(?:提交|汇报|提请|报送|起草|承办|主办)(?:单位|部门)\s*:\s*(?P<d>[^\n。;]+)")
# What may stand between a sponsor and the marker: 区财政局所作的, 区财政局主要负责同志关于….
_SPONSOR_TAIL = re.compile(r"(?:(?:主要)?负责(?:同志|人)|所作|作|的|联合|共同|牵头|会同有关部门)+$")
# Words before a sponsor; 研究 only as a verb, not as in 研究室.
_SPONSOR_LEFT = re.compile(r"同意|通过|批准|审议|听取|研究(?![室院所中会])|讨论|审定|由|了|并|[,:;。《》]")
_FOLLOW_UP_AFTER = re.compile(r"(?:完善|修改|修订|调整|把关|审核|审定)后[,]?(?P<f>[^,。;]+)$")
_FOLLOW_UP_DIRECT = re.compile(r"(?:原则上?)?(?:同意|通过)(?P<f>(?:印发|组织|抓紧|按程序|提请|报请)[^,。;]*)$")
_FOLLOW_UP_VERB = re.compile(r"(?:提请|报请|按程序报|报送|印发|组织实施|抓紧实施|执行|签约|发布|公布|施行|报区|报市|报县)")

_LABEL = re.compile(
    r"[ \t•·*\-]*(?P<pre>[\u4e00-\u9fff]{0,4}?)(?P<lab>出\s*席|列\s*席|参\s*加|参\s*会|请\s*假|缺\s*席|主\s*持|记\s*录)"
    r"(?:人员|人|领导|会议|单位|同志)?(?:的有)?\s*:"
)
_TIME_LABEL = re.compile(r"[ \t•·*\-]*(?:会议|开会)?(?:时间|日期)\s*:\s*")
_PLACE_LABEL = re.compile(r"[ \t•·*\-]*(?:会议|开会)?地点\s*:\s*")
_ATTENDANCE = re.compile(r"(?P<verb>出席|参加|列席)了?(?:会议|本次会议)")
_COMPILED_BY = re.compile(
    r"\s*(?P<org>[\u4e00-\u9fff]{2,40}?(?:办公室|办公厅|办|秘书处|秘书科|综合科))\s*(?P<verb>整理|印发|编印|制发|印)?\s*$"
)
_PUBLICATION_NOTE = re.compile(r"\(\s*(?P<note>(?:此件|本件)[^)]{1,20}?)\s*\)")
# Site furniture after the text: the first kind never occurs in minutes, the second only in short lines.
_SITE_FOOTER = re.compile(r"copyright|版权所有|icp备|公网安备|主办单位|承办单位|网站标识|联系我们|站点地图", re.IGNORECASE)
_SITE_LINKS = re.compile(
    r"打印|关闭|返回|顶部|扫一扫|分享|字体|上一篇|下一篇|相关(?:阅读|链接|文章)|责任编辑|编辑:|来源:|作者:|审核:|"
    r"校对:|发布时间|浏览|阅读次数|点击|访问量|收藏|附件|^\s*[•·]"
)
# Closing sentences that end a report without being an item (会议还研究了其他事项 / …参加会议).
_CLOSER = re.compile(r"(?:其他|其它)(?:有关|相关)?(?:事项|事宜|议题)|(?:出席|参加|列席)了?(?:会议|本次会议)$")
# Metadata lines that repeat the body in short (内容概述: …): never the body itself.
_SUMMARY_LINE = re.compile(r"[ \t]*(?:内容)?(?:概述|摘要|简介|描述)\s*:")
_LABEL_LINE = re.compile(r"[\u4e00-\u9fff]{2,8}:[^,。;]{1,30}")  # 汇报单位:区民政局 ends a page whole
_COMPLETE_ENDINGS = "。!?;)”』」》…"

_TITLE_PART = re.compile(
    r"副?(?:[区县市省州镇乡旗局处科所院站队厅部]长|秘书长)|常委会|常委|书记|副?主任|副?主席|委员|领导|同志|"
    r"调研员|巡视员|助理|顾问|参议|主委|政委|专员|代表|负责人|总经理|经理|人民政府|政府|人大|政协|[区县市]委|党组|、"
)
_TITLE_WORD = re.compile(
    r"[\u4e00-\u9fff]{0,10}?(?:[区县市省州镇乡旗局处科所院站队校行部厅会委室办书事社组]长|主委|主任|顾问|参议|参事|"
    r"书记|委员|常委|主席|秘书|调研员|巡视员|助理|专员|政委|总经理|经理|总监|代表|负责人|领导|同志)"
)
_RESPONSIBLE = re.compile(r"(?:(?:主要|有关)?负责(?:同志|人)|(?:有关)?同志)$")
_LIST_TAIL = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位)?)?(?:(?:主要|有关)?负责(?:同志|人)|有关同志)?$")
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}")
_HEADING_STYLES = (
    re.compile(r"[ \t]*(?P<num>[一二三四五六七八九十]{1,3})、"),
    re.compile(r"[ \t]*\((?P<num>[一二三四五六七八九十]{1,3})\)"),
    re.compile(r"[ \t]*(?P<num>\d{1,2})[、.](?!\d)"),
    re.compile(r"[ \t]*议题(?P<num>[一二三四五六七八九十]{1,3})[:、.]?"),
)
_OPEN, _CLOSE = "《(“「『【〈", "》)”」』】〉"


# ---- the page and its parse copy ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Page:
    orig: str
    p: str  # width-folded Simplified copy, position for position

    @classmethod
    def of(cls, text: str) -> _Page:
        folded = "".join(_fold_char(c) for c in text)
        simple = to_simplified(folded)
        if len(simple) != len(folded):  # t2s kept length on every page seen; never trust it blindly
            simple = "".join(s if len(s := to_simplified(c)) == 1 else c for c in folded)
        return cls(text, simple)

    def text(self, span: Span) -> str:
        return self.orig[span[0]: span[1]].strip()

    def squashed(self, span: Span) -> str:
        return re.sub(r"\s+", "", self.orig[span[0]: span[1]])

    def trim(self, a: int, b: int) -> Span:
        while a < b and self.p[a] in " \t\r\n\u3000":
            a += 1
        while b > a and self.p[b - 1] in " \t\r\n\u3000":
            b -= 1
        return a, b

    def lines(self, a: int = 0, b: int | None = None) -> Iterator[Span]:
        b = len(self.p) if b is None else b
        while a < b:
            end = self.p.find("\n", a, b)
            end = b if end < 0 else end
            yield a, end
            a = end + 1


def _fold_char(c: str) -> str:
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


def _segments(p: str, a: int, b: int, seps: str) -> list[Span]:
    """Split [a, b) at separators outside 《》, brackets and quotes; a newline always splits."""
    out, depth, start = [], 0, a
    for i in range(a, b):
        c = p[i]
        if c == "\n":
            out.append((start, i))
            start, depth = i + 1, 0
        elif c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif c in seps and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, b))
    return out


def _sentences(page: _Page, a: int, b: int) -> list[Span]:
    return [s for s in (page.trim(*seg) for seg in _segments(page.p, a, b, "。!?")) if s[0] < s[1]]


def _clauses(page: _Page, a: int, b: int) -> list[Span]:
    return [page.trim(*seg) for seg in _segments(page.p, a, b, ",;:")]


def cn_number(text: str) -> int | None:
    """七十八 → 78, 一百零七 → 107, 二〇二三 → 2023, 25 → 25."""
    if text.isdigit():
        return int(text)
    if len(text) > 1 and all(c in _CN_DIGIT_VALUES for c in text):
        return int("".join(str(_CN_DIGIT_VALUES[c]) for c in text))
    total, digit = 0, 0
    for c in text:
        if c in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[c]
            digit = 0
        elif c in _CN_DIGIT_VALUES:
            digit = _CN_DIGIT_VALUES[c]
        else:
            return None
    return total + digit


# ---- the header: number, date, chair, place ----------------------------------------------------------


def _convening(page: _Page) -> Span | None:
    """The sentence that says who convened which meeting when (…主持召开区政府第N次常务会议)."""
    summaries = _summary_lines(page)
    sentences = [s for s in _sentences(page, 0, len(page.p)) if not _masked(s, summaries)]
    for test in (_is_dated_convening, _is_convening):
        for s in sentences:
            if test(page.p[s[0]: s[1]]):
                return s
    return None


def _summary_lines(page: _Page) -> list[Span]:
    return [ln for ln in page.lines() if _SUMMARY_LINE.match(page.p, *ln)]


def _line_at(page: _Page, start: int) -> Span:
    end = page.p.find("\n", start)
    return start, len(page.p) if end < 0 else end


def _is_dated_convening(sentence: str) -> bool:
    dated = _DATE.search(sentence) or _DATE_ISO.search(sentence)
    return bool(dated) and bool(re.search(r"主持|召开|举行", sentence))


def _is_convening(sentence: str) -> bool:
    return "主持召开" in sentence or bool(re.search(r"召开.{0,30}会议|由[^,。]{2,20}主持", sentence))


def _fill_number(meeting: Meeting, page: _Page, conv: Span | None) -> None:
    m = _MEETING_NO.search(page.p, conv[0], _first_agenda_verb(page, conv)) if conv else None
    # else the page title (区政府第25次常务会议纪要), which stands before the body
    head = (0, conv[0]) if conv else (0, len(page.p))
    m = m or _MEETING_NO.search(page.p, *head) or _ISSUE_NO.search(page.p, *head)
    if not m:
        return
    meeting.meeting_no = page.orig[m.start("no"): m.end("no")]
    meeting.meeting_no_int = cn_number(re.sub(r"^.*届|第|次|期|\s", "", m.group("no")))
    if m.group("kind"):
        meeting.kind = page.orig[m.start("kind"): m.end()]
    meeting.body = _body_name(page, m.start())


def _first_agenda_verb(page: _Page, conv: Span) -> int:
    """Where the agenda starts inside the convening sentence: "…会议，传达学习了市政府第163次常务会议精神"
    names another meeting's number, which is not this meeting's."""
    for a, b in _clauses(page, *conv)[1:]:
        if _item_at(page, a, b, heading=False):
            return a
    return conv[1]


def _body_name(page: _Page, end: int) -> str | None:
    """The body that met: what stands between 召开 (or the line start) and the number."""
    start = end
    while start > 0 and page.p[start - 1] not in ",.。:;\n \t" and end - start < 24:
        start -= 1
    head = re.search(r"(?:召开|主持|举行)(?!.*(?:召开|主持|举行))", page.p[start:end])
    if head:
        start += head.end()
    name = re.sub(r"\d{4}\s*年度?$", "", page.p[start:end])
    return page.orig[start: start + len(name)] or None


def _fill_date(meeting: Meeting, page: _Page, conv: Span | None, labels: dict[str, Span]) -> None:
    where = [s for s in (conv, labels.get("time")) if s]
    for a, b in where:
        m = _DATE.search(page.p, a, b) or _DATE_ISO.search(page.p, a, b)
        if m:
            meeting.date_text = page.orig[m.start(): m.end()]
            meeting.part_of_day = m.groupdict().get("pod")
            year = m.group("y") or _year_of_meeting(page, conv)
            meeting.date = _iso(year, m.group("m"), m.group("d"))
            return


def _year_of_meeting(page: _Page, conv: Span | None) -> str | None:
    """上街区人民政府2022年第9次常务会议: the year is stated with the number, not the date."""
    m = _YEAR_OF_MEETING.search(page.p, *conv) if conv else None
    return m.group(1) if m else None


def _iso(year: str | None, month: str, day: str) -> str | None:
    y, mo, d = (cn_number(x) if x else None for x in (year, month, day))
    if not (y and mo and d) or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _fill_chair_and_place(meeting: Meeting, page: _Page, conv: Span | None) -> None:
    if not conv:
        return
    sentence = page.p[conv[0]: conv[1]]
    for verb in ("主持", "召开", "举行"):
        at = sentence.find(verb)
        if at >= 0 and _chair_before(meeting, page, conv[0], conv[0] + at):
            break
    if meeting.location is None:
        m = re.search(r"在(?P<loc>[^,。;]{2,40}?)(?:主持)?(?:召开|举行)", page.p[conv[0]: conv[1]])
        if m:
            meeting.location = page.text((conv[0] + m.start("loc"), conv[0] + m.end("loc")))


def _chair_before(meeting: Meeting, page: _Page, start: int, end: int) -> bool:
    """"区长XX在YY，主持…": the nearest clause before the verb that names a person, and where."""
    for a, b in reversed(_clauses(page, start, end)):
        a = _skip_date(page, a, b)
        at = page.p.find("在", a, b)
        name = _person(page, a, at if at >= 0 else b)
        if name:
            meeting.chair = page.squashed(name)
            if at >= 0 and at + 1 < b:
                meeting.location = page.text((at + 1, b))
            return True
    return False


def _skip_date(page: _Page, a: int, b: int) -> int:
    m = _DATE.match(page.p, a, b) or _DATE_ISO.match(page.p, a, b)
    return page.trim(m.end() if m else a, b)[0]


# ---- people --------------------------------------------------------------------------------------------


def _is_title(word: str) -> bool:
    return bool(_TITLE_WORD.fullmatch(word))


def _is_name(word: str) -> bool:
    return bool(_NAME.fullmatch(word)) and not _is_title(word) and not is_department(word)


def _person(page: _Page, a: int, b: int) -> Span | None:
    """The person in "区委常委、副区长张超", "胡永光区长", "代金涛同志", "会议由区长李某主持"."""
    a, b = page.trim(a, b)
    lead = re.match(r"(?:会议)?由|请", page.p[a:b])
    a = a + lead.end() if lead else a
    proxy = re.search(r"受[^,]{1,12}委托$", page.p[a:b])  # 副区长某受区长委托主持…
    b = a + proxy.start() if proxy else b
    text = re.sub(r"\s", "", page.p[a:b])
    if len(text) != b - a:  # padded names: find the name on the squashed form, then map back
        return (a, b) if _is_name(text) else None
    cuts = [0] + [m.end() for m in _TITLE_PART.finditer(text)]
    for cut in reversed(cuts):
        if _is_name(text[cut:]):
            return a + cut, b
    trailing = re.match(rf"(?P<name>.+?)(?:{_TITLE_PART.pattern})+$", text)
    if trailing and _is_name(trailing.group("name")):
        return a, a + trailing.end("name")
    return None


def _people_in_line(page: _Page, a: int, b: int) -> list[Span] | None:
    """Names in one line of an attendee block, or None when the line is something else.

    Names and titles are padded with spaces to align columns (赵   钢, 副    市   長   侯友宜), so a
    one-character piece always joins the next, and two pieces join when together they make a title.
    """
    found: list[Span] = []
    for group in _segments(page.p, a, b, "、,;"):
        bare = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), page.p[group[0]: group[1]])  # 林某(区长)
        tokens = [(group[0] + m.start(), group[0] + m.end()) for m in re.finditer(r"\S+", bare)]
        for word in _join_padded(page, tokens):
            kind, span = _word(page, word)
            if kind is None:
                return None
            if kind != "title":  # a department in a 列席 list stands for its representative
                found.append(span)
    return found


def _join_padded(page: _Page, tokens: list[Span]) -> list[Span]:
    words: list[Span] = []
    buf: Span | None = None
    for tok in tokens:
        piece = page.p[tok[0]: tok[1]]
        if buf is None:
            buf = tok
            continue
        held = re.sub(r"\s+", "", page.p[buf[0]: buf[1]])
        if len(held) == 1 or (not _is_title(piece) and _is_title(held + piece)):
            buf = (buf[0], tok[1])
            continue
        words.append(buf)
        buf = tok
    if buf:
        words.append(buf)
    return words


def _word(page: _Page, span: Span) -> tuple[str | None, Span]:
    """What one word of an attendee list is: a title, a name, a department, or a titled name."""
    word = re.sub(r"\s+", "", page.p[span[0]: span[1]]).rstrip("等")
    plain = _RESPONSIBLE.sub("", word)
    if plain != word and is_department(plain):  # 区财政局主要负责同志: the department is what is listed
        raw = page.p[span[0]: span[1]]
        return "department", (span[0], span[0] + len(plain) if raw.startswith(plain) else span[1])
    if _is_title(word):
        return "title", span
    if _is_name(word):
        return "name", span
    if is_department(word):
        return "department", span
    person = _person(page, *span)
    return ("name", person) if person else (None, span)


# ---- label blocks: 出席/列席/请假/主持/记录, 会议时间, 会议地点 ------------------------------------------------


@dataclass
class _Block:
    label: str  # 出席, 列席, 参加, 请假, 缺席, 主持, 记录
    span: Span
    people: list[Span] = field(default_factory=list)


def _label_blocks(page: _Page) -> list[_Block]:
    lines = list(page.lines())
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        m = _LABEL.match(page.p, *lines[i])
        people = _people_in_line(page, m.end(), lines[i][1]) if m else None
        if not m or people is None:
            i += 1
            continue
        block = _Block(re.sub(r"\s", "", m.group("lab")), lines[i], people)
        i += 1
        while block.label not in ("主持", "记录") and i < len(lines):
            more = _continuation(page, lines[i])
            if more is None:
                break
            block.people.extend(more)
            block.span = (block.span[0], lines[i][1])
            i += 1
        blocks.append(block)
    return blocks


def _continuation(page: _Page, line: Span) -> list[Span] | None:
    """The names of a line that continues an attendee block, or None where the block has ended."""
    if _LABEL.match(page.p, *line):
        return None
    if not page.p[line[0]: line[1]].strip():
        return []
    people = _people_in_line(page, *line)
    return people if people else None


def _value_labels(page: _Page) -> dict[str, Span]:
    found: dict[str, Span] = {}
    for a, b in page.lines():
        for key, pattern in (("time", _TIME_LABEL), ("place", _PLACE_LABEL)):
            m = pattern.match(page.p, a, b)
            if m and key not in found and m.end() < b:
                found[key] = page.trim(m.end(), b)
    return found


def _fill_people(meeting: Meeting, page: _Page, blocks: list[_Block]) -> None:
    lists = {"出席": meeting.attendees, "参加": meeting.attendees, "参会": meeting.attendees,
             "列席": meeting.nonvoting_attendees,
             "请假": meeting.absent, "缺席": meeting.absent}
    for block in blocks:
        names = [page.squashed(s) for s in block.people]
        if block.label in lists:
            lists[block.label].extend(names)
        elif block.label == "主持" and names:
            meeting.presider = names[0]
        elif block.label == "记录" and names:
            meeting.recorder = names[0]
    if not meeting.attendees and not meeting.nonvoting_attendees:
        _people_from_sentences(meeting, page)
    meeting.chair = meeting.chair or meeting.presider


def _people_from_sentences(meeting: Meeting, page: _Page) -> None:
    """"王某、李某和张某参加会议", "县人大常委会副主任刘某，县政协副主席曹某列席会议"."""
    for a, b in _sentences(page, 0, len(page.p)):
        for m in _ATTENDANCE.finditer(page.p, a, b):
            target = meeting.nonvoting_attendees if m.group("verb") == "列席" else meeting.attendees
            target.extend(page.squashed(s) for s in _people_before(page, a, m.start()))


def _people_before(page: _Page, a: int, end: int) -> list[Span]:
    """The people listed before 出席/参加/列席会议: the nearest clause, and earlier ones made of names only."""
    clauses = _clauses(page, a, end)
    found: list[Span] = []
    for i, (ca, cb) in enumerate(reversed(clauses)):
        people, complete = _people_in_clause(page, ca, cb)
        if i > 0 and (not complete or re.search(r"主持|召开|会议", page.p[ca:cb])):
            break
        found = people + found
    return found


def _people_in_clause(page: _Page, a: int, b: int) -> tuple[list[Span], bool]:
    """People (or departments) of "副区长甲、乙和丙" / "区政府办、区财政局等部门负责同志"; and whether all parts were."""
    tail = _LIST_TAIL.search(page.p, a, b)
    b = tail.start() if tail else b
    spans, complete, pos = [], True, a
    for part in re.split(r"[、和及与]", page.p[a:b]):
        found = _person(page, pos, pos + len(part)) if part else None
        if found is None and part and is_department(part):
            found = (pos, pos + len(part))
        spans += [found] if found else []
        complete = complete and (found is not None or not part)
        pos += len(part) + 1
    return spans, complete


# ---- the trailer: who compiled it, when, and the publication note --------------------------------------


def _fill_trailer(meeting: Meeting, page: _Page) -> list[int]:
    """Fills compiled_by/compiled_date/publication_note; returns where those trailer lines start."""
    starts: list[int] = []
    lines = [ln for ln in page.lines() if page.p[ln[0]: ln[1]].strip()]
    for i, (a, b) in enumerate(lines):
        m = _COMPILED_BY.match(page.p, a, b)
        after = lines[i + 1] if i + 1 < len(lines) else None
        dated = after is not None and _is_date_line(page, after)
        if m and (m.group("verb") or dated) and meeting.compiled_by is None:
            meeting.compiled_by = page.text((m.start("org"), m.end("org")))
            starts.append(a)
            if dated and after:
                meeting.compiled_date = _date_of(page, after)
        note = _PUBLICATION_NOTE.search(page.p, a, b)
        if note and meeting.publication_note is None:
            meeting.publication_note = page.text((note.start("note"), note.end("note")))
            starts.append(a)
    return starts


def _is_date_line(page: _Page, line: Span) -> bool:
    text = page.p[line[0]: line[1]].strip()
    return bool(_DATE.fullmatch(text) or _DATE_ISO.fullmatch(text))


def _date_of(page: _Page, line: Span) -> str | None:
    text = page.p[line[0]: line[1]].strip()
    m = _DATE.fullmatch(text) or _DATE_ISO.fullmatch(text)
    return _iso(m.group("y"), m.group("m"), m.group("d")) if m else None


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


def _item_at(page: _Page, a: int, b: int, heading: bool) -> re.Match[str] | None:
    m = _ITEM_START.match(page.p, a, b)
    if not m or not (heading or m.group("subj") or m.group("le") or m.group("ord")):
        return None
    return m


def _decision_at(page: _Page, a: int, b: int, bare: bool) -> re.Match[str] | None:
    m = _DECISION_START.match(page.p, a, b)
    if not m or not (m.group("pre") or m.group("verb")):
        return None
    verb = m.group("verb") or ""
    if m.group("subj") or m.group("pre") or (bare and re.match(r"一致|原则|同意|批准", verb)):
        return m
    return None


def _remark_at(page: _Page, a: int, b: int, bare: bool) -> re.Match[str] | None:
    m = _REMARK_START.match(page.p, a, b)
    if not m or not (m.group("subj") or (bare and m.group("kind") in _BARE_REMARKS)):
        return None
    return m


def _new_draft(page: _Page, m: re.Match[str], end: int) -> _Draft | None:
    title = page.trim(m.end(), end)
    text = page.p[title[0]: title[1]].rstrip("。")
    if not text or text.startswith("的"):
        return None
    actions = _actions(page, m.start("acts"), m.end("acts"))
    actions += [page.orig[x.start("act"): x.end("act")] for x in _MORE_ACTIONS.finditer(page.p, *title)]
    draft = _Draft(start=m.start(), actions=actions, title=(title[0], title[0] + len(text)))
    if m.group("dec"):
        _decision_from_verb(page, draft, m)
    draft.evidence.append((m.start(), end))
    return draft


def _actions(page: _Page, a: int, b: int) -> list[str]:
    """The verbs as written: 听取并审议 is two (听取, 审议), 传达学习 or 研究审议 one."""
    cuts = [a] + [x.end() for x in _ACTION_SEPARATOR.finditer(page.p, a, b)]
    ends = [x.start() for x in _ACTION_SEPARATOR.finditer(page.p, a, b)] + [b]
    return [page.orig[x:y] for x, y in zip(cuts, ends) if x < y]


def _decision_from_verb(page: _Page, draft: _Draft, m: re.Match[str]) -> None:
    """审议并原则通过了《…》: the decision is the verb itself (原则通过)."""
    draft.decision = (m.start("dec") + m.group("dec").startswith("并"), m.end("dec"))
    draft.decision_kind = page.text(draft.decision)
    draft.decision_from_verb = True


def _set_decision(page: _Page, draft: _Draft, m: re.Match[str], end: int) -> None:
    if draft.decision and not draft.decision_from_verb:
        return  # the first decision sentence of an item is its decision
    start = m.end("subj") if m.group("subj") else m.start()
    draft.decision = page.trim(start, end)
    kind = (m.start("verb"), m.end("verb")) if m.group("verb") else (m.start("pre"), m.end("pre"))
    draft.decision_kind = page.text(kind).rstrip(",:，：") or None
    draft.decision_from_verb = False
    draft.evidence.append(draft.decision)


def _read_sentence(page: _Page, scan: _Scan, sent: Span, items_allowed: bool) -> None:
    """One sentence: a new item, a decision or a remark for the current item, or neither."""
    if _continues(page, scan, sent):
        return
    began = False
    clauses = _clauses(page, *sent)
    for i, (a, b) in enumerate(clauses):
        if a >= b:
            continue
        remark = _remark_at(page, a, b, bare=i == 0)
        if remark:
            _add_remark(page, scan, remark, sent[1])
            return
        decision = _decision_at(page, a, b, bare=i == 0 or began)
        if decision:
            later = next((c for c in clauses[i + 1:] if _remark_at(page, *c, bare=False)), None)
            _attach_decision(page, scan, decision, later[0] if later else sent[1], items_allowed)
            scan.open = "decision"
            remark = _remark_at(page, *later, bare=False) if later else None
            if remark:  # 原则同意…，会议要求，…: the decision ends where the remark begins
                _add_remark(page, scan, remark, sent[1])
            return
        start = _item_at(page, a, b, heading=False)
        if start and items_allowed:
            _begin_item(page, scan, start, b)
        elif start and scan.current:
            _complete_from_body(page, scan.current, start, (a, b))
        began = began or start is not None
    scan.open = None


def _add_remark(page: _Page, scan: _Scan, m: re.Match[str], end: int) -> None:
    if scan.current:
        kind = page.text((m.start("kind"), m.end("kind")))
        scan.current.remarks.append((kind, _after_punct(page, m.end(), end)))
    scan.open = "remark"


def _continues(page: _Page, scan: _Scan, sent: Span) -> bool:
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


def _starts_anything(page: _Page, sent: Span) -> bool:
    a, b = _clauses(page, *sent)[0]
    return bool(_remark_at(page, a, b, bare=True) or _decision_at(page, a, b, bare=True)
                or _item_at(page, a, b, heading=False))


def _complete_from_body(page: _Page, draft: _Draft, m: re.Match[str], clause: Span) -> None:
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


def _after_punct(page: _Page, a: int, b: int) -> Span:
    while a < b and page.p[a] in ",:; \t":
        a += 1
    return page.trim(a, b)


def _attach_decision(page: _Page, scan: _Scan, m: re.Match[str], end: int, items_allowed: bool) -> None:
    current = scan.current
    decided = current is not None and current.decision is not None and not current.decision_from_verb
    if (current is None or decided) and items_allowed:
        # a decision with no undecided item before it is an item of its own: 会议同意《…》。
        head = _after_punct(page, m.end(), end)
        verb = re.match(r"(?:一致)?(?:原则上?)?(?:同意|通过|批准)", page.p[head[0]: head[1]])
        first = _clauses(page, head[0] + (verb.end() if verb else 0), head[1])[0]
        scan.current = _Draft(start=m.start(), actions=[], title=first)
        scan.drafts.append(scan.current)
    if scan.current:
        _set_decision(page, scan.current, m, end)


def _begin_item(page: _Page, scan: _Scan, m: re.Match[str], end: int) -> None:
    text = page.p[m.end(): end].strip().rstrip("。")
    if _OTHER_MATTERS.match(text):
        scan.current = None  # 会议还研究了其他事项: closes the previous item, opens none
        return
    draft = _new_draft(page, m, end)
    if draft:
        scan.drafts.append(draft)
        scan.current = draft


def _news_items(page: _Page, region: Span, masks: list[Span]) -> list[_Draft]:
    """Items of unnumbered minutes and reports; each reaches to the next item, block or closing line."""
    scan = _Scan()
    stops = [a for a, _ in masks]
    for sent in _sentences(page, *region):
        if _masked(sent, masks):
            continue
        if _CLOSER.search(page.p[sent[0]: sent[1]]):
            stops.append(sent[0])
        _read_sentence(page, scan, sent, items_allowed=True)
    starts = [d.start for d in scan.drafts]
    for i, draft in enumerate(scan.drafts):
        draft.end = min([*starts[i + 1:], *(s for s in stops if s > draft.start), region[1]])
    return scan.drafts


def _masked(span: Span, masks: list[Span]) -> bool:
    return any(a <= span[0] < b for a, b in masks)


def _numbered_items(page: _Page, region: Span, masks: list[Span]) -> list[_Draft]:
    for style in _HEADING_STYLES:
        headings = [(ln, m) for ln in page.lines(*region) if (m := style.match(page.p, *ln))
                    and not _masked(ln, masks) and not _in_a_list(page, ln[0])]
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


def _sponsor_first(page: _Page, head: Span) -> bool:
    """A heading that opens with its sponsor: 区财政局关于…的汇报, 区商务局提交的《…》."""
    m = _SPONSOR_MARK.search(page.p, *head)
    return m is not None and bool(split_departments(page.orig[head[0]: m.start()]))


def _in_a_list(page: _Page, start: int) -> bool:
    """A numbered line after "会议要求：" enumerates requirements, not agenda items."""
    for line in reversed(page.p[:start].rstrip().split("\n")):
        line = line.strip()
        if not line or any(style.match(line) for style in _HEADING_STYLES):
            continue  # an earlier line of the same list
        return line.endswith(":") and bool(_REMARK_START.match(line))
    return False


def _heading_item(page: _Page, line: Span, num: re.Match[str], end: int, lenient: bool) -> _Draft | None:
    """One numbered item: its heading sentence, then the sentences up to the next heading.

    A heading is an item when it opens with a verb (会议审议了…), 关于, 《 or its sponsor; `lenient`
    takes any heading but 其他事项, once most headings of the page have shown they are items.
    """
    first = _sentences(page, num.end(), line[1])
    if not first:
        return None
    head = first[0]
    clauses = _clauses(page, *head)
    m = _item_at(page, *clauses[0], heading=True)
    text = page.p[head[0]: head[1]].rstrip("。")
    if m:
        draft = _new_draft(page, m, clauses[0][1])
    elif re.match(r"关于|《", text) or _sponsor_first(page, head) or (
            lenient and not _OTHER_MATTERS.match(text)):
        draft = _Draft(start=head[0], actions=[], title=(head[0], head[0] + len(text)))
    else:
        return None
    if draft is None:
        return None
    draft.n = cn_number(num.group("num"))
    draft.end = end
    scan = _Scan(drafts=[draft], current=draft)
    rest = [(clauses[1][0], head[1])] if len(clauses) > 1 else []
    for sent in rest + _sentences(page, head[1], draft.end):
        _read_sentence(page, scan, sent, items_allowed=False)
    return draft


# ---- items: the finished fields ----------------------------------------------------------------------------


def _documents(page: _Page, span: Span) -> list[str]:
    docs, depth, start = [], 0, 0
    for i in range(*span):
        c = page.p[i]
        if c == "《":
            depth += 1
            start = i + 1 if depth == 1 else start
        elif c == "》" and depth:
            depth -= 1
            if depth == 0 and i > start:
                docs.append(page.orig[start:i])
    return docs


def _sponsors(page: _Page, spans: list[Span], extent: Span) -> list[str]:
    """Who proposed the item: 区XX局提出的…, 由区XX局提交的…, 区XX局关于…的汇报, (区XX局), 汇报单位：区XX局."""
    found: list[str] = []
    for a, b in spans:
        for mark in _SPONSOR_MARK.finditer(page.p, a, b):
            found += _departments_before(page, a, mark.start())
        for m in _SPONSOR_BRACKET.finditer(page.p, a, b):
            found += split_departments(page.orig[m.start("d"): m.end("d")]) or []
    for m in _SPONSOR_LABEL.finditer(page.p, *extent):
        found += split_departments(page.orig[m.start("d"): m.end("d")].strip()) or []
    return _unique_departments(found)


def _unique_departments(names: list[str]) -> list[str]:
    keys: set[str] = set()
    out = []
    for name in names:
        if department_key(name) not in keys:
            keys.add(department_key(name))
            out.append(name)
    return out


def _departments_before(page: _Page, a: int, end: int) -> list[str]:
    """The departments named just before a marker (…提出的, …关于), as written, or none."""
    lefts = [m.end() for m in _SPONSOR_LEFT.finditer(page.p, a, end)]
    start = max(lefts) if lefts else a
    text = page.orig[start:end].strip()
    tail = _SPONSOR_TAIL.search(page.p[start:end].strip())
    text = text[: len(text) - len(tail.group())] if tail else text
    if not text:
        return []
    for cut in [0] + [m.end() for m in re.finditer(r"[、和及与]", text)]:
        names = split_departments(text[cut:])
        if names:
            return names
    return []


def _follow_up(page: _Page, decision: Span) -> str | None:
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


def _finish(page: _Page, draft: _Draft, n: int) -> AgendaItem:
    title = page.text(draft.title) if draft.title else ""
    decision = page.text(draft.decision).rstrip("。,;:，；：") if draft.decision else None
    docs = _documents(page, draft.title) if draft.title else []
    if not docs and draft.decision:
        docs = _documents(page, draft.decision)
    heard = [a for a in draft.actions if to_simplified(a) == "听取"]
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


def _remark(page: _Page, kind: str, span: Span) -> Remark:
    text = page.text(span)
    return Remark(kind=kind, text=text, departments=find_departments(text))


# ---- truncation --------------------------------------------------------------------------------------------


def _is_furniture(line: str) -> bool:
    short = len(line) < 40
    return bool(_SITE_FOOTER.search(line)) or (short and bool(_SITE_LINKS.search(line))) or (
        len(line) <= 4 and not line.endswith("。"))


def _content_end(page: _Page, blocks: list[_Block], trailer: list[int]) -> tuple[int, bool]:
    """Where the page's own text ends, and whether it was cut off there (mid-sentence)."""
    for a, b in reversed(list(page.lines())):
        text = page.p[a:b].strip()
        if not text or _is_furniture(text):
            continue
        in_block = any(bl.span[0] <= a < bl.span[1] + 1 for bl in blocks) or a in trailer
        complete = (in_block or text[-1] in _COMPLETE_ENDINGS or _is_date_line(page, (a, b))
                    or bool(_CLOSER.search(text) or _LABEL_LINE.fullmatch(text)))
        return b, not complete
    return 0, False


# ---- the whole page ----------------------------------------------------------------------------------------


def parse_minutes(text: str) -> Meeting:
    """A `Meeting` from the text of a minutes page or a meeting report (navigation noise allowed)."""
    page = _Page.of(text)
    blocks = _label_blocks(page)
    conv = _convening(page)
    labels = _value_labels(page)
    meeting = Meeting()
    _fill_number(meeting, page, conv)
    _fill_date(meeting, page, conv, labels)
    _fill_chair_and_place(meeting, page, conv)
    if meeting.location is None and "place" in labels:
        meeting.location = page.text(labels["place"])
    _fill_people(meeting, page, blocks)
    trailer = _fill_trailer(meeting, page)
    meeting.items, meeting.truncated = _items(page, conv, blocks, trailer)
    return meeting


def _items(
    page: _Page, conv: Span | None, blocks: list[_Block], trailer: list[int]
) -> tuple[list[AgendaItem], bool]:
    masks = [b.span for b in blocks] + [_line_at(page, s) for s in trailer] + _summary_lines(page)
    region = (conv[0] if conv else 0, len(page.p))
    drafts = _numbered_items(page, region, masks) or _news_items(page, region, masks)
    cut, truncated = _content_end(page, blocks, trailer)
    if truncated:
        drafts = [d for d in drafts if d.end < cut]  # the item the page ends in is not complete
    numbers = [d.n for d in drafts]
    if None in numbers or len(set(numbers)) != len(numbers):  # items are keyed by n: keep it unique
        for d in drafts:
            d.n = None
    return [_finish(page, d, n) for n, d in enumerate(drafts, 1)], truncated
