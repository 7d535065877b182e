"""A question a person answers to show they are one: no JavaScript, no image, no outside service.

The question is a sum written in Chinese words (三加五等于几？), so that a screen reader reads it
out as it reads any text and a keyboard user types the answer. The answer is never in the page:
the token carries a random nonce and an HMAC of nonce and answer under the site's secret, signed
with `django.core.signing` so that it expires. A token answers once (right or wrong): used nonces
are kept in the cache until the token would have expired anyway, so a script cannot replay one
solved token or try every small number against it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac

from gongkai.lib.zh.numerals import cn_to_int, int_to_cn

__all__ = ["Challenge", "issue", "max_age", "verify"]

_SALT = "gongkai.lib.challenge"


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def in_words(n: int) -> str:
    """0–99 as Chinese numerals: 7 → 七, 12 → 十二, 40 → 四十, 58 → 五十八."""
    if not 0 <= n < 100:
        raise ValueError(n)
    return int_to_cn(n)


def max_age() -> int:
    """Seconds a question stays answerable (GONGKAI_CHALLENGE_SECONDS)."""
    return int(getattr(settings, "CHALLENGE_MAX_AGE", 30 * 60))


def _mac(nonce: str, answer: int) -> str:
    return salted_hmac(_SALT, f"{nonce}:{answer}").hexdigest()


def _pick() -> tuple[str, int]:
    rng = secrets.SystemRandom()
    a, b = rng.randint(2, 20), rng.randint(1, 9)
    if rng.random() < 0.5:
        return f"{in_words(a)}加{in_words(b)}等于几？", a + b
    a = max(a, b + 1)
    return f"{in_words(a)}减{in_words(b)}等于几？", a - b


def issue(request: HttpRequest | None = None) -> Challenge:
    """A new question and the signed token that goes with it in a hidden field."""
    question, answer = _pick()
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "h": _mac(nonce, answer)}, salt=_SALT, compress=False)
    return Challenge(question=f"请计算：{question}（可填写阿拉伯数字或汉字）", token=token)


def _parse(answer: str) -> int | None:
    text = (answer or "").strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text or len(text) > 8:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    return cn_to_int(text)


def verify(request: HttpRequest | None, token: str, answer: str) -> bool:
    """True once for a right answer to an unexpired, unused token; any attempt uses the token up."""
    try:
        data = signing.loads(token or "", salt=_SALT, max_age=max_age())
        nonce, mac = str(data["n"]), str(data["h"])
    except (signing.BadSignature, KeyError, TypeError):
        return False
    if not cache.add(f"challenge:used:{nonce}", 1, timeout=max_age() + 60):
        return False
    value = _parse(answer)
    return value is not None and constant_time_compare(_mac(nonce, value), mac)
