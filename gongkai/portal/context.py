"""What every public page needs: the site's identity, footer and columns."""

from __future__ import annotations

from django.http import HttpRequest

from gongkai.catalog.models import SiteSettings


def site(request: HttpRequest) -> dict[str, object]:
    return {"site": SiteSettings.get()}
