"""个人中心 accounts: registration, the confirmation link, sign-in limits, sign-out, password reset."""

from __future__ import annotations

import json
import re
import time

import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.lib import ratelimit
from gongkai.readers import actions, confirmation
from gongkai.readers.models import Reader
from gongkai.readers.views import LOGIN_PER_EMAIL, LOGIN_PER_IP

pytestmark = pytest.mark.django_db

PASSWORD = "青禾 reading lamp 42"


@pytest.fixture(autouse=True)
def own_cache(settings, tmp_path):
    """The file cache the project uses, in a directory of this test's own; a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                                   "LOCATION": str(tmp_path / "cache")}}


def citizen(email: str = "citizen@example.cn", confirmed: bool = True) -> User:
    user = User.objects.create_user(email, email=email, password=PASSWORD, is_active=confirmed)
    Reader.objects.create(user=user, confirmed_at=user.date_joined if confirmed else None)
    return user


def register(client, email="Li.Ming@Example.cn", password=PASSWORD, again=None):
    return client.post(reverse("accounts:register"),
                       {"email": email, "password1": password, "password2": again or password})


def link_in(body: str) -> str:
    return re.search(r"https?://\S+", body).group(0)


def test_registration_creates_an_inactive_account_and_mails_a_confirmation_link(
        client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:register_done")
    user = User.objects.get()
    assert (user.username, user.email, user.is_active) == ("li.ming@example.cn", "li.ming@example.cn", False)
    assert Reader.objects.get(user=user).confirmed_at is None
    assert AuditEntry.objects.filter(action="reader.register", actor=user).exists()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["li.ming@example.cn"]
    assert "/accounts/confirm/" in link_in(mailoutbox[0].body)
    assert "li.ming@example.cn" in client.get(response["Location"]).content.decode()


def test_a_registered_address_is_refused_with_a_clear_message_whatever_its_case(client, mailoutbox):
    citizen("li.ming@example.cn")
    response = register(client, email="LI.MING@example.cn")
    page = response.content.decode()
    assert response.status_code == 200
    assert "该电子邮箱已经注册" in page
    assert 'value="LI.MING@example.cn"' in page  # what was typed is kept …
    assert PASSWORD not in page  # … except the password
    assert User.objects.count() == 1 and mailoutbox == []


def test_a_weak_password_is_refused_and_the_form_keeps_the_address(client):
    response = register(client, email="wang@example.cn", password="12345678")
    page = response.content.decode()
    assert response.status_code == 200 and not User.objects.exists()
    assert 'value="wang@example.cn"' in page and "12345678" not in page
    # The error is announced and tied to its input.
    assert 'aria-describedby="id_password1_helptext id_password1_error"' in page
    assert 'id="id_password1_error"' in page and 'role="alert"' in page


def test_mismatched_passwords_are_refused(client):
    response = register(client, email="wang@example.cn", again="another 青禾 phrase 43")
    assert "两次输入的密码不一致" in response.content.decode() and not User.objects.exists()


def test_the_confirmation_link_asks_then_activates_the_account(client):
    user = citizen("zhao@example.cn", confirmed=False)
    url = reverse("accounts:confirm", args=[confirmation.make_token(user)])
    assert client.get(url).status_code == 200
    user.refresh_from_db()
    assert not user.is_active  # opening the link (a mail scanner might) changes nothing
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.is_active and user.reader.confirmed_at is not None
    assert AuditEntry.objects.filter(action="reader.confirm").count() == 1
    client.post(url)
    assert AuditEntry.objects.filter(action="reader.confirm").count() == 1  # a second click is a no-op
    signed_in = client.post(reverse("accounts:login"), {"email": "zhao@example.cn", "password": PASSWORD})
    assert signed_in.status_code == 302


def test_a_tampered_confirmation_link_is_refused(client):
    user = citizen("zhao@example.cn", confirmed=False)
    other = citizen("qian@example.cn", confirmed=False)
    token = confirmation.make_token(user)
    # Forge the payload (the other account's id and address) and keep the original signature.
    payload, signature = token.split(":", 1)
    forged_payload = signing.b64_encode(
        json.dumps({"u": other.pk, "e": other.email}, separators=(",", ":")).encode()
    ).decode()
    forged = f"{forged_payload}:{signature}"
    assert forged != token
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "nonsense"):
        assert client.post(reverse("accounts:confirm", args=[bad])).status_code == 404
    user.refresh_from_db()
    other.refresh_from_db()
    assert not user.is_active and not other.is_active


def test_an_expired_confirmation_link_offers_a_new_one(client, monkeypatch):
    user = citizen("zhao@example.cn", confirmed=False)
    four_days_ago = time.time() - 4 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: four_days_ago)
    token = confirmation.make_token(user)
    monkeypatch.undo()
    response = client.post(reverse("accounts:confirm", args=[token]))
    assert response.status_code == 410 and "已过期" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_a_link_stops_working_when_the_address_changes(client):
    user = citizen("zhao@example.cn", confirmed=False)
    token = confirmation.make_token(user)
    user.email = "zhao2@example.cn"
    user.save()
    assert client.post(reverse("accounts:confirm", args=[token])).status_code == 404


def test_resending_says_the_same_whether_or_not_the_address_exists(
        client, mailoutbox, django_capture_on_commit_callbacks):
    citizen("zhao@example.cn", confirmed=False)
    citizen("done@example.cn", confirmed=True)
    answers = []
    for email in ("zhao@example.cn", "nobody@example.cn", "done@example.cn"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("accounts:confirm_resend"), {"email": email}, follow=True)
        answers.append(re.findall("如果该邮箱已注册且尚未确认[^<]*", response.content.decode()))
    assert answers[0] == answers[1] == answers[2] != []
    assert [m.to for m in mailoutbox] == [["zhao@example.cn"]]


def login(client, email="citizen@example.cn", password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"email": email, "password": password}, **extra)


def test_sign_in_with_the_address_in_any_case_goes_to_the_center(client):
    citizen()
    response = login(client, email=" Citizen@Example.CN ")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:center")
    assert client.get(reverse("accounts:center")).status_code == 200


def test_a_wrong_password_keeps_the_address_but_not_the_password(client):
    citizen()
    response = login(client, password="not the password")
    page = response.content.decode()
    assert response.status_code == 200 and "电子邮箱或密码不正确" in page
    assert 'value="citizen@example.cn"' in page and "not the password" not in page


def test_an_unconfirmed_account_is_told_to_confirm_and_not_counted_as_a_failure(client):
    citizen(confirmed=False)
    page = login(client).content.decode()
    assert "账户尚未激活" in page and reverse("accounts:confirm_resend") in page
    assert ratelimit.retry_after(LOGIN_PER_EMAIL, "citizen@example.cn") == 0
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_address_for_fifteen_minutes_even_with_the_right_password(client):
    citizen()
    for _attempt in range(5):
        login(client, password="guess")
    response = login(client)
    page = response.content.decode()
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "登录失败次数过多" in page and "15 分钟后再试" in page
    # Another address from another client is not affected.
    citizen("other@example.cn")
    assert login(client, email="other@example.cn", REMOTE_ADDR="10.0.0.9").status_code == 302


def test_a_successful_sign_in_resets_the_count(client):
    citizen()
    for _attempt in range(4):
        login(client, password="guess")
    assert login(client).status_code == 302
    client.post(reverse("accounts:logout"))
    for _attempt in range(4):
        login(client, password="guess")
    assert login(client).status_code == 302


def test_many_failures_from_one_ip_lock_that_ip_for_every_address(client):
    citizen()
    for n in range(LOGIN_PER_IP.attempts):
        login(client, email=f"guess{n}@example.cn", password="guess", REMOTE_ADDR="192.0.2.7")
    blocked = login(client, REMOTE_ADDR="192.0.2.7")
    assert "登录失败次数过多" in blocked.content.decode()
    assert login(client, REMOTE_ADDR="192.0.2.8").status_code == 302


def test_the_wait_counts_down_from_the_oldest_failure():
    limit = ratelimit.Limit("test-window", attempts=2, window=600)
    ratelimit.hit(limit, "x@example.cn")
    assert ratelimit.retry_after(limit, "x@example.cn") == 0
    ratelimit.hit(limit, "x@example.cn")
    now = time.time()
    assert 590 <= ratelimit.retry_after(limit, "X@example.cn ", now=now) <= 600
    assert ratelimit.retry_after(limit, "x@example.cn", now=now + 601) == 0
    ratelimit.clear(limit, "x@example.cn")
    assert ratelimit.retry_after(limit, "x@example.cn", now=now) == 0


def test_sign_in_returns_to_a_local_next_page_only(client):
    citizen()
    url = reverse("accounts:login")
    local = client.post(url, {"email": "citizen@example.cn", "password": PASSWORD, "next": "/xxgk/"})
    assert local["Location"] == "/xxgk/"
    client.post(reverse("accounts:logout"))
    away = client.post(url, {"email": "citizen@example.cn", "password": PASSWORD, "next": "https://evil.example/"})
    assert away["Location"] == reverse("accounts:center")


def test_sign_out_is_a_post(client):
    user = citizen()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_to_the_site_that_sets_a_new_password(client, mailoutbox, settings):
    settings.SITE_URL = "https://gov.example.cn"
    citizen()
    response = client.post(reverse("accounts:password_reset"), {"email": "citizen@example.cn"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_done")
    link = link_in(mailoutbox[0].body)
    assert link.startswith("https://gov.example.cn/accounts/password/reset/")
    form_page = client.get(link.removeprefix("https://gov.example.cn"), follow=True)
    assert form_page.status_code == 200
    new = "另一个 reading lamp 77"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:password_reset_complete")
    assert login(client, password=new).status_code == 302


def test_registrations_from_one_address_are_limited_and_the_form_keeps_what_was_typed(client, monkeypatch):
    from gongkai.readers import views

    monkeypatch.setattr(views, "REGISTER_PER_IP", ratelimit.Limit("register-ip-test", attempts=2, window=3600))
    assert register(client, "a1@example.cn").status_code == 302
    assert register(client, "a2@example.cn").status_code == 302
    refused = register(client, "a3@example.cn")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "注册的账户过多" in html and 'value="a3@example.cn"' in html
    assert not User.objects.filter(username="a3@example.cn").exists()


def test_a_reader_deletes_the_account_and_everything_it_holds(client):
    from gongkai.readers.models import Favourite, Subscription, Visit
    from tests import factories as f

    user = citizen("zhao@example.cn")
    doc = f.document(f.agency())
    Favourite.objects.create(user=user, document=doc)
    actions.record_visit(user, doc)
    Subscription.objects.create(user=user, agency=doc.agency)
    AuditEntry.objects.create(actor=user, action="reader.register", object_type="auth.user",
                              object_id=str(user.pk), summary="zhao@example.cn")
    client.force_login(user)
    assert "注销账户" in client.get(reverse("accounts:center")).content.decode()
    assert client.get(reverse("accounts:delete")).status_code == 200

    gone = client.post(reverse("accounts:delete"), {"password": PASSWORD, "understood": "on"})
    assert gone.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Reader.objects.filter(user_id=user.pk).exists()
    assert not Favourite.objects.exists() and not Visit.objects.exists() and not Subscription.objects.exists()
    entries = AuditEntry.objects.filter(object_type="auth.user", object_id=str(user.pk))
    assert {e.action for e in entries} == {"reader.register", "reader.delete"}
    assert not any("zhao@example.cn" in e.summary for e in entries)
    # signed out: the centre asks for a sign-in again
    assert client.get(reverse("accounts:center")).status_code == 302


def test_account_deletion_needs_the_password_and_the_tick_and_changes_nothing_otherwise(client):
    user = citizen("zhao@example.cn")
    client.force_login(user)
    for data in ({"password": "wrong password", "understood": "on"}, {"password": PASSWORD}, {}):
        page = client.post(reverse("accounts:delete"), data)
        assert page.status_code == 400 and "提交的内容有误" in page.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert not AuditEntry.objects.filter(action="reader.delete").exists()


def test_staff_accounts_are_not_deleted_from_the_reader_page(client):
    user = citizen("staff@example.cn")
    user.is_staff = True
    user.save()
    client.force_login(user)
    page = client.post(reverse("accounts:delete"), {"password": PASSWORD, "understood": "on"})
    assert page.status_code == 400 and "信息公开办公室" in page.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_needs_a_sign_in(client):
    page = client.post(reverse("accounts:delete"), {"password": PASSWORD, "understood": "on"})
    assert page.status_code == 302 and reverse("accounts:login") in page["Location"]


def test_an_empty_post_is_answered_with_the_errors_not_a_blank_form(client):
    for name in ("accounts:register", "accounts:login"):
        page = client.post(reverse(name), {})
        assert "提交的内容有误" in page.content.decode()
