"""What every response under /api/ does, in one middleware rather than in each endpoint.

- Paging: lists carry RFC 8288 `Link` headers (rel="next", "prev", "first") built from the request's
  own query string, so a harvester follows links instead of doing offset arithmetic.
- Caching: a strong `ETag` of the body; `If-None-Match` with it is a 304 without a body.
- CORS: any origin may read GET/HEAD responses (`Access-Control-Allow-Origin: *`); credentials never.
- A rate limit for anonymous clients (settings.API_RATE_LIMIT requests per API_RATE_WINDOW seconds per
  address, 0 = none): beyond it, 429 with `Retry-After`. Staff signed in are not counted.

`describe(api)` adds the same to the OpenAPI document (headers, 304, 429) and lists the CKAN actions.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response

PREFIX = "/api/"
# Lists whose body is a bare JSON array, and their default page size (when the request names none).
BARE_LISTS = {"/api/documents": ("offset", "limit", 50)}
CKAN_ACTION = re.compile(r"^/api/(?:3/)?action/([a-z_]+)$")
EXPOSED = "ETag, Link, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset"
BODY_MAX = 20 * 1024 * 1024  # larger bodies are hashed for the ETag but not read for paging


class ApiMannersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            return _cors(_preflight())
        counted = _counted(request)
        if counted is not None and counted.wait:
            return _cors(_too_many(request, counted))
        response = self.get_response(request)
        if counted is not None:
            _rate_headers(response, counted)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            _link(request, response)
            response = _conditional(request, response)
        return _cors(response) if request.method in ("GET", "HEAD") else response


# CORS ---------------------------------------------------------------------------------------------

def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, HEAD"
    response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
    response["Access-Control-Max-Age"] = "86400"
    return response


# Conditional GET ----------------------------------------------------------------------------------

def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
    not_modified = get_conditional_response(request, etag=response["ETag"], response=response)
    return not_modified if not_modified is not None else response


# Paging -------------------------------------------------------------------------------------------

def _link(request: HttpRequest, response: HttpResponse) -> None:
    if "json" not in response.get("Content-Type", "") or len(response.content) > BODY_MAX:
        return
    try:
        body = json.loads(response.content)
    except ValueError:
        return
    page = _page(request, body)
    if page is None:
        return
    offset_key, limit_key, offset, limit, shown, total = page
    if limit <= 0:
        return
    links = []
    if (total is not None and offset + shown < total) or (total is None and shown >= limit > 0):
        links.append((offset + limit, "next"))
    if offset > 0:
        links += [(max(offset - limit, 0), "prev"), (0, "first")]
    if links:
        response["Link"] = ", ".join(f'<{_with(request, offset_key, o, limit_key, limit)}>; rel="{rel}"'
                                     for o, rel in links)


def _page(request: HttpRequest, body: Any) -> tuple[str, str, int, int, int, int | None] | None:
    """(offset name, limit name, offset, limit, items on this page, total or None) of a paged body."""
    action = CKAN_ACTION.match(request.path)
    if action and isinstance(body, dict) and body.get("success"):
        result = body.get("result")
        if action.group(1) == "package_search" and isinstance(result, dict):
            rows = _number(request, "rows", 10)
            shown = len(result.get("results", []))
            return "start", "rows", _number(request, "start", 0), rows, shown, result.get("count")
        if isinstance(result, list) and "limit" in request.GET:
            offset, limit = _number(request, "offset", 0), _number(request, "limit", 0)
            return "offset", "limit", offset, limit, len(result), None
        return None
    if isinstance(body, dict) and {"total", "offset", "limit"} <= body.keys():
        items = body.get("hits", body.get("items", []))
        return "offset", "limit", int(body["offset"]), int(body["limit"]), len(items), int(body["total"])
    if isinstance(body, list) and request.path in BARE_LISTS:
        offset_key, limit_key, default = BARE_LISTS[request.path]
        limit = max(1, min(_number(request, limit_key, default), 500))
        return offset_key, limit_key, _number(request, offset_key, 0), limit, len(body), None
    return None


def _number(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 12 else default


def _with(request: HttpRequest, offset_key: str, offset: int, limit_key: str, limit: int) -> str:
    query = request.GET.copy()
    query[offset_key], query[limit_key] = str(offset), str(limit)
    return request.build_absolute_uri(request.path) + "?" + query.urlencode()


# Rate limit ---------------------------------------------------------------------------------------

class Count:
    """One client's requests in the current window: how many, and seconds to wait (0 = go on)."""

    def __init__(self, used: int, limit: int, reset: int) -> None:
        self.used, self.limit, self.reset = used, limit, reset
        self.wait = reset if used > limit else 0


def _signed_in(request: HttpRequest) -> bool:
    """Whether a session cookie belongs to a signed-in user. Without the cookie the session is not
    read: a read session makes the answer personal, and /api/search answers are kept only when not."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _counted(request: HttpRequest) -> Count | None:
    """Count this request against its address; None when the limit is off or the client is staff.

    A fixed window per address: one `add` and one `incr`, atomic on Redis. (gongkai.lib.ratelimit's
    sliding window takes one cache key per allowed attempt — right for five sign-ins, not for 600 reads.)
    """
    limit, window = settings.API_RATE_LIMIT, settings.API_RATE_WINDOW
    if limit <= 0 or _signed_in(request):
        return None
    now = time.time()
    slot = int(now // window)
    who = hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()[:32]
    key = f"apirate:{who}:{window}:{slot}"
    cache.add(key, 0, timeout=window + 5)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        used = 1
    return Count(used, limit, max(math.ceil((slot + 1) * window - now), 1))


def _rate_headers(response: HttpResponse, count: Count) -> None:
    response["RateLimit-Limit"] = str(count.limit)
    response["RateLimit-Remaining"] = str(max(count.limit - count.used, 0))
    response["RateLimit-Reset"] = str(count.reset)


def _too_many(request: HttpRequest, count: Count) -> HttpResponse:
    reason = f"请求过于频繁，请 {count.wait} 秒后再试（每 {settings.API_RATE_WINDOW} 秒最多 {count.limit} 次）。"
    action = CKAN_ACTION.match(request.path)
    if action:
        error = {"__type": "Rate Limit Error", "message": reason}
        body: dict[str, Any] = {"help": "", "success": False, "error": error}
    else:
        body = {"error": "rate_limited", "reason": reason}
    response = JsonResponse(body, status=429, json_dumps_params={"ensure_ascii": False})
    response["Retry-After"] = str(count.wait)
    _rate_headers(response, count)
    return response


# The OpenAPI document -----------------------------------------------------------------------------

_HEADER = {"schema": {"type": "string"}}
_TOO_MANY = {
    "description": "请求过于频繁 (rate limited): wait Retry-After seconds",
    "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}},
    "content": {"application/json": {"schema": {"type": "object"}}},
}
_PAGED = {"ETag": {"description": "entity tag; send it back as If-None-Match", **_HEADER},
          "Link": {"description": 'RFC 8288: rel="next", "prev", "first" pages of a list', **_HEADER},
          "Access-Control-Allow-Origin": {"description": "*: any origin may read", **_HEADER}}
def describe(api: Any) -> None:
    """Make `api`'s OpenAPI document tell what this middleware does, and list the CKAN actions."""
    if getattr(api, "_manners_described", False):
        return
    original = api.get_openapi_schema

    def schema(*, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        doc = original(path_prefix=path_prefix, path_params=path_params)
        for operations in doc.get("paths", {}).values():
            for method, operation in operations.items():
                _document_manners(method, operation)
        doc["paths"]["/api/3/action/{action}"] = _ckan_path()
        return doc

    api.get_openapi_schema = schema
    api._manners_described = True


def _document_manners(method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    responses.setdefault(429, _TOO_MANY)
    if method == "get":
        responses.setdefault(304, {"description": "Not Modified (If-None-Match matched the ETag)"})
        for status, response in responses.items():
            if str(status) == "200":
                response.setdefault("headers", {}).update(_PAGED)


def _ckan_path() -> dict[str, Any]:
    from gongkai.opendata.ckan import ACTIONS, BOOLEAN_TEXT, INTEGER_MAX, INTEGER_TEXT, PARAMETERS

    text = {"type": "string"}
    error = {"type": "object", "required": ["__type", "message"],
             "properties": {"__type": text, "message": text}}
    envelope = {"type": "object", "required": ["help", "success"],
                "properties": {"help": text, "success": {"type": "boolean"}, "result": {}, "error": error}}
    body = {"application/json": {"schema": envelope}}
    responses: dict[Any, Any] = {
        200: {"description": "CKAN envelope: success true, result", "content": body, "headers": _PAGED},
        400: {"description": "Bad Request: unknown action, JSON error", "content": body},
        404: {"description": "Not Found Error", "content": body},
        409: {"description": "Validation Error / Search Query Error", "content": body}, 429: _TOO_MANY,
    }
    action = {"name": "action", "in": "path", "required": True,
              "schema": {"type": "string", "enum": sorted(ACTIONS)}}
    common = {"tags": ["ckan"], "responses": responses,
              "description": "CKAN 2.10 Action API, read-only (also at /api/action/{action}, the path "
                             "ckanapi calls). Each published document is a package; agencies are "
                             "organizations, 主题 groups."}
    # A query string carries text; a JSON body may carry the JSON type or text reading as it (ckanapi
    # sends KEY=VALUE arguments as strings).
    integer, boolean = {"type": "integer", "minimum": 0, "maximum": INTEGER_MAX}, {"type": "boolean"}
    in_query = {"integer": integer, "boolean": boolean, "string": text}
    in_body = {"integer": {"anyOf": [integer, {"type": "string", "pattern": f"^({INTEGER_TEXT})$"}]},
               "boolean": {"anyOf": [boolean, {"type": "string", "pattern": f"^({BOOLEAN_TEXT})$"}]},
               "string": text}
    query = [{"name": n, "in": "query", "required": False, "schema": in_query[t], "description": d}
             for n, (t, d) in PARAMETERS.items()]
    props = {n: {**in_body[t], "description": d} for n, (t, d) in PARAMETERS.items()}
    return {
        "get": {**common, "operationId": "ckan_action_get", "summary": "CKAN action (GET, query string)",
                "parameters": [action, *query]},
        "post": {**common, "operationId": "ckan_action_post", "summary": "CKAN action (POST, JSON body)",
                 "parameters": [action],
                 "requestBody": {"required": False, "content": {"application/json": {"schema": {
                     "type": "object", "properties": props}}}}},
    }
