"""A document cut into the passages answers are quoted from.

Sentences of the body, the catalog fields (from the importer's metadata and from label/value lines
printed in the body) and structured facts all become `Passage`s. Matching runs on the normalized
form (NFKC, Simplified, lower case); answers and quotes are cut from the text as published, so a
Traditional page is quoted in Traditional.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from gongkai.lib.text import normalize, squash
from gongkai.lib.zh import dates, numerals
from gongkai.lib.zh.fold import fold
from gongkai.qa.contract import FactRecord, SourceDoc
from gongkai.qa.fields import field_of, label_values

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
_DIGITS = re.compile(r"\d+")
_COUNTED_ORDINALS = frozenset("次届期")


def numbers_in(norm: str) -> set[str]:
    """The numbers a normalized text states, as canonical decimal strings: every run of digits, and
    Chinese numerals where they count something (七十八次, 二〇二三年; not the 一 of 一次性)."""
    found = {str(int(d)) for d in _DIGITS.findall(norm) if len(d) <= 8}
    for number in numerals.find_numbers(norm):
        if not norm[number.start].isdigit() and number.value == number.value.to_integral_value():
            found.add(str(int(number.value)))
    return found


def ordinals_in(norm: str) -> set[str]:
    """What a text numbers as meetings, terms and issues: 第86次 / 六届七十八次 -> {"86次", "6届", "78次"}."""
    return {f"{o.value}{o.unit}" for o in numerals.find_ordinals(norm) if o.unit in _COUNTED_ORDINALS}


# Pinyin some portals print after a rare character in brackets: 區(qū)長, 機(jī)關(guān).
_PINYIN_NOTE = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


def normalize_mapped(text: str) -> tuple[str, tuple[int, ...] | None]:
    """The comparison form of a text and, when it is shorter than the text, where each of its
    characters came from. Folding keeps positions (lib/zh/fold); only pinyin notes are dropped, so
    that 副區(qū)長謝某 reads as 副区长谢某 while answers are still cut from the text as published."""
    folded = fold(text, lower=True)
    if "(" not in folded or not _PINYIN_NOTE.search(folded):
        return folded, None
    keep = [True] * len(folded)
    for m in _PINYIN_NOTE.finditer(folded):
        keep[m.start() : m.end()] = [False] * (m.end() - m.start())
    omap = tuple(i for i, kept in enumerate(keep) if kept)
    return "".join(folded[i] for i in omap), omap


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


_CACHE: OrderedDict[tuple[int, int], DocView] = OrderedDict()
_CACHE_SIZE = 512


def view(doc: SourceDoc) -> DocView:
    """The passages of a document, cut once and kept while the document is unchanged."""
    # Everything the view is built from and carries, by value: a chair or publisher staff corrected
    # changes no count, and must not be answered from the view cut before the correction.
    key = (doc.doc_id, hash(repr(doc)))
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
    table = _label_lines(doc, start_seq=5_000)
    passages = (title, *fields, *sentences, *table, *records)
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
    """Catalog fields as the page prints them first, then those only the importer read, each value
    once: a date the page prints as 2017年06月28日 is answered so, not as the catalog's 2017-06-28."""
    pairs: list[tuple[str, str, str]] = []
    for lv in label_values(doc.body):
        if lv.value and not (lv.field == "other" and len(lv.value) > 40):
            pairs.append((lv.field, lv.label, lv.value))
    for label, value in doc.metadata.items():
        field = field_of(label)
        if field and value and value.strip():
            pairs.append((field, label, value.strip()))
    seen: set[tuple[str, str]] = set()
    passages: list[Passage] = []
    for field, label, value in pairs:
        day = dates.first_date(value)
        key = (field, day.iso if day is not None and day.iso else squash(value))
        if key in seen:
            continue
        seen.add(key)
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


_LABEL_LINE = re.compile(r"[\u3400-\u9fff]{2,6}")


def _label_lines(doc: SourceDoc, start_seq: int) -> list[Passage]:
    """Label and value on lines of their own, as tables of meeting records print them ("紀錄" over
    "王某某"): read as fields of no catalog kind, which answer only a question naming the label."""
    lines = [line.strip() for line in doc.body.split("\n") if line.strip()]
    passages: list[Passage] = []
    i = 0
    while i + 1 < len(lines):
        label, value = lines[i], lines[i + 1]
        if _LABEL_LINE.fullmatch(label) and len(value) <= 40 and not value.endswith((":", "：")):
            text = f"{label}: {value}"
            passages.append(
                _passage(doc, "field", text, field="other", value_at=len(label) + 2, seq=start_seq + len(passages))
            )
            i += 2
        else:
            i += 1
    return passages


def _record_passage(doc: SourceDoc, record: FactRecord, i: int) -> Passage:
    quote = record.quote if record.value in record.quote else f"{record.quote} {record.value}".strip()
    norm, omap = normalize_mapped(quote)
    at = norm.find(normalize(record.value))
    return Passage(doc=doc, kind="record", text=quote, norm=norm, omap=omap, record=record, value_at=max(at, 0), seq=10_000 + i)
