"""The TOTP second factor for staff (django-otp), required when GONGKAI_STAFF_OTP_REQUIRED is set.

After the password (or 统一身份认证), a staff session that has not yet given a code is sent to one
page: it enrols an authenticator app when the person has none (a QR code to scan, then a first code
to confirm it) and asks for the current code otherwise. Only then do /admin/ and /staff/ open.
"""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable
from functools import cache
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice


def required_for(request: HttpRequest) -> bool:
    user = request.user
    if not (settings.STAFF_OTP_REQUIRED and user.is_authenticated and user.is_staff):
        return False
    return not user.is_verified()  # type: ignore[union-attr]  # set by django_otp's OTPMiddleware


class SecondFactorMiddleware:
    """Sends an unverified staff session from staff pages to the code page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The path first: asking for request.user reads the session, and a public page whose
        # session was read is never kept as a published file (gongkai.pages.middleware.impersonal).
        if _guarded(request.path) and required_for(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('staff:otp')}?{query}")
        return self.get_response(request)


@cache
def _staff_paths() -> tuple[tuple[str, ...], frozenset[str]]:
    """The staff area's prefixes and the pages in it that stay open, resolved once per process."""
    return (reverse("admin:index"), "/staff/"), frozenset({reverse("staff:otp"), reverse("admin:logout")})


def _guarded(path: str) -> bool:
    prefixes, open_paths = _staff_paths()
    return path.startswith(prefixes) and path not in open_paths


def next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse("admin:index")


def confirmed_device(user: object) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def pending_device(user: object) -> TOTPDevice:
    """The device being enrolled: kept across page loads so that the QR code stays the same."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    # An image, not inline SVG markup, so that the page needs no inline style (CSP img-src data:).
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


def secret_text(device: TOTPDevice) -> str:
    """The key as people type it into an app without a camera: base32 in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))
