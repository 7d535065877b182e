"""Public pages: home, the catalog, the document page, print, attachments, and the error pages."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.catalog.models import Attachment, Document, Term
from gongkai.catalog.queries import public_documents, related_documents
from gongkai.readers.actions import record_visit

PAGE_SIZE = 20

# The catalog's facets: query parameter -> (label, field to count on, how to show a value).
FACETS = {
    "topic": ("主题分类", "topic"),
    "genre": ("体裁分类", "genre"),
    "combo": ("组配分类", "combo"),
    "agency": ("发布机构", "agency"),
}


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    docs = public_documents()
    sections = [
        ("最新公开", docs[:8], {}),
        ("会议纪要", docs.filter(genre__name="会议纪要")[:8], {"genre": _term_id("会议纪要")}),
        ("政策文件", docs.filter(genre__name__in=["通知", "意见", "决定", "公告", "通告"])[:8], {}),
        ("规划计划与报告", docs.filter(genre__name__in=["规划", "计划", "报告", "总结"])[:8], {}),
    ]
    return render(request, "portal/home.html", {"sections": sections, "total": docs.count()})


def _term_id(name: str) -> int | None:
    return Term.objects.filter(name=name).values_list("pk", flat=True).first()


def _int_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() else None


def _filtered(request: HttpRequest) -> tuple[QuerySet[Document], dict[str, int]]:
    docs = public_documents()
    chosen: dict[str, int] = {}
    for key in (*FACETS, "year"):
        value = _int_param(request, key)
        if value is None:
            continue
        chosen[key] = value
        docs = docs.filter(published_date__year=value) if key == "year" else docs.filter(**{f"{key}_id": value})
    return docs, chosen


def _facet_counts(docs: QuerySet[Document]) -> list[dict[str, object]]:
    facets = []
    for key, (label, field) in FACETS.items():
        rows = docs.exclude(**{f"{field}__isnull": True}).values(f"{field}_id", f"{field}__name")
        rows = rows.annotate(n=Count("id")).order_by("-n")[:30]
        facets.append({"key": key, "label": label,
                       "values": [(r[f"{field}_id"], r[f"{field}__name"], r["n"]) for r in rows]})
    years = docs.exclude(published_date__isnull=True).annotate(y=ExtractYear("published_date"))
    years = years.values("y").annotate(n=Count("id")).order_by("-y")
    facets.append({"key": "year", "label": "年份", "values": [(r["y"], str(r["y"]), r["n"]) for r in years]})
    return facets


@require_safe
def catalog(request: HttpRequest) -> HttpResponse:
    docs, chosen = _filtered(request)
    page = max(_int_param(request, "page") or 1, 1)
    total = docs.count()
    items = docs.select_related("agency", "topic", "genre")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "portal/catalog.html", {
        "items": items, "total": total, "facets": _facet_counts(docs), "chosen": chosen,
        "page": page, "pages": max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1), "query": params.urlencode(),
    })


def _public_document(document_id: int) -> Document:
    document = Document.objects.select_related("agency", "topic", "genre", "combo").filter(pk=document_id).first()
    if document is None or not document.is_public:
        raise Http404("没有这份公开信息")
    return document


@require_safe
def document(request: HttpRequest, document_id: int) -> HttpResponse:
    doc = _public_document(document_id)
    record_visit(request.user, doc)  # 阅读记录 of signed-in readers; anonymous visits leave nothing
    return render(request, "portal/document.html", {
        "doc": doc, "related": related_documents(doc), "attachments": doc.attachments.all(),
    })


@require_safe
def document_print(request: HttpRequest, document_id: int) -> HttpResponse:
    doc = _public_document(document_id)
    return render(request, "portal/document_print.html", {"doc": doc})


@require_safe
def document_pdf(request: HttpRequest, document_id: int) -> HttpResponse:
    from django.utils import timezone

    from gongkai.portal import pdf  # WeasyPrint loads slowly: only processes that serve a PDF pay for it

    doc = _public_document(document_id)
    return pdf.pdf_response(doc, base_url=request.build_absolute_uri("/"), today=timezone.localdate())


@require_safe
def attachment(request: HttpRequest, document_id: int, attachment_id: int) -> HttpResponse:
    doc = _public_document(document_id)
    att = get_object_or_404(Attachment, pk=attachment_id, document=doc)
    if att.file:
        return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name)
    if att.source_href.startswith(("http://", "https://")):
        return HttpResponseRedirect(att.source_href)
    raise Http404("附件文件不存在")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "portal/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the error may be the database itself.
    from django.template import loader

    return HttpResponse(loader.get_template("portal/500.html").render(), status=500)


