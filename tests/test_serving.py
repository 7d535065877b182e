"""`gongkai serve`: gunicorn with one worker per core, the indexer beside it, a one-line refusal when
the port is taken, and the visitor's address behind the trusted proxy."""

from __future__ import annotations

import os
import socket

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory, override_settings

from gongkai.portal.management.commands import serve
from gongkai.portal.middleware import TrustedProxyMiddleware


def test_a_taken_port_is_one_clear_line():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(CommandError) as raised:
            call_command("serve", "--port", str(port))
    message = str(raised.value)
    assert f"127.0.0.1:{port}" in message and "--port" in message and "\n" not in message


def test_workers_default_to_the_cores_and_the_options_reach_gunicorn():
    parser = serve.Command().create_parser("gongkai", "serve")
    opts = vars(parser.parse_args([]))
    assert opts["workers"] == (os.cpu_count() or 1)
    command = serve.gunicorn_command({**opts, "port": 8123, "workers": 3})
    assert command[command.index("--bind") + 1] == "127.0.0.1:8123"
    assert command[command.index("--workers") + 1] == "3" and "--preload" in command
    ipv6 = serve.gunicorn_command({**opts, "host": "::1", "port": 8123})
    assert ipv6[ipv6.index("--bind") + 1] == "[::1]:8123"


def test_no_workers_is_refused():
    with pytest.raises(CommandError, match="--workers"):
        call_command("serve", "--workers", "0")


def _remote_addr(remote: str, forwarded: str) -> str:
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    TrustedProxyMiddleware(lambda r: None)(request)
    return request.META["REMOTE_ADDR"]


@override_settings(TRUSTED_PROXY="10.0.0.2")
def test_the_visitor_behind_the_trusted_proxy_is_the_remote_address():
    assert _remote_addr("10.0.0.2", "198.51.100.7, 203.0.113.9") == "203.0.113.9"
    # Anyone else's header is forgeable and ignored.
    assert _remote_addr("203.0.113.50", "198.51.100.7") == "203.0.113.50"


@override_settings(TRUSTED_PROXY="")
def test_without_a_trusted_proxy_the_header_is_ignored():
    assert _remote_addr("10.0.0.2", "198.51.100.7") == "10.0.0.2"
