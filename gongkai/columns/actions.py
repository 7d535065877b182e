"""Every change staff make to the section's columns, pages and footer marks goes through these.

Each is atomic, allowed to the disclosure office (政务公开办) and superusers only (the demo acts as
the system, `system=True`), returns early when nothing changed, writes an audit entry and records,
in the same transaction, which kept pages the change makes stale (gongkai.columns.changes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from gongkai.accounts import access, audit
from gongkai.columns import changes
from gongkai.columns.models import Column, FooterSettings, Page, check_filters
from gongkai.lib.html import sanitize_html

Actor = Any  # a User, or None when the system acts (the demo)

COLUMN_FIELDS = ("name", "name_en", "slug", "position", "parent", "kind", "visible", "description",
                 "description_en", "page", "url")
PAGE_FIELDS = ("title", "title_en", "slug", "body", "body_en")
FOOTER_FIELDS = ("conac_url", "show_error_link", "error_link_base")


def _check(actor: Actor, system: bool) -> None:
    if system:
        return
    if actor is None or not access.is_office(actor):
        raise PermissionDenied("只有政务公开办可以修改政府信息公开栏目、页面和页脚标识")


def _unknown(fields: Mapping[str, Any], known: tuple[str, ...]) -> None:
    unknown = set(fields) - set(known)
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")


def _ids(values: Any) -> set[int]:
    return {getattr(v, "pk", v) for v in values or ()}


def _column_state(column: Column) -> dict[str, Any]:
    state: dict[str, Any] = {name: getattr(column, name if name not in ("parent", "page") else f"{name}_id")
                             for name in COLUMN_FIELDS}
    for name in Column.FILTERS:
        state[name] = _ids(getattr(column, name).all()) if column.pk else set()
    return state


@transaction.atomic
def save_column(actor: Actor, column: Column | None, fields: Mapping[str, Any], *,
                system: bool = False) -> Column:
    """Create a column (`column` None) or change one; `fields` may hold its terms and agencies."""
    _check(actor, system)
    _unknown(fields, (*COLUMN_FIELDS, *Column.FILTERS))
    created = column is None or column.pk is None
    column = Column() if created else Column.objects.select_for_update().get(pk=column.pk)
    before = None if created else _column_state(column)
    for name, value in fields.items():
        if name not in Column.FILTERS:
            setattr(column, name, value)
    filters = {name: list(fields[name] if name in fields else getattr(column, name).all() if column.pk else [])
               for name in Column.FILTERS}
    check_filters(column.kind, filters)
    column.full_clean()
    after = {**{k: v for k, v in _column_state(column).items() if k not in Column.FILTERS},
             **{name: _ids(values) for name, values in filters.items()}}
    if after == before:
        return column
    column.save()
    for name, values in filters.items():
        getattr(column, name).set(values)
    changed = sorted(k for k in after if before is None or after[k] != before[k])
    audit.record(actor, "column.create" if created else "column.change", column, column.name, fields=changed)
    changes.columns_changed()
    return column


@transaction.atomic
def delete_column(actor: Actor, column: Column, *, system: bool = False) -> None:
    _check(actor, system)
    column = Column.objects.select_for_update().get(pk=column.pk)
    if column.children.exists():
        raise ValidationError(f"“{column.name}”下还有栏目，请先删除或移走下级栏目")
    audit.record(actor, "column.delete", column, column.name, slug=column.slug)
    column.delete()
    changes.columns_changed()


@transaction.atomic
def save_page(actor: Actor, page: Page | None, fields: Mapping[str, Any], *, system: bool = False) -> Page:
    """Create a page or change one; the body is kept sanitized, as documents' bodies are."""
    _check(actor, system)
    _unknown(fields, PAGE_FIELDS)
    created = page is None or page.pk is None
    page = Page() if created else Page.objects.select_for_update().get(pk=page.pk)
    before = None if created else {name: getattr(page, name) for name in PAGE_FIELDS}
    for name, value in fields.items():
        setattr(page, name, value)
    page.body = sanitize_html(page.body or "")
    english = (page.body_en or "").strip()
    page.body_en = sanitize_html(english) if "<" in english else english  # or plain paragraphs
    page.full_clean()
    after = {name: getattr(page, name) for name in PAGE_FIELDS}
    if after == before:
        return page
    page.save()
    changed = sorted(k for k in after if before is None or after[k] != before[k])
    audit.record(actor, "page.create" if created else "page.change", page, page.title, fields=changed)
    if not created:
        changes.page_changed(page.pk)
    return page


@transaction.atomic
def delete_page(actor: Actor, page: Page, *, system: bool = False) -> None:
    _check(actor, system)
    page = Page.objects.select_for_update().get(pk=page.pk)
    try:
        with transaction.atomic():
            audit.record(actor, "page.delete", page, page.title, slug=page.slug)
            page_id = page.pk
            page.delete()
    except ProtectedError:
        raise ValidationError(f"“{page.title}”还在栏目中显示，请先修改或删除这些栏目") from None
    changes.page_changed(page_id)


@transaction.atomic
def save_footer(actor: Actor, fields: Mapping[str, Any], *, system: bool = False) -> FooterSettings:
    _check(actor, system)
    _unknown(fields, FOOTER_FIELDS)
    footer, _ = FooterSettings.objects.select_for_update().get_or_create(pk=1)
    before = {name: getattr(footer, name) for name in FOOTER_FIELDS}
    for name, value in fields.items():
        setattr(footer, name, value)
    footer.full_clean()
    after = {name: getattr(footer, name) for name in FOOTER_FIELDS}
    if after == before:
        return footer
    footer.save()
    changed = sorted(k for k in after if after[k] != before[k])
    audit.record(actor, "footer.change", footer, "页脚标识", fields=changed)
    changes.footer_changed()  # on every page, and in every worker's footer
    return footer
