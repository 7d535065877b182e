from django.urls import path

from gongkai.qa import views

app_name = "qa"
urlpatterns = [
    path("", views.ask, name="ask"),
]
