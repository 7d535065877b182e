from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "公开 Gongkai · 政务公开管理"
admin.site.site_title = "Gongkai 管理"
admin.site.index_title = "信息发布与管理"

urlpatterns = [
    path("staff/", include("gongkai.accounts.urls")),  # second factor, 统一身份认证
    path("admin/", admin.site.urls),
    path("review/", include("gongkai.review.urls")),  # staff: 审核发布与保密审查
    path("api/", include("gongkai.opendata.urls")),
    path("", include("gongkai.opendata.discovery_urls")),  # DCAT, sitemap, robots.txt, OpenSearch, bulk files
    path("annual-report/", include("gongkai.annualreport.urls")),  # staff: 政府信息公开工作年度报告
    path("staff/consultations/", include("gongkai.consultations.staff_urls")),  # staff: 意见征集
]
# Public pages exist once per language: / (简体), /zh-hant/ (繁體), /en/ (English), so that links
# and search engines keep the reader's language.
urlpatterns += i18n_patterns(
    path("search/", include("gongkai.search.urls")),
    path("decisions/", include("gongkai.minutes.urls")),
    path("ask/", include("gongkai.qa.urls")),
    path("accounts/", include("gongkai.readers.urls")),
    path("applications/", include("gongkai.applications.urls")),
    path("consultations/", include("gongkai.consultations.urls")),  # 政民互动: 意见征集
    path("mailbox/", include("gongkai.mailbox.urls")),  # 政民互动: 领导信箱
    path("", include("gongkai.columns.urls")),  # 政府信息公开栏目 /xxgk/<slug>/, 站点地图 /sitemap/
    path("", include("gongkai.portal.urls")),
    prefix_default_language=False,
)

handler404 = "gongkai.portal.views.not_found"
handler500 = "gongkai.portal.views.server_error"
handler400 = "gongkai.portal.views.bad_request"  # a parameter out of range: its reason, not a traceback
