"""What harvesters, crawlers and browsers find at the site's root: the DCAT catalog, robots.txt, the
sitemap, the OpenSearch description, the bulk downloads and their data dictionary."""

from __future__ import annotations

import datetime as dt
import mimetypes
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import condition, require_safe

from gongkai.catalog.models import Document, SiteSettings
from gongkai.opendata import bulk, dcat


def catalog_changed(request: HttpRequest, *args: Any, **kwargs: Any) -> dt.datetime | None:
    """The last change of any document: publish, edit and withdraw all save it (conditional GET)."""
    return Document.objects.aggregate(latest=Max("updated_at"))["latest"]


@require_safe
@condition(last_modified_func=catalog_changed)
def dcat_catalog(request: HttpRequest, suffix: str) -> HttpResponse:
    if suffix not in dcat.FORMATS:
        raise Http404("没有这种格式")
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or len(raw) > 9:
        return HttpResponseBadRequest("page 参数应为正整数（第几页），如 ?page=2", content_type="text/plain; charset=utf-8")
    try:
        page = dcat.page_of(int(raw))
    except ValueError as exc:
        return HttpResponse(str(exc), status=404, content_type="text/plain; charset=utf-8")
    body = dcat.serialize(dcat.catalog_graph(page, suffix), suffix)
    return HttpResponse(body, content_type=dcat.FORMATS[suffix][1])


# Staff and personal areas: nothing there for a search engine (and noindex on the pages besides).
DISALLOWED = ("/admin/", "/staff/", "/review/", "/annual-report/", "/accounts/", "/applications/",
              "/reader/", "/search/", "/ask/")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "",
             f"Sitemap: {settings.SITE_URL.rstrip('/')}{reverse('sitemap_index')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def opensearch(request: HttpRequest) -> HttpResponse:
    """The description browsers read to add the site's search (<link rel="search"> in every page)."""
    site = SiteSettings.get()
    context = {"site": site, "site_url": settings.SITE_URL.rstrip("/"), "search": reverse("search:results")}
    return render(request, "opendata/opensearch.xml", context,
                  content_type="application/opensearchdescription+xml; charset=utf-8")


TYPES = {".csv": "text/csv; charset=utf-8", ".jsonl": "application/jsonl; charset=utf-8",
         ".sqlite": "application/vnd.sqlite3", ".json": "application/json; charset=utf-8"}


@require_safe
def bulk_file(request: HttpRequest, name: str) -> HttpResponseBase:
    """A file the last export wrote (and only those): with its checksum as ETag, so a script that
    downloads every night fetches it again only when it changed."""
    manifest = bulk.read_manifest()
    entry = (manifest or {}).get("files", {}).get(name)
    if name not in (bulk.MANIFEST, bulk.CHECKSUMS) and entry is None:
        raise Http404("没有这个文件；批量下载的文件列在 /opendata/dictionary/")
    path = bulk.bulk_dir() / name
    if not path.is_file():
        raise Http404("文件尚未生成")
    stat = path.stat()
    etag = f'"{entry["sha256"]}"' if entry else f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    conditional = get_conditional_response(request, etag=etag, last_modified=int(stat.st_mtime))
    if conditional is not None:
        return conditional
    suffix = path.suffix
    kind = TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "text/plain; charset=utf-8"
    response = FileResponse(path.open("rb"), content_type=kind, as_attachment=suffix != ".json" and name != bulk.CHECKSUMS,
                            filename=name)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(int(stat.st_mtime))
    return response


@require_safe
def dictionary(request: HttpRequest) -> HttpResponse:
    """数据字典: every bulk file with its size and checksum, and what each column holds."""
    manifest = bulk.read_manifest() or {}
    files = manifest.get("files", {})
    datasets = [{"name": ds.name, "title": ds.title, "columns": ds.columns,
                 "files": [(name, files[name]) for name in (ds.filename(f) for f in bulk.FORMATS) if name in files]}
                for ds in bulk.DATASETS]
    return render(request, "opendata/dictionary.html", {
        "datasets": datasets, "generated_at": manifest.get("generated_at"),
        "formats": [(s, reverse("dcat_catalog", args=[s])) for s in dcat.FORMATS],
    })
