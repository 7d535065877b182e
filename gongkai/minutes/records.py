"""Turning a published document's minutes into records, linking them, and keeping staff corrections.

`refresh` runs inside every catalog action (through the `document_saved` signal), so a document and
its minutes are imported, changed or published in one transaction. A re-parse writes only what staff
have not corrected: meeting fields named in `MeetingRecord.corrected_fields` keep their value, an
item with any corrected field is kept whole, and once staff removed an item ("items" corrected) the
parser neither adds nor removes items again. Staff correct records through `minutes.actions`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Agency
from gongkai.catalog.models import Document
from gongkai.importer.extract import extract
from gongkai.importer.pages import PageError, RawPage, read_page
from gongkai.lib import html as H
from gongkai.lib.text import normalize, squash
from gongkai.minutes.contract import AgendaItem, Meeting, Remark
from gongkai.minutes.departments import department_key
from gongkai.minutes.models import AgendaItemRecord, Assignment, MeetingRecord, ReferencedDocument

log = logging.getLogger(__name__)


def _parser_version() -> str:
    """A digest of the parser's source: records parsed by an older parser can be found and re-parsed."""
    digest = hashlib.sha1()
    for name in ("parser.py", "departments.py", "contract.py"):
        path = Path(__file__).with_name(name)
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:12]


PARSER_VERSION = _parser_version()

# Record field -> Meeting attribute; the order is the admin's and the exports'.
MEETING_FIELDS: dict[str, str] = {
    "body": "body", "kind": "kind", "meeting_no": "meeting_no", "meeting_no_int": "meeting_no_int",
    "date": "date", "date_text": "date_text", "part_of_day": "part_of_day", "location": "location",
    "chair": "chair", "attendees": "attendees", "nonvoting": "nonvoting_attendees", "absent": "absent",
    "presider": "presider", "recorder": "recorder", "compiled_by": "compiled_by",
    "compiled_date": "compiled_date", "publication_note": "publication_note", "truncated": "truncated",
}
ITEM_FIELDS = ("n", "actions", "title", "documents", "sponsors", "decision", "decision_kind", "follow_up",
               "remarks")
ITEMS_CORRECTED = "items"  # in MeetingRecord.corrected_fields: staff removed items, the list is theirs now


# --- which documents are minutes ------------------------------------------------------------------

MINUTES_GENRES = frozenset({"会议纪要", "纪要", "会议纪录"})
# Titles of minutes: …常务会议纪要, …会议纪要, …市政会议纪录, …第N次常务会议 (compared in Simplified).
_MINUTES_TITLE = re.compile(r"(?:会议纪要|会议纪录|纪要|次常务会议)\s*$")
# A numbered meeting mentioned anywhere: only then is a document without the label worth parsing.
_NUMBERED_MEETING = re.compile(r"次[\u4e00-\u9fff]{0,12}(?:会议|會議)")


def labelled_as_minutes(document: Document) -> bool:
    genre = normalize(document.genre.name) if document.genre_id and document.genre else ""
    return genre in MINUTES_GENRES or bool(_MINUTES_TITLE.search(normalize(document.title)))


def has_content(meeting: Meeting) -> bool:
    return bool(meeting.items or meeting.meeting_no or meeting.chair or meeting.date_text)


def is_minutes(document: Document, meeting: Meeting) -> bool:
    """Labelled minutes that the parser can read, or a page with agenda items of a numbered meeting.

    Conservative on purpose: a notice that mentions "第3次会议" has a meeting number but no items.
    """
    if labelled_as_minutes(document):
        return has_content(meeting)
    return bool(meeting.meeting_no and meeting.items)


def _score(meeting: Meeting) -> tuple[int, int, int, int]:
    facts = sum(bool(getattr(meeting, f)) for f in ("meeting_no", "date", "date_text", "chair", "location",
                                                     "recorder", "presider", "body", "kind"))
    people = len(meeting.attendees) + len(meeting.nonvoting_attendees) + len(meeting.absent)
    details = sum(bool(i.decision) + bool(i.sponsors) + bool(i.documents) for i in meeting.items)
    return len(meeting.items), facts, people, details


def best_parse(texts: Iterable[str]) -> Meeting:
    """The richest reading among several texts of one page (the first wins ties: list the cleanest first).

    A body extracted from a page can lose what surrounds it (the title with the meeting number, an
    attendee block laid out beside the text), so callers offer the wider text too.
    """
    from gongkai.minutes.parser import parse_minutes

    best: Meeting | None = None
    for text in texts:
        if not text or not text.strip():
            continue
        meeting = parse_minutes(text)
        if best is None or _score(meeting) > _score(best):
            best = meeting
    return best or Meeting()


def parse_document(document: Document) -> Meeting:
    body = document.body_text or ""
    # The headline first: where the body words the meeting number differently, the title is the form
    # the portal names the meeting by.
    return best_parse([f"{document.title}\n\n{body}", body])


def page_text(raw: RawPage) -> str:
    """The whole page as lines, navigation and all: the parser's fallback when the body lost something."""
    if raw.text:
        return raw.text
    try:
        root = H.parse_document(raw.html or "")
    except ValueError:
        return ""
    H.strip_invisible(root)
    return "\n".join(H.render_lines(root))


def parse_file(path: Path) -> Meeting:
    """The meeting a saved page describes (`gongkai minutes parse`); PageError with the reason when it
    describes none."""
    raw = read_page(path)
    record = extract(raw, derive_title=True)
    # The headline with the extracted body is the cleanest text (the title names the meeting as the
    # portal does); the whole page may add the attendee block when the body stops short of it.
    body = record.body_text
    meeting = best_parse([f"{record.title or ''}\n\n{body}", body, page_text(raw)])
    if not has_content(meeting):
        raise PageError("no meeting minutes found (no agenda items, meeting number or date)")
    return meeting


# --- storing ----------------------------------------------------------------------------------------


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _clip(model: type[models.Model], name: str, value: Any) -> Any:
    """Values as the column takes them: None → "" for text, long text cut to the column's length."""
    f = model._meta.get_field(name)
    if isinstance(f, (models.CharField, models.TextField)):
        value = value or ""
        limit = getattr(f, "max_length", None) if isinstance(f, models.CharField) else None
        return value[:limit] if limit else value
    return value


def meeting_values(meeting: Meeting) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, attr in MEETING_FIELDS.items():
        value = getattr(meeting, attr)
        if name == "date":
            value = _iso_date(value)
        elif isinstance(value, list):
            value = list(value)
        values[name] = _clip(MeetingRecord, name, value)
    return values


def item_values(item: AgendaItem) -> dict[str, Any]:
    values: dict[str, Any] = {
        "n": item.n, "actions": list(item.actions), "title": item.title, "documents": list(item.documents),
        "sponsors": list(item.sponsors), "decision": item.decision, "decision_kind": item.decision_kind,
        "follow_up": item.follow_up, "remarks": [r.to_json() for r in item.remarks],
    }
    return {k: _clip(AgendaItemRecord, k, v) for k, v in values.items()}


def store(document: Document, meeting: Meeting, actor: Any = None) -> MeetingRecord:
    """Write `meeting` as the record of `document`, leaving what staff corrected as they left it."""
    record = MeetingRecord.objects.filter(document=document).first() or MeetingRecord(document=document)
    for name, value in meeting_values(meeting).items():
        if name not in record.corrected_fields:
            setattr(record, name, value)
    record.parsed_at = timezone.now()
    record.parser_version = PARSER_VERSION
    record.save()
    _store_items(record, meeting.items)
    record.sync_items()
    relink_meeting(record)
    audit.record(actor, "minutes.parse", record, f"{document.title}: {len(meeting.items)} 项议题",
                 parser_version=PARSER_VERSION, kept=list(record.corrected_fields))
    return record


def _store_items(record: MeetingRecord, items: list[AgendaItem]) -> None:
    existing = {row.n: row for row in record.items.all()}
    fixed_list = ITEMS_CORRECTED in record.corrected_fields
    parsed = {item.n for item in items}
    for item in items:
        row = existing.get(item.n)
        if row is None and fixed_list:
            continue
        row = row or AgendaItemRecord(meeting=record)
        if row.corrected_fields:
            continue  # staff corrected this item: it is theirs
        for name, value in item_values(item).items():
            setattr(row, name, value)
        row.save()
    stale = [row.pk for n, row in existing.items() if n not in parsed and not row.corrected_fields]
    if stale and not fixed_list:
        AgendaItemRecord.objects.filter(pk__in=stale).delete()


def meeting_of(record: MeetingRecord) -> Meeting:
    """The record back in the contract's form (what `Meeting.to_json` and the API give)."""
    values = {attr: getattr(record, name) for name, attr in MEETING_FIELDS.items()}
    values["date"] = record.date.isoformat() if record.date else None
    for attr in ("attendees", "nonvoting_attendees", "absent"):
        values[attr] = list(values[attr] or [])
    for attr, v in list(values.items()):
        if v == "":
            values[attr] = None
    return Meeting(**values, items=[item_of(row) for row in record.items.all()])


def item_of(row: AgendaItemRecord) -> AgendaItem:
    return AgendaItem(
        n=row.n, actions=list(row.actions), title=row.title, documents=list(row.documents),
        sponsors=list(row.sponsors), decision=row.decision or None, decision_kind=row.decision_kind or None,
        follow_up=row.follow_up or None,
        remarks=[Remark(r.get("kind", ""), r.get("text", ""), list(r.get("departments") or []))
                 for r in row.remarks],
    )


# --- following the catalog --------------------------------------------------------------------------


def refresh(document: Document, actor: Any = None) -> MeetingRecord | None:
    """Parse a published document again if it is minutes; drafts and withdrawn minutes stay as they are."""
    record = MeetingRecord.objects.filter(document=document).first()
    if document.status != Document.PUBLISHED:
        return record  # withdrawn minutes leave the register through `public()`, keeping their corrections
    if record is None and not _worth_parsing(document):
        return None
    try:
        meeting = parse_document(document)
    except Exception:  # the parser only reads text: a bug in it must not stop a document's publication
        log.exception("minutes parser failed on document %s", document.pk)
        return record
    if is_minutes(document, meeting):
        return store(document, meeting, actor)
    if record is not None and not _touched_by_staff(record):
        record.delete()  # no longer minutes (retitled, another genre): nothing of it is anyone's work
        return None
    return record


def _worth_parsing(document: Document) -> bool:
    return labelled_as_minutes(document) or bool(_NUMBERED_MEETING.search(document.body_text[:5000]))


def _touched_by_staff(record: MeetingRecord) -> bool:
    return bool(record.corrected_fields) or record.items.exclude(corrected_fields=[]).exists()


def on_document_saved(sender: Any, document: Document, actor: Any = None, **kwargs: Any) -> None:
    """Receiver of `catalog.signals.document_saved`, inside the action's transaction."""
    if document.status == Document.PUBLISHED:
        link_new_document(document)
    refresh(document, actor)


def on_agency_saved(sender: Any, instance: Agency, **kwargs: Any) -> None:
    """A new agency, or a new alias of one, may be the department some minutes already named."""
    keys = {department_key(n) for n in instance.all_names()} - {""}
    rows = list(Assignment.objects.filter(Q(key__in=keys) | Q(agency=instance)))
    if not rows:
        return
    index = AgencyIndex.load()
    changed = []
    for row in rows:
        agency = index.find(row.name)
        if agency != row.agency:
            row.agency = agency
            changed.append(row)
    Assignment.objects.bulk_update(changed, ["agency"])


# --- agencies --------------------------------------------------------------------------------------

_OFFICE = re.compile(r"(?:办|办公室)$")


def _is_office(name: str) -> bool:
    return bool(_OFFICE.search(normalize(re.sub(r"\s+", "", name))))


@dataclass
class AgencyIndex:
    """The catalog's agencies by every name and by `department_key` (the key `same_department` compares)."""

    exact: dict[str, Agency] = field(default_factory=dict)
    by_key: dict[str, list[Agency]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> AgencyIndex:
        index = cls()
        for agency in Agency.objects.all():
            for name in agency.all_names():
                index.exact.setdefault(squash(name), agency)
                bucket = index.by_key.setdefault(department_key(name), [])
                if agency not in bucket:
                    bucket.append(agency)
        return index

    def find(self, name: str) -> Agency | None:
        """The one agency `name` means: by a name or alias, else by key; None when unknown or ambiguous.

        An office (办, 办公室) is not the body it serves: 区政府办 and 区人民政府 share a key but are
        two agencies, so a key match must agree on that.
        """
        if not name.strip():
            return None
        if found := self.exact.get(squash(name)):
            return found
        office = _is_office(name)
        candidates = [a for a in self.by_key.get(department_key(name), [])
                      if any(_is_office(n) == office for n in a.all_names())]
        return candidates[0] if len(candidates) == 1 else None


# --- links ----------------------------------------------------------------------------------------

_DRAFT_MARK = re.compile(r"[(（]\s*(?:送审稿|征求意见稿|讨论稿|修改稿|草案|代拟稿|审议稿)\s*[)）]")
_NOTICE_OF = re.compile(r"关于(?:印发|转发|公布|发布|下发|修订)[^《]*《(?P<inner>[^》]+)》")
_WORD_RUN = re.compile(r"[^\s\W_]+", re.UNICODE)


def reference_key(title: str) -> str:
    """A 《》 title compared without punctuation, 繁简 or a draft mark (送审稿 …) that the issued title drops."""
    return squash(_DRAFT_MARK.sub("", title))[:500]


def document_keys(title: str) -> set[str]:
    """What a catalog title answers to: itself, and for 关于印发《X》的通知 also X."""
    keys = {reference_key(title)}
    keys.update(reference_key(m.group("inner")) for m in _NOTICE_OF.finditer(title))
    return keys - {""}


def _catalog_document(title: str, exclude: int) -> Document | None:
    runs = sorted(_WORD_RUN.findall(_DRAFT_MARK.sub("", title)), key=len, reverse=True)
    key = reference_key(title)
    if not runs or not key:
        return None
    found = Document.objects.filter(status=Document.PUBLISHED, title__contains=runs[0]).exclude(pk=exclude)
    newest = found.order_by("-published_date", "-id")[:50]
    return next((d for d in newest if key in document_keys(d.title)), None)


def relink_meeting(record: MeetingRecord) -> None:
    index = AgencyIndex.load()
    for row in record.items.all():
        relink_item(row, index)


def relink_item(row: AgendaItemRecord, index: AgencyIndex) -> None:
    """Rebuild an item's departments and documents from its text (as parsed or as corrected)."""
    row.assignments.all().delete()
    row.references.all().delete()
    Assignment.objects.bulk_create(_assignments(row, index))
    doc_id = row.meeting.document_id
    ReferencedDocument.objects.bulk_create(
        ReferencedDocument(item=row, title=_clip(ReferencedDocument, "title", t), key=reference_key(t),
                           document=_catalog_document(t, doc_id))
        for t in dict.fromkeys(row.documents) if t.strip()
    )


def _assignments(row: AgendaItemRecord, index: AgencyIndex) -> list[Assignment]:
    named: list[tuple[str, str, int | None]] = [
        (Assignment.SPONSOR, s, None) for s in dict.fromkeys(row.sponsors)]
    for i, remark in enumerate(row.remarks):
        named += [(Assignment.REMARK, d, i) for d in dict.fromkeys(remark.get("departments") or [])]
    return [
        Assignment(item=row, role=role, name=_clip(Assignment, "name", name),
                   key=department_key(name)[:100], agency=index.find(name), remark_index=i)
        for role, name, i in named if name.strip()
    ]


def link_new_document(document: Document) -> None:
    """Minutes that named this document's title before it was published now link to it."""
    rows = ReferencedDocument.objects.filter(document__isnull=True, key__in=document_keys(document.title))
    rows.exclude(item__meeting__document=document).update(document=document)


# --- the document page ------------------------------------------------------------------------------


def fetch_for_page(record: MeetingRecord, agencies: Mapping[int, Agency]) -> MeetingRecord:
    """Fetch up front what a document page shows of its minutes, in three queries: the items (so that
    `record.items.all()` and `has_content()` ask nothing more), their departments, and the documents
    they cite with just what a link needs. The departments' agencies come from `agencies` (the
    worker's copies, gongkai.portal.sitewide), the few not there in one more query."""
    # Each ordered by its own columns: the models' orderings name the parent, which costs a join.
    cited = ReferencedDocument.objects.select_related("document").only(
        "item_id", "title", "key", "document_id", "document__status").order_by("id")
    named = Assignment.objects.order_by("role", "id")
    items = AgendaItemRecord.objects.order_by("n").prefetch_related(
        Prefetch("assignments", queryset=named), Prefetch("references", queryset=cited))
    prefetch_related_objects([record], Prefetch("items", queryset=items))
    assignments = [a for item in record.items.all() for a in item.assignments.all() if a.agency_id]
    missing = {a.agency_id for a in assignments} - agencies.keys()
    found = {**agencies, **Agency.objects.in_bulk(missing)} if missing else agencies
    for assignment in assignments:
        if assignment.agency_id in found:
            Assignment.agency.field.set_cached_value(assignment, found[assignment.agency_id])
    return record
