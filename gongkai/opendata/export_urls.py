"""The routes the bulk files link to, for reversing them without the site's URLconf.

Loading gongkai.urls imports every view and what they import (the PDF renderer, the API schema, the
importer), about 50 MB and 4 s, which a timer's export has no use for. The patterns here are the
site's own; tests/test_bulk_export.py checks that both reverse to the same addresses."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path


def _never(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404  # only for reversing


portal = ([path("xxgk/<int:document_id>/", _never, name="document"),
           path("xxgk/<int:document_id>/pdf/", _never, name="document_pdf")], "portal")
minutes = ([path("dept/<int:agency_id>/", _never, name="department")], "minutes")
urlpatterns = [path("", include(portal)), path("decisions/", include(minutes))]
