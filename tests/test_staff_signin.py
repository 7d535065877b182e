"""Staff sign-in: limits on /admin/login/ and password-reset mail, the TOTP second factor, 统一身份认证
(OpenID Connect against a provider the tests start), and roles that carry their admin permissions."""

from __future__ import annotations

import hashlib
import hmac
import struct
import time

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import roles
from gongkai.accounts.models import AuditEntry, Membership
from gongkai.catalog.models import SiteSettings
from tests import factories as f
from tests.oidc_provider import Provider

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def own_cache(settings, tmp_path):
    """Rate limits live in the cache: each test counts in a cache of its own; a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                                   "LOCATION": str(tmp_path / "cache")}}


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def admin_login(client, username: str, password: str, ip: str = "192.0.2.10"):
    return client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=ip)


# --- /admin/login/ limits ------------------------------------------------------------------------

def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client):
    f.staff("clerk", f.agency())
    for _ in range(30):
        admin_login(client, "clerk", "wrong password")
    response = admin_login(client, "clerk", PASSWORD)
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode() and "请 15 分钟后再试" in response.content.decode()
    assert not signed_in(client)
    lockout = AuditEntry.objects.filter(action="signin_locked_out", object_id="clerk").first()
    assert lockout is not None and lockout.detail["ip_address"] == "192.0.2.10"


def test_an_account_stays_locked_when_the_guesses_come_from_many_addresses(client):
    f.staff("clerk", f.agency())
    for n in range(6):
        admin_login(client, "clerk", "wrong password", ip=f"198.51.100.{n + 1}")
    response = admin_login(client, "clerk", PASSWORD, ip="203.0.113.7")
    assert response.status_code == 429 and not signed_in(client)


def test_one_network_guessing_many_accounts_is_stopped_for_every_account(client):
    f.staff("publisher", f.agency())
    for n in range(6):
        admin_login(client, f"nobody{n}", "wrong password", ip="192.0.2.99")
    response = admin_login(client, "publisher", PASSWORD, ip="192.0.2.99")
    assert response.status_code == 429 and not signed_in(client)
    # The same account from another network is not locked: only that network is.
    assert admin_login(client, "publisher", PASSWORD, ip="192.0.2.100").status_code == 302
    assert signed_in(client)


def test_readers_failed_sign_ins_do_not_lock_staff_out_of_the_admin(client):
    f.staff("clerk", f.agency())
    for n in range(8):
        client.post(reverse("accounts:login"), {"email": f"reader{n}@example.cn", "password": "wrong password"},
                    REMOTE_ADDR="192.0.2.77")
    assert admin_login(client, "clerk", PASSWORD, ip="192.0.2.77").status_code == 302


def test_a_few_mistakes_do_not_lock_anyone_out(client):
    f.staff("clerk", f.agency())
    for _ in range(3):
        assert admin_login(client, "clerk", "wrong password").status_code == 200
    assert admin_login(client, "clerk", PASSWORD).status_code == 302 and signed_in(client)


def test_twenty_reset_mails_to_one_address_in_a_burst_send_only_a_few(client, mailoutbox):
    User.objects.create_user("citizen@example.cn", "citizen@example.cn", PASSWORD)
    statuses = [client.post(reverse("accounts:password_reset"), {"email": "citizen@example.cn"},
                            REMOTE_ADDR=f"198.51.100.{n + 1}").status_code for n in range(20)]
    assert len(mailoutbox) <= 3
    assert statuses[:3] == [302, 302, 302] and set(statuses[3:]) == {429}
    refused = client.post(reverse("accounts:password_reset"), {"email": "citizen@example.cn"})
    assert "发送过于频繁" in refused.content.decode()


def test_reset_mails_from_one_network_are_limited_whatever_the_address(client, mailoutbox):
    for n in range(20):
        User.objects.create_user(f"r{n}@example.cn", f"r{n}@example.cn", PASSWORD)
        client.post(reverse("accounts:password_reset"), {"email": f"r{n}@example.cn"}, REMOTE_ADDR="192.0.2.50")
    assert len(mailoutbox) == 10


# --- TOTP second factor --------------------------------------------------------------------------

def totp_now(key: bytes, at: float | None = None) -> str:
    """RFC 6238, written out here so the test does not trust the library it checks."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def test_without_the_setting_staff_reach_the_admin_with_a_password(client, settings):
    settings.STAFF_OTP_REQUIRED = False
    client.force_login(f.staff("clerk", f.agency()))
    assert client.get("/admin/").status_code == 200


def test_required_second_factor_enrols_with_a_qr_code_and_a_computed_code(client, settings):
    settings.STAFF_OTP_REQUIRED = True
    clerk = f.staff("clerk", f.agency())
    client.force_login(clerk)
    response = client.get("/admin/catalog/document/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:otp"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html and "绑定身份验证器" in html
    device = TOTPDevice.objects.get(user=clerk, confirmed=False)
    done = client.post(reverse("staff:otp"), {"token": totp_now(device.bin_key), "next": "/admin/catalog/document/"})
    assert done.status_code == 302 and done["Location"] == "/admin/catalog/document/"
    assert TOTPDevice.objects.get(user=clerk).confirmed
    assert client.get("/admin/catalog/document/").status_code == 200
    assert AuditEntry.objects.filter(action="otp_enrolled", actor=clerk).exists()


def test_a_wrong_code_leaves_the_admin_closed(client, settings):
    settings.STAFF_OTP_REQUIRED = True
    clerk = f.staff("clerk", f.agency())
    device = TOTPDevice.objects.create(user=clerk, name="手机", confirmed=True)
    client.force_login(clerk)
    wrong = f"{(int(totp_now(device.bin_key)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("staff:otp"), {"token": wrong, "next": "/admin/"})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_an_enrolled_person_gives_a_code_after_the_password(client, settings):
    settings.STAFF_OTP_REQUIRED = True
    clerk = f.staff("clerk", f.agency())
    device = TOTPDevice.objects.create(user=clerk, name="手机", confirmed=True)
    assert admin_login(client, "clerk", PASSWORD).status_code == 302
    page = client.get(reverse("staff:otp"))
    assert "输入验证码" in page.content.decode() and "data:image" not in page.content.decode()
    assert client.post(reverse("staff:otp"), {"token": totp_now(device.bin_key)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_code_page_is_for_staff_only(client, settings):
    settings.STAFF_OTP_REQUIRED = True
    client.force_login(User.objects.create_user("citizen@example.cn", "citizen@example.cn", PASSWORD))
    assert client.get(reverse("staff:otp")).status_code == 403


# --- 统一身份认证 (OpenID Connect) -----------------------------------------------------------------

@pytest.fixture
def provider(settings):
    with Provider() as op:
        found = requests.get(f"{op.url}/.well-known/openid-configuration", timeout=5).json()
        settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = op.client_id, op.client_secret
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = found["authorization_endpoint"]
        settings.OIDC_OP_TOKEN_ENDPOINT = found["token_endpoint"]
        settings.OIDC_OP_USER_ENDPOINT = found["userinfo_endpoint"]
        settings.OIDC_OP_JWKS_ENDPOINT = found["jwks_uri"]
        settings.OIDC_OP_ISSUER = found["issuer"]
        settings.OIDC_PROXY = {"http": None, "https": None}
        settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "gongkai.accounts.oidc.StaffOIDCBackend"]
        yield op


def sign_in_with_provider(client):
    """The browser's round trip: our login link, the provider's redirect back, our callback."""
    start = client.get(reverse("staff:oidc_login") + "?next=/admin/")
    assert start.status_code == 302
    session = requests.Session()
    session.trust_env = False
    back = session.get(start["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302
    callback = back.headers["Location"].removeprefix("http://testserver")
    return client.get(callback)


def test_a_staff_member_signs_in_through_the_provider_by_email(client, provider):
    clerk = f.staff("clerk", f.agency())
    clerk.email = "Clerk@Example.cn"
    clerk.save()
    response = sign_in_with_provider(client)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(clerk.pk)
    assert AuditEntry.objects.filter(action="signin_oidc", actor=clerk).exists()


def test_the_username_claim_can_name_the_account(client, provider, settings):
    settings.OIDC_STAFF_CLAIM = "preferred_username"
    publisher = f.staff("publisher", f.agency(), Membership.PUBLISHER)
    provider.person = {"sub": "u-2", "preferred_username": "publisher"}
    sign_in_with_provider(client)
    assert client.session["_auth_user_id"] == str(publisher.pk)


def test_an_unknown_person_gets_no_account_unless_the_setting_allows(client, provider, settings):
    provider.person = {"sub": "u-3", "email": "stranger@example.cn", "email_verified": True}
    response = sign_in_with_provider(client)
    assert response.status_code == 302 and response["Location"] == reverse("admin:login")
    assert not signed_in(client) and not User.objects.filter(email="stranger@example.cn").exists()
    assert "没有与该身份对应的工作人员账户" in client.get(reverse("admin:login")).content.decode()

    settings.OIDC_CREATE_USER = True
    sign_in_with_provider(client)
    created = User.objects.get(email="stranger@example.cn")
    assert created.is_staff and not created.is_superuser and not created.groups.exists()
    assert client.session["_auth_user_id"] == str(created.pk)


def test_a_citizen_with_the_same_address_is_not_made_staff(client, provider):
    User.objects.create_user("citizen", "clerk@example.cn", PASSWORD)  # not staff
    sign_in_with_provider(client)
    assert not signed_in(client)


def test_a_token_for_another_client_is_refused(client, provider):
    f.staff("clerk", f.agency()).__class__.objects.filter(username="clerk").update(email="clerk@example.cn")
    provider.audience = "someone-else"
    response = sign_in_with_provider(client)
    assert response.status_code == 302 and response["Location"] == reverse("admin:login")
    assert not signed_in(client)


def test_a_token_signed_by_another_key_is_refused(client, provider):
    f.staff("clerk", f.agency()).__class__.objects.filter(username="clerk").update(email="clerk@example.cn")
    genuine = provider.key
    provider.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # signs; JWKS still shows...
    provider.jwks = lambda: Provider.jwks_of(genuine, provider.kid)  # ...the genuine public key
    response = sign_in_with_provider(client)
    assert response.status_code == 302 and response["Location"] == reverse("admin:login")
    assert not signed_in(client)


def test_a_provider_that_does_not_answer_is_a_failed_sign_in(client, provider, settings):
    f.staff("clerk", f.agency()).__class__.objects.filter(username="clerk").update(email="clerk@example.cn")
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens on the discard port
    response = sign_in_with_provider(client)
    assert response.status_code == 302 and response["Location"] == reverse("admin:login")
    assert not signed_in(client)


def test_without_configuration_there_is_no_provider_sign_in(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert client.get(reverse("staff:oidc_login")).status_code == 404
    assert "统一身份认证" not in client.get(reverse("admin:login")).content.decode()


def test_the_login_page_offers_the_provider_when_configured(client, provider):
    assert "使用统一身份认证登录" in client.get(reverse("admin:login")).content.decode()


# --- roles and their admin permissions -----------------------------------------------------------

def perms_of(role: str) -> set[str]:
    group = Group.objects.get(name=roles.GROUP_NAMES[role])
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_each_role_group_carries_exactly_its_permissions():
    for role in (Membership.CLERK, Membership.PUBLISHER, Membership.OFFICE):
        assert perms_of(role) == {p for p in roles.PERMISSIONS[role] if p in all_permissions()}
    assert "catalog.change_document" in perms_of(Membership.CLERK)
    assert "catalog.change_sitesettings" not in perms_of(Membership.CLERK)
    assert "catalog.change_sitesettings" in perms_of(Membership.OFFICE)


def all_permissions() -> set[str]:
    from django.contrib.auth.models import Permission

    return {f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")}


def test_a_membership_gives_its_roles_permissions_and_a_role_change_moves_them():
    user = User.objects.create_user("newcomer", password=PASSWORD, is_staff=True)
    membership = Membership.objects.create(user=user, agency=f.agency(), role=Membership.CLERK)
    user = User.objects.get(pk=user.pk)  # permissions are cached on the instance
    assert user.has_perm("catalog.change_document") and not user.has_perm("catalog.change_sitesettings")
    membership.role = Membership.OFFICE
    membership.save()
    user = User.objects.get(pk=user.pk)
    assert user.has_perm("catalog.change_sitesettings")
    assert set(user.groups.values_list("name", flat=True)) == {"政务公开办"}
    membership.delete()
    assert not User.objects.get(pk=user.pk).groups.exists()


def test_a_clerk_with_every_catalog_permission_cannot_change_site_settings(client):
    from django.contrib.auth.models import Permission

    clerk = f.staff("clerk", f.agency())
    clerk.user_permissions.add(*Permission.objects.filter(content_type__app_label="catalog"))
    site = SiteSettings.get()
    client.force_login(clerk)
    assert client.get(reverse("admin:catalog_sitesettings_change", args=[site.pk])).status_code == 403
    response = client.post(reverse("admin:catalog_sitesettings_change", args=[site.pk]), {"site_name": "改掉"})
    assert response.status_code == 403
    assert SiteSettings.objects.get(pk=site.pk).site_name != "改掉"


def test_the_disclosure_office_changes_site_settings(client):
    office = f.staff("office", f.agency(), Membership.OFFICE)
    client.force_login(office)
    site = SiteSettings.get()
    assert client.get(reverse("admin:catalog_sitesettings_change", args=[site.pk])).status_code == 200


def test_only_the_office_grants_roles(client):
    clerk = f.staff("clerk", f.agency())
    clerk.user_permissions.add(*__import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects.filter(
        content_type__app_label="accounts"))
    client.force_login(clerk)
    membership = Membership.objects.get(user=clerk)
    response = client.post(reverse("admin:accounts_membership_change", args=[membership.pk]),
                           {"user": clerk.pk, "agency": membership.agency_id, "role": Membership.OFFICE})
    assert response.status_code == 403
    assert Membership.objects.get(pk=membership.pk).role == Membership.CLERK
