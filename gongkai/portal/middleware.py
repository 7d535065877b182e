"""Every page under /zh-hant/ is the 简体 page converted to 繁體 (see gongkai.portal.traditional).

It sits just after LocaleMiddleware, so it sees every public page of every app, whichever view made
it, and converts the final HTML once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_path

from gongkai.pages.middleware import KEPT_VIEWS, LONGEST_VALUE
from gongkai.portal.traditional import convert_cached, convert_html

TRADITIONAL = "zh-hant"


def wants_traditional(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        get_language_from_path(request.path_info) == TRADITIONAL
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.has_header("Content-Encoding")
    )


class TraditionalChineseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if wants_traditional(request, response):
            html = response.content.decode(response.charset)
            # Only successful pages of known parameters are cached: error pages are rare and may carry
            # one-off details, and a page shaped by a free query (search, 智能问答) is one-off too.
            converted = convert_cached(html) if _known(request, response) else convert_html(html)
            response.content = converted.encode(response.charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


def _known(request: HttpRequest, response: HttpResponse) -> bool:
    match = getattr(request, "resolver_match", None)
    rule = KEPT_VIEWS.get(match.view_name if match else "")
    if response.status_code != 200 or rule is None:
        return False
    return all(name in rule[0] and len(value) <= LONGEST_VALUE for name, value in request.GET.items())


class TrustedProxyMiddleware:
    """Behind the reverse proxy named by GONGKAI_TRUSTED_PROXY, the client is the last address that
    proxy appended to X-Forwarded-For; from anyone else the header is ignored (it is forgeable).
    Per-IP limits (sign-in, registration) read REMOTE_ADDR and so see each visitor, not the proxy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if settings.TRUSTED_PROXY and forwarded and request.META.get("REMOTE_ADDR") == settings.TRUSTED_PROXY:
            request.META["REMOTE_ADDR"] = forwarded.split(",")[-1].strip()
        return self.get_response(request)
