"""繁體中文 pages: the rendered 简体 HTML with its text converted by OpenCC.

Only what a reader reads is converted: text between tags and the few attributes that hold words
(title, alt, aria-label, placeholder, meta content, button values, data-msg-*). URLs, scripts, styles
and form contents stay byte for byte, so links keep working and a query typed in 简体 is not altered.
A template can keep a passage in its own script between <!--keep--> and <!--/keep--> (the name of
the other script in the language switcher, for instance).
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache

from gongkai.lib.text import has_cjk, to_traditional

CACHE_SECONDS = 24 * 3600
# Never occurs in documents (a private-use character); OpenCC leaves it alone, so many texts can be
# converted in one call and split again.
_SEPARATOR = "\n\ue000\n"

_MARKUP = re.compile(
    r"<!--keep-->.*?<!--/keep-->"
    r"|<!--.*?-->"
    r"|<(script|style|textarea)\b[^>]*>.*?</\1\s*>"
    r"|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_WORDS = r"title|alt|aria-label|aria-description|placeholder|content|label|data-msg-[\w-]+"


def _attributes(names: str) -> re.Pattern[str]:
    return re.compile(rf"""(\s(?:{names})\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


_WORD_ATTRIBUTE = _attributes(_WORDS)
_WORD_OR_VALUE = _attributes(_WORDS + "|value")  # a button's value is its label
_BUTTON_INPUT = re.compile(r"""^<input\b[^>]*\stype\s*=\s*["']?(?:submit|button|reset)\b""", re.IGNORECASE)


def variant() -> str:
    return getattr(settings, "TRADITIONAL_VARIANT", "s2tw")


class _Pieces:
    """The page cut into fragments, remembering which fragments are text to convert."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.texts: list[int] = []

    def add(self, fragment: str, convert: bool) -> None:
        if convert and has_cjk(fragment):
            self.texts.append(len(self.parts))
        self.parts.append(fragment)

    def add_tag(self, tag: str) -> None:
        regex = _WORD_OR_VALUE if _BUTTON_INPUT.match(tag) else _WORD_ATTRIBUTE
        self.add(self._cut_attributes(tag, regex), convert=False)

    def _cut_attributes(self, tag: str, regex: re.Pattern[str]) -> str:
        # Everything up to each word attribute's value goes out as markup; the value as text.
        pos = 0
        for m in regex.finditer(tag):
            group = 2 if m.group(2) is not None else 3
            self.add(tag[pos : m.start(group)], convert=False)
            self.add(m.group(group), convert=True)
            pos = m.end(group)
        return tag[pos:]

    def converted(self, config: str) -> str:
        if self.texts:
            originals = [self.parts[i] for i in self.texts]
            result = to_traditional(_SEPARATOR.join(originals), config).split(_SEPARATOR)
            if len(result) != len(originals):  # a separator did not survive: convert one by one
                result = [to_traditional(text, config) for text in originals]
            for index, text in zip(self.texts, result, strict=True):
                self.parts[index] = text
        return "".join(self.parts)


def convert_html(html: str, config: str | None = None) -> str:
    """The page in Traditional characters; markup, URLs, scripts and styles unchanged."""
    pieces = _Pieces()
    pos = 0
    for m in _MARKUP.finditer(html):
        pieces.add(html[pos : m.start()], convert=True)
        token = m.group(0)
        if token.startswith("<!--") or m.group(1):
            pieces.add(token, convert=False)
        else:
            pieces.add_tag(token)
        pos = m.end()
    pieces.add(html[pos:], convert=True)
    return pieces.converted(config or variant())


def cache_key(html: str) -> str:
    """The variant and a hash of the 简体 page, nothing the visitor chose: the conversion depends on
    nothing else, any change of content gives a new key (a stale conversion is never served), and
    `?x=1`, `?x=2` … of one page share one entry instead of filling the cache."""
    content = hashlib.sha256(html.encode()).hexdigest()
    return f"gongkai:hant:{variant()}:{content}"


def convert_cached(html: str) -> str:
    key = cache_key(html)
    converted: str | None = cache.get(key)
    if converted is None:
        converted = convert_html(html)
        cache.set(key, converted, CACHE_SECONDS)
    return converted
