"""Configuration only from the environment; a bad value stops start-up with a line naming it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from gongkai.lib import env


def run_gongkai(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "REDIS_URL"))}
    environment.update({"GONGKAI_DATA_DIR": str(tmp_path / "data"), **extra})
    cmd = [sys.executable, "-c", "from gongkai.cli import main; main()", "check"]
    return subprocess.run(cmd, capture_output=True, text=True, env=environment, timeout=60)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("GONGKAI_DEBUG", "maybe", "GONGKAI_DEBUG='maybe' is not a boolean"),
        ("GONGKAI_EMAIL_PORT", "99999", "GONGKAI_EMAIL_PORT=99999 is out of range"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL='localhost:6379' must start with redis://"),
        ("GONGKAI_TRADITIONAL_VARIANT", "s2twp", "GONGKAI_TRADITIONAL_VARIANT='s2twp' must be one of"),
        ("GONGKAI_SECRET_KEY", "short", "GONGKAI_SECRET_KEY must be at least 32 characters"),
        ("GONGKAI_LLM_URL", "http://127.0.0.1:9/v1", "GONGKAI_LLM_MODEL is not"),
    ],
)
def test_a_bad_value_stops_start_up_with_one_clear_line(tmp_path, variable, value, message):
    result = run_gongkai(tmp_path, **{variable: value})
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_defaults_start_with_nothing_configured_and_keep_state_in_the_data_dir(tmp_path):
    result = run_gongkai(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "secret_key").exists()


def test_typed_readers(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "12")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env.env_bool("X_BOOL") is True
    assert env.env_int("X_INT", 1, minimum=1, maximum=20) == 12
    assert env.env_list("X_LIST") == ["a", "b", "c"]
    monkeypatch.setenv("X_INT", "twelve")
    with pytest.raises(ImproperlyConfigured, match="X_INT='twelve' is not a whole number"):
        env.env_int("X_INT", 1)


@pytest.mark.redis
def test_redis_cache_backend_round_trip(settings):
    """With REDIS_URL the cache is Redis; checked against the server the test run provides."""
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {url} is not reachable, and CI must test it: {exc}")
        pytest.skip(f"no Redis at {url}")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    cache = caches.create_connection("default")
    cache.set("gongkai-test", {"页": "繁體"}, 30)
    assert cache.get("gongkai-test") == {"页": "繁體"}
    cache.delete("gongkai-test")
