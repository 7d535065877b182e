from django.urls import path

from gongkai.opendata.api import api

urlpatterns = [path("", api.urls)]
