"""Finding a disclosed document's metadata, title and body on a page of an existing portal.

A page is read as lines, the way a reader sees it: a .txt or .json page already is; an HTML page
is rendered to lines from its DOM (table rows as tab-separated cells). On those lines:

1. the metadata block is the first cluster of labelled lines (索引号, 发布机构 …) however laid
   out: several fields on a line, values on the next line, labels spaced out, colon or none, a row
   of labels over a row of values, qualified labels (备注/文号); a head that shows values without
   labels is read by the values' shapes (a 索引号, a 文号, a date, an agency's name);
2. the title is the labelled 信息名称/名称/标题, else the headline line nearest the body, above or
   below the block, never the site's name or an agency's;
3. the body runs from after the title and the block to before the related links or the footer,
   without toolbars, breadcrumbs and navigation.

Labels come from the one table in gongkai.lib.zh.labels and are compared on each line's folded view
(gongkai.lib.zh.fold), which keeps the original's character positions, so values are taken exactly
as shown (Traditional stays Traditional). Dates, 文号 and 索引号 are read by gongkai.lib.zh.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from gongkai.importer import labels as L
from gongkai.importer.pages import PageError, RawPage
from gongkai.lib import html as H
from gongkai.lib.text import has_cjk, is_cjk
from gongkai.lib.zh import identifiers as ID
from gongkai.lib.zh import labels as ZL
from gongkai.lib.zh.dates import first_date, whole_date
from gongkai.lib.zh.fold import fold
from gongkai.lib.zh.numerals import NUMERAL
from gongkai.lib.zh.orgs import is_org

__all__ = ["PageError", "PageRecord", "RawPage", "extract", "parse_date"]


@dataclass
class PageRecord:
    source: str
    url: str | None
    title: str | None = None
    index_no: str | None = None
    topic: str | None = None
    genre: str | None = None
    combo_category: str | None = None
    doc_no: str | None = None
    publisher: str | None = None
    created: date | None = None
    published: date | None = None
    abolished: date | None = None
    validity: str | None = None  # 有效/失效/废止 as shown
    summary: str | None = None
    body_text: str = ""
    body_html: str = ""
    keywords: list[str] = field(default_factory=list)
    disclosure_method: str | None = None  # 公开方式
    disclosure_scope: str | None = None  # 公开范围
    extra: dict[str, str] = field(default_factory=dict)
    # Values the catalog stores in its own form (dates) or not at all (公开范围), as the page wrote them,
    # by the page's label: answers quote the page, and a reader finds them on it.
    shown: dict[str, str] = field(default_factory=dict)
    attachments: list[tuple[str, str]] = field(default_factory=list)
    title_derived: bool = False  # the page shows no headline; the title comes from its first sentence

    def to_dry_run_json(self) -> dict[str, Any]:
        abolished_or_validity = self.abolished.isoformat() if self.abolished else self.validity
        return {
            "source": self.source,
            "title": self.title,
            "index_no": self.index_no,
            "topic": self.topic,
            "genre": self.genre,
            "combo_category": self.combo_category,
            "doc_no": self.doc_no,
            "publisher": self.publisher,
            "created": self.created.isoformat() if self.created else None,
            "published": self.published.isoformat() if self.published else None,
            "abolished_or_validity": abolished_or_validity,
            "summary": self.summary,
            "body": self.body_text,
        }


def extract(raw: RawPage, *, derive_title: bool = False) -> PageRecord:
    """The record a page shows. PageError when it shows no title, an impossible date, or nothing.

    With `derive_title`, a page that shows no headline (a copied body only) gets a title made
    from its opening sentence instead of failing; `title_derived` then says so.
    """
    if raw.html:
        return _extract_html(raw, derive_title)
    return _extract_lines(raw, make_lines((raw.text or "").splitlines()), derive_title)


# --- lines -------------------------------------------------------------------------------------

_BULLETS = "•·●○■□▪▫◆◇►▶‣∙-*"
_LEADING_BULLET = re.compile(rf"^[{re.escape(_BULLETS)}](?=\s)\s*|^[•·●○■□▪▫◆◇►▶‣∙]\s*")


@dataclass(frozen=True)
class Line:
    text: str  # as shown, without bullets and outer spaces
    view: str  # the folded view (gongkai.lib.zh.fold): same length and positions as text


def make_lines(raw_lines: Iterable[str]) -> list[Line]:
    lines = []
    for raw_line in raw_lines:
        text = _LEADING_BULLET.sub("", raw_line.replace("\u3000", " ").replace("\xa0", " ").strip())
        text = text.strip()
        if text:
            lines.append(Line(text, fold(text)))
    return lines


# --- labels ------------------------------------------------------------------------------------

# Keys the record has a place for; the table's other keys (统一编号, 来源, 会议时间 …) are kept as shown.
_RECORD_KEYS = frozenset(ZL.CATALOG_FIELD) - {
    "unified_no", "source", "meeting_time", "meeting_place", "period"}
_KEY_OF_LABEL: dict[str, str] = {
    label: key if key in _RECORD_KEYS else "extra"
    for key, names in ZL.FIELD_LABELS.items() for label in names
} | {label: "extra" for label in ZL.EXTRA_LABELS if ZL.label_key(label) is None}
_KNOWN = re.compile(
    "|".join(" *".join(map(re.escape, label)) for label in sorted(_KEY_OF_LABEL, key=len, reverse=True))
)
# Characters a label can begin with: our labels' first characters and any ideograph (an
# unknown "xxx:" label); everything else is skipped quickly.
_LABEL_STARTS = frozenset(label[0] for label in _KEY_OF_LABEL) | frozenset(
    chr(c) for c in range(0x3400, 0xA000))
# An unknown "xxx:" label; a qualifier may stand before the label proper (备注/文号, 公文生成日期).
_GENERIC = re.compile(r"[\u3400-\u9fff](?:[\u3400-\u9fff]|/(?=[\u3400-\u9fff])){1,9}(?= *:)")
# Known labels a qualified label may end with; the catch-all ones (日期, 名称) name nothing alone.
_SUFFIX_LABELS = sorted((label for label in _KEY_OF_LABEL if len(label) >= 2 and label not in ZL.WEAK_LABELS),
                        key=len, reverse=True)
# The nouns a field label ends with (签署日期, 登记编号, 公开方式): an empty "xxx:" line ending so is a
# field shown without its value, not a salutation (各乡镇人民政府:, 各有关单位:) or a heading.
_FIELD_HEAD = re.compile(r"(?:日期|时间|编号|号|名称|分类|类别|方式|范围|状态|期|词)$")
_SEPARATORS = " |｜丨"


@dataclass(frozen=True)
class Hit:
    start: int
    end: int  # where the value begins
    key: str  # a catalog field, "extra", or "toolbar"
    name: str  # the label in comparison form, without spaces
    colon: bool
    known: bool = True


@dataclass(frozen=True)
class Pair:
    key: str
    label: str  # as shown, without spaces
    value: str  # as shown, stripped; "" when the page shows the label empty
    known: bool = True  # the label is in our tables (not just "some words and a colon")
    at_start: bool = False  # the label opens its line or cell
    bare: bool = False  # the label stands alone (its value may be on the next line or cell)


def label_hits(view: str) -> list[Hit]:
    hits: list[Hit] = []
    pos = 0
    while pos < len(view):
        if view[pos] not in _LABEL_STARTS:
            pos += 1
            continue
        hit = _known_at(view, pos) or _generic_at(view, pos)
        if hit is None:
            pos += 1
            continue
        hits.append(hit)
        pos = hit.end
    return hits


def _known_at(view: str, pos: int) -> Hit | None:
    match = _KNOWN.match(view, pos)
    if not match:
        return None
    name = match.group().replace(" ", "")
    key = _KEY_OF_LABEL[name]
    after = _skip_spaces(view, match.end())
    before = view[pos - 1] if pos else ""
    # 【发布时间】2024-01-10: a bracketed label; its closing bracket is its colon
    closers = ":】]" if before in ("【", "[") else ":"
    colon = after < len(view) and view[after] in closers
    if colon:
        # Inside a run of characters only an unmistakable label counts (…2024-01-01来源: is fine).
        if before and is_cjk(before) and len(name) < 4:
            return None
        return Hit(pos, after + 1, key, name, True)
    if before not in ("", " ", "|", "｜", "丨", "\t"):
        return None
    followed_by_space = after > match.end()
    starts_date = key in ZL.DATE_FIELDS and after < len(view) and view[after].isdigit()
    starts_index = key == "index_no" and ID.INDEX_NO.match(view, after) is not None  # 索引号000…/2024-…
    if after == len(view) or followed_by_space or starts_date or starts_index:
        return Hit(pos, after, key, name, False)
    return None


def _generic_at(view: str, pos: int) -> Hit | None:
    before = view[max(0, pos - 2):pos]
    if pos and not (before[-1:] in " |｜丨【[\t"):
        return None
    match = _GENERIC.match(view, pos)
    if not match:
        return None
    name = match.group()
    if pos and before != "  " and before[-1:] == " " and len(name) > 6:
        return None  # after one space only a short label ends the value before it (… 联系电话:)
    after = _skip_spaces(view, match.end()) + 1
    if name in ZL.TOOLBAR_LABELS:
        return Hit(pos, after, "toolbar", name, True, known=False)
    suffix = next((lab for lab in _SUFFIX_LABELS if name.endswith(lab) and len(name) > len(lab)), None)
    if suffix is not None:  # 公文生成日期, 备注/文号: a qualified known label
        return Hit(pos, after, _KEY_OF_LABEL[suffix], name, True)
    return Hit(pos, after, "extra", name, True, known=False)


def _skip_spaces(view: str, pos: int) -> int:
    while pos < len(view) and view[pos] == " ":
        pos += 1
    return pos


@lru_cache(maxsize=8192)
def line_pairs(line: Line) -> tuple[Pair, ...]:
    """The labelled fields of one line; table rows (tab-separated cells) pair a label cell with the next.

    Cached, as every stage asks again; the tuple keeps callers from changing the cached answer.
    """
    if "\t" not in line.text:
        return tuple(_inline_pairs(line.text, line.view))
    cells = list(zip(line.text.split("\t"), line.view.split("\t")))
    pairs: list[Pair] = []
    i = 0
    while i < len(cells):
        found = _inline_pairs(*cells[i])
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if len(found) == 1 and found[0].bare and nxt is not None and not _starts_with_label(nxt[1]):
            first = found[0]
            pairs.append(Pair(first.key, first.label, _clean_value(nxt[0]), first.known, True))
            i += 2
            continue
        pairs.extend(found)
        i += 1
    return tuple(pairs)


def _inline_pairs(text: str, view: str) -> list[Pair]:
    hits = label_hits(view)
    pairs = []
    for i, hit in enumerate(hits):
        stop = hits[i + 1].start if i + 1 < len(hits) else len(text)
        value = _clean_value(text[hit.end:stop]).removesuffix("【").removesuffix("[").strip()
        shown = re.sub(r"\s", "", text[hit.start:hit.end]).rstrip(":：】]")
        at_start = not view[:hit.start].strip(_SEPARATORS + "【[")
        bare = len(hits) == 1 and at_start and not value
        pairs.append(Pair(hit.key, shown, value, hit.known, at_start, bare))
    return pairs


def _clean_value(value: str) -> str:
    return value.strip().strip(_SEPARATORS + "\u3000").strip()


def _starts_with_label(view: str) -> bool:
    hits = label_hits(view.strip())
    return bool(hits) and hits[0].start == 0


# Labels that may end a value line where the page lost the line break before them.
_GLUED = re.compile("(?:" + "|".join(re.escape(lab) for lab in _SUFFIX_LABELS if len(lab) >= 3) + ")$")


def _unglued(lines: list[Line]) -> list[Line]:
    """Split a value line that ends with the next label (…的通知发文机关) into value and label.

    Only under a label standing alone, where the page lists label, value, label, value one per line.
    """
    out: list[Line] = []
    for line in lines:
        glued = _GLUED.search(line.view)
        if glued and glued.start() > 0 and out and _lone_label(out[-1]) and not _lone_label(line):
            cut = glued.start()
            out += [Line(line.text[:cut].rstrip(), line.view[:cut].rstrip()),
                    Line(line.text[cut:], line.view[cut:])]
        else:
            out.append(line)
    return out


def _lone_label(line: Line) -> bool:
    pairs = line_pairs(line)
    return len(pairs) == 1 and pairs[0].bare and pairs[0].known


# --- line kinds --------------------------------------------------------------------------------

_PROSE_MARK = re.compile(r"[。；;！!？?]")
_COMMA = re.compile(r"[，,]")
_CHAIN = re.compile(r"\s*(?:>|»|›|→|->)\s*|\s+[-/]\s+")
_HEADING = re.compile(rf"^(?:{NUMERAL}、|[(（]{NUMERAL}[)）]|第{NUMERAL}[章节条])")
# An issue line under a headline: 〔2025〕第8次, (2024年)第3期, 2025年第12期, 第25次.
_ISSUE_LINE = re.compile(rf"^[〔\[(（【]?(?:\d{{4}}\s*年?)?[〕\])）】]?\s*第?\s*{NUMERAL}\s*[次期号]$")


# Lines this close to the end may be the site's footer on the strength of naming its host.
_FOOTER_ZONE = 8


def kind_of(line: Line, near_end: bool = True) -> str:
    """One of: symbol, breadcrumb, footer, related, label, toolbar, prose, short, text."""
    view = line.view
    if not any(c.isalnum() for c in view):
        return "symbol"
    if _is_breadcrumb(view):
        return "breadcrumb"
    if _is_footer(view, near_end):
        return "footer"
    if view.startswith(L.RELATED_MARKERS):
        return "related"
    if _is_label_line(line):
        return "label"
    if _is_toolbar(view):
        return "toolbar"
    if _is_prose(view):
        return "prose"
    return "short" if len(view.replace(" ", "")) <= 8 else "text"


def _is_breadcrumb(view: str) -> bool:
    if view.startswith(L.BREADCRUMB_OPENERS):
        return True
    parts = [p for p in _CHAIN.split(view) if p]
    return len(parts) >= 3 and len(view) <= 80 and all(len(p) <= 16 for p in parts)


def _is_footer(view: str, near_end: bool) -> bool:
    low = view.lower().replace(" ", "")
    if any(m in low for m in L.FOOTER_STRONG):
        return True
    if near_end and not _PROSE_MARK.search(view) and any(m in low for m in L.FOOTER_HOSTS):
        return True
    return len(low) <= 40 and not _PROSE_MARK.search(view) and any(m in low for m in L.FOOTER_WEAK)


def _is_label_line(line: Line) -> bool:
    """A line that opens with a field label: one of ours, or an unknown "xxx:" with a value.

    An unknown "xxx:" with nothing after it is a salutation (各位代表:) or a heading, not a field.
    """
    pairs = line_pairs(line)
    if not pairs or not pairs[0].at_start or pairs[0].key == "toolbar":
        return False
    return pairs[0].known or bool(pairs[0].value) or bool(_FIELD_HEAD.search(pairs[0].label))


def _is_toolbar(view: str) -> bool:
    compact = view.replace(" ", "")
    if len(compact) > 50 or "。" in view:
        return False
    if any(w in compact for w in L.TOOLBAR_STRONG):
        return True
    weak = sum(w in compact for w in L.TOOLBAR_WEAK)
    return weak >= 2 or (weak == 1 and len(compact) <= 6)


def _is_prose(view: str) -> bool:
    stripped = view.rstrip()
    if _PROSE_MARK.search(stripped) or stripped.endswith(":"):
        return True
    return (bool(_COMMA.search(stripped)) and len(stripped) > 25) or len(stripped) > 100


# --- the layout of a page ----------------------------------------------------------------------

@dataclass
class Layout:
    lines: list[Line]
    kinds: list[str]
    pairs: list[Pair] = field(default_factory=list)
    block: set[int] = field(default_factory=set)  # indices of the metadata block's lines
    block_end: int = -1  # last line of a block above the text, else -1
    bottom_start: int | None = None  # first line of a block below the text


def layout_of(lines: list[Line]) -> Layout:
    n = len(lines)
    lay = Layout(lines, [kind_of(line, i >= n - _FOOTER_ZONE) for i, line in enumerate(lines)])
    first_prose = _first_prose(lay)
    start = _first_label(lay, 0, first_prose, strong_needed=1)
    if start is not None:
        lay.block_end = _read_block(lay, start)
        return lay
    start = _first_label(lay, first_prose, len(lines), strong_needed=2)
    if start is not None:
        lay.bottom_start = start
        _read_block(lay, start)
    return lay


def _first_prose(lay: Layout) -> int:
    """The first line of running text: prose followed closely by more text."""
    for i, kind in enumerate(lay.kinds):
        if kind != "prose":
            continue
        following = lay.kinds[i + 1:i + 4]
        if not following or any(k in ("prose", "text", "label") for k in following):
            return i
    return len(lay.lines)


def _strong_fields(pairs: Iterable[Pair]) -> set[str]:
    return {p.key for p in pairs if p.key not in ("extra", "toolbar") and
            fold(p.label) not in ZL.WEAK_LABELS}


def _first_label(lay: Layout, lo: int, hi: int, strong_needed: int) -> int | None:
    for i in range(lo, hi):
        if lay.kinds[i] != "label":
            continue
        pairs = line_pairs(lay.lines[i])
        fields = {p.key for p in pairs if p.key not in ("extra", "toolbar")}
        if not fields:
            continue
        if strong_needed <= 1 or len(_strong_fields(_pairs_near(lay, i))) >= strong_needed:
            return i
    return None


def _pairs_near(lay: Layout, i: int) -> list[Pair]:
    return [p for j in range(i, min(i + 6, len(lay.lines))) if lay.kinds[j] == "label"
            for p in line_pairs(lay.lines[j])]


# Lines between two labelled lines that do not end the block (a headline, a toolbar).
_GAP_KINDS = {"text": 2, "short": 3, "toolbar": 6, "symbol": 6, "related": 2, "breadcrumb": 2}


def _read_block(lay: Layout, start: int) -> int:
    """Read the labelled lines from `start` on; return the index of the block's last line."""
    i, last, gaps = start, start, dict.fromkeys(_GAP_KINDS, 0)
    while i < len(lay.lines):
        kind = lay.kinds[i]
        if kind == "label":
            i = _take_label_line(lay, i)
            last, gaps = i - 1, dict.fromkeys(_GAP_KINDS, 0)
            continue
        if kind not in _GAP_KINDS:
            break
        gaps[kind] += 1
        if gaps[kind] > _GAP_KINDS[kind]:
            break
        i += 1
    return last


def _take_label_line(lay: Layout, i: int) -> int:
    """Record the pairs of line i; a lone label takes the next line as its value when it fits."""
    pairs = line_pairs(lay.lines[i])
    lay.block.add(i)
    columns = _column_pairs(lay, i)
    if columns:
        lay.pairs.extend(columns)
        lay.block.add(i + 1)
        return i + 2
    if len(pairs) == 1 and pairs[0].bare and i + 1 < len(lay.lines):
        nxt = lay.lines[i + 1]
        if lay.kinds[i + 1] not in ("label", "breadcrumb", "footer", "related") and \
                _fits(pairs[0].key, nxt) and not _is_headline_repeat(lay, i + 1, pairs[0].key):
            lone = pairs[0]
            lay.pairs.append(Pair(lone.key, lone.label, _clean_value(nxt.text), lone.known, True))
            lay.block.add(i + 1)
            return i + 2
    lay.pairs.extend(pairs)
    return i + 1


def _column_pairs(lay: Layout, i: int) -> list[Pair] | None:
    """A table row of labels only, over a row of as many values: pair them column by column."""
    if i + 1 >= len(lay.lines) or lay.kinds[i + 1] == "label":
        return None
    head, values = lay.lines[i], lay.lines[i + 1]
    cells = list(zip(_cells(head.text), _cells(head.view)))
    shown = _cells(values.text)
    if len(cells) < 2 or len(cells) != len(shown):
        return None
    pairs = []
    for (text, view), value in zip(cells, shown):
        found = _inline_pairs(text, view)
        if len(found) != 1 or not found[0].bare:
            return None
        pairs.append(Pair(found[0].key, found[0].label, _clean_value(value), found[0].known, True))
    return pairs


# Table cells: tabs, or a | between cells where a page was copied as text ("索引号 | 发布机构 |").
_CELL = re.compile(r"\t|\s*[|｜]\s*")


def _cells(text: str) -> list[str]:
    cells = _CELL.split(text) if "\t" not in text else text.split("\t")
    while len(cells) > 1 and not cells[-1].strip():
        cells.pop()
    while len(cells) > 1 and not cells[0].strip():
        cells.pop(0)
    return cells


def _fits(key: str, line: Line) -> bool:
    """Whether a line can be the value of a label shown alone on the line above."""
    view = line.view.strip()
    if _starts_with_label(view) and line_pairs(line)[0].bare:
        return False  # 签署日期: — the next field, shown empty
    if key in ZL.DATE_FIELDS:
        return first_date(view, compact=True) is not None or (key == "abolished" and len(view) <= 12)
    if key == "index_no":
        return any(c.isdigit() for c in view) and len(view) <= 60
    if key == "doc_no":
        return (any(c.isdigit() for c in view) or "号" in view) and len(view) <= 60
    if key in ("title", "summary"):
        return True
    return len(view) <= 40 and not _PROSE_MARK.search(view)


# What a document's title names last: its genre (通知, 预案 …) or a kind of text portals publish.
_TITLE_ENDS = sorted((ZL.GENRES - {"其他", "其他公文", "令", "工作动态"})
                     | {"要点", "复函", "规则", "清单", "制度", "章程", "说明", "答复"}, key=len, reverse=True)
_TITLE_SHAPE = re.compile(rf"关于.{{2,}}|(?:{'|'.join(_TITLE_ENDS)})$")
_DOC_TITLE = re.compile(rf"关于.{{2,}}(?:{'|'.join(_TITLE_ENDS)})$")


def _is_headline_repeat(lay: Layout, i: int, key: str) -> bool:
    """Whether line i, after an empty label, is the document's headline rather than the label's value.

    A headline is repeated on the page (metadata and heading) or has the form 关于…的通知.
    """
    if key in ("title", "summary") or lay.kinds[i] != "text" or _shaped_value(key, lay.lines[i].view):
        return False
    wanted = _squash(lay.lines[i].view)
    if _DOC_TITLE.search(lay.lines[i].view.replace(" ", "")):
        return True
    return any(_squash(line.view) == wanted for j, line in enumerate(lay.lines) if j != i) or \
        any(p.key == "title" and _squash(p.value) == wanted for p in lay.pairs)


def _shaped_value(key: str, view: str) -> bool:
    """Whether a line is, whole, a value of the kind the field holds: a date, a 文号, a 索引号."""
    compact = view.replace(" ", "")
    if key in ZL.DATE_FIELDS:
        return whole_date(compact) is not None
    if key == "doc_no":
        return ID.is_doc_no(compact)
    return key == "index_no" and ID.is_index_no(compact)


# --- title -------------------------------------------------------------------------------------

# A line cut off a 文号 where the page lost its brackets' closing part (青政办发〔20251): not a title.
_BROKEN_DOC_NO = re.compile(r"^[\u3400-\u9fff]{1,12}[〔\[【(（]\s*\d[\d\s〕\]】)）第号]*$")


def _headline_index(lay: Layout, before: int) -> int | None:
    """The headline among the title-like lines above the text, outside the metadata block.

    Pages show the title more than once: as the browser title with the site's name after it
    (X-某某区人民政府), over the block, and again in the document's own head, often wrapped over two
    lines (…关于印发 / 《…》的通知) under the issuing agency's name. Echoes and pieces of a longer
    line are dropped, a line shaped like a document's title (关于…, …的通知) beats an agency's name,
    and the last one left wins.
    """
    found = [i for i in range(before) if i not in lay.block and lay.kinds[i] == "text"
             and not _in_nav_run(lay, i) and _title_like(lay.lines[i].text)
             and _shaped_cells(lay.lines[i].text) is None]  # a byline: 某某办公室 2016-4-13
    squashed = {i: _squash(lay.lines[i].view) for i in found}
    found = [i for i in found
             if not any(_echoes(lay.lines[i].view, lay.lines[j].view) for j in found if j != i)]
    whole = [i for i in found
             if not any(len(squashed[j]) > len(squashed[i]) and squashed[i] in squashed[j] for j in found)]
    shaped = [i for i in whole if _TITLE_SHAPE.search(squashed[i])]
    named = [i for i in whole if not is_org(lay.lines[i].text)]
    pool = shaped or named or whole
    return pool[-1] if pool else None


def _echoes(view: str, other: str) -> bool:
    """Whether a line is another one followed by a separator and more (the site's name)."""
    a, b = view.replace(" ", ""), other.replace(" ", "")
    return len(a) > len(b) and a.startswith(b) and a[len(b)] in "-_|–—"


def _title_like(text: str) -> bool:
    compact = text.replace(" ", "")
    if not has_cjk(compact) or not 6 <= len(compact) <= 120:
        return False
    if ID.is_doc_no(compact) or _BROKEN_DOC_NO.match(compact) or whole_date(compact) \
            or _HEADING.match(compact) or _ISSUE_LINE.match(compact):
        return False
    # (2024年1月5日区政府第3次常务会议通过) and ——在全区大会上的讲话 are subtitles
    return not (compact[0] in "(（" and compact[-1] in ")）") and not compact.startswith(("—", "-"))


def _in_nav_run(lay: Layout, i: int) -> bool:
    """Menus copy as runs of short lines; a line inside such a run is navigation."""
    short = ("short", "symbol")
    lo = i
    while lo > 0 and lay.kinds[lo - 1] in short:
        lo -= 1
    hi = i
    while hi + 1 < len(lay.kinds) and lay.kinds[hi + 1] in short:
        hi += 1
    return lay.kinds[i] == "short" and hi - lo >= 2


# --- body --------------------------------------------------------------------------------------

_NOT_BODY = {"symbol", "breadcrumb", "toolbar", "related", "footer"}


def body_lines(lay: Layout, title: str | None, head_end: int) -> list[Line]:
    """Lines of the document's text: after the head, before related links or the footer."""
    start = _body_start(lay, title, head_end)
    stop = lay.bottom_start if lay.bottom_start is not None else len(lay.lines)
    out: list[Line] = []
    for i in range(start, stop):
        kind = lay.kinds[i]
        if kind in ("footer", "related"):
            break
        if kind in _NOT_BODY or i in lay.block:
            continue
        out.append(lay.lines[i])
    return out


def _body_start(lay: Layout, title: str | None, head_end: int) -> int:
    i = head_end + 1
    squashed_title = _squash(title or "")
    while i < len(lay.lines):
        kind = lay.kinds[i]
        if kind in ("footer",):
            return i
        skippable = kind in _NOT_BODY or i in lay.block or kind == "short" and _in_nav_run(lay, i)
        if skippable or (squashed_title and _squash(lay.lines[i].view) == squashed_title):
            i += 1
            continue
        return i
    return i


def _squash(text: str) -> str:
    return re.sub(r"[\s:：,，。.、\"“”'‘’()（）《》<>【】\[\]—\-|]", "", fold(text))


def _head_end(lay: Layout, title: str | None, headline: int | None) -> int:
    """The last line of the page's head: the block above the text, the headline, its repeats."""
    end = max(lay.block_end, headline if headline is not None else -1)
    if title:
        limit = _first_prose_after(lay, end)
        wanted = _squash(title)
        for i in range(end + 1, limit):
            if _squash(lay.lines[i].view) == wanted:
                end = i
    return end


def _first_prose_after(lay: Layout, i: int) -> int:
    for j in range(i + 1, len(lay.kinds)):
        if lay.kinds[j] == "prose":
            return j
    return len(lay.kinds)


# --- dates -------------------------------------------------------------------------------------

def parse_date(value: str, label: str = "date") -> date | None:
    """The date in a value (every form `gongkai.lib.zh.dates.find_dates` reads, eight digits too);
    None when there is none; PageError naming the label when it cannot exist."""
    found = first_date(value, compact=True)
    if found is None or found.year is None:
        return None
    if found.impossible or found.date is None:
        raise PageError(f"impossible date {value[found.start:found.end].strip()} in {label}")
    return found.date


# --- from pairs to a record --------------------------------------------------------------------

_TEXT_FIELDS = ("title", "index_no", "topic", "genre", "combo_category", "doc_no", "publisher",
                "summary", "disclosure_method", "disclosure_scope")
_UNSTORED_FIELDS = ("disclosure_method", "disclosure_scope")  # no catalog column keeps the page's words
_KEYWORD_SPLIT = re.compile(r"[\s,，;；、/]+")


def fill_fields(record: PageRecord, pairs: list[Pair]) -> None:
    """Set the record's fields from the block's pairs: the first non-empty value of each field wins."""
    first: dict[str, Pair] = {}
    for pair in pairs:
        if pair.key == "toolbar":
            continue
        if pair.key == "extra":
            if pair.value and pair.label not in record.extra:
                record.extra[pair.label] = pair.value
            continue
        if pair.value and pair.key not in first:
            first[pair.key] = pair
    shown = {pair.key for pair in pairs}
    for key in _TEXT_FIELDS:
        if key in first:
            setattr(record, key, first[key].value)
    for key in _UNSTORED_FIELDS:
        if key in first:
            record.shown.setdefault(first[key].label, first[key].value)
    _split_bare_category(record, first.get("topic"), has_genre="genre" in first)
    _genre_in_category(record, first.get("combo_category"), has_genre="genre" in first)
    _fill_dates(record, first, created_shown="created" in shown)
    if "keywords" in first:
        record.extra.setdefault(first["keywords"].label, first["keywords"].value)
        record.keywords = [w for w in _KEYWORD_SPLIT.split(first["keywords"].value) if w]


# A bare 分类 often carries 主题 and 体裁 together ("财政、审计 ; 报告", "综合政务\\通知").
_CATEGORY_PARTS = re.compile(r"\s*[;；\\]\s*")
# In a category the second of two parts is a genre only when it names one (综合政务/通知).
_GENRE_PARTS = re.compile(r"\s*[;；\\/]\s*")


def _split_bare_category(record: PageRecord, pair: Pair | None, has_genre: bool) -> None:
    if pair is None or has_genre or fold(pair.label) != "分类":
        return
    parts = [part for part in _CATEGORY_PARTS.split(pair.value) if part]
    if len(parts) == 2:
        record.topic, record.genre = parts


def _genre_in_category(record: PageRecord, pair: Pair | None, has_genre: bool) -> None:
    """信息分类: 通知 — a category whose value is a genre carries the genre, not a column; one of
    two parts ending with a genre (综合政务\\通知) carries the topic and the genre."""
    if pair is None or has_genre:
        return
    if ZL.is_genre(pair.value):
        record.genre, record.combo_category = pair.value, None
        return
    parts = [part for part in _GENRE_PARTS.split(pair.value) if part]
    if len(parts) == 2 and ZL.is_genre(parts[1]) and record.topic is None:
        (record.topic, record.genre), record.combo_category = parts, None


def _fill_dates(record: PageRecord, first: dict[str, Pair], created_shown: bool) -> None:
    dates = {key: parse_date(p.value, p.label) for key, p in first.items() if key in ZL.DATE_FIELDS}
    for key, pair in first.items():
        if dates.get(key) is not None:
            record.shown.setdefault(pair.label, pair.value)
    record.created = dates.get("created")
    record.published = dates.get("published")
    _settle_issue_date(record, dates.get("issued"), first.get("issued"), created_shown)
    if record.published is None:
        record.published = dates.get("published_weak")
    abolished = first.get("abolished")
    record.abolished = dates.get("abolished")
    if "validity" in first:
        record.validity = first["validity"].value
    elif abolished is not None and record.abolished is None:
        record.validity = abolished.value  # 废止日期: 有效 — the page states validity there


def _settle_issue_date(record: PageRecord, issued: date | None, pair: Pair | None,
                       created_shown: bool) -> None:
    """发文日期 is the creation date unless the page shows a 成文日期 (even an empty one); then it is
    the publication date."""
    if issued is None or pair is None:
        return
    if record.created is None and not created_shown:
        record.created = issued
    elif record.published is None:
        record.published = issued
    else:
        record.extra.setdefault(pair.label, pair.value)


# --- values without labels --------------------------------------------------------------------

_DISCLOSURE = re.compile(r"^(?:主动公开|依申请公开|不予公开|部分公开)$")
_RUN_REACH = 4  # lines a run of values may reach above and below its identifier


def _value_kind(cell: str) -> str | None:
    """The field a value shown without its label must be, by its shape alone."""
    view = fold(cell).strip()
    compact = view.replace(" ", "")
    if not compact:
        return None
    if ID.is_index_no(compact):
        return "index_no"
    if ID.is_doc_no(compact):
        return "doc_no"
    if whole_date(compact):
        return "published"
    if _DISCLOSURE.match(compact):
        return "disclosure_method"
    return "publisher" if is_org(compact) else None


def _read_value_run(record: PageRecord, lay: Layout, before: int) -> None:
    """Read a head that shows its metadata as values without labels (a table that lost its label row).

    Around a line that is a 索引号 or a 文号 by its shape, the lines (or cells) above the text that
    are each some field's value by shape — a date, an agency's name, 主动公开 — fill the fields the
    page left empty; the title and other lines may sit between them.
    """
    values = {i: _shaped_cells(lay.lines[i].text) for i in range(before)
              if i not in lay.block and lay.kinds[i] in ("text", "short")}
    anchors = [i for i, found in values.items() if found and {"index_no", "doc_no"} & {k for k, _ in found}]
    if not anchors:
        return
    lo, hi = max(0, anchors[0] - _RUN_REACH), min(before, anchors[-1] + _RUN_REACH + 1)
    for i in range(lo, hi):
        for key, cell in values.get(i) or []:
            if getattr(record, key) is None:
                setattr(record, key, parse_date(cell, "date") if key == "published" else _clean_value(cell))
        if values.get(i):
            lay.block.add(i)


_WIDE_GAP = re.compile(r"\s{2,}")
_CLOCK_PART = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")


def _shaped_cells(text: str) -> list[tuple[str, str]] | None:
    """The cells of a line with the field each is by shape, when every cell is some field's value.

    Cells are table cells, or parts set apart by wide gaps or, failing that, single spaces (a row
    copied as text: "000000003/2024-00001 青政发〔2024〕1号 2024-03-01"); a clock time after a date
    goes with it.
    """
    cells = [c for part in _cells(text) for c in _WIDE_GAP.split(part.strip()) if c]
    found = [(kind, cell) for cell in cells if (kind := _value_kind(cell)) is not None]
    if cells and len(found) == len(cells):
        return found
    words = [w for w in text.split() if not _CLOCK_PART.match(w)]
    found = [(kind, word) for word in words if (kind := _value_kind(word)) is not None]
    return found if len(words) > 1 and len(found) == len(words) else None


# --- text pages --------------------------------------------------------------------------------

def _extract_lines(raw: RawPage, lines: list[Line], derive_title: bool,
                   html_title: str | None = None, fallback_title: str | None = None) -> PageRecord:
    if not lines:
        raise PageError("nothing usable on the page")
    lay = layout_of(_unglued(lines))
    lines = lay.lines
    record = PageRecord(source=raw.source, url=raw.url)
    fill_fields(record, lay.pairs)
    first_prose = _first_prose_after(lay, lay.block_end)
    if record.index_no is None and record.doc_no is None:
        _read_value_run(record, lay, first_prose)
    headline = None if record.title or html_title else _headline_index(lay, first_prose)
    title = record.title or html_title or (lines[headline].text if headline is not None else None)
    title = title or fallback_title
    body = body_lines(lay, title, _head_end(lay, title, headline))
    paragraphs = [line.text.replace("\t", " ") for line in body]  # table cells read as one line
    record.body_text = "\n".join(paragraphs)
    record.body_html = H.paragraphs_html(paragraphs)
    if not body and not lay.pairs:
        raise PageError("nothing usable on the page (no text and no metadata)")
    if not title and derive_title and body:
        title, record.title_derived = _derived_title(body), True
    if not title:
        raise PageError("no title found")
    record.title = title
    return record


_MEETING = re.compile(r"召开(?:了)?([^，,。；;:：]{2,40}?会议)")


def _derived_title(body: list[Line]) -> str:
    """A title for a page that shows none: the meeting it reports, else its opening clause.

    The opening is the first line of text; an issue number (第21次) or a byline (某某办公室
    2016-4-13) above it is not.
    """
    lines = [line for line in body if not _ISSUE_LINE.match(line.view.replace(" ", ""))
             and _shaped_cells(line.text) is None] or body
    opening = lines[0].text
    meeting = _MEETING.search(opening)
    if meeting:
        return meeting.group(1).strip()
    sentence = re.split(r"[。；;！!？?]", opening, maxsplit=1)[0].strip()
    return sentence if len(sentence) <= 40 else sentence[:40] + "…"


# --- HTML pages --------------------------------------------------------------------------------

def _extract_html(raw: RawPage, derive_title: bool) -> PageRecord:
    try:
        doc = H.parse_document(raw.html or "")
    except ValueError as exc:
        raise PageError(f"nothing usable on the page (cannot parse its HTML: {exc})") from exc
    page_title = H.page_title(doc)
    H.strip_invisible(doc)
    h1 = _document_h1(doc, page_title)
    H.strip_chrome(doc, keep=h1)
    body_el = doc.find("body")
    root = body_el if body_el is not None else doc
    lines = make_lines(H.render_lines(root))
    record = _extract_lines(
        raw, lines, derive_title,
        html_title=H.element_text(h1) if h1 is not None else None,
        fallback_title=_title_from_tag(page_title),
    )
    record.attachments = _attachments(root, raw.url)
    record.body_html = _body_html(doc, record, raw.url) or record.body_html
    return record


def _document_h1(doc: HtmlElement, page_title: str) -> HtmlElement | None:
    """The <h1> that names the document, not the site's logo: the longest that is not the site name."""
    site_parts = _title_parts(page_title)[1:] if len(_title_parts(page_title)) > 1 else []
    site = {_squash(p) for p in site_parts}
    best: HtmlElement | None = None
    for h1 in doc.iter("h1"):
        text = H.element_text(h1)
        if len(text.replace(" ", "")) < 4 or _squash(text) in site or _inside(h1, "a"):
            continue
        if best is None or len(text) > len(H.element_text(best)):
            best = h1
    return best


def _inside(el: HtmlElement, tag: str) -> bool:
    return any(a.tag == tag for a in el.iterancestors())


def _title_parts(page_title: str) -> list[str]:
    """<title> split at its separators, the longest part (the document) first."""
    parts = [p.strip() for p in re.split(r"\s*(?:[_|｜]|\s[-–—]\s|--|——)\s*", page_title) if p.strip()]
    return sorted(parts, key=len, reverse=True)


def _title_from_tag(page_title: str) -> str | None:
    parts = _title_parts(page_title)
    return parts[0] if parts and _title_like(parts[0]) else None


def _attachments(root: HtmlElement, base: str | None) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        name = H.element_text(a)
        path = urlsplit(href).path.lower()
        if not href or not (path.endswith(L.ATTACHMENT_SUFFIXES) or name.lower().endswith(L.ATTACHMENT_SUFFIXES)):
            continue
        url = urljoin(base, href) if base else href
        found.setdefault(url, name or path.rsplit("/", 1)[-1])
    return [(name, url) for url, name in found.items()]


def _body_html(doc: HtmlElement, record: PageRecord, base: str | None) -> str:
    """The main container's HTML without the metadata block, headline and toolbars, sanitized.

    Falls back to the text's paragraphs when the container holds much less than the text found
    (the densest element was a side list, not the document).
    """
    container = H.main_container(doc)
    markup = H.sanitize_html(H.body_markup(_without_head(container, record.title)))
    if base:
        markup = _absolute_links(markup, base)
    kept = len(H.html_to_text(markup).replace("\n", ""))
    wanted = len(record.body_text.replace("\n", ""))
    return markup if wanted == 0 or kept >= wanted * 0.6 else ""


def _without_head(container: HtmlElement, title: str | None) -> HtmlElement:
    el = copy.deepcopy(container)
    wanted = _squash(title or "")
    for node in list(el.iter()):
        if not isinstance(node.tag, str) or node is el or _detached(node, el):
            continue
        lines = make_lines(H.render_lines(node))
        if lines and all(_is_head_line(line, wanted) for line in lines):
            H.drop(node)
    return el


def _detached(node: HtmlElement, root: HtmlElement) -> bool:
    return not any(a is root for a in node.iterancestors())


def _is_head_line(line: Line, squashed_title: str) -> bool:
    if squashed_title and _squash(line.view) == squashed_title:
        return True
    kind = kind_of(line)
    if kind == "label":
        return any(p.known for p in line_pairs(line))
    return kind in _NOT_BODY


def _absolute_links(markup: str, base: str) -> str:
    fragment = H.parse_fragment(markup)
    fragment.make_links_absolute(base, resolve_base_href=False)
    return H.inner_html(fragment)
