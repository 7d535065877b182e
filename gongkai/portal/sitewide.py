"""Rows every page shows and that change rarely — the site settings, the vocabularies, the agencies —
read once per worker and kept until a site-wide change. Such a change is recorded by gongkai.pages
(a `site` PageChange), which forgets every page on every node within a second and with them these
copies: they are keyed by the page store's site generation, which forgetting every page changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Document, SiteSettings, Term


@dataclass
class Sitewide:
    site: SiteSettings
    terms: dict[int, Term] = field(default_factory=dict)
    agencies: dict[int, Agency] = field(default_factory=dict)


_kept: dict[tuple[str, str], Sitewide] = {}


def _current(load_vocabularies: bool) -> Sitewide:
    from gongkai.pages.middleware import page_store

    store = page_store()
    key = (str(store.root), store.site_generation())
    found = _kept.get(key)
    if found is None:
        _kept.clear()
        found = _kept[key] = Sitewide(SiteSettings.get())
    if load_vocabularies and not found.agencies:
        found.terms = Term.objects.in_bulk()
        found.agencies = Agency.objects.in_bulk()
    return found


def site_settings() -> SiteSettings:
    return _current(False).site


def terms() -> dict[int, Term]:
    """Every vocabulary term by id, as this worker read them."""
    return _current(True).terms


def agencies() -> dict[int, Agency]:
    """Every agency by id, as this worker read them (one added since is missing: fetch it as usual)."""
    return _current(True).agencies


def with_classes(doc: Document) -> Document:
    """The document with its publisher and 主题/体裁/组配 terms from the kept copies rather than a join;
    one missing from them (added a moment ago) is fetched when the page asks for it, as usual."""
    kept = _current(True)
    for name, table in (("agency", kept.agencies), ("topic", kept.terms), ("genre", kept.terms),
                        ("combo", kept.terms)):
        value = getattr(doc, f"{name}_id")
        if value is not None and value in table:
            Document._meta.get_field(name).set_cached_value(doc, table[value])
    return doc
