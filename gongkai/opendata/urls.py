from django.urls import path

from gongkai.opendata import ckan, manners
from gongkai.opendata.api import api

manners.describe(api)  # Link, ETag, CORS, 429 and the CKAN actions in /api/openapi.json

urlpatterns = [
    # CKAN's Action API: /api/3/action/<name> and /api/action/<name>, the path `ckanapi` calls.
    path("3/action/<str:name>", ckan.action, name="ckan_action"),
    path("action/<str:name>", ckan.action, name="ckan_action_unversioned"),
    path("", api.urls),
]
