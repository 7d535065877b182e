"""Keeping spam and abuse out of what residents write: sensitive words, repeats and rate limits.

Everything here is advice to a form: the caller refuses with a clear message or holds the text for
a person (nothing a resident writes is published without a person's approval, whatever these say).

- `sensitive_words(text)`: the words of a configurable list found in a text, after folding width,
  繁體, case and spaces away (so ＡＢＣ, 繁體 forms and w o r d-style spacing still match). The list is
  a short built-in default plus, when GONGKAI_SENSITIVE_WORDS_FILE names a file, one word a line
  from it (# starts a comment); the file is re-read when it changes.
- `is_duplicate(kind, text)`: whether the same normalised text of this kind was seen within the
  window (GONGKAI_DUPLICATE_WINDOW seconds, one day by default). It *records* the text too, so call
  it last, after every other check has passed.
- `rate_limited(request, scope)`: seconds to wait, or None after counting this attempt; per account
  (signed-in readers) and per network (the IPv4 address, the /64 of an IPv6 one), each with its own
  allowance per window, using the sliding-window slots of `gongkai.lib.ratelimit`.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest

from gongkai.lib.zh.fold import fold
from gongkai.lib import ratelimit

__all__ = ["DEFAULT_WORDS", "is_duplicate", "normalize", "rate_limited", "sensitive_words", "word_list"]

# Spam a government mailbox receives, not a political list: sites add theirs through the file.
DEFAULT_WORDS: tuple[str, ...] = (
    "代开发票", "办证刻章", "六合彩", "网络赌博", "网赌", "刷单返利", "裸聊", "代孕", "枪支出售", "出售枪支",
    "冰毒", "私服外挂", "贷款无抵押秒批",
)
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """Width, 繁體 and case folded, and spaces and punctuation removed: what repeats are compared on."""
    return _NOISE.sub("", fold(text or "", lower=True))


@lru_cache(maxsize=4)
def _file_words(path: str, mtime: float) -> tuple[str, ...]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return tuple(w for line in lines if (w := line.split("#", 1)[0].strip()))


def word_list() -> tuple[str, ...]:
    """The built-in words and the configured file's, in that order, without repeats."""
    path = getattr(settings, "SENSITIVE_WORDS_FILE", "")
    extra: tuple[str, ...] = ()
    if path:
        try:
            extra = _file_words(str(path), Path(path).stat().st_mtime)
        except OSError:  # a missing file must not stop residents writing; the default list still runs
            extra = ()
    return tuple(dict.fromkeys((*DEFAULT_WORDS, *extra)))


def sensitive_words(text: str) -> list[str]:
    """The listed words `text` contains, each once, in list order."""
    haystack = normalize(text)
    if not haystack:
        return []
    return [w for w in word_list() if (needle := normalize(w)) and needle in haystack]


def is_duplicate(kind: str, text: str) -> bool:
    """True when this normalised text of `kind` was already seen within the window; records it."""
    from django.core.cache import cache

    body = normalize(text)
    if not body:
        return False
    digest = hashlib.sha256(f"{kind}\0{body}".encode()).hexdigest()[:40]
    window = int(getattr(settings, "DUPLICATE_WINDOW", 24 * 3600))
    return not cache.add(f"abuse:dup:{digest}", 1, timeout=window)


def network_of(address: str) -> str:
    """The network a visitor writes from: an IPv4 address, or the /64 of an IPv6 one."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _limits(scope: str) -> tuple[ratelimit.Limit, ratelimit.Limit]:
    window = int(getattr(settings, "ABUSE_WINDOW", 3600))
    account = int(getattr(settings, "ABUSE_PER_ACCOUNT", 10))
    network = int(getattr(settings, "ABUSE_PER_NETWORK", 20))
    return (ratelimit.Limit(f"abuse:{scope}:account", account, window),
            ratelimit.Limit(f"abuse:{scope}:network", network, window))


def rate_limited(request: HttpRequest, scope: str) -> int | None:
    """Seconds this visitor must wait before writing again in `scope`; None (and counted) otherwise."""
    by_account, by_network = _limits(scope)
    checks: list[tuple[ratelimit.Limit, str]] = [(by_network, network_of(request.META.get("REMOTE_ADDR", "")))]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        checks.append((by_account, f"user:{user.pk}"))
    wait = max(ratelimit.retry_after(limit, ident) for limit, ident in checks)
    if wait > 0:
        return wait
    for limit, ident in checks:
        ratelimit.hit(limit, ident)
    return None
