"""Manners of every /api/ response: RFC 8288 Link headers on lists, ETag with 304 on If-None-Match, CORS
for GET, and 429 with Retry-After for an anonymous client beyond the limit (staff are not counted)."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

_addresses = itertools.count(10)


@pytest.fixture
def visitor():
    """A fresh address per test, so that no other test's requests count against this one's limit."""
    return {"REMOTE_ADDR": f"198.51.100.{next(_addresses)}"}


@pytest.fixture
def catalog(settings, request):
    # A cache of this test's own: counters in the site's shared cache would outlive the run.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"manners-{request.node.name}"}}
    settings.API_RATE_LIMIT = 1000
    office = f.agency()
    return [f.document(office, f"青禾区试行文件第{n}号", day=dt.date(2024, 1, n)) for n in range(1, 6)]


def links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.get("Link", ""))}


def test_lists_link_to_the_next_and_previous_pages(client, catalog, visitor):
    first = client.get("/api/documents?limit=2", **visitor)
    assert len(first.json()) == 2 and set(links(first)) == {"next"}
    assert links(first)["next"] == "http://testserver/api/documents?limit=2&offset=2"
    middle = client.get("/api/documents?limit=2&offset=2", **visitor)
    assert links(middle) == {"next": "http://testserver/api/documents?limit=2&offset=4",
                             "prev": "http://testserver/api/documents?limit=2&offset=0",
                             "first": "http://testserver/api/documents?limit=2&offset=0"}
    last = client.get(links(middle)["next"], **visitor)
    assert len(last.json()) == 1 and "next" not in links(last)


def test_ckan_package_search_links_by_start_and_rows(client, catalog, visitor):
    response = client.get("/api/3/action/package_search?rows=2&start=2&sort=name+asc", **visitor)
    assert response.json()["result"]["count"] == 5
    base = "http://testserver/api/3/action/package_search"
    assert links(response)["next"] == base + "?rows=2&start=4&sort=name+asc"
    assert links(response)["prev"] == base + "?rows=2&start=0&sort=name+asc"
    assert "next" not in links(client.get("/api/3/action/package_search?rows=2&start=4", **visitor))


def test_a_document_unchanged_since_the_last_visit_is_304(client, catalog, visitor):
    first = client.get(f"/api/documents/{catalog[0].pk}", **visitor)
    etag = first["ETag"]
    assert first.status_code == 200 and re.fullmatch(r'"[0-9a-f]{32}"', etag)
    again = client.get(f"/api/documents/{catalog[0].pk}", HTTP_IF_NONE_MATCH=etag, **visitor)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    other = client.get(f"/api/documents/{catalog[1].pk}", HTTP_IF_NONE_MATCH=etag, **visitor)
    assert other.status_code == 200 and other["ETag"] != etag


def test_any_origin_may_read_but_not_with_credentials(client, catalog, visitor):
    response = client.get("/api/documents", HTTP_ORIGIN="https://data.example.org", **visitor)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "Link" in response["Access-Control-Expose-Headers"]
    preflight = client.options("/api/3/action/package_search", HTTP_ORIGIN="https://data.example.org",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **visitor)
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Methods"] == "GET, HEAD"
    # Pages outside /api/ are not opened to other origins.
    assert "Access-Control-Allow-Origin" not in client.get("/xxgk/", **visitor)


def test_beyond_the_limit_an_anonymous_client_waits(client, catalog, settings, visitor):
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 3, 3600
    assert [client.get("/api/documents", **visitor).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/documents", **visitor)
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 3600
    assert refused.json()["error"] == "rate_limited" and "秒后再试" in refused.json()["reason"]
    ckan = client.get("/api/3/action/status_show", **visitor)
    assert ckan.status_code == 429 and ckan.json()["success"] is False and ckan["Retry-After"]
    # Another address is counted on its own; the portal's pages are not limited here at all.
    assert client.get("/api/documents", REMOTE_ADDR="203.0.113.250").status_code == 200
    assert client.get("/xxgk/", **visitor).status_code == 200


def test_signed_in_staff_are_not_limited(client, catalog, settings, visitor):
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 1, 3600
    client.force_login(f.staff("clerk", None))
    assert [client.get("/api/documents", **visitor).status_code for _ in range(3)] == [200, 200, 200]


def test_remaining_requests_are_announced(client, catalog, settings, visitor):
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 10, 3600
    response = client.get("/api/documents", **visitor)
    assert response["RateLimit-Limit"] == "10" and response["RateLimit-Remaining"] == "9"
