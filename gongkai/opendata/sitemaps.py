"""sitemap.xml through django.contrib.sitemaps: an index of the documents, the columns and the decision
register, each address with its 简体, 繁體 and English alternates (hreflang) and its last change.

Addresses name the site's canonical host (GONGKAI_SITE_URL), like the feeds: a crawler must index the
address readers are given, whatever Host header reached this node.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from gongkai.catalog.addresses import address
from gongkai.catalog.queries import public_documents
from gongkai.minutes.models import AgendaItemRecord


class SiteSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True  # the 简体 page, for readers of any other language

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class DocumentSitemap(SiteSitemap):
    changefreq = "monthly"
    limit = 10_000  # addresses per file (×3 languages stays under the protocol's 50,000)

    def items(self) -> list[tuple[int, dt.datetime]]:
        # Tuples, not models: the 1,000,000-document catalog is listed in a few tens of megabytes.
        return list(public_documents().order_by("id").values_list("id", "updated_at"))

    def location(self, item: tuple[int, dt.datetime]) -> str:
        return address("portal:document", item[0])

    def lastmod(self, item: tuple[int, dt.datetime]) -> dt.datetime:
        return item[1]

    def get_latest_lastmod(self) -> dt.datetime | None:
        return public_documents().aggregate(latest=Max("updated_at"))["latest"]


# The columns: the pages of the portal's navigation and the register (url name, change frequency).
COLUMNS = (("portal:home", "daily"), ("portal:catalog", "daily"), ("portal:news", "daily"),
           ("minutes:register", "weekly"), ("portal:service", "monthly"), ("portal:interaction", "monthly"),
           ("portal:about", "monthly"), ("portal:opendata", "monthly"))


class ColumnSitemap(SiteSitemap):
    def items(self) -> list[tuple[str, str]]:
        return list(COLUMNS)

    def location(self, item: tuple[str, str]) -> str:
        return reverse(item[0])

    def changefreq(self, item: tuple[str, str]) -> str:
        return item[1]

    def lastmod(self, item: tuple[str, str]) -> dt.datetime | None:
        return self.get_latest_lastmod() if item[1] == "daily" else None

    def get_latest_lastmod(self) -> dt.datetime | None:
        return public_documents().aggregate(latest=Max("updated_at"))["latest"]


class DecisionSitemap(SiteSitemap):
    """The pages of the decision register: one per department that meetings asked something of."""

    changefreq = "weekly"

    def items(self) -> list[dict[str, Any]]:
        rows = (AgendaItemRecord.objects.public().filter(assignments__agency__isnull=False)
                .values("assignments__agency").annotate(latest=Max("meeting__document__updated_at"))
                .order_by("assignments__agency"))
        return list(rows)

    def location(self, item: dict[str, Any]) -> str:
        return reverse("minutes:department", args=[item["assignments__agency"]])

    def lastmod(self, item: dict[str, Any]) -> dt.datetime:
        return item["latest"]


class SectionSitemap(SiteSitemap):
    """The 政府信息公开 section's columns (gongkai.columns): 指南, 公开制度, the statutory columns."""

    changefreq = "weekly"

    def items(self) -> list[tuple[str, dt.datetime | None]]:
        from gongkai.columns.models import Column
        from gongkai.columns.navigation import documents

        def changed(column: Column) -> dt.datetime | None:
            if column.page_id:
                return column.page.updated_at  # type: ignore[union-attr]
            shown = documents(column) if column.kind == Column.CATALOG else public_documents()
            return shown.aggregate(latest=Max("updated_at"))["latest"]

        columns = Column.objects.filter(visible=True).exclude(kind=Column.LINK).select_related("page")
        return [(column.slug, changed(column)) for column in columns.order_by("position", "id")]

    def location(self, item: tuple[str, dt.datetime | None]) -> str:
        return reverse("columns:column", args=[item[0]])

    def lastmod(self, item: tuple[str, dt.datetime | None]) -> dt.datetime | None:
        return item[1]

    def get_latest_lastmod(self) -> dt.datetime | None:
        # A site without columns yet: the catalog's last change, so that the index still dates it.
        days = [day for _slug, day in self.items() if day is not None]
        return max(days) if days else public_documents().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"documents": DocumentSitemap, "columns": ColumnSitemap, "decisions": DecisionSitemap,
            "xxgk": SectionSitemap}
