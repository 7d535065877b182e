"""Every change to a letter goes through one of these functions.

Each is atomic, locks the letter, checks the actor's permission, returns early when nothing would
change, appends a `LetterEvent` and writes an audit entry. A refused step raises `Refused` with the
reason as residents and staff read it; nothing has changed then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Agency
from gongkai.lib import abuse, sensitive, workdays
from gongkai.mailbox import access
from gongkai.mailbox.models import RATINGS, Letter, LetterAttachment, LetterEvent

Actor = Any


class Refused(Exception):
    """A step that may not be taken now, with the reason in Chinese."""

    def __init__(self, message: str, findings: Sequence[sensitive.Finding] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.findings = tuple(findings)


@dataclass(frozen=True)
class Draft:
    """What a resident writes; the form has checked lengths and choices."""

    addressed_to: Agency
    writer_name: str
    subject: str
    category: str
    content: str
    may_publish: bool
    writer_phone: str = ""
    writer_email: str = ""


def limits(received: dt.date) -> tuple[dt.date, dt.date]:
    """The reply and result deadlines of a letter received on `received`, in working days."""
    return (workdays.add_workdays(received, settings.MAILBOX_REPLY_DAYS),
            workdays.add_workdays(received, settings.MAILBOX_RESULT_DAYS))


def flags_of(*texts: str) -> list[str]:
    """What a person must look at before a text can appear: sensitive words and ID numbers."""
    text = "\n".join(texts)
    found = [f"敏感词：{w}" for w in abuse.sensitive_words(text)]
    if any(f.kind == "id_card" for f in sensitive.scan(text)):
        found.append("含身份证号")
    return found


def _event(letter: Letter, kind: str, actor: Actor, note: str = "", agency: Agency | None = None) -> None:
    user = actor if getattr(actor, "is_authenticated", False) else None
    LetterEvent.objects.create(letter=letter, kind=kind, actor=user, agency=agency, note=note[:2000])


def _mail(letter: Letter, what: str) -> None:
    """Tell the writer after the commit; the status page has the detail (and the mail no letter text)."""
    if not letter.writer_email:
        return
    body = (f"您写给领导信箱的来信（信件编号 {letter.number}）{what}。\n"
            f"请登录个人中心，或凭信件编号和查询码查看：{settings.SITE_URL}{reverse('mailbox:lookup')}\n")
    address, subject = letter.writer_email, f"领导信箱来信 {letter.number}：{what}"
    transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))


def _locked(letter: Letter) -> Letter:
    return Letter.objects.select_for_update().select_related("agency").get(pk=letter.pk)


@transaction.atomic
def submit(writer: Actor, draft: Draft, files: Sequence[UploadedFile] = (), today: dt.date | None = None) -> Letter:
    received = today or timezone.localdate()
    reply_due, result_due = limits(received)
    user = writer if getattr(writer, "is_authenticated", False) else None
    letter = Letter.objects.create(
        number=f"tmp-{timezone.now().timestamp()}"[:20], addressed_to=draft.addressed_to, agency=draft.addressed_to,
        writer_user=user, writer_name=draft.writer_name, writer_phone=draft.writer_phone,
        writer_email=draft.writer_email, subject=draft.subject, category=draft.category, content=draft.content,
        may_publish=draft.may_publish, flags=flags_of(draft.subject, draft.content), received_on=received,
        reply_due=reply_due, result_due=result_due,
    )
    letter.number = f"{received.year}{letter.pk:06d}"  # from the row's id: unique without a counter
    letter.save(update_fields=["number"])
    for upload in files:
        LetterAttachment.objects.create(letter=letter, file=upload, name=upload.name[:200], size=upload.size or 0)
    _event(letter, "submit", writer, agency=draft.addressed_to)
    audit.record(writer, "mailbox.submit", letter, f"来信 {letter.number}", flags=letter.flags)
    return letter


@transaction.atomic
def receive(actor: Actor, letter: Letter) -> Letter:
    letter = _locked(letter)
    access.require_handle(actor, letter)
    if letter.status != Letter.SUBMITTED:
        return letter
    letter.status = Letter.HANDLING
    letter.save(update_fields=["status"])
    _event(letter, "receive", actor, agency=letter.agency)
    audit.record(actor, "mailbox.receive", letter, f"签收 {letter.number}")
    return letter


def _move(actor: Actor, letter: Letter, to: Agency, note: str, kind: str) -> Letter:
    if not letter.is_open:
        raise Refused("已答复或已办结的来信不能再分办、转办")
    if to.pk == letter.agency_id:
        return letter
    if not note.strip():
        raise Refused("请写明转办理由")
    previous = letter.agency
    letter.agency, letter.status = to, Letter.SUBMITTED  # the new department signs for it again
    letter.save(update_fields=["agency", "status"])
    _event(letter, kind, actor, note, agency=to)
    audit.record(actor, f"mailbox.{kind}", letter, f"{previous} → {to}", reason=note)
    return letter


@transaction.atomic
def route(actor: Actor, letter: Letter, to: Agency, note: str) -> Letter:
    """分办: the mailbox's administrators (the office) send a letter to the department that answers."""
    letter = _locked(letter)
    access.require_office(actor)
    return _move(actor, letter, to, note, "route")


@transaction.atomic
def transfer(actor: Actor, letter: Letter, to: Agency, note: str) -> Letter:
    """转办: the handling department passes a letter that is not theirs to another one."""
    letter = _locked(letter)
    access.require_handle(actor, letter)
    return _move(actor, letter, to, note, "transfer")


@transaction.atomic
def reply(actor: Actor, letter: Letter, body: str, today: dt.date | None = None) -> Letter:
    letter = _locked(letter)
    access.require_handle(actor, letter)
    if not letter.is_open:
        raise Refused("这封来信已经答复")
    if not body.strip():
        raise Refused("答复内容不能为空")
    letter.reply, letter.reply_agency = body.strip(), letter.agency
    letter.replied_on, letter.status = today or timezone.localdate(), Letter.REPLIED
    letter.save(update_fields=["reply", "reply_agency", "replied_on", "status"])
    _event(letter, "reply", actor, agency=letter.agency)
    audit.record(actor, "mailbox.reply", letter, f"答复 {letter.number}")
    _mail(letter, "已经答复")
    return letter


@transaction.atomic
def close(actor: Actor, letter: Letter, result: str, today: dt.date | None = None) -> Letter:
    letter = _locked(letter)
    access.require_handle(actor, letter)
    if letter.status == Letter.CLOSED:
        return letter
    if letter.status != Letter.REPLIED:
        raise Refused("请先答复，再办结")
    letter.result, letter.closed_on, letter.status = result.strip(), today or timezone.localdate(), Letter.CLOSED
    letter.save(update_fields=["result", "closed_on", "status"])
    _event(letter, "close", actor, result, agency=letter.agency)
    audit.record(actor, "mailbox.close", letter, f"办结 {letter.number}")
    return letter


def publish(actor: Actor, letter: Letter, public_content: str, public_reply: str) -> Letter:
    """Publishes the letter and its reply as a person checked them, with the writer's consent only.

    The texts are scanned for personal data (`gongkai.lib.sensitive`) and sensitive words: when any
    is found, nothing is published, the letter is flagged (that commits) and `Refused` carries the
    findings for the person to mask (with ＊) or leave out; nothing is published by the system alone.
    """
    letter, held = _publish_or_hold(actor, letter, public_content.strip(), public_reply.strip())
    if held is not None:
        raise held
    return letter


@transaction.atomic
def _publish_or_hold(actor: Actor, letter: Letter, content: str, answer: str) -> tuple[Letter, Refused | None]:
    letter = _locked(letter)
    access.require_handle(actor, letter)
    if not letter.may_publish:
        raise Refused("来信人不同意公开，不能公开")
    if letter.status not in (Letter.REPLIED, Letter.CLOSED):
        raise Refused("答复之后才能公开")
    if not content or not answer:
        raise Refused("公开的来信内容和答复内容都不能为空")
    text = f"{letter.subject}\n{content}\n{answer}"
    found = [f for f in sensitive.scan(text) if f.kind in sensitive.PERSONAL]
    words = abuse.sensitive_words(text)
    if found or words:
        flags = sorted({*letter.flags, *(f"含{f.label}" for f in found), *(f"敏感词：{w}" for w in words)})
        letter.flags = flags
        letter.save(update_fields=["flags"])
        _event(letter, "hold", actor, "；".join(flags))
        audit.record(actor, "mailbox.hold", letter, f"暂缓公开 {letter.number}", flags=flags)
        reasons = [f"{f.label}“{f.text}”" for f in found] + [f"敏感词“{w}”" for w in words]
        return letter, Refused("公开内容含个人信息或敏感词，请处理后再公开：" + "、".join(reasons), found)
    letter.public_content, letter.public_reply = content, answer
    letter.published_at, letter.published_by, letter.flags = timezone.now(), actor, []
    letter.save(update_fields=["public_content", "public_reply", "published_at", "published_by", "flags"])
    _event(letter, "publish", actor)
    audit.record(actor, "mailbox.publish", letter, f"公开 {letter.number}")
    return letter, None


@transaction.atomic
def unpublish(actor: Actor, letter: Letter, reason: str) -> Letter:
    letter = _locked(letter)
    access.require_handle(actor, letter)
    if letter.published_at is None:
        return letter
    letter.published_at = None
    letter.save(update_fields=["published_at"])
    _event(letter, "hold", actor, reason)
    audit.record(actor, "mailbox.unpublish", letter, f"撤回公开 {letter.number}", reason=reason)
    return letter


@transaction.atomic
def rate(writer: Actor, letter: Letter, rating: str) -> Letter:
    """The writer's 满意度 of the reply; the view has checked that it is the writer. Once only."""
    letter = _locked(letter)
    if rating not in dict(RATINGS):
        raise Refused("请选择满意、基本满意或不满意")
    if letter.status not in (Letter.REPLIED, Letter.CLOSED):
        raise Refused("答复之后才能评价")
    if letter.rating:
        raise Refused("这封来信已经评价过了")
    letter.rating, letter.rated_at = rating, timezone.now()
    letter.save(update_fields=["rating", "rated_at"])
    _event(letter, "rate", writer, dict(RATINGS)[rating])
    audit.record(writer, "mailbox.rate", letter, f"评价 {letter.number}：{dict(RATINGS)[rating]}")
    return letter
