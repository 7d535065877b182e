"""Filters of the public pages: a document in the page's language, vocabulary names, body markup.

On English pages Chinese data (a title without translation, a publisher's name) is wrapped in
<span lang="zh-Hans">, so that screen readers switch voice and WCAG 3.1.2 (language of parts) holds.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import lxml.html
from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_noop

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Term
from gongkai.lib.html import inner_html, parse_fragment, sanitize_html
from gongkai.lib.text import has_cjk
from gongkai.minutes.labels import minutes_label
from gongkai.portal.terms import term_label

register = template.Library()

VALIDITY = {"有效": gettext_noop("有效"), "失效": gettext_noop("失效"), "废止": gettext_noop("废止")}


def _english() -> bool:
    return (get_language() or "").startswith("en")


@register.filter
def zh(value: Any) -> SafeString:
    """Chinese data marked as such on English pages; escaped as usual everywhere."""
    text = "" if value is None else str(value)
    if _english() and has_cjk(text):
        return mark_safe(f'<span lang="zh-Hans">{escape(text)}</span>')
    return escape(text)


@register.filter
def in_language(doc: Any, name: str) -> str:
    """`title`, `summary` or `body` of the document in the page's language, when it has one, as text."""
    english = getattr(doc, f"{name}_en", "") if _english() else ""
    return english or getattr(doc, name, "")


@register.filter
def in_language_html(doc: Any, name: str) -> SafeString:
    english = getattr(doc, f"{name}_en", "") if _english() else ""
    return escape(english) if english else zh(getattr(doc, name, ""))


@register.filter
def has_english(doc: Any, name: str = "body") -> bool:
    return bool(getattr(doc, f"{name}_en", ""))


@register.filter
def term(value: Any) -> SafeString:
    """A vocabulary term (or its name) in the page's language."""
    if value is None or value == "":
        return SafeString("")
    if isinstance(value, int):  # an id, as facet counts give it: the worker's copy of the vocabularies
        from gongkai.portal.sitewide import terms

        value = terms().get(value) or Term.objects.filter(pk=value).first() or ""
    if _english() and getattr(value, "name_en", ""):  # the English name staff gave the term
        return escape(value.name_en)
    # Not getattr(value, "name", str(value)): the default is evaluated, and a term's str() fetches its parent.
    label, translated = term_label(value.name if hasattr(value, "name") else str(value))
    return escape(label) if translated else zh(label)


@register.filter
def term_text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if _english() and getattr(value, "name_en", ""):
        return str(value.name_en)
    return term_label(getattr(value, "name", str(value)))[0]


def _agency(value: Any) -> Any:
    """An agency given as itself, its id (facet counts) or its name (search hits), from the
    worker's copy of the agencies; a name no agency has stays a name."""
    if isinstance(value, (int, str)) and value != "":
        from gongkai.portal.sitewide import agencies

        if isinstance(value, int):
            return agencies().get(value) or Agency.objects.filter(pk=value).first()
        return next((a for a in agencies().values() if a.name == value), value)
    return value


@register.filter
def agency_name(agency: Any) -> SafeString:
    """An agency's name in the page's language: its English name when staff gave one, else the
    Chinese name, marked as Chinese on English pages."""
    agency = _agency(agency)
    if agency is None or agency == "":
        return SafeString("")
    if _english() and getattr(agency, "name_en", ""):
        return escape(agency.name_en)
    return zh(getattr(agency, "name", agency))


@register.filter
def agency_text(agency: Any) -> str:
    """agency_name as plain text, for places that hold no markup (an <option>, an attribute)."""
    agency = _agency(agency)
    if _english() and getattr(agency, "name_en", ""):
        return str(agency.name_en)
    return str(getattr(agency, "name", agency or ""))


@register.filter
def agency_or(agency: Any, written: str) -> SafeString:
    """{{ agency|agency_or:name }}: a department as the minutes wrote it (区住建局), or on English pages
    the English name of the agency it was linked to, when there is one."""
    if agency and _english() and getattr(agency, "name_en", ""):
        return escape(agency.name_en)
    return zh(written)


@register.filter
def site_text(site: Any, name: str) -> SafeString:
    """{{ site|site_text:"sponsor" }}: a site setting in the page's language (its `_en` twin on
    English pages when staff filled it in), Chinese marked as such."""
    english = getattr(site, f"{name}_en", "") if _english() else ""
    return escape(english) if english else zh(getattr(site, name, ""))


@register.filter
def minutes_word(text: Any) -> SafeString:
    """A word of the minutes (听取, 原则同意, 指出, a usual next step) in the page's language; one
    without an English name stays Chinese, marked as such."""
    value = "" if text is None else str(text)
    label, translated = minutes_label(value)
    return escape(capfirst(label)) if translated else zh(label)


@register.filter
def remark_heading(kind: Any) -> SafeString:
    """会议指出 / "The meeting pointed out": the opening of a remark of the minutes."""
    label, translated = minutes_label("" if kind is None else str(kind))
    if _english() and translated:
        return escape(gettext("会议%(verb)s") % {"verb": label})
    return zh(f"会议{kind or ''}")


@register.filter
def minutes_word_text(text: Any) -> str:
    return capfirst(minutes_label("" if text is None else str(text))[0])


@register.filter
def minutes_words(values: Any) -> SafeString:
    """An item's verbs, 听取、审议 in Chinese and "heard, considered" in English."""
    words = [minutes_word(v) for v in values or ()]
    if _english() and words:  # the labels are lower-case, to read inside "The meeting …" as well
        words[0] = mark_safe(capfirst(words[0]))
    return mark_safe((", " if _english() else "、").join(words))


@register.filter
def chinese_only(doc: Any) -> bool:
    """On an English page: the document has no English title, so it is shown in Chinese."""
    return _english() and not getattr(doc, "title_en", "")


@register.filter
def iso(day: Any) -> str:
    """A date as 2024-03-01: what |date:"Y-m-d" writes for a date, without the formatting machinery
    (a document page shows a dozen dates)."""
    return day.isoformat() if day else ""


@register.filter
def validity_label(value: str) -> str:
    return gettext(VALIDITY[value]) if value in VALIDITY else value


@register.filter
def english_body(text: str) -> SafeString:
    """body_en as entered: markup is sanitized like body_html; plain text becomes paragraphs."""
    if "<" in text and ">" in text:
        return mark_safe(sanitize_html(text))
    return linebreaks_filter(text, autoescape=True)


@register.filter
def same_site_images(markup: str) -> SafeString:
    """Body HTML whose images from other hosts become links: a page loads nothing from elsewhere.

    Imported bodies sometimes still point at the old portal's image server; the reader can follow the
    link, but opening the page alone sends no request away from this site.
    """
    if "<img" not in markup:
        return mark_safe(markup)
    root = parse_fragment(markup)
    changed = False
    for img in list(root.iter("img")):
        src = img.get("src", "")
        if urlsplit(src).netloc not in ("", urlsplit(settings.SITE_URL).netloc):
            link = lxml.html.Element("a", href=src)
            link.text = img.get("alt") or gettext("图片")
            link.tail = img.tail
            img.getparent().replace(img, link)
            changed = True
    return mark_safe(inner_html(root) if changed else markup)


@register.simple_tag
def address(name: str, *ids: int) -> str:
    """{% address "portal:document_print" doc.pk %}: {% url %} for pages named by ids, cheaper."""
    from gongkai.catalog.addresses import address as reverse_ids

    return reverse_ids(name, *ids)


@register.tag("fragment")
def fragment_tag(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    """{% fragment "name" %}…{% endfragment %}: a part every page shares, rendered once per worker
    for its key (gongkai.portal.fragments). It sees `portal` built for a stand-in address."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError("{% fragment \"name\" %} takes the fragment's name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], nodelist)


class FragmentNode(template.Node):
    # Not searched for {% block %}s on every render of a child template: a fragment holds none.
    child_nodelists = ()

    def __init__(self, name: str, nodelist: template.NodeList) -> None:
        self.name, self.nodelist = name, nodelist

    def render(self, context: template.Context) -> str:
        from gongkai.portal.context import chrome
        from gongkai.portal.fragments import fragment

        request, site = context.get("request"), context.get("site")
        if request is None or site is None:  # the 500 page, rendered without context processors
            return self.nodelist.render(context)

        def render(next_path: str) -> str:
            with context.push(portal=chrome(request, site, next_path)):
                return self.nodelist.render(context)

        return mark_safe(fragment(self.name, request, site, render))
