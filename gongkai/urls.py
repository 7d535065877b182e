from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "公开 Gongkai · 政务公开管理"
admin.site.site_title = "Gongkai 管理"
admin.site.index_title = "信息发布与管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("gongkai.opendata.urls")),
]
# Public pages exist once per language: / (简体), /zh-hant/ (繁體), /en/ (English), so that links
# and search engines keep the reader's language.
urlpatterns += i18n_patterns(
    path("search/", include("gongkai.search.urls")),
    path("decisions/", include("gongkai.minutes.urls")),
    path("ask/", include("gongkai.qa.urls")),
    path("accounts/", include("gongkai.readers.urls")),
    path("", include("gongkai.portal.urls")),
    prefix_default_language=False,
)

handler404 = "gongkai.portal.views.not_found"
handler500 = "gongkai.portal.views.server_error"
