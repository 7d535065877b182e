"""The challenge without JavaScript, and the abuse checks: sensitive words, repeats, rate limits."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core import signing
from django.test import RequestFactory

from gongkai.lib import abuse, challenge


@pytest.fixture(autouse=True)
def own_cache(settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                                   "LOCATION": str(tmp_path / "cache")}}


def solve(question: str) -> int:
    """What a person reads: 十二加七等于几？ → 19."""
    from gongkai.lib.zh.numerals import cn_to_int

    m = re.search(r"：(.+?)(加|减)(.+?)等于几", question)
    a, b = cn_to_int(m.group(1)), cn_to_int(m.group(3))
    return a + b if m.group(2) == "加" else a - b


def request(ip: str = "203.0.113.7", user=None):
    r = RequestFactory().post("/", REMOTE_ADDR=ip)
    r.user = user or AnonymousUser()
    return r


@pytest.mark.parametrize(("n", "words"), [(0, "零"), (7, "七"), (10, "十"), (12, "十二"), (40, "四十"), (58, "五十八")])
def test_numbers_are_written_in_words(n, words):
    assert challenge.in_words(n) == words


def test_the_question_is_text_and_the_answer_is_not_in_the_token():
    c = challenge.issue(request())
    assert re.search(r"[一二三四五六七八九十]+(加|减)[一二三四五六七八九十]+等于几？", c.question)
    payload = signing.loads(c.token, salt="gongkai.lib.challenge")
    assert set(payload) == {"n", "h"} and len(payload["h"]) >= 40  # a nonce and an HMAC only


def test_a_right_answer_passes_once_in_digits_or_words():
    c = challenge.issue(request())
    assert challenge.verify(request(), c.token, f" {solve(c.question)} ")
    assert not challenge.verify(request(), c.token, str(solve(c.question)))  # used
    c = challenge.issue(request())
    assert challenge.verify(request(), c.token, challenge.in_words(solve(c.question)))


def test_a_wrong_answer_uses_the_token_up():
    c = challenge.issue(request())
    right = solve(c.question)
    assert not challenge.verify(request(), c.token, str(right + 1))
    assert not challenge.verify(request(), c.token, str(right))


@pytest.mark.parametrize("token", ["", "nonsense", signing.dumps({"n": "x"}, salt="other")])
def test_forged_or_empty_tokens_fail(token):
    assert not challenge.verify(request(), token, "3")


def test_an_expired_token_fails(settings, monkeypatch):
    c = challenge.issue(request())
    settings.CHALLENGE_MAX_AGE = 60
    later = time.time() + 120
    monkeypatch.setattr(time, "time", lambda: later)
    assert not challenge.verify(request(), c.token, str(solve(c.question)))


def test_sensitive_words_are_found_through_width_traditional_and_spacing():
    assert abuse.sensitive_words("有人在这里 網 賭，还能代开发票。") == ["代开发票", "网赌"]
    assert abuse.sensitive_words("建议增设公交线路") == []


def test_the_configured_file_adds_words(settings, tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# 本站增加\n违章停车罚款代缴\n\n", encoding="utf-8")
    settings.SENSITIVE_WORDS_FILE = str(words)
    assert abuse.sensitive_words("提供违章停车罚款代缴服务") == ["违章停车罚款代缴"]
    settings.SENSITIVE_WORDS_FILE = str(tmp_path / "missing.txt")
    assert abuse.sensitive_words("提供违章停车罚款代缴服务") == []  # the default list still runs
    assert abuse.sensitive_words("网赌") == ["网赌"]


def test_a_repeat_within_the_window_is_a_duplicate_and_kinds_are_separate():
    assert not abuse.is_duplicate("letter", "小区门口路灯坏了，请尽快修理。")
    assert abuse.is_duplicate("letter", "小区门口 路灯坏了 请尽快修理")
    assert not abuse.is_duplicate("comment", "小区门口路灯坏了，请尽快修理。")
    assert not abuse.is_duplicate("letter", "另一封信")
    assert not abuse.is_duplicate("letter", "   ")


def test_rate_limit_per_network_counts_and_then_asks_to_wait(settings):
    settings.ABUSE_PER_NETWORK = 2
    assert abuse.rate_limited(request(), "letters") is None
    assert abuse.rate_limited(request(), "letters") is None
    wait = abuse.rate_limited(request(), "letters")
    assert wait and 0 < wait <= settings.ABUSE_WINDOW
    assert abuse.rate_limited(request("198.51.100.1"), "letters") is None  # another network
    assert abuse.rate_limited(request(), "comments") is None  # another scope


def test_ipv6_addresses_of_one_network_share_a_limit(settings):
    settings.ABUSE_PER_NETWORK = 1
    assert abuse.rate_limited(request("2001:db8:1:2::1"), "letters") is None
    assert abuse.rate_limited(request("2001:db8:1:2::99"), "letters")


@pytest.mark.django_db
def test_rate_limit_per_account_follows_the_reader_across_networks(settings):
    settings.ABUSE_PER_ACCOUNT = 1
    user = User.objects.create_user("reader@example.cn")
    assert abuse.rate_limited(request("203.0.113.1", user), "letters") is None
    assert abuse.rate_limited(request("203.0.113.2", user), "letters")
    assert abuse.rate_limited(request("203.0.113.3"), "letters") is None
