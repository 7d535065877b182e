"""Folding Chinese text for comparison while keeping every character where it was.

Recognisers match on a *folded view* of a text and cut what they return from the text as shown, so
a 繁體 page is quoted in 繁體 and a full-width page keeps its full-width digits. That only works when
the view has exactly one character for each character of the original: `view[i]` is the folded form
of `text[i]`. Every function here keeps that contract.

The contract of `fold_char`, applied to each character:

- full-width ASCII forms (U+FF01–FF5E) become ASCII: ２０２４ → 2024, ：→ :, ，→ ,, （）→ (), ；→ ;,
  ！→ !, ？→ ?, ～ → ~; so do other compatibility forms whose NFKC form is one character
  (﹐ → ,, ㄧ stays);
- the ideographic space U+3000, no-break spaces and other horizontal white space become " ";
  "\\n", "\\r" and "\\t" stay as they are (they carry the layout: lines, table cells);
- a character whose NFKC form is longer than one character (㈠ → (一), ㍿) stays as it is;
- Chinese punctuation without an ASCII twin (。、《》〔〕【】“”「」) stays as it is;
- then 繁體 becomes 简体 character by character with OpenCC's t2s (發佈機構 → 发布机构); a character
  whose conversion would not be one character stays as it is;
- with ``lower=True``, ASCII and other letters are lower-cased (when that keeps one character).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from gongkai.lib.text import to_simplified

__all__ = ["Folded", "compact", "fold", "fold_char", "folded", "is_space"]

# Layout characters kept as they are: lines and table cells must survive folding.
_LAYOUT = frozenset("\n\r\t")


@lru_cache(maxsize=65536)
def _width_char(c: str) -> str:
    if c in _LAYOUT:
        return c
    if c.isspace():
        return " "
    n = unicodedata.normalize("NFKC", c)
    if len(n) != 1:
        return c
    return " " if n.isspace() else n


@lru_cache(maxsize=65536)
def _simple_char(c: str) -> str:
    s = to_simplified(c)
    return s if len(s) == 1 else c


def fold_char(c: str, *, lower: bool = False) -> str:
    """The folded form of one character: always exactly one character (see the module's contract)."""
    out = _simple_char(_width_char(c))
    if lower:
        low = out.lower()
        out = low if len(low) == 1 else out
    return out


def fold(text: str, *, lower: bool = False) -> str:
    """The folded view of `text`: same length, ``fold(text)[i] == fold_char(text[i])``.

    Width and spaces are folded character by character; 繁→简 runs over the whole text first (one
    OpenCC call is far faster than one per character) and falls back to character by character
    when a phrase conversion changed the length.
    """
    width = "".join(map(_width_char, text)) if not text.isascii() else _ascii_spaces(text)
    if width.isascii():
        simple = width
    else:
        simple = to_simplified(width)
        if len(simple) != len(width):
            simple = "".join(map(_simple_char, width))
    if lower:
        low = simple.lower()
        simple = low if len(low) == len(simple) else "".join(
            lc if len(lc := c.lower()) == 1 else c for c in simple)
    return simple


_ASCII_SPACE = re.compile(r"[\x0b\x0c]")


def _ascii_spaces(text: str) -> str:
    return _ASCII_SPACE.sub(" ", text)


def is_space(c: str) -> bool:
    """Whether a character of a folded view is blank (space, tab, line break)."""
    return c in " \t\r\n"


@dataclass(frozen=True)
class Folded:
    """A text and its folded view, position for position: match on `view`, cut from `text`."""

    text: str
    view: str

    def __len__(self) -> int:
        return len(self.text)

    def shown(self, start: int, end: int) -> str:
        """The original text of view[start:end], stripped of outer blanks."""
        return self.text[start:end].strip()

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """The span without the blanks at either end."""
        while start < end and is_space(self.view[start]):
            start += 1
        while end > start and is_space(self.view[end - 1]):
            end -= 1
        return start, end


def folded(text: str, *, lower: bool = False) -> Folded:
    """`text` with its folded view (see `fold`)."""
    return Folded(text, fold(text, lower=lower))


def compact(view: str) -> tuple[str, tuple[int, ...]]:
    """A view without blanks, and for each of its characters the position it came from.

    Portals pad labels and two-character names with spaces ("索 引 号", "王  伟"); matching on the
    compact form and mapping back through the positions finds them while still cutting the
    original.
    """
    keep = [i for i, c in enumerate(view) if not is_space(c)]
    return "".join(view[i] for i in keep), tuple(keep)
