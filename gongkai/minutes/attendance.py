"""Who was there: attendee and label blocks, attendance sentences, and the trailer of a minutes page.

出席/列席/请假/主持/记录 blocks (padded names, titles, departments, labels above their values, several
labels on one line), 会议时间/会议地点 values, "…出席会议" sentences, and the compiler, date and
publication note at the end. People are read by `gongkai.lib.zh.people` on spans of the parse copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.lib.zh import people
from gongkai.lib.zh.dates import DateMatch
from gongkai.minutes.contract import Meeting
from gongkai.minutes.page import Page, Span, date_in, split_clauses, split_sentences

_TIME_LABEL = re.compile(r"[ \t•·*\-]*(?:会议|开会)?(?:时间|日期)\s*:\s*")
_PLACE_LABEL = re.compile(r"[ \t•·*\-]*(?:会议|开会)?地点\s*:\s*")
_ATTENDANCE = re.compile(r"(?P<verb>出席|参加|列席)了?(?:会议|本次会议)")
_COMPILED_BY = re.compile(
    r"\s*(?P<org>[\u4e00-\u9fff]{2,40}?(?:办公室|办公厅|办|秘书处|秘书科|综合科))\s*(?P<verb>整理|印发|编印|制发|印)?\s*$"
)
_PUBLICATION_NOTE = re.compile(r"\(\s*(?P<note>(?:此件|本件)[^)]{1,20}?)\s*\)")


# ---- people: `gongkai.lib.zh.people` on spans of the parse copy ------------------------------------------


def person(page: Page, a: int, b: int) -> Span | None:
    found = people.person_in(page.p[a:b])
    return (a + found[0], a + found[1]) if found else None


def _people_in_line(page: Page, a: int, b: int) -> list[Span] | None:
    found = people.people_in_list(page.p[a:b])
    return None if found is None else [(a + x, a + y) for x, y in found]


def _people_in_clause(page: Page, a: int, b: int) -> tuple[list[Span], bool]:
    found, complete = people.people_in_clause(page.p[a:b])
    return [(a + x, a + y) for x, y in found], complete


# ---- label blocks: 出席/列席/请假/主持/记录, 会议时间, 会议地点 ------------------------------------------------


@dataclass
class Block:
    label: str  # 出席, 列席, 参加, 请假, 缺席, 主持, 记录
    span: Span
    people: list[Span] = field(default_factory=list)


def label_blocks(page: Page) -> list[Block]:
    lines = list(page.lines())
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        found, i = _blocks_at(page, lines, i)
        blocks += found
    return blocks


def _blocks_at(page: Page, lines: list[Span], i: int) -> tuple[list[Block], int]:
    """The label blocks that start at line i, and the line after them."""
    several = _labels_in_line(page, lines[i])
    if several:  # 主持人：林某　記錄：韓某
        return several, i + 1
    m = people.ROLE_LABEL.match(page.p, *lines[i])
    if m is None:
        return _label_above_value(page, lines, i)
    found = _people_in_line(page, m.end(), lines[i][1])
    if found is None:
        return [], i + 1
    block = Block(people.role_of(m.group("role")) or "出席", lines[i], found)
    i += 1
    while block.label not in ("主持", "记录") and i < len(lines):
        more = _continuation(page, lines[i])
        if more is None:
            break
        block.people.extend(more)
        block.span = (block.span[0], lines[i][1])
        i += 1
    return [block], i


def _label_above_value(page: Page, lines: list[Span], i: int) -> tuple[list[Block], int]:
    """A table read as lines: 主席 / 柯某某, 出席 / 甲、乙、丙."""
    role = _bare_label(page, lines[i])
    value = _value_line(page, lines, i) if role else None
    found = _people_in_line(page, *lines[value]) if value is not None else None
    if not role or value is None or not found:
        return [], i + 1
    return [Block(role, (lines[i][0], lines[value][1]), found)], value + 1


def _labels_in_line(page: Page, line: Span) -> list[Block]:
    """Two or more labelled values side by side on one line, or none."""
    a, b = line
    cuts = [a] + [a + ws.start() for ws in re.finditer(r"[ \t]+", page.p[a:b])
                  if ws.start() > 0 and people.ROLE_LABEL.match(page.p, a + ws.start(), b)]
    if len(cuts) < 2:
        return []
    blocks = []
    for x, y in zip(cuts, [*cuts[1:], b]):
        m = people.ROLE_LABEL.match(page.p, x, y)
        found = _people_in_line(page, m.end(), y) if m else None
        if not m or not found:
            return []
        blocks.append(Block(people.role_of(m.group("role")) or "出席", (x, y), found))
    return blocks


def _bare_label(page: Page, line: Span) -> str | None:
    """A line that is only a role label (出席, 列席, 主席, 紀錄 …), its value on a line below."""
    text = re.sub(r"\s", "", page.p[line[0]: line[1]])
    return people.role_of(re.sub(r"(?:人员|人|者)$", "", text)) if len(text) <= 5 else None


def _value_line(page: Page, lines: list[Span], i: int) -> int | None:
    """The index of the first non-empty line after line i, if it is near (two blank lines at most)."""
    for j in range(i + 1, min(i + 4, len(lines))):
        if page.p[lines[j][0]: lines[j][1]].strip():
            return j
    return None


def _continuation(page: Page, line: Span) -> list[Span] | None:
    """The names of a line that continues an attendee block, or None where the block has ended."""
    if people.ROLE_LABEL.match(page.p, *line):
        return None
    if not page.p[line[0]: line[1]].strip():
        return []
    found = _people_in_line(page, *line)
    return found if found else None


def value_labels(page: Page) -> dict[str, Span]:
    """会议时间：…, 会议地点：…; or the label alone on its line and the value on the next (開會日期 / …)."""
    found: dict[str, Span] = {}
    lines = list(page.lines())
    for i, (a, b) in enumerate(lines):
        for key, pattern in (("time", _TIME_LABEL), ("place", _PLACE_LABEL)):
            m = pattern.match(page.p, a, b)
            if m and key not in found and m.end() < b:
                found[key] = page.trim(m.end(), b)
            bare = not m and pattern.fullmatch(page.p[a:b].rstrip() + ":")
            value = _value_line(page, lines, i) if bare and key not in found else None
            if value is not None:
                found[key] = page.trim(*lines[value])
    return found


def fill_people(meeting: Meeting, page: Page, blocks: list[Block]) -> None:
    lists = {"出席": meeting.attendees, "参加": meeting.attendees, "列席": meeting.nonvoting_attendees,
             "请假": meeting.absent}
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


def _people_from_sentences(meeting: Meeting, page: Page) -> None:
    """"王某、李某和张某参加会议", "县人大常委会副主任刘某，县政协副主席曹某列席会议"."""
    for a, b in split_sentences(page, 0, len(page.p)):
        for m in _ATTENDANCE.finditer(page.p, a, b):
            target = meeting.nonvoting_attendees if m.group("verb") == "列席" else meeting.attendees
            target.extend(page.squashed(s) for s in _people_before(page, a, m.start()))


def _people_before(page: Page, a: int, end: int) -> list[Span]:
    """The people listed before 出席/参加/列席会议: the nearest clause, and earlier ones made of names only."""
    clauses = split_clauses(page, a, end)
    found: list[Span] = []
    for i, (ca, cb) in enumerate(reversed(clauses)):
        people, complete = _people_in_clause(page, ca, cb)
        if i > 0 and (not complete or re.search(r"主持|召开|会议", page.p[ca:cb])):
            break
        found = people + found
    return found


# ---- the trailer: who compiled it, when, and the publication note --------------------------------------


def fill_trailer(meeting: Meeting, page: Page) -> list[int]:
    """Fills compiled_by/compiled_date/publication_note; returns where those trailer lines start."""
    starts: list[int] = []
    lines = [ln for ln in page.lines() if page.p[ln[0]: ln[1]].strip()]
    for i, (a, b) in enumerate(lines):
        m = _COMPILED_BY.match(page.p, a, b)
        after = lines[i + 1] if i + 1 < len(lines) else None
        dated = after is not None and is_date_line(page, after)
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


def is_date_line(page: Page, line: Span) -> bool:
    return _date_of_line(page, line) is not None


def _date_of_line(page: Page, line: Span) -> DateMatch | None:
    a, b = page.trim(*line)
    found = date_in(page, a, b)
    return found if found and found.start == 0 and a + found.end == b else None


def _date_of(page: Page, line: Span) -> str | None:
    found = _date_of_line(page, line)
    return found.iso if found else None
