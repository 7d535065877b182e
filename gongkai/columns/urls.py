"""The section's addresses, beside the portal's: /xxgk/<slug>/ for a column (never a document id nor
one of the catalog's own words, see models.RESERVED) and /sitemap/ for the HTML 站点地图."""

from django.urls import path, register_converter

from gongkai.columns import views
from gongkai.columns.models import RESERVED, SLUG


class ColumnSlug:
    regex = "(?!(?:" + "|".join(RESERVED) + ")/)" + SLUG

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ColumnSlug, "column")

app_name = "columns"
urlpatterns = [
    path("xxgk/<column:slug>/", views.column, name="column"),
    path("sitemap/", views.sitemap, name="sitemap"),
]
