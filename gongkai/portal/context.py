"""What every public page needs: the site's identity, the top bar, the columns and the reader's settings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_from_path, gettext

from gongkai.catalog.models import SiteSettings
from gongkai.portal.prefs import ReaderPrefs, ToolbarLink
from gongkai.portal.sitewide import site_settings

LANGUAGE_COOKIE = "gongkai_language"
# Each language's name written in that language; shown as is on every page (never converted).
LANGUAGE_NAMES = {"zh-hans": "简体中文", "zh-hant": "繁體中文", "en": "English"}
HTML_LANG = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}
# The offer made to a reader whose remembered choice is not the page's language.
CONTINUE_IN = {"zh-hans": "以简体中文阅读本页", "zh-hant": "以繁體中文閱讀本頁", "en": "Read this page in English"}


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    lang: str = ""  # the HTML lang of the label, when it is not the page's
    current: bool = False


@dataclass(frozen=True)
class Chrome:
    today: dt.date
    body_class: str
    toolbar: list[ToolbarLink]
    languages: list[Link]
    columns: list[Link]
    hint: Link | None = None
    district: str = ""
    links: dict[str, str] = field(default_factory=dict)


def route(name: str, fallback: str, *args: object) -> str:
    """The URL of `name`, or its fixed path in the current language while its app is not installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return language_prefix(get_language()) + fallback


def language_prefix(code: str | None) -> str:
    return "" if not code or code == settings.LANGUAGE_CODE else f"/{code}"


def path_in_language(path: str, code: str) -> str:
    """The same page in another language: /zh-hant/xxgk/5/ -> /en/xxgk/5/ (or /xxgk/5/ for 简体)."""
    current = get_language_from_path(path)
    rest = path[len(current) + 1 :] if current and path.startswith(f"/{current}/") else path
    return language_prefix(code) + (rest or "/")


def district_name(site: SiteSettings, english: bool) -> str:
    """青禾区人民政府 -> 青禾; Qinghe District People's Government -> Qinghe District (走进…/About …).

    In English only the name of the place is kept: what follows a comma (", Yunchuan") and remarks in
    brackets ("(demo)") belong to the site's title, not to "About Qinghe District"."""
    if english:
        name = re.sub(r"\s*[(（\[][^)）\]]*[)）\]]", "", site.site_name_en).split(",")[0]
        name = re.sub(r"(?i)\bPeople'?s\s+Government\b(\s+of\b)?|^\s*The\s+", "", name)
        return " ".join(name.split()) or site.site_name_en.strip()
    name = site.site_name.replace("人民政府", "").strip()
    # 云川市青禾区 -> 青禾区: the city is the site's title, not the place a reader visits.
    name = re.sub(r"^\w{2,3}?[省市州盟](?=\w{2,})", "", name)
    return name[:-1] if len(name) > 2 and name[-1] in "区县市旗" else name


def _languages(next_path: str, current: str) -> list[Link]:
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        label = gettext("英文版") if code == "en" else LANGUAGE_NAMES[code]
        href = f"{reverse('portal:switch_language', args=[code])}?next={_quote(next_path)}"
        links.append(Link(label, href, lang="" if code == "en" else HTML_LANG[code]))
    return links


def _quote(path: str) -> str:
    return quote(path, safe="/")


def _hint(request: HttpRequest, current: str) -> Link | None:
    remembered = request.COOKIES.get(LANGUAGE_COOKIE, "")
    if remembered == current or remembered not in LANGUAGE_NAMES:
        return None
    return Link(CONTINUE_IN[remembered], path_in_language(request.get_full_path(), remembered),
                lang=HTML_LANG[remembered])


def about_title(district: str) -> str:
    return gettext("走进%(place)s") % {"place": district}


# Column -> the views that belong to it (the first is the column's own page).
COLUMNS = (
    ("portal:home", ("portal:home",)),
    ("portal:news", ("portal:news",)),
    ("portal:catalog", ("portal:catalog", "portal:document", "portal:document_print", "columns:column")),
    ("portal:service", ("portal:service",)),
    ("portal:interaction", ("portal:interaction", "qa:ask")),
    ("portal:about", ("portal:about",)),
    ("portal:opendata", ("portal:opendata",)),
)


def _columns(request: HttpRequest, district: str) -> list[Link]:
    labels = {
        "portal:home": gettext("首页"), "portal:news": gettext("政务动态"),
        "portal:catalog": gettext("政府信息公开"), "portal:service": gettext("服务大厅"),
        "portal:interaction": gettext("政民互动"), "portal:about": about_title(district),
        "portal:opendata": gettext("数据开放"),
    }
    match = getattr(request, "resolver_match", None)
    view = match.view_name if match else ""
    return [Link(labels[name], reverse(name), current=view in views) for name, views in COLUMNS]


def chrome(request: HttpRequest, site: SiteSettings, next_path: str | None = None) -> Chrome:
    """The top bar, columns and footer links; `next_path` stands for the page's address in the links
    that come back to it (gongkai.portal.fragments renders them once with a stand-in)."""
    current = get_language() or settings.LANGUAGE_CODE
    next_path = request.get_full_path() if next_path is None else next_path
    prefs = ReaderPrefs.from_cookies(request.COOKIES)
    district = district_name(site, english=current == "en")
    # Never the reader's sign-in state: pages are the same bytes for everyone (gongkai.pages); the
    # center sends a reader who is not signed in to the sign-in page, and site.js names the link.
    links = {
        "login": route("accounts:center", "accounts/"),
        "ask": route("qa:ask", "ask/"),
        "catalog": reverse("portal:catalog"),
        "service": reverse("portal:service"),
        "search": route("search:results", "search/"),
        "decisions": route("minutes:register", "decisions/"),
        "mobile": reverse("portal:mobile"),
        "a11y": f"{reverse('portal:a11y')}?next={_quote(next_path)}",
    }
    return Chrome(
        today=timezone.localdate(), body_class=prefs.body_class, toolbar=prefs.toolbar(next_path),
        languages=_languages(next_path, current), columns=_columns(request, district),
        hint=_hint(request, current), district=district, links=links,
    )


def display_variant(request: HttpRequest) -> str:
    """What, besides its address, makes a page's bytes differ between readers: the display settings
    and the offer to continue in a remembered language, both from cookies. "" for most readers."""
    body_class = ReaderPrefs.from_cookies(request.COOKIES).body_class
    remembered = request.COOKIES.get(LANGUAGE_COOKIE, "")
    current = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    hint = f"hint:{remembered}" if remembered in LANGUAGE_NAMES and remembered != current else ""
    return " ".join(part for part in (body_class, hint) if part)


def current_column(request: HttpRequest) -> str:
    """The column the page belongs to ("" for none): all the top bar knows of the page's view."""
    match = getattr(request, "resolver_match", None)
    view = match.view_name if match else ""
    return next((name for name, views in COLUMNS if view in views), "")


def site(request: HttpRequest) -> dict[str, object]:
    settings_row = site_settings()  # kept per worker (gongkai.portal.sitewide)
    # Lazy: most pages take the top bar and footer from gongkai.portal.fragments and never build it.
    return {"site": settings_row, "portal": SimpleLazyObject(lambda: chrome(request, settings_row))}
