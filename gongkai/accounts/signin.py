"""Limits on staff sign-in: who is counted, what a locked-out person sees, and the audit row it leaves.

django-axes counts failed /admin/login/ attempts per account and per network address (settings
AXES_*); this module gives it our idea of the client's address and records each lockout in the
audit log, where the disclosure office reads it beside every other change.
"""

from __future__ import annotations

import logging
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.accounts.models import AuditEntry

log = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: behind our proxy, gongkai.portal.middleware.TrustedProxyMiddleware has already
    # made it the visitor's address, and X-Forwarded-For from anyone else is forgeable.
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict[str, Any] | None = None) -> HttpResponse:
    """429 in the admin's frame, saying how long to wait (AXES_LOCKOUT_CALLABLE)."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    context = {**admin.site.each_context(request), "title": "登录已暂停", "minutes": minutes}
    return render(request, "accounts/locked_out.html", context, status=429)


def record_lockout(sender: Any, request: HttpRequest | None = None, username: str | None = None,
                   ip_address: str | None = None, **kwargs: Any) -> None:
    """axes.signals.user_locked_out: one audit row (no actor: nobody is signed in) and a log line."""
    log.warning("staff sign-in locked out: account %r from %s", username, ip_address)
    AuditEntry.objects.create(
        actor=None,
        action="signin_locked_out",
        object_type="auth.user",
        object_id=(username or "")[:64],
        summary=f"后台登录失败次数过多，已暂停登录：账户 {username or '（空）'}，地址 {ip_address or '（未知）'}"[:500],
        detail={"username": username or "", "ip_address": ip_address or "",
                "path": request.path if request is not None else ""},
    )


class AdminSignInHandler(AxesDatabaseHandler):
    """axes' database handler, counting admin sign-ins only.

    AXES_ONLY_ADMIN_SITE makes axes refuse only at /admin/, but it would still count readers' failed
    sign-ins (which have limits of their own) and let a reader's successful sign-in reset the count
    of the network address it came from. Sign-ins elsewhere are left to their own limits.
    """

    def user_login_failed(self, sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None,
                          **kwargs: Any) -> None:
        if request is not None and self.is_admin_request(request):
            super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
        if request is not None and self.is_admin_request(request):
            super().user_logged_in(sender, request, user, **kwargs)
