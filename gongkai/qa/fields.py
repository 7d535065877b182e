"""The catalog labels disclosure pages show ("索引号: …", "发布机构 …") and how to read them.

Pages print their metadata as label/value pairs in many layouts: "label: value" on one line, several
pairs on one line separated by spaces, or the label on one line and the value on the next. The
importer reads them for the catalog; question answering reads them again from the body so that a
field the importer did not map still answers "索引号是多少?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gongkai.lib.text import normalize, squash
from gongkai.lib.zh.labels import FIELD_LABELS, TOOLBAR_LABELS

# The table's keys (gongkai.lib.zh.labels, shared with the importer) -> this module's fields. Bare
# 日期/时间 (published_weak) are left out: in running text they are words, not labels.
_FIELD_OF_KEY: dict[str, str] = {
    "index_no": "index_no", "doc_no": "doc_no", "unified_no": "unified_no", "topic": "topic",
    "genre": "genre", "combo_category": "combo", "publisher": "publisher", "source": "publisher",
    "created": "created", "issued": "created", "published": "published", "abolished": "abolished",
    "validity": "abolished", "meeting_time": "meeting_time", "meeting_place": "meeting_place",
    "title": "title", "summary": "summary", "keywords": "keywords", "period": "period",
    "disclosure_method": "scope", "disclosure_scope": "scope",
}


def _labels_by_field() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for key, spellings in FIELD_LABELS.items():
        if key in _FIELD_OF_KEY:
            field = _FIELD_OF_KEY[key]
            table[field] = table.get(field, ()) + spellings
    # Printed beside the others; known only so that they end the value before them.
    table["other"] = ("作者", *sorted(TOOLBAR_LABELS))
    return table


# canonical field -> label spellings (Simplified; comparison is on normalized text)
LABELS: dict[str, tuple[str, ...]] = _labels_by_field()

# What kind of answer a field's value is (see understand.Kind).
FIELD_KIND: dict[str, str] = {
    "index_no": "code",
    "doc_no": "code",
    "unified_no": "code",
    "topic": "category",
    "genre": "category",
    "combo": "category",
    "publisher": "org",
    "created": "date",
    "published": "date",
    "abolished": "category",
    "meeting_time": "date",
    "meeting_place": "place",
    "title": "title",
    "summary": "span",
    "keywords": "category",
    "period": "ordinal",
    "scope": "category",
    "other": "span",
}

FIELD_NAMES: dict[str, str] = {
    "index_no": "索引号",
    "doc_no": "文号",
    "unified_no": "统一编号",
    "topic": "主题分类",
    "genre": "体裁分类",
    "combo": "组配分类",
    "publisher": "发布机构",
    "created": "成文日期",
    "published": "发布日期",
    "abolished": "有效性",
    "meeting_time": "会议时间",
    "meeting_place": "会议地点",
    "title": "名称",
    "summary": "内容概述",
    "keywords": "主题词",
    "period": "期数",
    "scope": "公开方式",
    "other": "",
}

_BY_SPELLING = {spelling: name for name, spellings in LABELS.items() for spelling in spellings}


# What a label may name its field's owner with: 文件登记号 is the 登记号 of the document.
_OWNER = re.compile(r"^(?:文件|信息|政府信息|政策文件|公文)(?=..)")


def field_of(label: str) -> str | None:
    """The canonical field of a label as shown ("索 引 号", "發佈單位", "文件登记号" …), or None."""
    key = squash(label)
    return _BY_SPELLING.get(key) or _BY_SPELLING.get(_OWNER.sub("", key))


@dataclass(frozen=True)
class LabelValue:
    field: str
    label: str  # as shown
    value: str  # as shown, stripped
    start: int  # of the label, in the text given
    line_start: bool  # the label opened its line: the line is a metadata line


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    # Longest spellings first so that 信息索引号 wins over 索引号; spaces may sit between characters
    # ("索 引 号", "文  号").
    spellings = sorted(_BY_SPELLING, key=len, reverse=True)
    alternatives = "|".join("[ \t\u3000]*".join(map(re.escape, s)) for s in spellings)
    return re.compile(rf"(?:{alternatives})")


def label_values(text: str) -> list[LabelValue]:
    """Every label/value pair printed in a page's text, in order.

    A label counts only where a page prints one: after a colon, or standing alone between spaces at
    the start of a line or after another pair. "三、索引号编码规则" is prose and is skipped.
    """
    norm = normalize(text)
    if len(norm) != len(text):  # offsets below index both strings; fall back to the folded text
        text = norm
    found = [m for m in _label_pattern().finditer(norm) if _is_label(norm, m.start(), m.end())]
    pairs: list[LabelValue] = []
    for i, m in enumerate(found):
        stop = found[i + 1].start() if i + 1 < len(found) else len(norm)
        pairs.append(_pair(text, norm, m, stop, next_label=found[i + 1] if i + 1 < len(found) else None))
    return [p for p in pairs if p is not None]


def _is_label(norm: str, start: int, end: int) -> bool:
    before = norm[start - 1] if start else "\n"
    after = norm[end : end + 1]
    opens = before in "\n \t\u3000•·*-|"
    colon = norm[end : end + 3].lstrip(" \t\u3000")[:1] in (":", "：")
    return (colon and (opens or before in ":：")) or (opens and (after == "" or after in " \t\u3000\n"))


def _pair(text: str, norm: str, m: re.Match[str], stop: int, next_label: re.Match[str] | None) -> LabelValue | None:
    line_end = norm.find("\n", m.end())
    line_end = len(norm) if line_end < 0 else line_end
    end = min(stop, line_end)
    value = text[m.end() : end].strip(" \t\u3000:：\r")
    if not value and end == line_end and (next_label is None or next_label.start() > line_end):
        value = _next_line_value(text, line_end, next_label.start() if next_label else len(text))
    line_start = m.start() == 0 or norm[: m.start()].rstrip(" \t\u3000•·*-|")[-1:] in ("", "\n")
    field = field_of(m.group(0))
    if field is None:
        return None
    return LabelValue(field, text[m.start() : m.end()], value.strip(), m.start(), line_start)


def _next_line_value(text: str, line_end: int, limit: int) -> str:
    """A value printed on the next non-empty line, when the label stood alone on its own."""
    rest = text[line_end:limit]
    for line in rest.split("\n"):
        line = line.strip()
        if line:
            # A salutation ("各乡镇人民政府：") or a paragraph is the body starting, not a value.
            return "" if len(line) > 60 or line.endswith((":", "：")) else line
    return ""
