"""The search box's language: what a citizen may type, and what it means.

A query is parsed here into typed clauses; engines build their own queries from the clauses and
never see the user's syntax, so `title:(a OR b)`, `*` or `' OR 1=1 --` are only words. Supported:

- words, segmented like documents (`gongkai.lib.text.segment`), so 繁體 finds 简体 and back;
- "quoted phrases" (also “”, 「」, 『』), `-word` / `-"phrase"` to exclude;
- field prefixes `标题:` `文号:` `机构:` `索引号:` (and `title:` `docno:` `publisher:` `index:`);
- document numbers and index numbers (`武政发〔2024〕1号`, `014133058/2024-00008`), matched exactly;
- questions: function and question words (的, 是, 哪个, 多少 …) are dropped when other words remain.

Anything that cannot be searched raises `QueryError` with a reason in Chinese and English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from gongkai.lib.text import has_cjk, normalize, segment
from gongkai.lib.zh.identifiers import DOC_NO, canonical_identifier, cited_document_numbers

FACETS = ("topic", "genre", "combo", "publisher", "year", "validity")
SortOrder = Literal["relevance", "newest"]
SORTS: tuple[SortOrder, ...] = ("relevance", "newest")
ClauseKind = Literal["term", "phrase", "ident"]
# The fields a prefix may restrict a clause to; None means every searchable field.
Field = Literal["title", "doc_no", "publisher", "index_no"]

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 16
MAX_EXCLUDED = 8
MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_FILTER_CHARS = 100

FIELD_PREFIXES: dict[str, Field] = {
    "标题": "title", "题名": "title", "名称": "title", "title": "title",
    "文号": "doc_no", "发文字号": "doc_no", "docno": "doc_no",
    "机构": "publisher", "发布机构": "publisher", "发文机关": "publisher", "publisher": "publisher",
    "索引号": "index_no", "index": "index_no",
}
# Function words and question words: they carry no topic, and a citizen's question is full of them.
STOP_WORDS = frozenset(
    "的 地 得 了 着 过 是 在 和 与 及 或 而 并 也 都 就 把 被 对 从 向 于 给 让 由 以 为 之 其 这 那 该 此 "
    "吗 呢 吧 啊 呀 么 嘛 哦 哪 谁 几 啥 多少 什么 哪个 哪些 哪里 哪儿 哪天 哪年 哪位 哪间 哪家 哪部 哪条 "
    "哪几 几个 几年 几次 几位 几份 几场 几条 几天 怎么 怎样 如何 为何 为什么 是否 有没有 是不是 能否 "
    "请问 一下 一共 总共 具体 到底 究竟 那个 这个 那次 这次 那条 这条 那份 这份 那些 这些 我 你 他 她 "
    "我们 你们 他们 要 会 能 可以 有 没有 怎么样 多久 多长 吗".split()
)
_QUOTES = str.maketrans({c: '"' for c in "“”「」『』＂″〝〞"})
_SPACE = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
# An index number or similar code: letters and digits joined by / or -, with several digits.
CODE = re.compile(r"(?<![0-9a-z])[0-9a-z]+(?:[/-][0-9a-z]+){1,4}(?![0-9a-z])")


class QueryError(ValueError):
    """A query that cannot be searched, with a reason a citizen can act on."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.code, self.zh, self.en = code, zh, en


@dataclass(frozen=True)
class SearchQuery:
    text: str
    filters: Mapping[str, str] = field(default_factory=dict)  # facet name -> value, see FACETS
    sort: SortOrder = "relevance"
    offset: int = 0
    limit: int = 10
    recency_boost: bool = False  # relevance, nudged towards newer documents
    facets: bool = True  # whether to count facet values (a results page needs them, an API may not)
    # "en": the English pages' search, which also looks in the documents' English texts with an
    # English analyser (stemming: meetings finds meeting) and shows English titles and snippets.
    language: Literal["zh", "en"] = "zh"


@dataclass(frozen=True)
class Clause:
    kind: ClauseKind
    words: tuple[str, ...]  # segmented comparison-form words; for "ident" the identifier's words
    field: Field | None = None
    ident: tuple[str, ...] = ()  # canonical identifier forms that match the identifier field exactly

    @property
    def text(self) -> str:
        return "".join(self.words)


@dataclass(frozen=True)
class ParsedQuery:
    required: tuple[Clause, ...]
    excluded: tuple[Clause, ...]
    filters: tuple[tuple[str, str], ...]
    notices: tuple[str, ...]  # what was adjusted, "中文 / English", for the results page

    def highlight_words(self) -> list[str]:
        """The words to mark in snippets, longest first so that 粮食安全 wins over 粮食."""
        words = {w for c in self.required if c.kind != "ident" for w in c.words if w}
        return sorted(words, key=len, reverse=True)

    def highlight_identifiers(self) -> list[str]:
        return [c.ident[0] for c in self.required if c.kind == "ident"]


def parse_query(query: SearchQuery) -> ParsedQuery:
    _check_paging(query)
    filters = _clean_filters(query.filters)
    text = _clean_text(query.text)
    notices: list[str] = []
    required, excluded = _scan(text, notices)
    required = _drop_stop_words(required)
    if not required:
        if excluded:
            raise QueryError("only_excluded", "请至少输入一个要查找的词，不能只有排除词。",
                             "Enter at least one word to find, not only words to exclude.")
        raise QueryError("no_words", "查询中没有可搜索的文字，请输入中文词语、编号或英文单词。",
                         "The query has nothing searchable; type Chinese words, a number or English words.")
    if len(required) > MAX_CLAUSES or len(excluded) > MAX_EXCLUDED:
        notices.append(f"查询词过多，只使用前 {MAX_CLAUSES} 个。 / Too many words; only the first {MAX_CLAUSES} are used.")
    return ParsedQuery(tuple(required[:MAX_CLAUSES]), tuple(excluded[:MAX_EXCLUDED]), filters, tuple(notices))


def _check_paging(query: SearchQuery) -> None:
    if query.sort not in SORTS:
        raise QueryError("bad_sort", "排序方式只能是相关度或最新。", "Sort must be 'relevance' or 'newest'.")
    if not 1 <= query.limit <= MAX_LIMIT:
        raise QueryError("bad_limit", f"每页条数须在 1 到 {MAX_LIMIT} 之间。", f"Page size must be 1 to {MAX_LIMIT}.")
    if not 0 <= query.offset <= MAX_OFFSET:
        raise QueryError("bad_offset", f"只能翻到前 {MAX_OFFSET} 条结果，请缩小查询范围。",
                         f"Results beyond the first {MAX_OFFSET} are not shown; narrow the query.")


def _clean_filters(filters: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    cleaned: list[tuple[str, str]] = []
    for name, raw in filters.items():
        if name not in FACETS:
            raise QueryError("bad_filter", f"未知的筛选项“{str(name)[:20]}”。", f"Unknown filter {str(name)[:20]!r}.")
        value = _without_controls(str(raw)).strip()
        if not value:
            continue
        if len(value) > MAX_FILTER_CHARS:
            raise QueryError("bad_filter", "筛选值过长。", "The filter value is too long.")
        if name == "year" and not (value.isascii() and value.isdigit() and 1900 <= int(value) <= 2200):
            raise QueryError("bad_filter", "年份应为四位数字，例如 2024。", "Year must be four digits, e.g. 2024.")
        cleaned.append((name, value))
    return tuple(cleaned)


def _without_controls(text: str) -> str:
    # Control and format characters (NUL, bidi overrides, zero-width spaces) become spaces.
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") else ch for ch in text)


def _clean_text(raw: str) -> str:
    if not isinstance(raw, str):
        raise QueryError("empty", "请输入要搜索的文字。", "Please type something to search for.")
    text = _SPACE.sub(" ", _without_controls(raw)).strip()
    if not text:
        raise QueryError("empty", "请输入要搜索的文字。", "Please type something to search for.")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError("too_long", f"查询过长（{len(text)} 个字符），请缩短到 {MAX_QUERY_CHARS} 个字符以内。",
                         f"The query is too long ({len(text)} characters); keep it under {MAX_QUERY_CHARS}.")
    # Compare in normalized form, and let document numbers keep their inner spaces out of the way.
    text = normalize(text).translate(_QUOTES)
    return DOC_NO.sub(lambda m: _SPACE.sub("", m.group()), text)


def _scan(text: str, notices: list[str]) -> tuple[list[Clause], list[Clause]]:
    """Split the query into clauses: quoted phrases, -exclusions, field:value, identifiers, words."""
    required: list[Clause] = []
    excluded: list[Clause] = []
    if text.count('"') % 2:
        notices.append("引号不成对，已按普通词语搜索。 / An unmatched quote was ignored.")
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1 :]
    pending_field: Field | None = None
    for match in re.finditer(r'(-?)"([^"]*)"|([^\s"]+)', text):
        negate, phrase, chunk = match.group(1) == "-", match.group(2), match.group(3)
        if chunk is not None:
            negate, chunk = chunk.startswith("-") and len(chunk) > 1, chunk
            chunk = chunk[1:] if negate else chunk
            field_name, chunk = _field_prefix(chunk)
            if field_name and not chunk:
                pending_field = field_name
                continue
            clauses = _chunk_clauses(chunk, field_name or pending_field)
        else:
            clauses = _phrase_clauses(phrase or "", pending_field)
        pending_field = None
        (excluded if negate else required).extend(c for c in clauses if c.words or c.ident)
    return _dedupe(required), _dedupe(excluded)


def _field_prefix(chunk: str) -> tuple[Field | None, str]:
    name, sep, rest = chunk.partition(":")
    if sep and name in FIELD_PREFIXES:
        return FIELD_PREFIXES[name], rest
    return None, chunk


def _phrase_clauses(phrase: str, field_name: Field | None) -> list[Clause]:
    # Spaces typed between Chinese words inside quotes are not in the documents: cut the phrase as
    # one run, so that it is segmented the way the same run is segmented in a document.
    words = tuple(segment(_CJK_GAP.sub("", phrase)))
    if not words:
        return []
    if field_name in ("doc_no", "index_no"):
        return [_ident_clause(phrase, field_name)]
    return [Clause("phrase" if len(words) > 1 else "term", words, field_name)]


def _chunk_clauses(chunk: str, field_name: Field | None) -> list[Clause]:
    if field_name in ("doc_no", "index_no"):
        return [_ident_clause(chunk, field_name)] if segment(chunk) else []
    if field_name is not None:  # 标题:… and 机构:… mean "the title (publisher) contains …"
        return _phrase_clauses(chunk, field_name)
    clauses: list[Clause] = []
    start = 0
    for match in _identifiers(chunk):
        clauses += [Clause("term", (w,), field_name) for w in segment(chunk[start : match.start()])]
        clauses.append(_ident_clause(match.group(), field_name))
        start = match.end()
    clauses += [Clause("term", (w,), field_name) for w in segment(chunk[start:])]
    return clauses


def _identifiers(chunk: str) -> list[re.Match[str]]:
    found = list(DOC_NO.finditer(chunk))
    if not found:
        found = [m for m in CODE.finditer(chunk) if sum(ch.isdigit() for ch in m.group()) >= 6]
    return found


def _ident_clause(raw: str, field_name: Field | None) -> Clause:
    canonical = canonical_identifier(raw)
    forms = [canonical]
    bracket = canonical.find("〔")
    # A document number typed inside a sentence drags words along (关于武政发〔2024〕1号): also try
    # every shorter issuer prefix, since only a whole stored number can equal one of them.
    if bracket > 1:
        forms += [canonical[i:] for i in range(1, bracket)]
    return Clause("ident", tuple(segment(raw)), field_name, tuple(forms))


def _drop_stop_words(clauses: list[Clause]) -> list[Clause]:
    kept = [c for c in clauses if not (c.kind == "term" and c.field is None and c.words[0] in STOP_WORDS)]
    return kept or clauses


def _dedupe(clauses: list[Clause]) -> list[Clause]:
    seen: set[tuple[str, tuple[str, ...], Field | None]] = set()
    unique: list[Clause] = []
    for clause in clauses:
        key = (clause.kind, clause.words, clause.field)
        if key not in seen:
            seen.add(key)
            unique.append(clause)
    return unique


def is_cjk_word(word: str) -> bool:
    return has_cjk(word) and all("\u3400" <= ch <= "\u9fff" for ch in word)
