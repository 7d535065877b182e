from django.urls import path

from gongkai.annualreport import views

app_name = "annualreport"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/<str:scope>/", views.report, name="report"),
    path("<int:year>/<str:scope>/generate/", views.generate, name="generate"),
    path("<int:year>/<str:scope>/save/", views.save, name="save"),
    path("<int:year>/<str:scope>/publish/", views.publish, name="publish"),
    path("<int:year>/<str:scope>/report.pdf", views.download_pdf, name="pdf"),
    path("<int:year>/<str:scope>/report.xlsx", views.download_xlsx, name="xlsx"),
]
