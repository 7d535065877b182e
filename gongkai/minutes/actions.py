"""Every staff correction of a meeting's record goes through one of these functions.

Each is atomic: it locks the meeting record, checks that the actor may edit the minutes' document
(scripts act as the system, with `system=True`), returns early when nothing changed, names the
changed fields in `corrected_fields` so that parsing the document again never undoes them, relinks
the item's departments and documents, and writes an audit row, all in one transaction.

What follows a correction needs no call from here: the register, its exports and 智能问答 read the
records as stored (智能问答's passages are cached by value, so a corrected fact is never answered
from the old ones), and the kept pages listen to the records' saves inside this transaction, as the
search outbox listens to the catalog's. An effect that must wait for the commit is scheduled with
`transaction.on_commit`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from gongkai.accounts import access, audit
from gongkai.minutes.models import AgendaItemRecord, MeetingRecord
from gongkai.minutes.records import ITEM_FIELDS, ITEMS_CORRECTED, MEETING_FIELDS, AgencyIndex, relink_item

Actor = Any  # a User, or None when the system acts


def _locked(record: MeetingRecord) -> MeetingRecord:
    return MeetingRecord.objects.select_for_update().select_related("document").get(pk=record.pk)


def _check(actor: Actor, system: bool, record: MeetingRecord) -> None:
    if system:
        return
    if actor is None:
        raise PermissionDenied("需要登录")
    access.require_edit(actor, record.document)


def _assign(obj: models.Model, values: Mapping[str, Any], allowed: Collection[str]) -> list[str]:
    """Set the given values on `obj`; the names of those that differ from what it held."""
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValidationError(f"不能校正的字段：{', '.join(sorted(unknown))}")
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _mark(obj: MeetingRecord | AgendaItemRecord, fields: Iterable[str]) -> None:
    obj.corrected_fields = sorted(set(obj.corrected_fields) | set(fields))


def _save_item(row: AgendaItemRecord) -> None:
    day = row.meeting.effective_date()
    row.day, row.year = day, day.year if day else None
    row.save()
    relink_item(row, AgencyIndex.load())


def _own_the_item_list(record: MeetingRecord) -> None:
    """From now on the list of items is staff's: a re-parse neither adds nor removes one."""
    _mark(record, [ITEMS_CORRECTED])
    record.save(update_fields=["corrected_fields"])


@transaction.atomic
def correct_meeting(actor: Actor, record: MeetingRecord, values: Mapping[str, Any], *,
                    system: bool = False) -> MeetingRecord:
    """Correct fields of the meeting (chair, date, attendees …); its items follow a corrected date."""
    record = _locked(record)
    _check(actor, system, record)
    changed = _assign(record, values, MEETING_FIELDS)
    if not changed:
        return record
    _mark(record, changed)
    record.save()
    record.sync_items()
    audit.record(actor, "minutes.correct", record, "校正：" + "、".join(changed), fields=changed)
    return record


@transaction.atomic
def correct_item(actor: Actor, item: AgendaItemRecord, values: Mapping[str, Any], *,
                 system: bool = False) -> AgendaItemRecord:
    record = _locked(item.meeting)
    _check(actor, system, record)
    row = record.items.get(pk=item.pk)
    changed = _assign(row, values, ITEM_FIELDS)
    if not changed:
        return row
    _mark(row, changed)
    _save_item(row)
    if "n" in changed:  # the parser would add the old number back as a second copy
        _own_the_item_list(record)
    audit.record(actor, "minutes.correct", record, f"校正议题 {row.n}: " + "、".join(changed), item=row.n,
                 fields=changed)
    return row


@transaction.atomic
def add_item(actor: Actor, record: MeetingRecord, values: Mapping[str, Any], *,
             system: bool = False) -> AgendaItemRecord:
    """An item the parser missed; every field of it is staff's."""
    record = _locked(record)
    _check(actor, system, record)
    row = AgendaItemRecord(meeting=record)
    _assign(row, values, ITEM_FIELDS)
    _mark(row, ITEM_FIELDS)
    _save_item(row)
    audit.record(actor, "minutes.correct", record, f"新增议题 {row.n}: {row.title[:100]}", item=row.n,
                 fields=list(ITEM_FIELDS))
    return row


@transaction.atomic
def remove_item(actor: Actor, item: AgendaItemRecord, *, system: bool = False) -> None:
    record = _locked(item.meeting)
    _check(actor, system, record)
    row = record.items.get(pk=item.pk)
    n, title = row.n, row.title
    row.delete()
    _own_the_item_list(record)
    audit.record(actor, "minutes.correct", record, f"删除议题 {n}: {title[:100]}", item=n)
