"""People with their titles, as government pages write them; names are returned without the titles.

What is recognised (简体 and 繁體, full-width or not: everything runs on `fold`):

- a name with titles before it, glued or listed: 区长王某某, 区委常委、副区长张某, 副區長李某同志
  → the name alone; after it: 王某某区长, 李某同志;
- the chair of a meeting: "区长王某某主持召开…", "会议由王某某主持", "由王某某主持召开",
  "第3次常务会议由王某某主持召开", "王某某主持会议", "副区长李某受区长委托主持…", a name with the date
  or the place next to it ("区长王某10月9日主持…", "区长王某在区行政中心主持…"), a 主持人/主席 label;
- attendee lists (出席/列席/请假 …): names separated by 、，; or padded with spaces to line up
  columns ("王  明  赵  钢", "副  市  长  宋某"), titles in front of names, departments standing for
  their representative (区财政局主要负责同志 → 区财政局), notes in brackets (林某(区长)), a name with
  its romanisation (达云·阿莫Dayun Amo);
- lists in running text before 出席/参加/列席会议: "副区长甲、乙和丙", "区政府办、区财政局等部门负责同志";
- the labels of those blocks: 出席, 列席, 参加, 请假, 缺席, 主持(人), 主席, 记录/纪录, 出席者 ….

A name is two to four Chinese characters (or a minority name with ·) that is neither a title, nor an
organisation (`gongkai.lib.zh.orgs`), nor a place (青山县). Spans are positions in the text passed in.

API: `is_title`, `is_name`, `person_in(phrase)`, `chair_in(sentence)`, `people_in_list(line)`,
`people_in_clause(clause)`, `ROLE_LABEL` (a pattern with group ``role``, to match on a folded view) and
`role_of(label)`.
"""

from __future__ import annotations

import re

from gongkai.lib.zh.dates import find_dates
from gongkai.lib.zh.fold import fold
from gongkai.lib.zh.orgs import is_org

__all__ = [
    "ROLE_LABEL", "chair_in", "is_name", "is_title", "people_in_clause", "people_in_list", "person_in",
    "role_of",
]

Span = tuple[int, int]

# Parts of a title that may stand between titles and the name (区委常委、区政府党组副书记、副区长).
_TITLE_PART = re.compile(
    r"副?(?:[区县市省州镇乡旗局处科所院站队厅部]长|秘书长)|常委会|常委|书记|副?主任|副?主席|委员|领导|同志|"
    r"调研员|巡视员|助理|顾问|参议|参事|主委|政委|专员|代表|议员|负责人|总经理|经理|人民政府|政府|人大|政协|[区县市]委|党组|、"
)
# A word that is a title as a whole (常务副区长, 民政局局长, 副秘书长 …).
_TITLE_WORD = re.compile(
    r"[\u4e00-\u9fff]{0,10}?(?:[区县市省州镇乡旗局处科所院站队校行部厅会委室办书事社组]长|主委|主任|顾问|参议|参事|"
    r"书记|委员|常委|主席|秘书|调研员|巡视员|助理|专员|政委|总经理|经理|总监|代表|议员|负责人|领导|同志)"
)
# Words of name length that are places or the meeting itself (青山县, 会议要求), not people.
_NOT_A_NAME = re.compile(r"[省市区县州镇乡旗村]$|政府$|^(?:会议|会上|会前|会后)")
# Titles written after a name (林某议员, 王某同志): a name in front makes the word a person, not a title.
_HONORIFIC = re.compile(r"(?:同志|先生|女士|议员|议长)$")
_RESPONSIBLE = re.compile(r"(?:(?:主要|有关)?负责(?:同志|人)|(?:有关)?同志)$")
_LIST_TAIL = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位)?)?(?:(?:主要|有关)?负责(?:同志|人)|有关同志)?$")
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}[·.•][\u4e00-\u9fff]{1,8}")
# 由 before the chair: at the start, or after the meeting it chairs (第3次常务会议由王某主持召开)
_ROMANISED = re.compile(
    r"\s*(?P<name>[\u4e00-\u9fff]{1,6}[·.•][\u4e00-\u9fff]{1,8}|[\u4e00-\u9fff]{2,4})"
    r"\s*[A-Za-z][A-Za-z' \-]*")
_LEAD = re.compile(r"^(?:会议)?由|^请|会议由")
_PROXY = re.compile(r"受[^,，]{1,12}委托$")  # 副区长某受区长委托主持…
_CHAIR_VERB = re.compile(r"主持(?:召开|举行)?|召开|举行")
_CHAIR_LABEL = re.compile(r"(?:主\s*持\s*人?|主\s*席)\s*[:：]?\s*")

# The label of a block of people (出席：, 列席人员：, 主持人：, 紀錄：, 出席者：, 主席：).
ROLE_LABEL = re.compile(
    r"[ \t•·*\-]*(?P<pre>[\u4e00-\u9fff]{0,4}?)(?P<role>出\s*席|列\s*席|参\s*加|参\s*会|请\s*假|缺\s*席|主\s*持|主\s*席|"
    r"记\s*录|纪\s*录)(?:人员|人|者|领导|会议|单位|同志)?(?:的有)?\s*:"
)
_ROLES = {"出席": "出席", "列席": "列席", "参加": "参加", "参会": "参加", "请假": "请假", "缺席": "请假",
          "主持": "主持", "主席": "主持", "记录": "记录", "纪录": "记录"}


def role_of(label: str) -> str | None:
    """The role a block label names: 出席, 列席, 参加, 请假, 主持 or 记录 (主席 → 主持, 紀錄 → 记录)."""
    return _ROLES.get(re.sub(r"\s+", "", fold(label)))


def is_title(word: str) -> bool:
    """Whether a word is a title as a whole: 副区长, 区委常委, 民政局局长, 秘书长, 负责人."""
    return bool(_TITLE_WORD.fullmatch(fold(word)))


def is_name(word: str) -> bool:
    """Whether a word reads as a person's name: 2–4 characters (or a name with ·), not a title, not a body,
    not a place (青山县, 清河区)."""
    word = fold(word)
    if not _NAME.fullmatch(word) or _NOT_A_NAME.search(word):
        return False
    return not is_title(word) and not is_org(word)


def person_in(text: str) -> Span | None:
    """The name in a phrase that names one person with titles: 区委常委、副区长张某 → 张某.

    Also 张某区长, 张某同志, 会议由区长李某 (the 由 of 由…主持), 区长李某10月9日 and 10月9日上午李某
    (a date after or before the name), 副区长王某受区长委托, and names and titles padded with spaces
    (副  区  长  王  明 → 王  明).
    """
    view = fold(text)
    a, b = _trim(view, 0, len(view))
    lead = _LEAD.search(view[a:b])
    a = a + lead.end() if lead else a
    proxy = _PROXY.search(view, a, b)
    b = proxy.start() if proxy else b
    b = _before_trailing_date(view, a, b)
    first = next(iter(find_dates(view[a:b])), None)
    a = a + first.end if first and first.start == 0 else a  # 12月25日上午王某 (主持…)
    # padded names and titles: read on the form without spaces, map the name back to the text
    keep = [i for i in range(a, b) if not view[i].isspace()]
    found = _name_in_squashed("".join(view[i] for i in keep))
    return (keep[found[0]], keep[found[1] - 1] + 1) if found else None


def _name_in_squashed(squashed: str) -> Span | None:
    honorific = _HONORIFIC.search(squashed)
    if honorific and is_name(squashed[: honorific.start()]):
        return 0, honorific.start()
    cuts = [0] + [m.end() for m in _TITLE_PART.finditer(squashed)]
    for cut in reversed(cuts):
        rest = squashed[cut:]
        rest = rest[: _HONORIFIC.search(rest).start()] if _HONORIFIC.search(rest) else rest
        if is_name(rest):
            return cut, cut + len(rest)
    trailing = re.match(rf"(?P<name>.+?)(?:{_TITLE_PART.pattern})+$", squashed)
    if trailing and is_name(trailing.group("name")):
        return 0, trailing.end("name")
    return None


def _trim(view: str, a: int, b: int) -> Span:
    while a < b and view[a] in " \t\r\n":
        a += 1
    while b > a and view[b - 1] in " \t\r\n":
        b -= 1
    return a, b


def _before_trailing_date(view: str, a: int, b: int) -> int:
    """区长王某10月9日 / 区长王某于3月5日上午: where the name ends when a date follows it."""
    for found in find_dates(view[a:b]):
        if a + found.end >= b - 1 and found.start > 0:
            cut = a + found.start
            return cut - 1 if view[cut - 1] == "于" else cut
    return b


def chair_in(sentence: str) -> Span | None:
    """Who chaired, in a sentence that says so, or a 主持人/主席 label with its value.

    "区长王某主持召开…", "会议由王某主持", "王某主持会议", "区长王某在区行政中心主持召开…" (the place
    after 在 is not part of the name); the first clause before the verb that names a person wins.
    """
    view = fold(sentence)
    label = _CHAIR_LABEL.match(view)
    if label:
        found = person_in(sentence[label.end():].split("\n")[0])
        return (label.end() + found[0], label.end() + found[1]) if found else None
    for verb in _CHAIR_VERB.finditer(view):
        found = _person_before(sentence, view, verb.start())
        if found:
            return found
    return None


def _person_before(sentence: str, view: str, end: int) -> Span | None:
    starts = [0] + [m.end() for m in re.finditer(r"[,，;；:：。\n]", view[:end])]
    for start in reversed(starts):
        clause_end = next((m.start() for m in re.finditer(r"[,，;；:：。\n]", view[start:end])), end - start)
        b = start + clause_end
        at = view.find("在", start, b)
        found = person_in(sentence[start: at if at > start else b])
        if found:
            return start + found[0], start + found[1]
    return None


def people_in_list(text: str) -> list[Span] | None:
    """Names in one line of an attendee block, or None when the line is something else.

    Names and titles are padded with spaces to align columns (赵   钢, 副    市   長   宋某), so a
    one-character piece always joins the next, and two pieces join when together they make a title.
    A name followed by its romanisation (达云.阿莫Dayun Amo) is kept whole.
    A department stands for its representative (区财政局主要负责同志 → 区财政局); titles alone are
    dropped; a note in brackets (林某(区长)) is not part of the name.
    """
    view = fold(text)
    found: list[Span] = []
    for ga, gb in _groups(view):
        bare = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), view[ga:gb])
        romanised = _ROMANISED.fullmatch(bare)
        if romanised and is_name(romanised.group("name")):  # 达云.阿莫Dayun Amo: the name as written
            found.append(_trim(view, ga + romanised.start("name"), ga + romanised.end()))
            continue
        tokens = [(ga + m.start(), ga + m.end()) for m in re.finditer(r"\S+", bare)]
        for word in _join_padded(view, tokens):
            kind, span = _word(view, word)
            if kind is None:
                return None
            if kind != "title":
                found.append(span)
    return found


def _groups(view: str) -> list[Span]:
    out, start, depth = [], 0, 0
    for i, c in enumerate(view):
        if c in "(《":
            depth += 1
        elif c in ")》":
            depth = max(0, depth - 1)
        elif c in "、,;\n" and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, len(view)))
    return out


def _join_padded(view: str, tokens: list[Span]) -> list[Span]:
    words: list[Span] = []
    buf: Span | None = None
    for tok in tokens:
        piece = view[tok[0]: tok[1]]
        if buf is None:
            buf = tok
            continue
        held = re.sub(r"\s+", "", view[buf[0]: buf[1]])
        if len(held) == 1 or (not is_title(piece) and is_title(held + piece)):
            buf = (buf[0], tok[1])
            continue
        words.append(buf)
        buf = tok
    if buf:
        words.append(buf)
    return words


def _word(view: str, span: Span) -> tuple[str | None, Span]:
    """What one word of an attendee list is: a title, a name, a department, or a titled name."""
    word = re.sub(r"\s+", "", view[span[0]: span[1]]).rstrip("等")
    plain = _RESPONSIBLE.sub("", word)
    if plain != word and is_org(plain):
        raw = view[span[0]: span[1]]
        return "department", (span[0], span[0] + len(plain) if raw.startswith(plain) else span[1])
    honorific = _HONORIFIC.search(word)
    if honorific and is_name(word[: honorific.start()]) and not view[span[0]: span[1]].count(" "):
        return "name", (span[0], span[0] + honorific.start())  # 林某议员
    if is_title(word):
        return "title", span
    if is_name(word):
        return "name", span
    if is_org(word):
        return "department", span
    person = person_in(view[span[0]: span[1]])
    return ("name", (span[0] + person[0], span[0] + person[1])) if person else (None, span)


def people_in_clause(text: str) -> tuple[list[Span], bool]:
    """People (or departments) of "副区长甲、乙和丙" / "区政府办、区财政局等部门负责同志".

    Returns their spans and whether every part of the clause was one.
    """
    view = fold(text)
    tail = _LIST_TAIL.search(view)
    b = tail.start() if tail else len(view)
    spans: list[Span] = []
    complete, pos = True, 0
    for part in re.split(r"[、和及与]", view[:b]):
        found = person_in(part) if part else None
        if found:
            found = (pos + found[0], pos + found[1])
        elif part and is_org(part):
            found = (pos, pos + len(part))
        spans += [found] if found else []
        complete = complete and (found is not None or not part)
        pos += len(part) + 1
    return spans, complete
