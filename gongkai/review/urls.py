from django.urls import path

from gongkai.review import views

app_name = "review"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:document_id>/", views.document, name="document"),
    path("<int:document_id>/submit/", views.submit, name="submit"),
    path("<int:document_id>/approve/", views.approve, name="approve"),
    path("<int:document_id>/send-back/", views.send_back, name="send_back"),
    path("<int:document_id>/cancel/", views.cancel, name="cancel"),
    path("<int:document_id>/publish/", views.publish, name="publish"),
    path("<int:document_id>/redact/", views.redact, name="redact"),
    path("<int:document_id>/accept/", views.accept, name="accept"),
]
