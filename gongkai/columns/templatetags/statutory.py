"""The section in any template: column names and pages in the page's language, the section's
navigation (the catalog page shows it) and the footer's marks (inside base.html's footer fragment,
so rendered once per worker: gongkai.portal.fragments keys it by the site generation, which a
change of the marks bumps)."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from gongkai.columns import navigation
from gongkai.columns.models import Column, FooterSettings, Page
from gongkai.pages.middleware import depends_on
from gongkai.portal.templatetags.portal import english_body

register = template.Library()

_HREF = re.compile(r'href="(/[^"/][^"]*|/)"')


def _english() -> bool:
    return (get_language() or "").startswith("en")


# Names, titles and descriptions in the page's language: portal's in_language / in_language_html.


@register.filter
def page_body(page: Page) -> SafeString:
    """The page's body in the page's language (body_en: HTML or plain paragraphs), its links to this
    site's pages leading to the same pages in this language (/applications/ → /en/applications/)."""
    if _english() and page.body_en:
        markup = str(english_body(page.body_en))
    else:
        markup = page.body  # sanitized when saved (gongkai.columns.actions)
        if _english():
            markup = f'<div lang="zh-Hans">{markup}</div>'
    return mark_safe(localized_links(markup, get_language() or settings.LANGUAGE_CODE))


def localized_links(markup: str, language: str) -> str:
    if language == settings.LANGUAGE_CODE:
        return markup
    prefix = f"/{language}"

    def local(found: re.Match[str]) -> str:
        path = found.group(1)
        if path == prefix or path.startswith(f"{prefix}/"):
            return found.group(0)
        try:
            resolve((prefix + path).split("?")[0].split("#")[0])
        except Resolver404:
            return found.group(0)  # not a page of the languages (/api/, /sitemap.xml)
        return f'href="{prefix}{path}"'

    return _HREF.sub(local, markup)


@register.simple_tag(takes_context=True)
def section_nav(context: template.Context, current: Column | None = None) -> SafeString:
    """The section's columns as navigation, on the catalog's page (the news list shares its template
    but is no part of the section); the page is kept as depending on them."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name != "portal:catalog":
        return SafeString("")
    depends_on(request, "columns")  # the first column added shows here too
    section = navigation.tree(current)
    if not section:
        return SafeString("")
    return mark_safe(render_to_string("columns/_section_nav.html", {"section": section, "column": current}))


@register.simple_tag(takes_context=True)
def statutory_footer(context: template.Context) -> SafeString:
    """党政机关 mark, 我为政府网站找错 and 站点地图, from the footer settings and the site's 网站标识码."""
    site: Any = context.get("site")
    if context.get("request") is None:  # the 500 page: nothing that reads the database
        return SafeString("")
    footer = FooterSettings.current()
    return mark_safe(render_to_string("columns/_footer.html", {
        "conac_url": footer.conac_url, "error_link": footer.error_link(getattr(site, "site_code", "") or ""),
    }))
