"""Small builders for tests: personas and documents, written through the same actions as the product."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import Permission, User

from gongkai.accounts.models import Agency, Membership
from gongkai.catalog import actions
from gongkai.catalog.models import Document


def agency(name: str = "青禾区人民政府办公室", code: str = "123456789", **kw: Any) -> Agency:
    return Agency.objects.create(name=name, code=code, **kw)


def staff(username: str, agency: Agency | None, role: str = Membership.CLERK) -> User:
    """A staff user with the admin's document permissions, belonging to `agency` in `role`."""
    user = User.objects.create_user(username, password="correct horse battery", is_staff=True)
    perms = Permission.objects.filter(content_type__app_label="catalog", codename__endswith="document")
    user.user_permissions.add(*perms)
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def document(ag: Agency, title: str = "关于青禾区试行文件的通知", publish: bool = True,
             day: dt.date | None = None, **fields: Any) -> Document:
    fields.setdefault("body_html", "<p>各镇人民政府,区各部门:</p><p>现将有关事项通知如下。</p>")
    doc = actions.create_document(None, ag, {"title": title, **fields}, system=True)
    if publish:
        doc = actions.publish(None, doc, day=day or dt.date(2024, 3, 1), system=True)
    return doc
