"""Document numbers (文号) and index numbers (索引号) as disclosure pages print them.

A 文号 is an issuer's abbreviation, the year in brackets, a sequence number and 号: 青建发〔2025〕12号,
written with 〔〕, [], （）, (), 【】 or ［］ and often with spaces (青建发 〔2025〕 12 号, 第12号).
A 索引号 is an agency code, the year and a sequence number joined by / or -: 014133058/2024-00008,
11440300007542386G/2021-00123, 01527918X-2020-153077, QS-310115-2022-00371, 1234-001/2023-80815.
"""

from __future__ import annotations

import re

from gongkai.lib.text import normalize

__all__ = [
    "DOC_NO", "INDEX_NO", "canonical_identifier", "cited_document_numbers", "find_doc_numbers",
    "find_index_numbers",
    "is_doc_no", "is_index_no",
]

_OPEN, _CLOSE = "〔[(【［（", "〕])】］）"
# A document number: an issuer abbreviation, the year in brackets, a sequence number and 号. Matches
# the text as shown and its folded or normalized form alike.
DOC_NO = re.compile(
    rf"[\u3400-\u9fff]{{1,12}}\s*[{re.escape(_OPEN)}]\s*(?:19|20)\d{{2}}\s*[{re.escape(_CLOSE)}]"
    r"\s*第?\s*\d{1,5}\s*号")
# An index number: a code of letters and digits (parts joined by -), then / or -, the year, - and
# a sequence number of three to eight digits.
INDEX_NO = re.compile(
    r"(?<![0-9A-Za-z])(?=[0-9A-Za-z-]*[0-9])[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*-?"
    r"\s*[/-]\s*(?:19|20)\d{2}\s*-\s*\d{3,8}"
    r"(?![0-9])")
_SPACE = re.compile(r"\s+")


def canonical_identifier(text: str) -> str:
    """The form identifiers are compared in: normalized, no spaces, one kind of bracket, no 第."""
    value = _SPACE.sub("", normalize(text))
    value = value.translate(str.maketrans(_OPEN + _CLOSE, "〔" * len(_OPEN) + "〕" * len(_CLOSE)))
    return re.sub(r"〕第(?=\d)", "〕", value)


def find_doc_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of the 文号 in a text (see the module docstring)."""
    return [(m.start(), m.end()) for m in DOC_NO.finditer(text)]


def find_index_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of the 索引号 in a text (see the module docstring); spaces around / and - allowed."""
    return [(m.start(), m.end()) for m in INDEX_NO.finditer(text)]


def is_doc_no(value: str) -> bool:
    """Whether a whole value is one 文号 (outer spaces aside)."""
    return DOC_NO.fullmatch(value.strip()) is not None


def is_index_no(value: str) -> bool:
    """Whether a whole value is one 索引号 (outer spaces aside)."""
    return INDEX_NO.fullmatch(value.strip()) is not None


_YEAR_IN_BRACKETS = re.compile(r"[〔\[(【［（]\s*(?:19|20)\d{2}\s*[〕\])】］）]\s*第?\s*\d{1,5}\s*号")
_ISSUER_BEFORE = re.compile(r"[\u3400-\u9fff]{1,12}\s*$")


def cited_document_numbers(text: str) -> list[str]:
    """Document numbers a text cites, canonical, each with every shorter issuer prefix.

    The issuer abbreviation cannot be told from the words before it (现将青政发〔2024〕1号), so all
    endings are kept; a query's number equals one of them exactly. Scanning for the bracketed
    year first keeps this cheap on long bodies.
    """
    found: list[str] = []
    for match in _YEAR_IN_BRACKETS.finditer(text):
        issuer = _ISSUER_BEFORE.search(text, max(0, match.start() - 16), match.start())
        if issuer is None:
            continue
        canonical = canonical_identifier(issuer.group() + match.group())
        bracket = canonical.find("〔")
        found += [canonical[i:] for i in range(bracket)]
    return found
