"""The addresses at the site's root that harvesters and crawlers look for (mounted by gongkai/urls.py
outside the language prefixes: one DCAT catalog, one sitemap index, one robots.txt)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from gongkai.opendata import discovery
from gongkai.opendata.sitemaps import SITEMAPS

urlpatterns = [
    re_path(r"^catalog\.(?P<suffix>ttl|jsonld|rdf)$", discovery.dcat_catalog, name="dcat_catalog"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path("opensearch.xml", discovery.opensearch, name="opensearch"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS,
         "sitemap_url_name": "sitemap_section"}, name="sitemap_index"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS},
         name="sitemap_section"),
    path("data/bulk/<str:name>", discovery.bulk_file, name="bulk_file"),
    path("opendata/dictionary/", discovery.dictionary, name="bulk_dictionary"),
]
