"""Serving published pages from their files, and keeping the pages Django renders.

It sits right after SessionMiddleware, before language, 繁體 conversion, CSRF and authentication: a
kept page is the final bytes, served without any of them. A page is kept only when nothing personal
went into it: it is a GET of a published page (the views in `KEPT_VIEWS`, with only their own query
parameters), and its rendering touched neither the session nor the CSRF token and set no cookie.
So signed-in and anonymous readers get the same bytes; the personal parts of a page (登录 state,
收藏 state) come from /reader/state.json (gongkai.portal.views.reader_state).

What varies a page is its path, its query string and the reader's display settings (无障碍 cookies,
the offer to continue in a remembered language): never the session. Responses carry ETag,
Last-Modified and `Cache-Control: no-cache`, so an nginx or CDN in front may keep them and revalidate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.module_loading import import_string

from gongkai.pages.store import CACHEABLE_PATH, PageKey, PageStore, StoredPage

CACHE_CONTROL = "no-cache"  # keep, but ask again: the page changes when the catalog does

FILTERS = ("topic", "genre", "combo", "agency", "year", "lang", "page")
DECISIONS = ("dept", "year", "kind", "follow_up", "page")
# view -> (query parameters it reads, tags every page of it depends on). Views add their own tags
# with `depends_on` (the document page: its document, its 相关阅读 and their classes).
KEPT_VIEWS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "portal:home": ((), ("list",)),
    "portal:catalog": (FILTERS, ("list",)),
    "portal:news": (FILTERS, ("list",)),
    "portal:document": ((), ()),
    "portal:feed": ((), ("list",)),
    "portal:class_feed": ((), ("list",)),
    "portal:document_print": ((), ()),
    "portal:about": ((), ("list",)),
    "portal:opendata": ((), ("list",)),
    "portal:service": ((), ()),
    "portal:interaction": ((), ()),
    "portal:mobile": ((), ()),
    "portal:offline": ((), ()),
    "minutes:register": (DECISIONS, ("minutes", "list")),
    "minutes:department": (("page",), ("minutes", "list")),
    # 政府信息公开: the section's columns and the 站点地图 (gongkai.columns.changes names their tags).
    "columns:column": (("page",), ("columns",)),
    "columns:sitemap": ((), ("columns",)),
}
LONGEST_VALUE = 20  # longer query values are not worth a file (nor a way to fill the disk)
BRIEF_PATHS = ("/api/search",)  # kept in memory only (BriefAnswers), never as a file
DOCUMENT_PATH = re.compile(r"^(?:/[a-z-]+)?/xxgk/(\d+)/$")
# Kept pages are HTML but for the public feeds (gongkai.portal.feeds); deploy/nginx.conf says the same.
FEED_PATH = re.compile(r"^(?:/[a-z-]+)?/xxgk/feed/(?:[a-z]+/\d+/)?$")
HTML, ATOM = "text/html; charset=utf-8", "application/atom+xml; charset=utf-8"


def content_type(path: str) -> str:
    return ATOM if FEED_PATH.match(path) else HTML


def page_store() -> PageStore:
    return _store_at(str(settings.PAGE_CACHE_DIR))


@lru_cache(maxsize=4)
def _store_at(root: str) -> PageStore:
    return PageStore(Path(root))


def depends_on(request: HttpRequest, *tags: str) -> None:
    """Record that the page being rendered shows what `tags` name (see gongkai.pages.store)."""
    request.page_tags = getattr(request, "page_tags", set()) | set(tags)  # type: ignore[attr-defined]


def page_key(request: HttpRequest) -> PageKey | None:
    if request.method not in ("GET", "HEAD"):
        return None
    if not CACHEABLE_PATH.match(request.path) and request.path not in BRIEF_PATHS:
        return None
    return PageKey(request.path, request.META.get("QUERY_STRING", ""), _variant_function()(request))


@lru_cache(maxsize=1)
def _variant_function() -> Callable[[HttpRequest], str]:
    """What besides the address makes a page differ between readers is the portal's knowledge
    (settings.PAGE_VARIANT); the cache only keeps one file per variant."""
    return import_string(settings.PAGE_VARIANT)


def _today_start_ns() -> int:
    """Pages written before today's midnight show yesterday's date: they are not served."""
    midnight = dt.datetime.combine(timezone.localdate(), dt.time(), tzinfo=timezone.get_current_timezone())
    return int(midnight.timestamp() * 1_000_000_000)


def page_response(request: HttpRequest, page: StoredPage) -> HttpResponseBase:
    last_modified = page.mtime_ns // 1_000_000_000
    conditional = get_conditional_response(request, etag=page.etag, last_modified=last_modified)
    response = conditional or HttpResponse(page.content, content_type=content_type(request.path))
    _validators(response, page)
    return response


def _validators(response: HttpResponseBase, page: StoredPage) -> None:
    # The headers the middlewares inside this one would have added to the page.
    if response.status_code == 200:
        response["Content-Length"] = str(len(page.content))
    response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    response["ETag"] = page.etag
    response["Last-Modified"] = http_date(page.mtime_ns // 1_000_000_000)
    response["Cache-Control"] = CACHE_CONTROL


def _view_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def impersonal(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether a successful GET's response is the same for every reader: its rendering touched
    neither the session (so not the user) nor the CSRF token, and it sets no cookie."""
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if (session is not None and session.accessed) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def keepable(request: HttpRequest, response: HttpResponseBase) -> tuple[str, ...] | None:
    """The page's tags if it may be kept; None if anything about it is personal or one-off."""
    rule = KEPT_VIEWS.get(_view_name(request))
    if rule is None or not impersonal(request, response):
        return None
    params, tags = rule
    if any(name not in params or len(value) > LONGEST_VALUE for name, value in request.GET.items()):
        return None
    if response.get("Content-Type", "").split(";")[0] != content_type(request.path).split(";")[0]:
        return None
    return (*tags, *sorted(getattr(request, "page_tags", ())))


class BriefAnswers:
    """Search results, kept for a few seconds in this worker's memory. They answer from the index,
    which follows the database a moment behind anyway; a burst of readers searching for the same
    thing costs one search per worker every few seconds. Never on disk, where every query a robot
    invents would stay; a bounded number, the oldest dropped first."""

    VIEWS = ("search:results", "api:search")
    SECONDS = 5.0
    SIZE = 512
    LONGEST_QUERY = 300

    def __init__(self) -> None:
        self.kept: OrderedDict[PageKey, tuple[float, bytes, str]] = OrderedDict()

    def get(self, key: PageKey) -> tuple[bytes, str] | None:
        found = self.kept.get(key)
        if found is None or time.monotonic() - found[0] > self.SECONDS:
            return None
        return found[1], found[2]

    def put(self, request: HttpRequest, key: PageKey, response: HttpResponseBase) -> None:
        if _view_name(request) not in self.VIEWS or len(key.query) > self.LONGEST_QUERY:
            return
        if not impersonal(request, response):
            return
        self.kept[key] = (time.monotonic(), response.content, response.get("Content-Type", ""))
        self.kept.move_to_end(key)
        while len(self.kept) > self.SIZE:
            self.kept.popitem(last=False)


def brief_response(request: HttpRequest, content: bytes, content_type: str) -> HttpResponseBase:
    etag = f'"{hashlib.blake2b(content, digest_size=12).hexdigest()}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = f"max-age={int(BriefAnswers.SECONDS)}"
    return response


class PublishedPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.brief = BriefAnswers()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = page_key(request) if settings.PAGE_CACHE else None
        response = self.get_response(request) if key is None else self._kept(request, key)
        _note_visit(request)
        return response

    def _kept(self, request: HttpRequest, key: PageKey) -> HttpResponseBase:
        answer = self.brief.get(key)
        if answer is not None:
            return brief_response(request, *answer)
        store = page_store()
        page = store.read(key, not_before_ns=_today_start_ns())
        if page is not None:
            response = page_response(request, page)
        else:
            epoch = store.epoch()
            response = self.get_response(request)
            tags = keepable(request, response)
            if tags is not None:
                kept = store.write(key, response.content, tags, epoch)
                if kept is not None:
                    _validators(response, kept)
            else:
                self.brief.put(request, key, response)
        return response


def _note_visit(request: HttpRequest) -> None:
    """阅读记录 of a signed-in reader: the page is everyone's, the visit is theirs (nginx passes
    readers with a session cookie to Django for this)."""
    found = DOCUMENT_PATH.match(request.path)
    if not found or request.method != "GET" or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return
    from django.contrib.auth import get_user

    from gongkai.catalog.models import Document
    from gongkai.readers.actions import record_visit

    user = get_user(request)
    if user.is_authenticated:
        doc = Document.objects.filter(pk=int(found.group(1))).first()
        if doc is not None and doc.is_public:
            record_visit(user, doc)
