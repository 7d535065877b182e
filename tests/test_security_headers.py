"""Headers and cookies: a Content-Security-Policy without 'unsafe-inline' on every page (and no inline
script or style left for it to block), Secure cookies and HSTS over HTTPS, and `check --deploy`
clean with the settings docs/deploy.md documents."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.accounts.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
# A JSON-LD block (type="application/ld+json") is data a browser never runs, so the policy does not
# apply to it; every other <script> without src would be blocked.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)


@pytest.fixture
def pages():
    ag = f.agency()
    doc = f.document(ag, "关于试行街巷保洁的通知")
    f.staff("clerk", ag, Membership.CLERK)
    return ["/", "/xxgk/", f"/xxgk/{doc.pk}/", "/search/?q=保洁", "/en/", "/zh-hant/xxgk/", "/about/",
            "/decisions/", "/ask/", "/accounts/login/", "/accounts/register/", "/accounts/password/reset/",
            "/admin/login/"]


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in header.split(";")) if d}


def test_every_page_has_a_policy_without_unsafe_inline(client, pages):
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        found = policy(response)
        assert found["script-src"] == ["'self'"] and found["style-src"] == ["'self'"], path
        assert "unsafe-inline" not in response["Content-Security-Policy"], path


def test_no_page_carries_inline_script_style_or_handlers(client, pages):
    for path in pages:
        html = client.get(path).content.decode()
        assert not INLINE.findall(html), (path, INLINE.findall(html))


def test_no_template_served_to_browsers_has_inline_script_or_style():
    # PDF templates are read by WeasyPrint only, never served as HTML, so no policy applies to them.
    templates = [p for p in (ROOT / "gongkai").rglob("templates/**/*.html") if "pdf" not in p.name]
    assert len(templates) > 20
    offending = {str(p.relative_to(ROOT)): INLINE.findall(p.read_text()) for p in templates}
    assert {k: v for k, v in offending.items() if v} == {}


def test_staff_pages_have_the_policy_too(client):
    client.force_login(f.staff("clerk", f.agency()))
    response = client.get("/admin/")
    assert response.status_code == 200 and "unsafe-inline" not in response["Content-Security-Policy"]


def test_pages_nginx_serves_from_files_carry_the_same_policy(client):
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    found = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', conf)
    assert found is not None
    in_nginx = {d.split()[0]: d.split()[1:] for d in (p.strip() for p in found.group(1).split(";")) if d}
    assert in_nginx == policy(client.get("/about/"))


def settings_under(env: dict[str, str], *names: str) -> dict[str, str]:
    """Settings as the application computes them at start-up from `env` (a fresh process)."""
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'gongkai.settings'; django.setup();"
            "from django.conf import settings as s;"
            f"print('\\n'.join(f'{{n}}={{getattr(s, n)!r}}' for n in {list(names)!r}))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=True)
    return dict(line.split("=", 1) for line in out.stdout.splitlines())


def base_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "REDIS_URL"))}
    return env | {"GONGKAI_DATA_DIR": str(tmp_path)}


def test_an_https_site_sends_secure_cookies_and_hsts(tmp_path):
    names = ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT")
    https = settings_under(base_env(tmp_path) | {"GONGKAI_SITE_URL": "https://www.example.gov.cn",
                                                 "GONGKAI_TRUSTED_PROXY": "127.0.0.1"}, *names)
    assert https == {"SESSION_COOKIE_SECURE": "True", "CSRF_COOKIE_SECURE": "True",
                     "SECURE_HSTS_SECONDS": "31536000", "SECURE_SSL_REDIRECT": "True"}
    plain = settings_under(base_env(tmp_path) | {"GONGKAI_SITE_URL": "http://127.0.0.1:8000"}, *names)
    assert plain["SESSION_COOKIE_SECURE"] == "False" and plain["SECURE_HSTS_SECONDS"] == "0"
    forced = settings_under(base_env(tmp_path) | {"GONGKAI_SITE_URL": "http://intranet", "GONGKAI_HTTPS": "1"}, *names)
    assert forced["SESSION_COOKIE_SECURE"] == "True"


def test_over_https_the_session_cookie_is_secure_and_hsts_is_sent(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    f.staff("clerk", f.agency())
    response = client.post(reverse("admin:login"), {"username": "clerk", "password": "correct horse battery"},
                           secure=True)
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] and response.cookies["sessionid"]["httponly"]
    assert response.cookies["csrftoken"]["secure"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def documented_production_env() -> dict[str, str]:
    """The variables of docs/deploy.md's first settings block, the secret filled in."""
    text = (ROOT / "docs" / "deploy.md").read_text()
    block = re.search(r"```sh\n(GONGKAI_DATA_DIR=.*?)```", text, re.S)
    assert block is not None
    env = {}
    for line in block.group(1).splitlines():
        name, _, value = line.partition("=")
        env[name.strip()] = value.split("#")[0].strip()
    assert env["GONGKAI_SITE_URL"].startswith("https://")
    env["GONGKAI_SECRET_KEY"] = secrets.token_urlsafe(50)
    return env


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    env = base_env(tmp_path) | documented_production_env() | {"GONGKAI_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env | {"DJANGO_SETTINGS_MODULE": "gongkai.settings"},
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
