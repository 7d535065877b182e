"""Saving an extracted page into the catalog, as the system, one transaction per page.

A page is found again by its source address (or, failing that, its index number), so importing the
same page twice updates the document instead of duplicating it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from gongkai.accounts.models import Agency
from gongkai.catalog import actions
from gongkai.catalog.models import Attachment, Document, Term, Validity
from gongkai.importer.extract import PageRecord

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
        "extra": dict(record.extra),
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


def _existing(record: PageRecord) -> Document | None:
    if record.url:
        found = Document.objects.filter(source_url=record.url).first()
        if found:
            return found
    if record.index_no:
        return Document.objects.filter(index_no=record.index_no).first()
    return None


@transaction.atomic
def save_record(record: PageRecord) -> Saved:
    """Create or update the document of one page; any error rolls back everything of this page."""
    agency = agency_for(record)
    fields = _fields(record)
    document = _existing(record)
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
