"""Public pages of the 政府信息公开 section: a column's page (a page of text, a list of documents, or
the columns under it) and the HTML 站点地图. Kept as files like every published page (gongkai.pages);
each view names what its page shows."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as _
from django.views.decorators.http import require_safe

from gongkai.columns import navigation
from gongkai.columns.models import Column
from gongkai.lib import params as limits
from gongkai.pages.middleware import depends_on
from gongkai.portal.context import about_title, district_name
from gongkai.portal.sitewide import site_settings

PAGE_SIZE = 20
PREVIEW = 5  # documents shown under each catalog column of a group


@require_safe
def column(request: HttpRequest, slug: str) -> HttpResponse:
    found = Column.objects.filter(slug=slug, visible=True).select_related("page", "parent").first()
    if found is None:
        raise Http404("没有这个栏目")
    if found.kind == Column.LINK:
        return HttpResponseRedirect(found.href())
    depends_on(request, "columns")
    context: dict[str, object] = {"column": found, "section": navigation.tree(found),
                                  "trail": _trail(found)}
    if found.kind == Column.PAGE and found.page is not None:
        depends_on(request, f"page:{found.page_id}")
        context["page"] = found.page
    elif found.kind == Column.CATALOG:
        depends_on(request, "list")
        context.update(_listing(request, found))
    elif found.kind == Column.GROUP:
        depends_on(request, "list")
        context["groups"] = [(child, list(navigation.documents(child)[:PREVIEW]))
                             for child in found.children.filter(visible=True)]
    return render(request, "columns/column.html", context)


def _trail(column: Column) -> list[Column]:
    trail = [column]
    while trail[0].parent_id is not None and len(trail) < 10:
        trail.insert(0, Column.objects.get(pk=trail[0].parent_id))
    return trail


def _listing(request: HttpRequest, column: Column) -> dict[str, object]:
    page = max(limits.integer(request.GET, "page", minimum=0, maximum=limits.PAGE_MAX) or 1, 1)
    docs = navigation.documents(column)
    total = docs.count()
    return {"items": docs[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], "total": total, "page_no": page,
            "pages": max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)}


# The site's own pages, in the order of its columns; a page whose app is not installed is left out.
SITE_PAGES = (
    ("portal:home", _("首页")), ("portal:news", _("政务动态")), ("portal:catalog", _("政府信息公开目录")),
    ("search:results", _("站内搜索")), ("minutes:register", _("常务会议决定")), ("portal:service", _("服务大厅")),
    ("applications:apply", _("依申请公开")), ("applications:lookup", _("申请办理进度查询")),
    ("portal:interaction", _("政民互动")), ("consultations:index", _("意见征集")), ("mailbox:public_list", _("领导信箱")),
    ("qa:ask", _("智能问答")), ("portal:about", _("走进青禾")), ("portal:opendata", _("数据开放")),
    ("accounts:center", _("个人中心")), ("portal:mobile", _("移动端")), ("portal:a11y", _("无障碍浏览")),
)


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    """站点地图: the site's pages and the section's columns, as links (the XML one is for robots)."""
    depends_on(request, "columns")
    pages = []
    for name, label in SITE_PAGES:
        try:
            pages.append((_site_label(name, label), reverse(name)))
        except NoReverseMatch:
            continue
    return render(request, "columns/sitemap.html", {"pages": pages, "section": navigation.tree()})


def _site_label(name: str, label: str) -> str:
    if name == "portal:about":  # 走进青禾 / About Qinghe District: the district's name from the settings
        english = (get_language() or "").startswith("en")
        return about_title(district_name(site_settings(), english=english))
    return gettext(label)
