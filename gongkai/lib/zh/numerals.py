"""Chinese numerals, ordinals and amounts of money, read with the `cn2an` library.

Everything takes text as shown or its folded view (`fold.fold`): numerals are folded first, so
繁體 (兩, 萬, 億), full-width digits and the circle zero ○ read like their 简体 forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

from gongkai.lib.zh.fold import fold

__all__ = [
    "CLASSIFIERS", "CN_DIGITS", "NUMERAL", "NUMERAL_CHARS", "ORDINAL_UNITS", "Amount", "Number", "Ordinal",
    "cn_to_int", "find_amounts", "int_to_cn", "find_numbers", "find_ordinals", "parse_amount", "parse_ordinal",
]

# Digits as Chinese text writes them (简体 after folding): 〇 and the circle ○ both stand for zero.
CN_DIGITS = "零〇○一二两三四五六七八九"
_UNITS = "十百千万亿"
_FORMAL = "壹贰叁肆伍陆柒捌玖拾佰仟廿"
NUMERAL_CHARS = CN_DIGITS + _UNITS + _FORMAL
# A numeral in a regex on a folded view: Arabic or Chinese digits, units between them (1万2千).
NUMERAL = rf"(?:[0-9{NUMERAL_CHARS}](?:[0-9{NUMERAL_CHARS}]|\.(?=[0-9]))*)"
_DIGIT_VALUE = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "两": "2"}


def int_to_cn(n: int) -> str:
    """A whole number as Chinese text writes it in prose: 7 → 七, 12 → 十二, 58 → 五十八."""
    return cn2an.an2cn(n)


def cn_to_int(text: str) -> int | None:
    """The whole number a numeral writes, or None when it is not one.

    Recognises Arabic digits (25, ２５), Chinese numerals with units (二十三, 一百零七, 两千零二十四,
    十二万三千), the formal forms (壹佰贰拾), mixed forms (1万2千, 12万), and digits written one by
    one as years are (二〇二四, 二零二四 → 2024). Spaces inside are ignored.
    """
    view = fold(text).replace(" ", "")
    if not view:
        return None
    if view.isdigit():
        return int(view)
    if all(c in _DIGIT_VALUE for c in view):
        return int("".join(_DIGIT_VALUE[c] for c in view))
    try:
        value = cn2an.cn2an(view.replace("○", "〇"), "smart")
    except (ValueError, KeyError, IndexError, TypeError):  # cn2an raises these on what it cannot read
        return None
    return int(value) if float(value).is_integer() else None


# --- ordinals -------------------------------------------------------------------------------------

# What meetings, terms, issues and documents are numbered by.
ORDINAL_UNITS = "次届期号批项条章节款轮"
_ORDINAL = re.compile(rf"(第\s*)?({NUMERAL})\s*([{ORDINAL_UNITS}])")


@dataclass(frozen=True)
class Ordinal:
    start: int
    end: int
    value: int
    unit: str  # 次, 届, 期 …


def parse_ordinal(text: str) -> int | None:
    """The number of an ordinal: 第十九次 → 19, 第25期 → 25, 十九 → 19, 第三 → 3; None otherwise."""
    view = fold(text).replace(" ", "")
    view = view.removeprefix("第")
    if view and view[-1] in ORDINAL_UNITS:
        view = view[:-1]
    return cn_to_int(view)


def find_ordinals(text: str) -> list[Ordinal]:
    """Numbered meetings, terms and issues in a text: 第86次, 六届七十八次 (两 ordinals), 第3期, 十九届.

    A single Chinese numeral character counts only after 第 or before 届 (一次性 and 一次 are not
    ordinals, 六届 is).
    """
    view = fold(text)
    found = []
    for m in _ORDINAL.finditer(view):
        numeral, unit = m.group(2), m.group(3)
        if not numeral.isdigit() and len(numeral) < 2 and not m.group(1) and unit != "届":
            continue
        value = cn_to_int(numeral)
        if value is not None:
            found.append(Ordinal(m.start(), m.end(), value, unit))
    return found


# --- numbers --------------------------------------------------------------------------------------

# Classifiers and units after which a Chinese numeral counts something.
CLASSIFIERS = "个次届期号年月日天周岁人名位家户项条件份元万亿千百批轮座所台辆套处间张本篇章节款倍"
_NUMBER = re.compile(rf"(第\s*)?({NUMERAL})(?=\s*([{CLASSIFIERS}])?)")


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: Decimal


def find_numbers(text: str) -> list[Number]:
    """Numbers a text states: Arabic ones anywhere (12, 3.5), Chinese ones where they count
    something (七十八次, 二〇二三年, 三个, 第五) — a lone 一 in 一些 or 统一 is not a number."""
    view = fold(text)
    found = []
    for m in _NUMBER.finditer(view):
        numeral = m.group(2)
        if numeral[0].isdigit():  # 12, 3.5, and mixed forms such as 3.5亿 or 1万2千
            value = _decimal(numeral)
        elif m.group(1) or (m.group(3) and (len(numeral) > 1 or m.group(3) == "届")):
            whole = cn_to_int(numeral)
            value = Decimal(whole) if whole is not None else None
        else:
            continue
        if value is not None:
            found.append(Number(m.start(2), m.end(2), value))
    return found


# --- amounts of money -----------------------------------------------------------------------------

_SCALE = {"": 1, "千": 1000, "万": 10_000, "亿": 100_000_000, "万亿": 10**12}
_AMOUNT = re.compile(rf"({NUMERAL}?[0-9{NUMERAL_CHARS}])\s*(万亿|千|万|亿)?\s*元")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    yuan: Decimal  # the amount in 元


def parse_amount(text: str) -> Decimal | None:
    """An amount of money in 元: 56万元 → 560000, 3.5亿元 → 350000000, 一千二百万元, 1200元; else None."""
    found = find_amounts(text)
    return found[0].yuan if found else None


def find_amounts(text: str) -> list[Amount]:
    """Amounts of money in a text (Arabic or Chinese numerals, 元/千元/万元/亿元/万亿元)."""
    view = fold(text)
    found = []
    for m in _AMOUNT.finditer(view):
        number = _decimal(m.group(1))
        if number is not None:
            found.append(Amount(m.start(), m.end(), number * _SCALE[m.group(2) or ""]))
    return found


def _decimal(numeral: str) -> Decimal | None:
    try:
        return Decimal(numeral)
    except InvalidOperation:
        pass
    try:
        value = cn2an.cn2an(numeral.replace("○", "〇"), "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(value))
