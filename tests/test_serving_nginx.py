"""deploy/nginx.conf in front of the application: nginx serves kept pages from their files, passes
everything else (and every reader whose page differs) to the application, and a change is seen at
once. Runs Debian's nginx on loopback against the live test server."""

from __future__ import annotations

import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.pages import free_port, nginx_config, wait_for
from gongkai.catalog import actions
from tests import factories as f
from tests.conftest import IN_CI

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def front(live_server, transactional_db, settings, tmp_path):
    if not Path(NGINX).exists():
        if IN_CI:
            pytest.fail("nginx is missing, and CI must not skip")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    settings.PAGE_CACHE_DIR = tmp_path / "pages"
    workdir = tmp_path / "nginx"
    (workdir / "static-copy").mkdir(parents=True)
    port = free_port()
    config = workdir / "nginx.conf"
    app = live_server.url.removeprefix("http://")
    config.write_text(nginx_config(tmp_path, app, port, free_port(), workdir), encoding="utf-8")
    subprocess.run([NGINX, "-p", str(workdir), "-c", str(config)], check=True, capture_output=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/offline/", 15)
        yield f"http://127.0.0.1:{port}"
    finally:
        subprocess.run([NGINX, "-p", str(workdir), "-c", str(config), "-s", "stop"], capture_output=True)


def get(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), ""


def from_django(headers: dict[str, str]) -> bool:
    return "Cross-Origin-Opener-Policy" in headers  # Django's SecurityMiddleware; nginx adds none


def test_nginx_serves_kept_pages_and_a_change_at_once(front):
    doc = f.document(f.agency(), "关于青山县公共阅览室开放时间的通知")
    url = f"{front}/xxgk/{doc.pk}/"
    status, headers, first = get(url)
    assert status == 200 and from_django(headers)  # rendered and kept
    status, headers, again = get(url)
    assert status == 200 and not from_django(headers) and again == first  # the file, by nginx
    assert get(url, **{"If-None-Match": headers["ETag"]})[0] == 304
    actions.update_document(None, doc, {"title": "关于青山县公共阅览室延长开放时间的通知"}, system=True)
    assert "延长开放时间" in get(url)[2]


def test_readers_whose_page_differs_reach_the_application(front):
    doc = f.document(f.agency(), "关于清河区图书馆夜间开放的通知")
    url = f"{front}/xxgk/{doc.pk}/"
    get(url)
    for cookie in ("sessionid=abc", "a11y_contrast=high", "gongkai_language=en"):
        status, headers, _ = get(url, Cookie=cookie)
        assert status == 200 and from_django(headers), cookie
    assert not from_django(get(url, Cookie="a11y_contrast=normal; gongkai_language=zh-hans")[1])
    assert from_django(get(f"{url}?utm=1")[1])


def test_static_files_fall_back_to_the_application_before_collectstatic(front):
    status, _, body = get(f"{front}/static/gongkai/site.js")
    assert status == 200 and "reader/state.json" in body
