"""Public pages: home, the columns, the catalog, the document page, print, attachments, the reader's
settings (languages, 无障碍), the installable app's files, and the error pages."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import router
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gongkai.catalog.models import Attachment, Document, SiteSettings, Term
from gongkai.catalog.queries import public_documents
from gongkai.catalog.related import reading as related_reading
from gongkai.lib import params as limits
from gongkai.lib.text import to_traditional
from gongkai.minutes.records import fetch_for_page
from gongkai.portal.context import (
    LANGUAGE_COOKIE,
    LANGUAGE_NAMES,
    about_title,
    district_name,
    language_prefix,
    path_in_language,
)
from gongkai.portal.feeds import CLASSES
from gongkai.portal.prefs import COOKIE_AGE, PARAMETERS, ReaderPrefs
from gongkai.portal.prepared import Prepared
from gongkai.portal.sitewide import agencies, with_classes
from gongkai.portal.templatetags.portal import in_language_html, iso
from gongkai.portal.traditional import variant
from gongkai.pages.middleware import depends_on

PAGE_SIZE = 20

# The catalog's facets: query parameter -> (label, field to count on).
FACETS = {
    "topic": (_("主题分类"), "topic"),
    "genre": (_("体裁分类"), "genre"),
    "combo": (_("组配分类"), "combo"),
    "agency": (_("发布机构"), "agency"),
}
# 政务动态: the catalog's news-like items, named so by their 体裁 or 组配 class.
NEWS_CLASSES = ("工作动态",)
POLICY_GENRES = ("通知", "意见", "决定", "公告", "通告")
PLAN_GENRES = ("规划", "计划", "报告", "总结")
ENGLISH_ONLY = "en-only"


def news_documents() -> QuerySet[Document]:
    return public_documents().filter(Q(genre__name__in=NEWS_CLASSES) | Q(combo__name__in=NEWS_CLASSES))


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    docs = public_documents()
    minutes = _term_id("会议纪要")
    sections = [
        (_("最新公开"), docs[:8], reverse("portal:catalog")),
        (_("政务动态"), news_documents()[:8], reverse("portal:news")),
        (_("会议纪要"), docs.filter(genre__name="会议纪要")[:8],
         f"{reverse('portal:catalog')}?genre={minutes}" if minutes else reverse("portal:catalog")),
        (_("政策文件"), docs.filter(genre__name__in=POLICY_GENRES)[:8], reverse("portal:catalog")),
        (_("规划计划与报告"), docs.filter(genre__name__in=PLAN_GENRES)[:8], reverse("portal:catalog")),
    ]
    if (get_language() or "").startswith("en"):  # the English edition opens with what reads in English
        sections.insert(0, (_("英文版信息"), docs.exclude(title_en="")[:8],
                            f"{reverse('portal:catalog')}?lang={ENGLISH_ONLY}"))
    return render(request, "portal/home.html", {"sections": sections, "total": docs.count()})


def _term_id(name: str) -> int | None:
    return Term.objects.filter(name=name).values_list("pk", flat=True).first()


# Parameters with a narrower range than a row id (gongkai.lib.params: out of range is a 400).
_RANGES = {"year": (limits.YEAR_MIN, limits.YEAR_MAX), "page": (0, limits.PAGE_MAX)}


def _int_param(request: HttpRequest, name: str) -> int | None:
    low, high = _RANGES.get(name, (0, limits.ID_MAX))
    return limits.integer(request.GET, name, minimum=low, maximum=high)


def _filtered(request: HttpRequest, docs: QuerySet[Document]) -> tuple[QuerySet[Document], dict[str, int]]:
    chosen: dict[str, int] = {}
    for key in (*FACETS, "year"):
        value = _int_param(request, key)
        if value is None:
            continue
        chosen[key] = value
        docs = docs.filter(published_date__year=value) if key == "year" else docs.filter(**{f"{key}_id": value})
    if request.GET.get("lang") == ENGLISH_ONLY:
        docs = docs.exclude(title_en="")
    return docs, chosen


def _facet_counts(docs: QuerySet[Document], chosen: dict[str, int]) -> list[dict[str, object]]:
    facets = []
    for key, (label, field) in FACETS.items():
        rows = docs.exclude(**{f"{field}__isnull": True}).values(f"{field}_id", f"{field}__name")
        rows = rows.annotate(n=Count("id")).order_by("-n")[:30]
        values = [(r[f"{field}_id"], r[f"{field}__name"], r["n"], chosen.get(key) == r[f"{field}_id"]) for r in rows]
        facets.append({"key": key, "label": label, "term": key != "agency", "values": values})
    dated = docs.exclude(published_date__isnull=True).annotate(y=ExtractYear("published_date"))
    years = dated.values("y").annotate(n=Count("id")).order_by("-y")
    facets.append({"key": "year", "label": _("年份"), "term": False,
                   "values": [(r["y"], str(r["y"]), r["n"], chosen.get("year") == r["y"]) for r in years]})
    return facets


def _catalog_page(request: HttpRequest, docs: QuerySet[Document], heading: str) -> HttpResponse:
    docs, chosen = _filtered(request, docs)
    page = max(_int_param(request, "page") or 1, 1)
    total = docs.count()
    items = docs.select_related("agency", "topic", "genre")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "portal/catalog.html", {
        "heading": heading, "items": items, "total": total, "facets": _facet_counts(docs, chosen),
        "chosen": chosen, "english_only": request.GET.get("lang") == ENGLISH_ONLY,
        "page": page, "pages": max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1), "query": params.urlencode(),
        "feeds": [(FACETS[kind][0], kind, chosen[kind]) for kind in CLASSES if kind in chosen],  # its own feed
    })


@require_safe
def catalog(request: HttpRequest) -> HttpResponse:
    return _catalog_page(request, public_documents(), gettext("政府信息公开目录"))


@require_safe
def news(request: HttpRequest) -> HttpResponse:
    return _catalog_page(request, news_documents(), gettext("政务动态"))


# Compiled once per thread: compiling this 60-column query costs more than running it.
_DOCUMENT: Prepared[Document] = Prepared(lambda pk: Document.objects.select_related("meeting").filter(pk=pk).order_by())


def _public_document(document_id: int) -> Document:
    # The minutes record too (a reverse one-to-one): the page shows it when there is one.
    # Its publisher and classes come from the worker's copies (gongkai.portal.sitewide), not a join.
    document = _DOCUMENT.get(document_id, router.db_for_read(Document))
    if document is None or not document.is_public:
        raise Http404("没有这份公开信息")
    return with_classes(document)


@require_safe
def document(request: HttpRequest, document_id: int) -> HttpResponse:
    doc = _public_document(document_id)
    related = related_reading(doc)  # chosen when documents changed (gongkai.catalog.related)
    # The page shows these documents, and its 相关阅读 may change when one of its classes does.
    # (Signed-in readers' 阅读记录 is written by gongkai.pages.middleware, for kept pages too.)
    depends_on(request, *(f"doc:{d.pk}" for d in [doc, *related]), *_related_classes(doc))
    minutes = getattr(doc, "meeting", None)  # None for most documents: select_related found no record
    if minutes is not None:
        fetch_for_page(minutes, agencies())
    return render(request, "portal/document.html", {
        "doc": doc, "related": related, "related_items": _related_items(related), "minutes": minutes,
        "attachments": doc.attachments.all() if doc.attachment_count else (),
        "english": (get_language() or "").startswith("en"),
    })


def _related_items(related: Sequence[Any]) -> SafeString:
    """相关阅读's lines, written here rather than by a template loop of a dozen nodes a line."""
    lines = []
    for entry in related:
        day = iso(entry.published_date)
        lines.append(f'<li><a href="{escape(entry.get_absolute_url())}">{in_language_html(entry, "title")}</a> '
                     f'<time datetime="{day}">{day}</time></li>')
    return mark_safe("".join(lines))  # every value escaped above; iso() writes only digits and dashes


def _related_classes(doc: Document) -> list[str]:
    classes = {"topic": doc.topic_id, "combo": doc.combo_id, "agency": doc.agency_id}
    return [f"related:{name}:{value}" for name, value in classes.items() if value]


@require_safe
def document_print(request: HttpRequest, document_id: int) -> HttpResponse:
    doc = _public_document(document_id)
    depends_on(request, f"doc:{doc.pk}")
    # The printed sheet names where it came from: the site, the document's canonical address, the day.
    canonical = settings.SITE_URL + doc.get_absolute_url()
    return render(request, "portal/document_print.html", {"doc": doc, "canonical_url": canonical})


@require_safe
def document_pdf(request: HttpRequest, document_id: int) -> HttpResponse:
    from django.utils import timezone

    from gongkai.portal import pdf  # WeasyPrint loads slowly: only processes that serve a PDF pay for it

    doc = _public_document(document_id)
    return pdf.pdf_response(doc, base_url=request.build_absolute_uri("/"), today=timezone.localdate())


@require_safe
def attachment(request: HttpRequest, document_id: int, attachment_id: int) -> HttpResponseBase:
    doc = _public_document(document_id)
    att = get_object_or_404(Attachment, pk=attachment_id, document=doc)
    if att.file:
        return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name)
    if att.source_href.startswith(("http://", "https://")):
        return HttpResponseRedirect(att.source_href)
    raise Http404("附件文件不存在")


# --- the columns ----------------------------------------------------------------------------------


@require_safe
def service(request: HttpRequest) -> HttpResponse:
    """服务大厅: how to apply for information that is not yet public (依申请公开)."""
    return render(request, "portal/service.html")


@require_safe
def interaction(request: HttpRequest) -> HttpResponse:
    """政民互动: open consultations, recent public letters and the mailbox's figures; ask, write or visit."""
    from django.utils import timezone

    from gongkai.consultations.listing import open_consultations
    from gongkai.mailbox.statistics import year_summary

    today = timezone.localdate()
    response = render(request, "portal/interaction.html", {
        "consultations": open_consultations(5), "mailbox_stats": year_summary(today),
        "mailbox_year": today.year,
    })
    # Not kept as a file (gongkai.pages): letters and comments change it, and no document change says so.
    response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    """走进…: the district and the site, from the site settings, with what the catalog holds."""
    docs = public_documents()
    site = SiteSettings.get()
    return render(request, "portal/about.html", {
        "heading": about_title(district_name(site, english=(get_language() or "").startswith("en"))),
        "total": docs.count(), "agencies": docs.values("agency").distinct().count(),
        "first": docs.exclude(published_date__isnull=True).order_by("published_date").first(),
    })


@require_safe
def opendata(request: HttpRequest) -> HttpResponse:
    """数据开放: the JSON API, its OpenAPI description and the exports of other apps."""
    return render(request, "portal/opendata.html", {"total": public_documents().count()})


@require_safe
def mobile(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/mobile.html")


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/offline.html")


# --- the reader's choices: language and display ---------------------------------------------------


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                              require_https=request.is_secure())
    return target if allowed and target.startswith("/") and not target.startswith("//") else fallback


@require_safe
def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """The same page in another language or script; the choice is remembered for the next visit."""
    if code not in LANGUAGE_NAMES:
        raise Http404("没有这种语言")
    target = path_in_language(_safe_next(request, "/"), code)
    response = HttpResponseRedirect(target)
    response.set_cookie(LANGUAGE_COOKIE, code, max_age=COOKIE_AGE, samesite="Lax")
    return response


@require_safe
def a11y(request: HttpRequest) -> HttpResponse:
    """无障碍浏览 without JavaScript: a toolbar link or the settings form stores cookies and goes back."""
    prefs = ReaderPrefs.from_cookies(request.COOKIES)
    if not any(name in request.GET for name in PARAMETERS):
        sizes = [(0, pgettext_lazy("显示设置", "标准")), (1, _("较大")), (2, _("大")), (3, _("特大"))]
        context = {"prefs": prefs, "sizes": sizes, "next": _safe_next(request, "")}
        return render(request, "portal/a11y.html", context)
    # Back to the page with the focus on the toolbar's toggle (site.js also opens the toolbar there).
    target = _safe_next(request, language_prefix(get_language()) + "/") + "#a11y-toolbar"
    response = HttpResponseRedirect(target)
    prefs.updated(request.GET).save(response)
    return response


# --- the personal parts of kept pages -------------------------------------------------------------


@require_safe
def reader_state(request: HttpRequest) -> JsonResponse:
    """What a page shows only to this reader (登录 state; 收藏 state of `?doc=`), fetched by site.js
    so that the page itself is the same bytes for everyone. Never kept by any cache."""
    from django.middleware.csrf import get_token

    from gongkai.readers.models import Favourite

    signed_in = request.user.is_authenticated
    state: dict[str, object] = {"signed_in": signed_in}
    doc_id = _int_param(request, "doc")
    if signed_in:
        state["csrf"] = get_token(request)  # for the 收藏 forms, which the kept page holds without one
        if doc_id is not None:
            state["favourite"] = Favourite.objects.filter(user=request.user, document_id=doc_id).exists()
    response = JsonResponse(state)
    response["Cache-Control"] = "private, no-store"
    return response


# --- the installable app --------------------------------------------------------------------------

# What the service worker keeps from its installation on: the offline page of each language and the
# assets every page uses.
ASSETS = ("gongkai/site.css", "gongkai/site.js", "gongkai/icon.svg")


@cache
def _service_worker_source() -> str:
    path = finders.find("gongkai/sw.js")
    source = Path(str(path)).read_text(encoding="utf-8")
    assets = [Path(str(finders.find(name))).read_bytes() for name in ASSETS]
    version = hashlib.sha256(source.encode() + b"".join(assets)).hexdigest()[:12]
    precache = [language_prefix(code) + "/offline/" for code, _name in settings.LANGUAGES]
    precache += [static(name) for name in ASSETS]
    return source.replace("__VERSION__", version).replace("__PRECACHE__", json.dumps(precache))


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """sw.js from the site's root, so that it may serve every page (a worker's scope is its folder)."""
    response = HttpResponse(_service_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def manifest(request: HttpRequest) -> JsonResponse:
    site = SiteSettings.get()
    language = get_language() or settings.LANGUAGE_CODE
    names = {"en": site.site_name_en, "zh-hant": to_traditional(site.site_name, variant())}
    name = names.get(language, site.site_name)
    start = language_prefix(language) + "/"
    return JsonResponse({
        "name": name, "short_name": name[:12],
        "start_url": start, "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#a4161a", "lang": language,
        "icons": [
            {"src": static("gongkai/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("gongkai/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("gongkai/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


# --- errors ---------------------------------------------------------------------------------------


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: the reason when it is ours to tell (gongkai.lib.params), never a traceback."""
    message = exception.message if isinstance(exception, limits.BadParameter) else ""
    return render(request, "portal/400.html", {"message": message}, status=400)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "portal/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the error may be the database itself.
    from django.template import loader

    return HttpResponse(loader.get_template("portal/500.html").render(), status=500)
