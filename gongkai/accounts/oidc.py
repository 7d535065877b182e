"""Staff sign-in through a provincial 统一身份认证 (OpenID Connect, mozilla-django-oidc).

Off unless GONGKAI_OIDC_CLIENT_ID and the provider's endpoints are set. The provider vouches for a
person; it does not make them staff here: the claim named by GONGKAI_OIDC_CLAIM (e-mail or
username) must match an active staff account, and an unknown person gets an account only when
GONGKAI_OIDC_CREATE_STAFF allows it, with no role until the disclosure office gives one.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from gongkai.accounts.audit import record

log = logging.getLogger(__name__)
CLOCK_SKEW = 120  # seconds of disagreement between our clock and the provider's


def configured() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The signature and nonce (checked by the library), then audience, expiry and issuer."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id_token is for another client")
        if not isinstance(payload.get("exp"), (int, float)) or payload["exp"] + CLOCK_SKEW < time.time():
            raise SuspiciousOperation("id_token has expired")
        issuer = getattr(settings, "OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("id_token is from another issuer")
        return payload

    def _claim(self, claims: dict[str, Any]) -> str:
        value = claims.get(settings.OIDC_STAFF_CLAIM)
        return value.strip() if isinstance(value, str) else ""

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        if not self._claim(claims):
            return False
        # An address the provider has not verified names nobody in particular.
        return not (settings.OIDC_STAFF_CLAIM == "email" and claims.get("email_verified") is False)

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Any]:
        users = get_user_model().objects.filter(is_staff=True, is_active=True)
        value = self._claim(claims)
        if not value:
            return users.none()
        if settings.OIDC_STAFF_CLAIM == "email":
            return users.filter(email__iexact=value)
        return users.filter(username=value)

    def create_user(self, claims: dict[str, Any]) -> Any:
        """Only with GONGKAI_OIDC_CREATE_STAFF: a staff account with no role and no password."""
        value = self._claim(claims)
        username = value if settings.OIDC_STAFF_CLAIM == "preferred_username" else self.get_username(claims)
        user = get_user_model().objects.create_user(username, email=claims.get("email", ""), is_staff=True)
        record(user, "staff_created_by_oidc", user, f"统一身份认证首次登录，新建工作人员账户 {username}（尚无角色）")
        return user

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        return user  # the provider does not manage our staff records


class StaffSignInRequest(OIDCAuthenticationRequestView):
    pass


class StaffCallback(OIDCAuthenticationCallbackView):
    @property
    def success_url(self) -> str:
        return self.request.session.get("oidc_login_next") or reverse("admin:index")

    @property
    def failure_url(self) -> str:
        return reverse("admin:login")

    def get(self, request: HttpRequest) -> HttpResponse:
        # A forged, replayed or foreign answer: refused like any failed sign-in, with the reason logged.
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException) as exc:
            log.warning("统一身份认证 sign-in refused: %s", exc)
            return self.login_failure()

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        record(self.user, "signin_oidc", self.user, f"通过{settings.OIDC_PROVIDER_NAME}登录后台")
        return response

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, f"{settings.OIDC_PROVIDER_NAME}登录未成功：没有与该身份对应的工作人员账户，"
                                     "或登录已过期、认证服务暂不可用。请重试或联系政务公开办。")
        return super().login_failure()
