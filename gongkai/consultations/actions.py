"""Every change to a consultation goes through one of these functions.

Staff verbs (open, moderate, close, group, publish the feedback, link the final version) are atomic,
check that the actor works for the consultation's agency, lock the row, and write an audit entry.
Residents' verbs (comment, confirm by e-mail) check the text and put it in the moderation queue:
nothing a resident writes is public before a person approved it. Mail goes out after the commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from gongkai.accounts import access, audit
from gongkai.accounts.models import Agency
from gongkai.catalog import actions as catalog
from gongkai.catalog.models import Document, Term
from gongkai.consultations import listing, rules
from gongkai.consultations.models import Comment, Consultation, FeedbackGroup
from gongkai.lib import abuse, sensitive

COMBO = "意见征集"  # the 组配分类 the notices are listed under
BODY_MAX = 5000
CONFIRM_SALT = "gongkai.consultations.comment"
CONFIRM_MAX_AGE = dt.timedelta(days=3)


@dataclass(frozen=True)
class Draft:
    """What staff give to open a consultation (the form's cleaned data)."""

    title: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    contact_office: str
    draft_text: str = ""
    explanation: str = ""
    short_reason: str = ""
    how_to_comment: str = ""
    show_comments: bool = True
    document: Document | None = None


def _require_staff(actor: Any, consultation: Consultation) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("需要登录")
    access.require_edit(actor, consultation)


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


# --- staff ------------------------------------------------------------------------------------


@transaction.atomic
def open_consultation(actor: Any, agency: Agency, draft: Draft) -> Consultation:
    if not access.agencies_of(actor).filter(pk=agency.pk).exists():
        raise PermissionDenied(f"{actor} 无权为 {agency} 发起意见征集")
    if draft.document is not None and not access.can_edit(actor, draft.document):
        raise PermissionDenied("只能就本机构的草案征求意见")
    text = draft.document.body_text if draft.document is not None else draft.draft_text
    errors = rules.problems(draft.kind, draft.starts_on, draft.ends_on, draft.short_reason)
    if not text.strip():
        errors["draft_text"] = "请提供草案全文，或选择目录中的草案"
    if not draft.title.strip():
        errors["title"] = "草案名称不能为空"
    if not draft.contact_office.strip():
        errors["contact_office"] = "请填写联系单位"
    if errors:
        raise ValidationError(errors)
    consultation = Consultation.objects.create(
        agency=agency, title=draft.title.strip(), kind=draft.kind, draft=draft.document, draft_text=text,
        explanation=draft.explanation, starts_on=draft.starts_on, ends_on=draft.ends_on,
        short_reason=draft.short_reason.strip(), how_to_comment=draft.how_to_comment,
        contact_office=draft.contact_office.strip(), show_comments=draft.show_comments, opened_by=actor,
    )
    consultation.notice = _publish_notice(actor, consultation)
    consultation.save(update_fields=["notice"])
    audit.record(actor, "consultation.open", consultation, consultation.title,
                 starts_on=draft.starts_on.isoformat(), ends_on=draft.ends_on.isoformat(),
                 short_reason=consultation.short_reason)
    return consultation


def _notice_html(c: Consultation) -> str:
    url = settings.SITE_URL + c.get_absolute_url()
    lines = [
        f"为广泛听取社会公众意见，现将《{c.title}》向社会公开征求意见。",
        f"征求意见时间：{c.starts_on:%Y年%m月%d日}至{c.ends_on:%Y年%m月%d日}。",
        f"意见反馈方式：{c.how_to_comment or '在本站意见征集页面在线提交'}",
        f"联系单位：{c.contact_office}",
    ]
    if c.short_reason:
        lines.append(f"征求意见期限少于规定期限的理由：{c.short_reason}")
    html = "".join(f"<p>{escape(line)}</p>" for line in lines)
    html += f'<p>在线提交意见：<a href="{escape(url)}">{escape(url)}</a></p>'
    html += "".join(f"<p>{escape(p)}</p>" for p in c.paragraphs())
    if c.explanation.strip():
        html += "<h2>起草说明</h2>" + "".join(f"<p>{escape(p.strip())}</p>"
                                             for p in c.explanation.splitlines() if p.strip())
    return html


def _publish_notice(actor: Any, c: Consultation) -> Document:
    """The 征求意见公告 in the catalog (组配分类 意见征集), so feeds and search carry it.

    Published at once when the actor may publish and the review chain lets it through; otherwise it
    waits as a draft in 审核发布, and the consultation page is public all the same.
    """
    fields = {"title": f"关于公开征求《{c.title}》意见的公告", "body_html": _notice_html(c),
              "summary": f"征求意见时间：{c.starts_on:%Y-%m-%d}至{c.ends_on:%Y-%m-%d}",
              "combo": Term.resolve(Term.COMBO, COMBO), "genre": Term.resolve(Term.GENRE, "公告")}
    doc = catalog.create_document(actor, c.agency, fields, note="意见征集公告")
    try:
        with transaction.atomic():
            doc = catalog.publish(actor, doc, reason="公开征求意见", day=c.starts_on)
    except (PermissionDenied, ValidationError):
        pass  # not this actor's to publish, or its chain requires review: a draft listed in 审核发布
    return doc


@transaction.atomic
def moderate(actor: Any, comment: Comment, *, approve: bool, reason: str = "") -> Comment:
    comment = Comment.objects.select_for_update().select_related("consultation__agency").get(pk=comment.pk)
    _require_staff(actor, comment.consultation)
    if comment.status not in Comment.QUEUE:
        raise ValidationError("该意见已审核过")
    if not approve and not reason.strip():
        raise ValidationError({"reason": "不予公开须说明理由"})
    comment.status = Comment.APPROVED if approve else Comment.REJECTED
    comment.moderated_by, comment.moderated_at = actor, timezone.now()
    comment.moderation_reason = reason.strip()[:500]
    comment.save()
    audit.record(actor, "consultation.approve" if approve else "consultation.reject", comment,
                 comment.moderation_reason, flags=comment.flags)
    return comment


@transaction.atomic
def close(actor: Any, consultation: Consultation, *, reason: str = "") -> Consultation:
    consultation = _locked(consultation)
    _require_staff(actor, consultation)
    if consultation.status != Consultation.OPEN:
        return consultation
    if timezone.localdate() <= consultation.ends_on and not reason.strip():
        raise ValidationError({"reason": "征求意见期限未满，提前结束须说明理由"})
    consultation.status, consultation.closed_at = Consultation.CLOSED, timezone.now()
    consultation.save(update_fields=["status", "closed_at"])
    audit.record(actor, "consultation.close", consultation, reason or "期满结束")
    return consultation


@transaction.atomic
def add_group(actor: Any, consultation: Consultation, *, summary: str, decision: str, reason: str,
              comment_ids: Sequence[int]) -> FeedbackGroup:
    """One group of the 采纳情况反馈: similar comments, and whether and why they were adopted."""
    consultation = _locked(consultation)
    _require_staff(actor, consultation)
    if consultation.status != Consultation.CLOSED:
        raise ValidationError("征集结束后、反馈发布前才能整理采纳情况")
    if decision not in dict(FeedbackGroup.DECISIONS):
        raise ValidationError({"decision": "请选择采纳情况"})
    if not summary.strip() or not reason.strip():
        raise ValidationError("意见摘要和理由都须填写")
    comments = consultation.comments.filter(pk__in=list(comment_ids), status=Comment.APPROVED, group=None)
    position = consultation.groups.count() + 1
    group = FeedbackGroup.objects.create(consultation=consultation, position=position, summary=summary.strip(),
                                         decision=decision, reason=reason.strip())
    comments.update(group=group)
    audit.record(actor, "consultation.group", consultation, summary[:200], decision=decision)
    return group


@transaction.atomic
def publish_feedback(actor: Any, consultation: Consultation, *, intro: str = "") -> Consultation:
    consultation = _locked(consultation)
    _require_staff(actor, consultation)
    if consultation.status == Consultation.ANSWERED:
        return consultation
    if consultation.status != Consultation.CLOSED:
        raise ValidationError("征集结束后才能发布采纳情况反馈")
    if consultation.comments.filter(status__in=Comment.QUEUE).exists():
        raise ValidationError("还有待审核的意见，请先审核")
    if not consultation.groups.exists() and not intro.strip():
        raise ValidationError({"intro": "请整理意见分组，或说明未收到意见等情况"})
    consultation.status, consultation.feedback_published_at = Consultation.ANSWERED, timezone.now()
    consultation.feedback_intro = intro.strip()
    consultation.save(update_fields=["status", "feedback_published_at", "feedback_intro"])
    _notice_feedback(actor, consultation)
    audit.record(actor, "consultation.feedback", consultation, f"{consultation.groups.count()} 组")
    return consultation


def _notice_feedback(actor: Any, c: Consultation) -> None:
    """The notice gains the feedback, so that search finds the 采纳情况 with the draft."""
    if c.notice is None:
        return
    parts = [f"<h2>意见采纳情况</h2><p>{escape(c.feedback_intro)}</p>" if c.feedback_intro else "<h2>意见采纳情况</h2>"]
    for g in c.groups.all():
        parts.append(f"<p>{g.position}. {escape(g.summary)}({g.get_decision_display()}):{escape(g.reason)}</p>")
    catalog.update_document(actor, c.notice, {"body_html": c.notice.body_html + "".join(parts)},
                            note="发布意见采纳情况")


@transaction.atomic
def link_final_version(actor: Any, consultation: Consultation, document: Document) -> Consultation:
    """The document finally adopted; its page then links back to this consultation."""
    consultation = _locked(consultation)
    _require_staff(actor, consultation)
    if not document.is_public:
        raise ValidationError("只能关联已发布的正式文件")
    if consultation.final_document_id == document.pk:
        return consultation
    consultation.final_document = document
    consultation.save(update_fields=["final_document"])
    audit.record(actor, "consultation.final", consultation, document.title, document_id=document.pk)
    # The document's page (kept as a file by gongkai.pages) now shows the link: let it be made again.
    from gongkai.catalog.signals import document_changed

    document_changed.send(sender=Document, document_id=document.pk)
    transaction.on_commit(lambda: cache.delete(listing.FINALS_KEY))
    return consultation


# --- residents ----------------------------------------------------------------------------------


def _flags(body: str) -> list[str]:
    flags = [f"个人信息：{f.label}" for f in sensitive.scan(body) if f.kind in sensitive.PERSONAL]
    flags += [f"敏感词：{word}" for word in abuse.sensitive_words(body)]
    return list(dict.fromkeys(flags))


def _checked_body(consultation: Consultation, body: str, paragraph: int | None) -> str:
    body = (body or "").strip()
    if not consultation.accepting():
        raise ValidationError("本次意见征集不在征集期内")
    if not body:
        raise ValidationError({"body": "请填写意见内容"})
    if len(body) > BODY_MAX:
        raise ValidationError({"body": f"意见内容不超过 {BODY_MAX} 字"})
    if paragraph is not None and not 1 <= paragraph <= len(consultation.paragraphs()):
        raise ValidationError({"paragraph": "所选段落不存在"})
    if abuse.is_duplicate(f"consultation-{consultation.pk}", body):
        raise ValidationError({"body": "相同内容的意见已经提交过，请勿重复提交"})
    return body


@transaction.atomic
def comment(consultation: Consultation, body: str, *, user: Any = None, email: str = "",
            paragraph: int | None = None) -> Comment:
    """A signed-in reader's comment goes to the queue; one with only an e-mail waits for its link."""
    signed_in = getattr(user, "is_authenticated", False)
    if not signed_in and not email.strip():
        raise ValidationError({"email": "请填写电子邮箱，以便确认"})
    body = _checked_body(consultation, body, paragraph)
    flags = _flags(body)
    status = (Comment.HELD if flags else Comment.PENDING) if signed_in else Comment.UNCONFIRMED
    made = Comment.objects.create(
        consultation=consultation, body=body, paragraph=paragraph, user=user if signed_in else None,
        email="" if signed_in else email.strip().lower(), status=status, flags=flags,
        confirmed_at=timezone.now() if signed_in else None,
    )
    audit.record(user, "consultation.comment", made, status, flags=flags)
    if not signed_in:
        transaction.on_commit(lambda: _send_confirmation(made))
    return made


def confirmation_token(made: Comment) -> str:
    return signing.dumps({"c": made.pk, "e": made.email}, salt=CONFIRM_SALT)


def _send_confirmation(made: Comment) -> None:
    url = settings.SITE_URL + reverse("consultations:confirm", args=[confirmation_token(made)])
    send_mail(
        f"请确认您对《{made.consultation.title}》提出的意见",
        f"您在意见征集页面提交了意见。请在 3 日内打开下面的链接确认，确认后意见进入审核：\n\n{url}\n\n"
        "如果不是您本人提交，请忽略本邮件。",
        None, [made.email],
    )


@transaction.atomic
def confirm(token: str) -> Comment:
    """The link in the mail: the comment joins the moderation queue (once; later clicks change nothing)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        pk, email = int(data["c"]), str(data["e"])
    except signing.SignatureExpired:
        raise ValidationError("确认链接已过期，请重新提交意见") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError("确认链接无效") from None
    made = Comment.objects.select_for_update().filter(pk=pk, email=email).first()
    if made is None:
        raise ValidationError("确认链接无效")
    if made.status != Comment.UNCONFIRMED:
        return made
    # A comment sent on the last day may be confirmed the next morning, but not once staff closed it.
    if made.consultation.status != Consultation.OPEN:
        raise ValidationError("本次意见征集已经结束，意见未能提交")
    made.status = Comment.HELD if made.flags else Comment.PENDING
    made.confirmed_at = timezone.now()
    made.save(update_fields=["status", "confirmed_at"])
    audit.record(None, "consultation.confirm", made, made.status)
    return made
