"""Addresses of pages named by ids (a document, its print page, an attachment), reversed once per
language and then filled in: a document page links a dozen of them, and Django's reverse() walks the
URL patterns for each."""

from __future__ import annotations

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Stands for each id while reversing; digits, so that it matches an <int:…> converter, and long
# enough never to occur in the rest of an address.
STAND_IN = 987654321987654
_patterns: dict[tuple[object, ...], tuple[str, ...]] = {}


def address(name: str, *ids: int) -> str:
    """reverse(name, args=ids) for integer ids."""
    key = (name, len(ids), get_language(), get_urlconf(), get_script_prefix())
    parts = _patterns.get(key)
    if parts is None:
        stand_ins = [STAND_IN + n for n in range(len(ids))]
        text = reverse(name, args=stand_ins)
        for n in range(len(ids)):
            text = text.replace(str(stand_ins[n]), f"\0{n}\0")
        parts = _patterns[key] = tuple(text.split("\0"))
    # parts alternate: literal, index, literal, index, …, literal
    return "".join(str(ids[int(part)]) if n % 2 else part for n, part in enumerate(parts))
