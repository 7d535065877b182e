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
from gongkai.lib.zh import people
from gongkai.lib.zh.fold import fold

register = template.Library()

# What does not count when a paragraph is compared with the title: spaces of every width, and the
# punctuation a copied title may carry or lose (full- and half-width).
_IGNORED = re.compile(r"[\s\u3000\u00a0,，.。:：;；!！?？\"'“”‘’「」『』《》〈〉·•\-—_()（）\[\]【】]+")
BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "center")
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
    """Each name of an attendance line in a span of its own. The lines are recognised as the minutes
    parser recognises them (gongkai.lib.zh.people): a role label (出席：, 列　席：, 紀錄：), then names,
    padded or not; a line of names alone continues the block above it."""
    changed = False
    after_names = False  # a 出席 line's names often go on in the next paragraph, without a label
    for p in root.iter("p", "div", "td", "li"):
        if len(p) or not p.text:  # only plain-text lines: markup inside is left as it is
            after_names = False
            continue
        text = p.text
        label = people.ROLE_LABEL.match(fold(text))
        start = label.end() if label else 0
        spans = people.people_in_list(text[start:]) if label or after_names else None
        # a continuation line holds names only; one word alone must be a person's (not a signing office)
        if not spans or (not label and len(spans) == 1
                         and not people.is_name("".join(text[start + spans[0][0] : start + spans[0][1]].split()))):
            after_names = False
            continue
        p.text = text[: start + spans[0][0]]
        for i, (a, b) in enumerate(spans):
            name = p.makeelement("span", {"class": "name"})
            name.text = text[start + a : start + b]
            following = spans[i + 1][0] if i + 1 < len(spans) else len(text) - start
            name.tail = text[start + b : start + following] or None
            p.append(name)
        changed = after_names = True
    return changed


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
