"""The admin permissions each role carries, and the groups that carry them.

A Membership gives a person a role in an agency; the role's group gives the admin permissions that
go with it, so nobody grants model permissions by hand. The groups are created by a migration
(0002_role_groups) and made to hold exactly `PERMISSIONS[role]` after every `migrate`, so that a new
model's permissions reach the roles that should have them as soon as its migration runs. Which
agency's rows a person may touch is still decided by gongkai.accounts.access: a permission here only
opens the admin page.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import post_delete, post_save

from gongkai.accounts.models import Membership

log = logging.getLogger(__name__)

GROUP_NAMES = {Membership.CLERK: "信息员", Membership.PUBLISHER: "审核发布员", Membership.OFFICE: "政务公开办"}


def _crud(label: str, *verbs: str) -> list[str]:
    app, model = label.split(".")
    return [f"{app}.{verb}_{model}" for verb in verbs]


_CLERK = [
    *_crud("catalog.document", "view", "add", "change"),
    *_crud("catalog.attachment", "view", "add", "change", "delete"),
    *_crud("catalog.revision", "view"),
    *_crud("catalog.statuschange", "view"),
    *_crud("catalog.term", "view"),
    *_crud("minutes.meetingrecord", "view", "add", "change"),
    *_crud("minutes.agendaitemrecord", "view", "add", "change", "delete"),
    *_crud("applications.application", "view", "add", "change"),
    *_crud("applications.applicationevent", "view"),
    *_crud("applications.reply", "view", "add", "change"),
    *_crud("applications.remedy", "view", "add", "change"),
    *_crud("applications.workdayoverride", "view"),
    *_crud("review.reviewrequest", "view"),
    *_crud("review.sensitivitycheck", "view"),
    *_crud("review.reviewchain", "view"),
]
# Publishing is an admin action on documents; access.can_publish decides who may run it.
_PUBLISHER = [*_CLERK]
_OFFICE = [
    *_PUBLISHER,
    *_crud("catalog.term", "add", "change", "delete"),
    *_crud("catalog.sitesettings", "view", "change"),
    *_crud("columns.column", "view", "add", "change", "delete"),  # the 政府信息公开 section's columns
    *_crud("columns.page", "view", "add", "change", "delete"),
    *_crud("columns.footersettings", "view", "add", "change"),
    *_crud("accounts.agency", "view", "add", "change"),
    *_crud("accounts.membership", "view", "add", "change", "delete"),
    *_crud("accounts.auditentry", "view"),
    *_crud("applications.workdayoverride", "add", "change", "delete"),
    *_crud("review.reviewchain", "add", "change", "delete"),  # each agency's chain is set by the office
    # Unlocking a locked-out account and resetting a lost authenticator are the office's too.
    *_crud("axes.accessattempt", "view", "delete"),
    *_crud("axes.accessfailurelog", "view"),
    *_crud("otp_totp.totpdevice", "view", "delete"),
]
PERMISSIONS: dict[str, frozenset[str]] = {
    Membership.CLERK: frozenset(_CLERK),
    Membership.PUBLISHER: frozenset(_PUBLISHER),
    Membership.OFFICE: frozenset(_OFFICE),
}


def sync_groups(**kwargs: Any) -> None:
    """post_migrate: each role's group holds exactly its permissions (those that exist so far)."""
    from django.contrib.auth.models import Group, Permission

    for role, wanted in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=GROUP_NAMES[role])
        found = [p for p in Permission.objects.select_related("content_type")
                 if f"{p.content_type.app_label}.{p.codename}" in wanted]
        group.permissions.set(found)


def sync_user(user: Any) -> None:
    """The user's role groups are those of their memberships; other groups are left alone."""
    from django.contrib.auth.models import Group

    held = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    for role, name in GROUP_NAMES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            log.warning("role group %s is missing: run `gongkai migrate`", name)
        elif role in held:
            user.groups.add(group)
        else:
            user.groups.remove(group)


def membership_changed(sender: Any, instance: Membership, **kwargs: Any) -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=instance.user_id).first()  # gone when the user is deleted
    if user is not None:
        sync_user(user)


def connect() -> None:
    post_save.connect(membership_changed, sender=Membership, dispatch_uid="roles-membership-saved")
    post_delete.connect(membership_changed, sender=Membership, dispatch_uid="roles-membership-deleted")
