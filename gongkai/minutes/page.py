"""The parse copy of a minutes page: what every part of the parser matches on.

`Page.p` is the page folded by `gongkai.lib.zh.fold` (width, 繁→简, one character for one), with the
pinyin some pages print after characters (區(qū)) left out; `Page.cut` maps any span of it back to the
page's own text, so what the parser returns is always quoted from the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.lib.zh.dates import DateMatch, find_dates
from gongkai.lib.zh.fold import fold

Span = tuple[int, int]

_OPEN, _CLOSE = "《(“「『【〈", "》)”」』】〉"
# Pinyin a page prints after a character, as copied from ruby text: 區(qū)委. The parse copy leaves
# it out (and maps positions back), so 区委 reads as one word; what is returned keeps it.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_RUBY = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")


@dataclass(frozen=True)
class Page:
    """A page's text (`orig`) and its parse copy (`p`): match on `p`, quote with `cut`/`text`."""

    orig: str
    p: str  # folded copy (`fold`), position for position, without ruby pinyin
    pos: tuple[int, ...] | None = None  # where each character of `p` is in `orig`, when they differ

    @classmethod
    def of(cls, text: str) -> Page:
        ruby = list(_RUBY.finditer(text))
        if not ruby:
            return cls(text, fold(text))
        keep = [True] * len(text)
        for m in ruby:
            keep[m.start(): m.end()] = [False] * (m.end() - m.start())
        pos = tuple(i for i, k in enumerate(keep) if k) + (len(text),)
        return cls(text, fold("".join(text[i] for i in pos[:-1])), pos)

    def cut(self, a: int, b: int) -> str:
        """The page's own text of the parse copy's [a, b)."""
        if self.pos is None:
            return self.orig[a:b]
        return self.orig[self.pos[a]: self.pos[b]]

    def text(self, span: Span) -> str:
        return self.cut(*span).strip()

    def squashed(self, span: Span) -> str:
        return re.sub(r"\s+", "", self.cut(*span))

    def trim(self, a: int, b: int) -> Span:
        while a < b and self.p[a] in " \t\r\n\u3000":
            a += 1
        while b > a and self.p[b - 1] in " \t\r\n\u3000":
            b -= 1
        return a, b

    def lines(self, a: int = 0, b: int | None = None) -> Iterator[Span]:
        b = len(self.p) if b is None else b
        while a < b:
            end = self.p.find("\n", a, b)
            end = b if end < 0 else end
            yield a, end
            a = end + 1


def split_segments(p: str, a: int, b: int, seps: str) -> list[Span]:
    """Split [a, b) at separators outside 《》, brackets and quotes; a newline always splits."""
    out, depth, start = [], 0, a
    for i in range(a, b):
        c = p[i]
        if c == "\n":
            out.append((start, i))
            start, depth = i + 1, 0
        elif c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif c in seps and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, b))
    return out


def split_sentences(page: Page, a: int, b: int) -> list[Span]:
    """Sentences of [a, b), at 。!? and line ends, without blanks around them."""
    return [s for s in (page.trim(*seg) for seg in split_segments(page.p, a, b, "。!?")) if s[0] < s[1]]


def split_clauses(page: Page, a: int, b: int) -> list[Span]:
    """Clauses of [a, b), at , ; : outside brackets and quotes."""
    return [page.trim(*seg) for seg in split_segments(page.p, a, b, ",;:")]


def date_in(page: Page, a: int, b: int, year: int | None = None) -> DateMatch | None:
    """The first date of [a, b) that can exist (`gongkai.lib.zh.dates`), the year from context if given."""
    return next((d for d in find_dates(page.p[a:b], year=year) if not d.impossible), None)


def masked(span: Span, masks: list[Span]) -> bool:
    """Whether a span starts inside one of the masked spans (attendee blocks, trailer, summaries)."""
    return any(a <= span[0] < b for a, b in masks)
