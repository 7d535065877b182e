"""Authentication backends of staff sign-in (see settings.AUTHENTICATION_BACKENDS)."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class SignInLimitBackend(AxesStandaloneBackend):
    """django-axes' check, for web sign-ins only.

    A call without a request (a management command, `Client.login` in tests) is not a sign-in from
    the network, so there is nothing to count; axes itself would refuse such calls outright.
    """

    def authenticate(self, request: HttpRequest | None, username: str | None = None,  # type: ignore[override]
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
