"""Every change to a document goes through one of these functions.

Each is atomic, checks the actor's permission (the importer and the demo act as the system, with
`actor=None` and `system=True`), appends a revision and/or a status row, writes an audit entry, and
announces the change in the same transaction (`catalog.signals`): search writes its outbox row and
the minutes re-parse there, so the change and what follows from it commit or roll back together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts import access, audit
from gongkai.accounts.models import Agency
from gongkai.catalog import indexno
from gongkai.catalog.models import Document, Revision, StatusChange, TranslationDraft
from gongkai.catalog.signals import document_changed, document_saved, publishing
from gongkai.lib.html import html_to_text, sanitize_html

Actor = Any  # a User, or None when the system acts (import, demo)


def _check(actor: Actor, system: bool, check: Any, document: Document) -> None:
    if system:
        return
    if actor is None:
        raise PermissionDenied("需要登录")
    check(actor, document)


def _apply(document: Document, fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - set(Document.CONTENT_FIELDS) - {"agency", "agency_id", "topic", "genre", "combo"}
    if unknown:
        raise ValidationError(f"未知字段：{', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(document, name, value)
    document.body_html = sanitize_html(document.body_html or "")
    document.body_text = html_to_text(document.body_html)
    if not (document.title or "").strip():
        raise ValidationError({"title": "信息名称不能为空"})


def _snapshot(document: Document, actor: Actor, note: str) -> Revision:
    number = (document.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    revision = Revision.objects.create(
        document=document, number=number, content=document.content(), author=_user(actor), note=note[:500]
    )
    document.current_revision = revision
    document.save(update_fields=["current_revision"])
    return revision


def _changed(document: Document, actor: Actor) -> None:
    """Let followers (the search outbox, the minutes) update, all in this transaction."""
    document_changed.send(sender=Document, document_id=document.pk)
    document_saved.send(sender=Document, document=document, actor=actor)


# Content keys -> `Document.STATABLE` names: what staff change is the portal's own statement.
_STATABLE_CONTENT = {
    "title": "title", "doc_no": "doc_no", "created_date": "created_date", "published_date": "published_date",
    "abolished_date": "abolished_date", "declared_validity": "validity", "summary": "summary",
    "topic_id": "topic", "genre_id": "genre", "combo_id": "combo", "agency_id": "agency",
}


def _restate(document: Document, before: Mapping[str, Any]) -> None:
    """An imported document's fields that staff set are stated from now on, whatever the page showed."""
    if document.stated_fields is None:
        return
    after = document.content()
    stated = set(document.stated_fields) | {n for key, n in _STATABLE_CONTENT.items() if after[key] != before[key]}
    document.stated_fields = [name for name in Document.STATABLE if name in stated]


def _user(actor: Actor) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _status(document: Document, actor: Actor, reason: str) -> None:
    StatusChange.objects.create(
        document=document, status=document.status, revision=document.current_revision,
        actor=_user(actor), reason=reason[:500],
    )


@transaction.atomic
def create_document(
    actor: Actor, agency: Agency, fields: Mapping[str, Any], *, note: str = "新建", system: bool = False
) -> Document:
    if not system and not access.agencies_of(actor).filter(pk=agency.pk).exists():
        raise PermissionDenied(f"{actor} 无权为 {agency} 新建文件")
    document = Document(agency=agency)
    _apply(document, fields)
    document.save()
    _snapshot(document, actor, note)
    _status(document, actor, note)
    audit.record(actor, "document.create", document, document.title)
    _changed(document, actor)
    return document


@transaction.atomic
def update_document(
    actor: Actor, document: Document, fields: Mapping[str, Any], *, note: str = "", system: bool = False
) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    _check(actor, system, access.require_edit, document)
    before = document.content()
    _apply(document, fields)
    if document.content() == before:
        return document  # nothing changed: no revision, no audit row
    if not system:
        _restate(document, before)
    document.save()
    _snapshot(document, actor, note or "修改")
    audit.record(actor, "document.update", document, note or "修改")
    _changed(document, actor)
    return document


@transaction.atomic
def publish(
    actor: Actor, document: Document, *, reason: str = "", day: dt.date | None = None,
    index_no: str | None = None, system: bool = False,
) -> Document:
    """Make a document public; its index number is allocated now, or kept when it already has one."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _check(actor, system, access.require_publish, document)
    if document.status == Document.PUBLISHED:
        return document
    # The review chain and 保密审查 may refuse here (staff) or record what they find (system).
    publishing.send(sender=Document, document=document, actor=actor, system=system)
    day = day or document.published_date or timezone.localdate()
    if not document.index_no:
        if index_no:
            indexno.reserve_imported(index_no)
            document.index_no = index_no
        else:
            document.index_no = indexno.allocate(document.agency, day)
    document.published_date = document.published_date or day
    document.status = Document.PUBLISHED
    document.published_at = document.published_at or timezone.now()
    document.withdrawn_at = None
    document.withdrawn_reason = ""
    document.save()
    _status(document, actor, reason or "发布")
    audit.record(actor, "document.publish", document, reason or "发布", index_no=document.index_no)
    _changed(document, actor)
    return document


@transaction.atomic
def withdraw(actor: Actor, document: Document, *, reason: str, system: bool = False) -> Document:
    """Take a document out of the catalog; its page stays, saying it was withdrawn, when and why."""
    if not reason.strip():
        raise ValidationError({"reason": "撤回须说明原因"})
    document = Document.objects.select_for_update().get(pk=document.pk)
    _check(actor, system, access.require_publish, document)
    if document.status != Document.PUBLISHED:
        raise ValidationError("只有已发布的文件可以撤回")
    document.status = Document.WITHDRAWN
    document.withdrawn_at = timezone.now()
    document.withdrawn_reason = reason.strip()[:500]
    document.save()
    _status(document, actor, reason)
    audit.record(actor, "document.withdraw", document, reason)
    _changed(document, actor)
    return document


# --- English text from a machine-translated draft ------------------------------------------------
# A draft is made by the model (gongkai.translations), kept apart from the document, read and
# corrected by staff, and becomes the document's English text only through `accept_translation`.

ENGLISH_FIELDS = ("title_en", "summary_en", "body_en")


@transaction.atomic
def save_translation_draft(actor: Actor, document: Document, texts: Mapping[str, str], *,
                           model_name: str = "") -> TranslationDraft:
    """Keep a machine translation of `document` as a draft for review; the document is not touched."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _check(actor, False, access.require_edit, document)
    if not (texts.get("title_en") or "").strip():
        raise ValidationError({"title_en": "机器翻译稿没有英文标题"})
    draft = TranslationDraft.objects.create(
        document=document, source_revision=document.current_revision, model_name=model_name[:200],
        requested_by=_user(actor), **{name: (texts.get(name) or "").strip() for name in ENGLISH_FIELDS},
    )
    audit.record(actor, "translation.draft", document, f"机器翻译英文稿 #{draft.pk}", draft=draft.pk,
                 model=model_name)
    return draft


def _pending_draft(actor: Actor, draft: TranslationDraft) -> TranslationDraft:
    draft = TranslationDraft.objects.select_for_update().select_related("document").get(pk=draft.pk)
    _check(actor, False, access.require_edit, draft.document)
    if not draft.is_pending:
        raise ValidationError(f"该译稿已{draft.get_status_display()}，不能再修改")
    return draft


@transaction.atomic
def edit_translation_draft(actor: Actor, draft: TranslationDraft, texts: Mapping[str, str]) -> TranslationDraft:
    """A reviewer's corrections to a pending draft (still a draft: nothing is published)."""
    draft = _pending_draft(actor, draft)
    changed = [name for name in ENGLISH_FIELDS if name in texts and (texts[name] or "").strip() != getattr(draft, name)]
    if not changed:
        return draft
    for name in changed:
        setattr(draft, name, (texts[name] or "").strip())
    if not draft.title_en:
        raise ValidationError({"title_en": "英文标题不能为空"})
    draft.save(update_fields=changed)
    audit.record(actor, "translation.edit", draft.document, f"修改机器翻译英文稿 #{draft.pk}", draft=draft.pk,
                 fields=changed)
    return draft


@transaction.atomic
def accept_translation(actor: Actor, draft: TranslationDraft) -> Document:
    """A staff member who may edit the document takes the reviewed draft as its English text: a new
    revision (so the English pages and the English search index follow through the outbox)."""
    draft = _pending_draft(actor, draft)
    texts = {name: getattr(draft, name) for name in ENGLISH_FIELDS}
    document = update_document(actor, draft.document, texts, note=f"采用经审核的机器翻译英文稿 #{draft.pk}")
    draft.status, draft.decided_by, draft.decided_at = TranslationDraft.ACCEPTED, _user(actor), timezone.now()
    draft.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(actor, "translation.accept", document, f"采用机器翻译英文稿 #{draft.pk}", draft=draft.pk)
    return document


@transaction.atomic
def reject_translation(actor: Actor, draft: TranslationDraft) -> TranslationDraft:
    draft = _pending_draft(actor, draft)
    draft.status, draft.decided_by, draft.decided_at = TranslationDraft.REJECTED, _user(actor), timezone.now()
    draft.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(actor, "translation.reject", draft.document, f"放弃机器翻译英文稿 #{draft.pk}", draft=draft.pk)
    return draft
