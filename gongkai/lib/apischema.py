"""Error bodies every part of the JSON API declares, so that /api/openapi.json documents each status it
can answer with (schemathesis checks that it does: tests/test_api_schema.py)."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ProblemOut(Schema):
    """400: a value the operation cannot use, with the reason as the pages would say it."""

    error: str
    reason: str


class InvalidOut(Schema):
    """422: the request does not match the operation's schema (django-ninja's own validation)."""

    detail: list[dict[str, Any]]
