"""A document's body as it is read: Chinese typesetting done at display time, the stored body untouched.

- The title is shown once: bodies copied from the old portals often begin with the title again (in one
  paragraph, or broken over two), which the page already shows as its heading.
- A person's name never breaks over two lines: in the 出席/列席/请假/主持/记录 lines of minutes each
  name is kept whole (a narrow phone would otherwise cut 林思远 into 林思 | 远).
The first-line indent of paragraphs is site.css's (.doc-body p).
"""

from __future__ import annotations

import re

from django import template
from django.utils.safestring import SafeString, mark_safe
from lxml.html import HtmlElement

from gongkai.lib.html import inner_html, parse_fragment

register = template.Library()

# What does not count when a paragraph is compared with the title: spaces of every width, and the
# punctuation a copied title may carry or lose (full- and half-width).
_IGNORED = re.compile(r"[\s\u3000\u00a0,，.。:：;；!！?？\"'“”‘’「」『』《》〈〉·•\-—_()（）\[\]【】]+")
BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "center")
# 出席 / 出　席 / 列席人员 / 请假: and the names after the colon.
_NAME_LINE = re.compile(
    r"^\s*(?P<label>(?:出[\s\u3000]*席|列[\s\u3000]*席|请[\s\u3000]*假|缺[\s\u3000]*席|参[\s\u3000]*加|"
    r"主[\s\u3000]*持|记[\s\u3000]*录)(?:人员|领导|同志)?[\s\u3000]*[:：][\s\u3000]*)(?P<names>.+?)\s*$"
)
_NAME_SEPARATORS = re.compile(r"([\s\u3000、，,；;]+)")
# A line of nothing but names: Han characters in groups of two to four (or 晏　清), spaces between.
_ONLY_NAMES = re.compile(
    r"^[\s\u3000]*[\u4e00-\u9fff]{1,4}(?:[\s\u3000、，]+[\u4e00-\u9fff]{1,4})+[\s\u3000]*$")
LONGEST_NAME = 12  # a token longer than this is not a name (an agency with its people, a sentence)
HEAD_CHARS = 400  # the title is looked for only where a repeated title can be


def _plain(text: str) -> str:
    return _IGNORED.sub("", text)


def _leading_blocks(root: HtmlElement, n: int) -> list[HtmlElement]:
    """The first n block children with text, when nothing but them (and blank ones) precedes."""
    if _plain(root.text or ""):
        return []
    found: list[HtmlElement] = []
    for child in root:
        if not isinstance(child.tag, str):
            continue
        text = _plain(child.text_content())
        if not text:
            if child.tag in BLOCKS or child.tag == "br":
                continue
            return found
        if child.tag not in BLOCKS:
            return found
        found.append(child)
        if len(found) == n:
            return found
    return found


def _drop(el: HtmlElement) -> None:
    parent = el.getparent()
    tail = el.tail or ""
    previous = el.getprevious()
    if tail.strip():  # text after the dropped block stays, where the block was
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _without_title(root: HtmlElement, title: str) -> bool:
    wanted = _plain(title)
    if not wanted:
        return False
    blocks = _leading_blocks(root, 2)
    for count in (1, 2):
        if len(blocks) >= count and "".join(_plain(b.text_content()) for b in blocks[:count]) == wanted:
            for block in blocks[:count]:
                _drop(block)
            return True
    return False


def _names_kept_whole(root: HtmlElement) -> bool:
    changed = False
    after_names = False  # a 出席 line's names often go on in the next paragraph, without a label
    for p in root.iter("p", "div", "td", "li"):
        if len(p) or not p.text:  # only plain-text lines: markup inside is left as it is
            after_names = False
            continue
        match = _NAME_LINE.match(p.text)
        if match:
            label, names = match.group("label"), match.group("names")
        elif after_names and _ONLY_NAMES.match(p.text):
            stripped = p.text.lstrip()
            label, names = p.text[: len(p.text) - len(stripped)], stripped.rstrip()
        else:
            after_names = False
            continue
        parts = _joined_two_character_names(_NAME_SEPARATORS.split(names))
        if any(len(name.replace("\u3000", "").replace(" ", "")) > LONGEST_NAME for name in parts[0::2]):
            after_names = False
            continue
        p.text = label
        last: HtmlElement | None = None
        for i, part in enumerate(parts):
            if i % 2 == 0 and part:
                last = p.makeelement("span", {"class": "name"})
                last.text = part
                p.append(last)
            elif part:
                if last is None:
                    p.text += part
                else:
                    last.tail = (last.tail or "") + part
        changed = after_names = True
    return changed


def _joined_two_character_names(parts: list[str]) -> list[str]:
    """[name, separator, name, …] with 晏　清 (a two-character name spaced to the width of three, as
    minutes print them) made one name again: no name has a single character."""
    out = parts[:1]
    for i in range(1, len(parts) - 1, 2):
        separator, name = parts[i], parts[i + 1]
        if len(out[-1]) == 1 and len(name) == 1 and not separator.strip():
            out[-1] += separator + name
        else:
            out += [separator, name]
    return out


@register.filter
def for_reading(markup: str, title: str = "") -> SafeString:
    """{{ doc.body_html|same_site_images|for_reading:doc.title }}: the body without its repeated title
    and with names kept whole. Markup that needs neither comes back unchanged, unparsed."""
    markup = str(markup or "")
    head = _plain(re.sub(r"<[^>]*>", "", markup[:HEAD_CHARS * 4])[:HEAD_CHARS])
    repeats_title = bool(_plain(title)) and head.startswith(_plain(title)[:8])
    has_names = bool(re.search(r"[出列][\s\u3000]*席|请[\s\u3000]*假|主[\s\u3000]*持|记[\s\u3000]*录", markup))
    if not (repeats_title or has_names):
        return mark_safe(markup)
    root = parse_fragment(markup)
    changed = _without_title(root, title) if repeats_title else False
    changed = _names_kept_whole(root) or changed
    return mark_safe(inner_html(root) if changed else markup)
