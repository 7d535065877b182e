"""Saving an extracted page into the catalog, as the system, one transaction per page.

A page is found again by its source address, so importing the same page twice updates the document
instead of duplicating it. Failing that, the same 索引号 updates a document only when the publisher is
the same and the title matches: another portal's page whose number happens to equal a local
document's is a conflict (`ImportConflict`), and nothing of it is written. Every value is checked
against the catalog's columns before anything is written (`check_record`), so that one bad field is
one line naming the page, on SQLite as on PostgreSQL (docs/adr/0010-import-ownership-and-limits.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from gongkai.accounts.models import Agency
from gongkai.catalog import actions
from gongkai.catalog.models import Attachment, Document, Term, Validity
from gongkai.catalog.indexno import SERIAL_MAX, imported_serial
from gongkai.importer.extract import PageRecord
from gongkai.importer.pages import PageError
from gongkai.lib.params import storable

UNKNOWN_PUBLISHER = "未注明发布机构"
# An index number's 前段码 that is an organization code (9) or a unified social credit code (18).
_CODE = re.compile(r"^([0-9A-Z]{8}-?[0-9A-Z]|[0-9A-Z]{18})[/-]")


@dataclass(frozen=True)
class Saved:
    document: Document
    created: bool


def agency_for(record: PageRecord) -> Agency:
    """The publishing agency named on the page; unknown publishers become agencies."""
    name = (record.publisher or "").strip() or UNKNOWN_PUBLISHER
    agency = Agency.find(name)
    if agency is None:
        match = _CODE.match((record.index_no or "").upper())
        agency = Agency.objects.create(name=name, code=match.group(1).replace("-", "") if match else "")
    return agency


def _fields(record: PageRecord) -> dict[str, Any]:
    declared = record.validity if record.validity in (Validity.EXPIRED, Validity.ABOLISHED) else ""
    return {
        "title": record.title or "",
        "doc_no": record.doc_no or "",
        "created_date": record.created,
        "published_date": record.published,
        "abolished_date": record.abolished,
        "declared_validity": declared,
        "summary": record.summary or "",
        "body_html": record.body_html,
        "keywords": list(record.keywords),
        "disclosure_method": record.disclosure_method or "主动公开",
        "disclosure_scope": record.disclosure_scope or "面向社会",
        "source_url": record.url or "",
        "extra": {**record.shown, **record.extra},  # what the page showed beyond the catalog's columns
        "stated_fields": stated_fields(record),
        "topic": Term.resolve(Term.TOPIC, record.topic),
        "genre": Term.resolve(Term.GENRE, record.genre),
        "combo": Term.resolve(Term.COMBO, record.combo_category),
    }


def stated_fields(record: PageRecord) -> list[str]:
    """The catalog fields (`Document.STATABLE`) the page itself showed; the catalog fills in the rest."""
    shown = {
        "title": record.title and not record.title_derived, "index_no": record.index_no, "topic": record.topic,
        "genre": record.genre, "combo": record.combo_category, "doc_no": record.doc_no,
        "agency": (record.publisher or "").strip(), "created_date": record.created,
        "published_date": record.published, "validity": record.validity or record.abolished,
        "abolished_date": record.abolished, "summary": record.summary,
    }
    return [name for name, value in shown.items() if value]


class ImportConflict(PageError):
    """The page names a document the importer does not own: nothing is written."""


def _existing(record: PageRecord) -> Document | None:
    """The document this page is a new version of; ImportConflict when its 索引号 is another's."""
    if record.url:
        found = Document.objects.filter(source_url=record.url).first()
        if found:
            return found
    if not record.index_no:
        return None
    found = Document.objects.select_related("agency").filter(index_no=record.index_no).first()
    if found is None or _same_document(found, record):
        return found
    raise ImportConflict(
        f"conflict: 索引号 {record.index_no} already belongs to document {found.pk} "
        f"«{found.title[:60]}» of {found.agency.name}; this page's publisher or title differs, nothing written"
    )


def _same_document(document: Document, record: PageRecord) -> bool:
    publisher = Agency.find((record.publisher or "").strip() or UNKNOWN_PUBLISHER)
    return publisher is not None and publisher.pk == document.agency_id and _squash(document.title) == _squash(
        record.title or "")


def _squash(title: str) -> str:
    return "".join(title.split())


# Column -> (what the page calls it, the column's length). Values longer than a column are refused
# here rather than cut: PostgreSQL would stop the import, SQLite would store them silently.
_LIMITS = {
    "title": ("title", Document._meta.get_field("title").max_length),
    "doc_no": ("文号", Document._meta.get_field("doc_no").max_length),
    "index_no": ("索引号", Document._meta.get_field("index_no").max_length),
    "publisher": ("publisher", Agency._meta.get_field("name").max_length),
    "url": ("url", Document._meta.get_field("source_url").max_length),
    "disclosure_method": ("公开方式", Document._meta.get_field("disclosure_method").max_length),
    "disclosure_scope": ("公开范围", Document._meta.get_field("disclosure_scope").max_length),
    "topic": ("主题分类", Term._meta.get_field("name").max_length),
    "genre": ("体裁分类", Term._meta.get_field("name").max_length),
    "combo_category": ("组配分类", Term._meta.get_field("name").max_length),
}


def check_record(record: PageRecord) -> None:
    """PageError naming the first value the catalog cannot hold; nothing has been written yet."""
    for attr, (label, limit) in _LIMITS.items():
        value = getattr(record, attr) or ""
        if limit and len(value) > limit:
            raise PageError(f"{label} too long: {len(value)} characters, at most {limit}")
    if record.index_no and (imported_serial(record.index_no) or 0) > SERIAL_MAX:
        raise PageError(f"索引号 {record.index_no[:64]}: serial beyond {SERIAL_MAX}")
    for name, value in _texts(record):
        if not storable(value):
            raise PageError(f"{name} contains a lone surrogate or NUL character, which cannot be stored")


def _texts(record: PageRecord) -> list[tuple[str, str]]:
    texts = [(name, value) for name, value in vars(record).items() if isinstance(value, str)]
    texts += [("keywords", k) for k in record.keywords]
    texts += [("extra", s) for item in record.extra.items() for s in item if isinstance(s, str)]
    texts += [("attachments", s) for pair in record.attachments for s in pair]
    return texts


@transaction.atomic
def save_record(record: PageRecord) -> Saved:
    """Create or update the document of one page; any error rolls back everything of this page."""
    check_record(record)
    document = _existing(record)
    agency = agency_for(record)
    fields = _fields(record)
    if document is not None:
        fields["agency"] = agency
        document = actions.update_document(None, document, fields, note="重新导入", system=True)
        created = False
    else:
        document = actions.create_document(None, agency, fields, note=f"导入自 {record.source}", system=True)
        created = True
    if document.status == Document.DRAFT:
        day = record.published or record.created
        document = actions.publish(None, document, reason="导入", day=day, index_no=record.index_no, system=True)
    _attachments(document, record)
    return Saved(document, created)


def _attachments(document: Document, record: PageRecord) -> None:
    known = set(document.attachments.values_list("source_href", flat=True))
    for name, href in record.attachments:
        if href not in known:
            Attachment.objects.create(document=document, name=name[:300], source_href=href[:1000])
