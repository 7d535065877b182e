from django.urls import path

from gongkai.minutes import views

app_name = "minutes"
urlpatterns = [
    path("", views.register, name="register"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("dept/<int:agency_id>/", views.department, name="department"),
]
