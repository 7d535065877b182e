"""A document cut into the passages answers are quoted from.

Sentences of the body, the catalog fields (from the importer's metadata and from label/value lines
printed in the body) and structured facts all become `Passage`s. Matching runs on the normalized
form (NFKC, Simplified, lower case); answers and quotes are cut from the text as published, so a
Traditional page is quoted in Traditional.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

from gongkai.lib.text import normalize, squash, to_simplified
from gongkai.qa.contract import FactRecord, SourceDoc
from gongkai.qa.fields import field_of, label_values

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
_DIGITS = re.compile(r"\d+")
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
# Chinese numerals where they count something that identifies a document: 第十八届, 七十八次, 二〇二三年.
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千]+(?=[次届期号年位名])")


def cn_to_int(numeral: str) -> int | None:
    """七十八 -> 78, 十六 -> 16, 二〇二三 -> 2023 (digit by digit when no 十/百/千)."""
    if not numeral:
        return None
    if not any(ch in _CN_UNIT for ch in numeral):
        digits = [str(_CN_VALUE[ch]) for ch in numeral if ch in _CN_VALUE]
        return int("".join(digits)) if len(digits) == len(numeral) else None
    total, current = 0, 0
    for ch in numeral:
        if ch in _CN_VALUE:
            current = _CN_VALUE[ch]
        elif ch in _CN_UNIT:
            total += (current or 1) * _CN_UNIT[ch]
            current = 0
        else:
            return None
    return total + current


def _counts_as_number(norm: str, start: int, end: int) -> bool:
    """A numeral in words names a number when it is an ordinal or more than one character:
    第五次, 十六届 and 二〇二三年 do; 一次性, 一名, 哪一位 do not."""
    return end - start >= 2 or norm[start - 1 : start] == "第" or norm[end : end + 1] == "届"


def numbers_in(norm: str) -> set[str]:
    """The numbers a normalized text states, as canonical decimal strings."""
    found = {str(int(d)) for d in _DIGITS.findall(norm) if len(d) <= 8}
    for m in _CN_NUMBER.finditer(norm):
        if not _counts_as_number(norm, m.start(), m.end()):
            continue
        value = cn_to_int(m.group(0))
        if value is not None:
            found.add(str(value))
    return found


_ORDINAL = re.compile(r"(\d+|[零〇一二两三四五六七八九十百千]+)\s*(次|届|期)")


def ordinals_in(norm: str) -> set[str]:
    """What a text numbers as meetings, terms and issues: 第86次 / 六届七十八次 -> {"86次", "6届", "78次"}."""
    found: set[str] = set()
    for m in _ORDINAL.finditer(norm):
        if not m.group(1).isdigit() and not _counts_as_number(norm, m.start(), m.end(1)):
            continue
        value = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1))
        if value is not None:
            found.add(f"{value}{m.group(2)}")
    return found


def normalize_mapped(text: str) -> tuple[str, tuple[int, ...] | None]:
    """The normalized text and, when lengths differ, where each of its characters came from."""
    norm = normalize(text)
    if len(norm) == len(text):
        return norm, None
    pieces: list[str] = []
    omap: list[int] = []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch).lower()
        pieces.append(folded)
        omap.extend([i] * len(folded))
    folded_text = "".join(pieces)
    simplified = to_simplified(folded_text)
    if len(simplified) != len(folded_text):  # a phrase conversion changed length: convert per character
        simplified = "".join(to_simplified(ch) if len(to_simplified(ch)) == 1 else ch for ch in folded_text)
    return simplified, tuple(omap)


@dataclass(frozen=True)
class Passage:
    doc: SourceDoc
    kind: str  # "field", "sentence", "record" or "title"
    text: str  # as published: what a citation quotes
    norm: str
    omap: tuple[int, ...] | None = None
    field: str | None = None  # the catalog field of a "field" passage
    value_at: int = 0  # where a field's or record's value starts in `norm`
    record: FactRecord | None = None
    para: int = -1  # paragraph number of a sentence
    seq: int = 0  # position in the document, for neighbours

    def original(self, start: int, end: int) -> str:
        """The published text behind norm[start:end]."""
        if self.omap is None:
            return self.text[start:end]
        if start >= len(self.omap):
            return ""
        last = self.omap[min(end, len(self.omap)) - 1]
        return self.text[self.omap[start] : last + 1]


@dataclass(frozen=True)
class DocView:
    doc: SourceDoc
    passages: tuple[Passage, ...]
    head: str  # normalized title and catalog values: what identifies the document
    text: str  # normalized title, catalog values and body: what the document says anywhere
    paragraphs: tuple[str, ...]  # normalized paragraphs, for the context around a sentence
    numbers: frozenset[str]
    ordinals: frozenset[str]  # meeting and term numbers: "86次", "6届"


_CACHE: OrderedDict[tuple[int, int, int, int], DocView] = OrderedDict()
_CACHE_SIZE = 512


def view(doc: SourceDoc) -> DocView:
    """The passages of a document, cut once and kept while the document is unchanged."""
    key = (doc.doc_id, hash(doc.title), hash(doc.body), len(doc.metadata) + len(doc.records))
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    built = _build(doc)
    _CACHE[key] = built
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return built


def _build(doc: SourceDoc) -> DocView:
    fields = _field_passages(doc)
    sentences, paragraphs = _sentence_passages(doc, start_seq=len(fields) + 1)
    records = [_record_passage(doc, r, i) for i, r in enumerate(doc.records)]
    title = _passage(doc, "title", doc.title, seq=0)
    passages = (title, *fields, *sentences, *records)
    head = "\n".join([title.norm, *(p.norm for p in fields)])
    text = "\n".join([head, *paragraphs, *(p.norm for p in records), normalize(doc.url)])
    stated = "\n".join([head, *paragraphs, *(p.norm for p in records)])
    numbers = numbers_in(stated)
    if doc.published:
        numbers |= {str(doc.published.year), str(doc.published.month), str(doc.published.day)}
    ordinals = ordinals_in(stated)
    for p in fields:
        if p.field == "period":  # "期数: 361" numbers the meeting
            ordinals |= {f"{n}{mark}" for n in numbers_in(p.norm[p.value_at :]) for mark in "次期"}
    return DocView(doc, passages, head, text, tuple(paragraphs), frozenset(numbers), frozenset(ordinals))


def _passage(doc: SourceDoc, kind: str, text: str, **extra: object) -> Passage:
    norm, omap = normalize_mapped(text)
    return Passage(doc=doc, kind=kind, text=text, norm=norm, omap=omap, **extra)  # type: ignore[arg-type]


def _field_passages(doc: SourceDoc) -> list[Passage]:
    """Catalog fields from the importer first, then those printed in the body, each value once."""
    pairs: list[tuple[str, str, str]] = []
    for label, value in doc.metadata.items():
        field = field_of(label)
        if field and field != "other" and value and value.strip():
            pairs.append((field, label, value.strip()))
    for lv in label_values(doc.body):
        if lv.field != "other" and lv.value:
            pairs.append((lv.field, lv.label, lv.value))
    seen: set[tuple[str, str]] = set()
    passages: list[Passage] = []
    for field, label, value in pairs:
        if (field, squash(value)) in seen:
            continue
        seen.add((field, squash(value)))
        label_shown = re.sub(r"\s+", "", label)
        passages.append(
            _passage(doc, "field", f"{label_shown}: {value}", field=field, value_at=len(label_shown) + 2, seq=len(passages) + 1)
        )
    return passages


def _metadata_lines(body: str) -> set[int]:
    """Numbers of the body's lines that open with a catalog label: they are fields, not prose."""
    starts = {lv.start for lv in label_values(body) if lv.line_start}
    lines: set[int] = set()
    offset = 0
    for number, line in enumerate(body.split("\n")):
        if any(offset <= s < offset + len(line) + 1 for s in starts):
            lines.add(number)
        offset += len(line) + 1
    return lines


def _sentence_passages(doc: SourceDoc, start_seq: int) -> tuple[list[Passage], list[str]]:
    skip = _metadata_lines(doc.body)
    passages: list[Passage] = []
    paragraphs: list[str] = []
    for number, line in enumerate(doc.body.split("\n")):
        line = line.strip()
        if not line or number in skip:
            continue
        para = len(paragraphs)
        paragraphs.append(normalize(line))
        for sentence in _SENTENCE_END.split(line):
            sentence = sentence.strip()
            if sentence:
                passages.append(_passage(doc, "sentence", sentence, para=para, seq=start_seq + len(passages)))
    return passages, paragraphs


def _record_passage(doc: SourceDoc, record: FactRecord, i: int) -> Passage:
    quote = record.quote if record.value in record.quote else f"{record.quote} {record.value}".strip()
    norm, omap = normalize_mapped(quote)
    at = norm.find(normalize(record.value))
    return Passage(doc=doc, kind="record", text=quote, norm=norm, omap=omap, record=record, value_at=max(at, 0), seq=10_000 + i)
