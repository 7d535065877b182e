"""One entry point for every caller of search (page, API, command): validate, search, shape results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings

from gongkai.search.backend import SearchHit, SearchQuery, SearchResults
from gongkai.search.indexing import reader
from gongkai.search.query import FACETS

MAX_LIMIT = 100


def run(text: str, *, filters: Mapping[str, str] | None = None, sort: str = "relevance", offset: int = 0,
        limit: int = 10, facets: bool = True, language: str = "zh") -> SearchResults:
    """Raises QueryError (with a reason in Chinese and English) for a query that cannot be searched.
    `language="en"` is the English pages' search: the English texts too, English titles in the hits."""
    clean_filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    query = SearchQuery(text=text, filters=clean_filters, sort=sort if sort in ("relevance", "newest") else "relevance",
                        offset=max(offset, 0), limit=max(1, min(limit, MAX_LIMIT)), facets=facets,
                        language="en" if language == "en" else "zh")
    return reader().search(query)


def hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "index_no": hit.index_no, "title": hit.title, "url": settings.SITE_URL + hit.url, "path": hit.url,
        "score": round(hit.score, 4), "snippet": hit.snippet_text, "snippet_html": hit.snippet_html,
        "publisher": hit.publisher, "published": hit.published.isoformat() if hit.published else None,
        "doc_no": hit.doc_no, "genre": hit.genre, "topic": hit.topic, "validity": hit.validity,
    }


def results_json(results: SearchResults) -> dict[str, Any]:
    return {
        "query": results.query, "total": results.total, "mode": results.mode, "offset": results.offset,
        "limit": results.limit, "elapsed_ms": round(results.elapsed_ms, 2), "notices": list(results.notices),
        "hits": [hit_json(h) for h in results.hits],
        "facets": {name: [{"value": v, "count": n} for v, n in values] for name, values in results.facets.items()},
    }
