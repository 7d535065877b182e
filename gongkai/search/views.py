"""The results page and the suggestions while typing."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from gongkai.lib import params as limits
from gongkai.portal.context import path_in_language
from gongkai.search import service
from gongkai.search.indexing import reader
from gongkai.search.query import FACETS, QueryError

PAGE_SIZE = 10
FACET_LABELS = {"topic": "主题分类", "genre": "体裁分类", "combo": "组配分类", "publisher": "发布机构",
                "year": "年份", "validity": "有效性"}


@require_safe
def results(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    page = max(limits.integer(request.GET, "page", maximum=limits.PAGE_MAX, default=1) or 1, 1)
    filters = {name: request.GET[name] for name in FACETS if request.GET.get(name)}
    sort = "newest" if request.GET.get("sort") == "newest" else "relevance"
    context: dict[str, object] = {"q": text, "filters": filters, "sort": sort, "facet_labels": FACET_LABELS}
    if not text.strip() and not filters:
        return render(request, "search/results.html", context)
    try:
        language = "en" if (get_language() or "").startswith("en") else "zh"
        found = service.run(text, filters=filters, sort=sort, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE,
                            language=language)
    except QueryError as exc:
        context["error"] = exc
        return render(request, "search/results.html", context, status=400)
    if language == "en":  # links to the English pages, not the Chinese addresses the index stores
        found = replace(found, hits=[replace(h, url=path_in_language(h.url, "en")) for h in found.hits])
    params = request.GET.copy()
    params.pop("page", None)
    context.update({
        "results": found, "page": page, "pages": max((found.total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        "query_string": params.urlencode(),
        "facets": [(name, FACET_LABELS.get(name, name), values) for name, values in found.facets.items() if values],
    })
    return render(request, "search/results.html", context)


@require_safe
def suggest(request: HttpRequest) -> JsonResponse:
    prefix = request.GET.get("q", "").strip()[:50]
    return JsonResponse({"q": prefix, "suggestions": reader().suggest(prefix) if prefix else []})
