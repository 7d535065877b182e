"""Reading numbers and text from what a visitor sends (query strings, JSON), with range checks.

Every view and API operation reads its integers through `integer` so that a value no database column
can hold (`?page=9223372036854775808`, `?year=10000`) is a 400 with a sentence naming the parameter,
never a 500 from deep inside the ORM. Text goes through `text`, which bounds its length and refuses
what no database can store (lone surrogates, NUL).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import BadRequest

# Row ids are 64-bit signed integers on every database we run on.
ID_MAX = 2**63 - 1
# Years a date column can hold and a reader could mean; Python's date stops at 9999.
YEAR_MIN, YEAR_MAX = 1, 9999
# Page numbers and offsets: far beyond any catalog, far below where OFFSET arithmetic overflows.
PAGE_MAX = 100_000
OFFSET_MAX = 10_000_000
QUERY_MAX = 300  # characters of a search query or question

_DIGITS = re.compile(r"^[+-]?[0-9]+$")
_UNSTORABLE = re.compile(r"[\ud800-\udfff\x00]")


class BadParameter(BadRequest):
    """A parameter outside what the site accepts; `message` is shown to the visitor (400)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def integer(params: Mapping[str, Any], name: str, *, minimum: int = 0, maximum: int = ID_MAX,
            default: int | None = None) -> int | None:
    """`params[name]` as an int in [minimum, maximum]; `default` when absent or not a number at all
    (links with stray words keep working); BadParameter when it is a number out of range."""
    raw = params.get(name)
    if raw is None:
        return default
    raw = str(raw).strip()
    if not _DIGITS.match(raw):
        return default
    if len(raw) > 40:  # int() of thousands of digits is refused (or slow); no such value is in range
        raise BadParameter(name, out_of_range(name, minimum, maximum))
    return checked(name, int(raw), minimum=minimum, maximum=maximum)


def checked(name: str, value: int, *, minimum: int = 0, maximum: int = ID_MAX) -> int:
    """`value` itself when in range, else BadParameter (for values a schema already parsed)."""
    if not minimum <= value <= maximum:
        raise BadParameter(name, out_of_range(name, minimum, maximum))
    return value


def out_of_range(name: str, minimum: int, maximum: int) -> str:
    return f"参数 {name} 超出范围：应为 {minimum} 至 {maximum} 之间的整数。"


def storable(value: str) -> bool:
    """Whether every database we run on can store `value` (no lone surrogate, no NUL)."""
    return _UNSTORABLE.search(value) is None


def text_problem(name: str, value: str, *, maximum: int = QUERY_MAX) -> str | None:
    """Why `value` cannot be used as text input, in words for the visitor; None when it can."""
    if len(value) > maximum:
        return f"{name} 过长（{len(value)}字），请精简到{maximum}字以内。"
    if not storable(value):
        return f"{name} 含有无效字符，请检查后重新输入。"
    return None
