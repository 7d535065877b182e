from django.urls import path

from gongkai.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("xxgk/", views.catalog, name="catalog"),
    path("xxgk/<int:document_id>/", views.document, name="document"),
    path("xxgk/<int:document_id>/print/", views.document_print, name="document_print"),
    path("xxgk/<int:document_id>/pdf/", views.document_pdf, name="document_pdf"),
    path("xxgk/<int:document_id>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
]
