"""Chinese text primitives shared by the importer, search, minutes and question answering.

Everything that compares text (search, QA, alias matching) goes through `normalize` so that
full-width digits, Traditional characters and letter case never make two equal strings differ.
`normalize` may change a text's length; recognisers that must cut what they find from the text as
shown match on `gongkai.lib.zh.fold.fold` instead, which keeps every character where it was.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc
import rjieba

# `s2twp` rewrites official phrases (发布→釋出, 数据→資料): only character-level variants are allowed.
TRADITIONAL_VARIANTS = ("s2t", "s2tw", "s2hk")

_PUNCT_OR_SPACE = re.compile(r"[\s\u3000\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# OpenCC takes UTF-8, which has no lone surrogates (JSON and Python strings may hold them): each becomes
# U+FFFD, one character for one, so that positions found on the converted text still hold.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _convertible(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(_convertible(text))


def to_traditional(text: str, variant: str = "s2tw") -> str:
    if variant not in TRADITIONAL_VARIANTS:
        raise ValueError(f"unknown Traditional variant {variant!r}; use one of {TRADITIONAL_VARIANTS}")
    return _converter(variant).convert(_convertible(text))


# Full-width ASCII forms and the ideographic space, folded by a table first: str.translate is several
# times faster than NFKC over a whole body, and NFKC then only runs on the rare text that still needs it.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation to ASCII, ideographic space to space (NFKC)."""
    text = text.translate(_WIDTH)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def normalize(text: str) -> str:
    """The comparison form of a text: NFKC, Simplified, lower case."""
    return to_simplified(fold_width(text)).lower()


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def segment(text: str) -> list[str]:
    """Words of a text in comparison form, without spaces and punctuation.

    Documents and queries must be cut by this same function, or a word cut one way on one side
    never matches the other.
    """
    return [t for t in rjieba.cut(normalize(text)) if t.isalnum() or not _PUNCT_OR_SPACE.fullmatch(t)]


def squash(text: str) -> str:
    """Comparison form without any space or punctuation: for matching names and titles."""
    return _PUNCT_OR_SPACE.sub("", normalize(text))
