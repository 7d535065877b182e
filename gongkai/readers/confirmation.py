"""The mailbox-confirmation link: a signed, expiring token that names the account and its address.

The address is inside the token, so a link stops working when the account's e-mail changes; nothing
is stored, so there is nothing to clean up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from gongkai.catalog.models import SiteSettings

SALT = "gongkai.readers.confirm"
MAX_AGE = dt.timedelta(days=3)


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


@dataclass(frozen=True)
class Claim:
    user_id: int
    email: str


def make_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=SALT)


def read_token(token: str, max_age: dt.timedelta = MAX_AGE) -> Claim:
    """The account a link names; LinkExpired or LinkInvalid (tampered, truncated, wrong key) otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("e"), str):
        raise LinkInvalid
    return Claim(user_id=data["u"], email=data["e"])


def confirmation_url(user: User) -> str:
    return settings.SITE_URL + reverse("accounts:confirm", args=[make_token(user)])


def send_confirmation(user: User) -> None:
    """Mail the link; called after the registration commits, in the language the reader used."""
    site = SiteSettings.get()
    context = {"user": user, "url": confirmation_url(user), "site": site, "days": MAX_AGE.days}
    body = render_to_string("readers/confirm_email.txt", context)
    subject = translation.gettext("【%(site)s】请确认您的电子邮箱") % {"site": site.site_name}
    send_mail(subject, body, None, [user.email])
