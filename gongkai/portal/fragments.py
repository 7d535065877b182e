"""The parts every page shares (head assets, top bar and columns, footer), rendered once per worker.

A fragment's bytes depend only on what its key names: the language, the reader's display settings,
the page's column, the date and the site settings row (read on every request anyway). So a change of
the site settings or the day makes a new key rather than needing an invalidation; the vocabularies
and agencies appear in no fragment. The address of the page appears in the links that come back to it
(语言, 无障碍): the fragment is rendered with a stand-in address, put in its place at every use.

Not kept: a page showing a search query in the search box, and a reader offered to continue in a
remembered language (the offer links to this very page); both render as usual.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import quote, quote_plus

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

# Stands for the page's address while a fragment is rendered; made of characters that neither way of
# quoting a `next=` value changes, so that it is found again in both spellings.
STAND_IN = "/gkfragmentaddress7f3a/"
SIZE = 256  # fragments kept per worker: languages x display settings x columns, with room to spare

_kept: OrderedDict[tuple[object, ...], str] = OrderedDict()
_lock = threading.Lock()


def site_state(site: object) -> tuple[object, ...]:
    """Every value of the site settings row: a fragment showing any of them is keyed by all."""
    return tuple(value for name, value in vars(site).items() if not name.startswith("_"))


def fragment_key(name: str, request: HttpRequest, site: object, today: dt.date) -> tuple[object, ...] | None:
    """What the fragment `name` of this request depends on; None when it is not worth keeping."""
    from gongkai.pages.middleware import page_store
    from gongkai.portal.context import current_column, display_variant

    # The same for every fragment of the page: worked out once per request.
    found = getattr(request, "_fragment_key", None)
    if found is None or found[0] != (get_language(), today, id(site)):
        variant = display_variant(request)
        worth = "q" not in request.GET and "hint:" not in variant
        # The site generation too: a site-wide change of rows other than the settings (the footer's
        # marks, gongkai.columns) bumps it, and the fragments showing them are rendered again.
        key = (get_language(), variant, current_column(request), today, site_state(site),
               page_store().site_generation()) if worth else None
        found = request._fragment_key = ((get_language(), today, id(site)), key)  # type: ignore[attr-defined]
    return None if found[1] is None else (name, *found[1])


def in_place(html: str, request: HttpRequest) -> str:
    """The fragment with this page's address where the stand-in was."""
    address = request.get_full_path()
    return (html.replace(quote_plus(STAND_IN), quote_plus(address))
                .replace(quote(STAND_IN, safe="/"), quote(address, safe="/")))


def fragment(name: str, request: HttpRequest, site: object, render: Callable[[str], str]) -> str:
    """The fragment `name`, kept or made by `render(next_path)` (the stand-in, or the real address)."""
    key = fragment_key(name, request, site, timezone.localdate())
    if key is None:
        return render(request.get_full_path())
    html = _kept.get(key)
    if html is None:
        html = render(STAND_IN)
        with _lock:  # threaded workers share the dict
            _kept[key] = html
            while len(_kept) > SIZE:
                _kept.popitem(last=False)
    return in_place(html, request)
