from django.urls import path

from gongkai.portal import views
from gongkai.portal.feeds import DecisionsFeed, DecisionsRss, NewDocumentsFeed, NewDocumentsRss, conditional

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("xxgk/", views.catalog, name="catalog"),
    path("xxgk/feed/", conditional(NewDocumentsFeed()), name="feed"),
    path("xxgk/feed/<str:kind>/<int:pk>/", conditional(NewDocumentsFeed()), name="class_feed"),
    path("xxgk/feed/rss/", conditional(NewDocumentsRss()), name="feed_rss"),
    path("xxgk/feed/<str:kind>/<int:pk>/rss/", conditional(NewDocumentsRss()), name="class_feed_rss"),
    path("xxgk/feed/decisions/", conditional(DecisionsFeed(), decisions=True), name="decisions_feed"),
    path("xxgk/feed/decisions/rss/", conditional(DecisionsRss(), decisions=True), name="decisions_feed_rss"),
    path("xxgk/<int:document_id>/", views.document, name="document"),
    path("xxgk/<int:document_id>/print/", views.document_print, name="document_print"),
    path("xxgk/<int:document_id>/pdf/", views.document_pdf, name="document_pdf"),
    path("xxgk/<int:document_id>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("news/", views.news, name="news"),
    path("service/", views.service, name="service"),
    path("interaction/", views.interaction, name="interaction"),
    path("about/", views.about, name="about"),
    path("open-data/", views.opendata, name="opendata"),
    path("mobile/", views.mobile, name="mobile"),
    path("offline/", views.offline, name="offline"),
    path("a11y/", views.a11y, name="a11y"),
    path("reader/state.json", views.reader_state, name="reader_state"),
    path("language/<str:code>/", views.switch_language, name="switch_language"),
    # At the root (/sw.js), so that the service worker's scope is the whole site.
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
