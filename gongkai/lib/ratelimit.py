"""Counting failed attempts in Django's cache, so that sign-in cannot be guessed at speed.

Each failure takes one of `attempts` slots with `cache.add`, which is atomic on Redis and close to it
on the file cache, and each slot expires on its own after `window` seconds: a sliding window that
needs no read-modify-write (the file cache's `incr` would also reset the expiry to the default).
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    scope: str
    attempts: int
    window: int  # seconds


def _slots(limit: Limit, ident: str) -> list[str]:
    # Hashed, so that e-mail addresses and IPs never appear in cache keys or file names.
    key = hashlib.sha256(ident.strip().lower().encode()).hexdigest()[:32]
    return [f"ratelimit:{limit.scope}:{key}:{i}" for i in range(limit.attempts)]


def retry_after(limit: Limit, ident: str, now: float | None = None) -> int:
    """Seconds until `ident` may try again; 0 when it may try now."""
    stamps = [v for v in cache.get_many(_slots(limit, ident)).values() if isinstance(v, (int, float))]
    if len(stamps) < limit.attempts:
        return 0
    now = time.time() if now is None else now
    return max(math.ceil(min(stamps) + limit.window - now), 0)


def hit(limit: Limit, ident: str) -> None:
    """Count one failure."""
    now = time.time()
    for key in _slots(limit, ident):
        if cache.add(key, now, timeout=limit.window):
            return


def clear(limit: Limit, ident: str) -> None:
    cache.delete_many(_slots(limit, ident))
