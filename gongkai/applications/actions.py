"""Every change to a disclosure application goes through one of these functions.

Each is atomic, locks the row, checks the actor's permission, appends an `ApplicationEvent` (who,
when, why; the applicant sees the public ones), writes an audit entry and stores the due date again
from the rows alone (`clock.due_date`), so that the indexed `due_on` the reminders scan is never
stale. `on` is the legal date of a step (a notice posted yesterday is entered today); it may not lie
in the future nor before the receipt. Mail is sent only after commit.

`due_on` is the next date by which the agency must act: the reply deadline, or while the applicant is
asked to correct, the end of the correction period (after which staff end the application, Art. 30).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Agency
from gongkai.applications import access, clock, letters
from gongkai.applications.models import Application, ApplicationEvent, ClockPause, Remedy, Reply, ReplyAttachment
from gongkai.applications.outcomes import OUTCOME_BY_CODE, REMEDY_KINDS, REMEDY_RESULTS
from gongkai.lib import workdays
from gongkai.lib.html import sanitize_html

# What an applicant states (Art. 29); the rest of the row is the agency's.
INTAKE_FIELDS = (
    "applicant_type", "applicant_name", "organisation_name", "id_kind", "id_number", "phone", "email",
    "address", "postcode", "description", "doc_no", "form_wanted", "delivery",
)
# What a correction may change: the request itself and how to reach the applicant.
CORRECTABLE_FIELDS = (
    "applicant_name", "organisation_name", "id_kind", "id_number", "phone", "email", "address", "postcode",
    "description", "doc_no", "form_wanted", "delivery",
)
CONSULT_KINDS = ("consult_third_party", "consult_coproducer")
TO_FILL = "【待填写"  # what a drafted letter leaves for staff (reasons, the part withheld)


@dataclass(frozen=True)
class Step:
    """What every verb is told besides its own arguments: the legal date and the reason."""

    on: dt.date
    reason: str = ""


def today() -> dt.date:
    return timezone.localdate()


# ---- helpers ---------------------------------------------------------------------------------------


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("agency").get(pk=application.pk)


def _check_date(application: Application, on: dt.date) -> None:
    if on > today():
        raise ValidationError("日期不能晚于今天")
    if on < application.received_on:
        raise ValidationError(f"日期不能早于收到申请的日期（{application.received_on:%Y-%m-%d}）")


def _require_open(application: Application) -> None:
    if not application.is_open:
        raise ValidationError(f"该申请已{application.get_status_display()}，不能再办理")


def _event(application: Application, actor: Any, what: str, step: Step, *, public: bool = True,
           **detail: Any) -> ApplicationEvent:
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = ApplicationEvent.objects.create(
        application=application, kind=what, on=step.on, actor=user, reason=step.reason, detail=detail,
        public=public,
    )
    audit.record(actor, f"application.{what}", application, step.reason or event.get_kind_display(),
                 number=application.number, on=step.on.isoformat())
    return event


def _letter(kind: str, application: Application, **extra: Any) -> dict[str, str]:
    """The notice sent with a step, kept in the event so the applicant reads what was sent."""
    letter = letters.render(kind, application, **extra)
    return {"kind": letter.kind, "title": letter.title, "html": letter.html}


def _pauses(application: Application, on: dt.date) -> list[clock.Pause]:
    """The pauses since the clock (re)started; a running consultation is assumed to take its full
    15 working days, so the stored date is the latest the reply may be due, never an early alarm."""
    result = []
    for p in application.clock_pauses.filter(start__gte=application.clock_start):
        end = p.end
        if end is None and p.kind in CONSULT_KINDS:
            end = max(clock.consultation_reply_due(p.start), on)
        result.append(clock.Pause(p.start, end, p.kind))
    return result


def compute_due(application: Application, on: dt.date | None = None) -> clock.Due:
    on = on or today()
    with workdays.consistent():  # one reading of the staff holiday table for the whole count
        return clock.due_date(application.clock_start, pauses=_pauses(application, on),
                              extension=application.extension_days, today=on,
                              fee_pauses=settings.APPLICATIONS_FEE_PAUSES_CLOCK)


def requests_this_month(application: Application) -> int:
    """The applicant's requests in the calendar month of this one, this one included (按件计收)."""
    same = Application.objects.filter(received_on__year=application.received_on.year,
                                      received_on__month=application.received_on.month,
                                      received_on__lte=application.received_on)
    if application.applicant_user_id:
        same = same.filter(applicant_user_id=application.applicant_user_id)
    else:
        same = same.filter(id_kind=application.id_kind, id_number=application.id_number)
    return same.count()


def _restamp(application: Application, on: dt.date) -> None:
    if application.status == "correcting" and application.correction_due:
        application.due_on = application.correction_due
    else:
        application.due_on = compute_due(application, on).due
    application.save()


def _mail(application: Application, subject: str) -> None:
    """Tell the applicant a step happened; the status page has the detail."""
    if not application.email:
        return
    body = (f"您的政府信息公开申请（受理编号 {application.number}）有新的办理进展：{subject}。\n"
            f"请登录或凭受理编号和查询码查看：{settings.SITE_URL}{reverse('applications:lookup')}\n")
    address = application.email
    transaction.on_commit(lambda: send_mail(f"政府信息公开申请 {application.number}：{subject}", body,
                                            None, [address], fail_silently=True))


def _number(agency: Agency, year: int) -> str:
    """Per agency and year; the agency row is locked so two receipts never draw the same number."""
    Agency.objects.select_for_update().get(pk=agency.pk)
    prefix = f"{year}-{agency.pk:03d}-"
    last = (Application.objects.filter(number__startswith=prefix).order_by("-number")
            .values_list("number", flat=True).first())
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def _proof_name(application: Application, upload: UploadedFile) -> str:
    """A neutral file name: the applicant's own (often their name and ID number) is not kept."""
    suffix = PurePath(upload.name or "").suffix.lower()
    return f"{application.number}{suffix if suffix in ('.pdf', '.jpg', '.jpeg', '.png') else '.bin'}"


def _validate_intake(data: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not str(data.get("applicant_name", "")).strip():
        errors["applicant_name"] = "请填写姓名（法人或其他组织请填写联系人）"
    if data.get("applicant_type", "natural") != "natural" and not str(data.get("organisation_name", "")).strip():
        errors["organisation_name"] = "法人或其他组织申请，请填写名称"
    if not str(data.get("id_number", "")).strip():
        errors["id_number"] = "请填写证件号码"
    if not any(str(data.get(f, "")).strip() for f in ("phone", "email", "address")):
        errors["phone"] = "请至少填写一种联系方式（电话、电子邮箱或通信地址）"
    if not str(data.get("description", "")).strip() and not str(data.get("doc_no", "")).strip():
        errors["description"] = "请填写所需信息的名称、文号或内容描述"
    if errors:
        raise ValidationError(errors)


# ---- intake ----------------------------------------------------------------------------------------


@transaction.atomic
def receive(actor: Any, agency: Agency, data: Mapping[str, Any], *, channel: str, received_on: dt.date,
            applicant_user: Any = None, id_proof: UploadedFile | None = None, reason: str = "") -> Application:
    """Register an application: online by the applicant, or on paper by staff of the agency.

    The receipt date follows Art. 31 and is the caller's: the day it was handed in, signed for,
    confirmed with the letter's sender, or (online) the day the portal confirmed it with its receipt.
    """
    if channel not in dict(Application.CHANNELS):
        raise ValidationError("未知的申请渠道")
    staff_entry = channel != "online"
    if staff_entry and not access.can_receive(actor, agency):
        raise PermissionDenied("只有本机关工作人员可以代为登记申请")
    if not staff_entry and not getattr(applicant_user, "is_authenticated", False):
        raise PermissionDenied("网上申请需要先登录")
    if received_on > today():
        raise ValidationError({"received_on": "收到申请的日期不能晚于今天"})
    _validate_intake(data)
    application = Application(agency=agency, channel=channel, received_on=received_on, clock_start=received_on,
                              due_on=received_on, applicant_user=applicant_user,
                              entered_by=actor if staff_entry else None)
    for name in INTAKE_FIELDS:
        if name in data:
            setattr(application, name, str(data[name]).strip())
    application.number = _number(agency, received_on.year)
    if id_proof is not None:
        application.id_proof.save(_proof_name(application, id_proof), id_proof, save=False)
    application.due_on = clock.due_date(received_on, today=received_on).due
    application.save()
    step = Step(received_on, reason)
    event = _event(application, actor, "received", step, channel=channel)
    event.detail["letter"] = _letter("receipt", application,
                                     status_url=settings.SITE_URL + reverse("applications:lookup"))
    event.save(update_fields=["detail"])
    _mail(application, "已收到申请")
    return application


# ---- correction (Art. 30) --------------------------------------------------------------------------


@transaction.atomic
def issue_correction(actor: Any, application: Application, *, items: str, period_days: int,
                     step: Step) -> Application:
    """The one-time 补正通知 (一次性告知), within 7 working days of receipt."""
    application = _locked(application)
    access.require_handle(actor, application)
    _require_open(application)
    _check_date(application, step.on)
    if application.events.filter(kind="correction_notice").exists():
        raise ValidationError("补正通知只能发出一次（一次性告知）")
    if application.status != "received":
        raise ValidationError("只有办理中的申请可以要求补正")
    latest = clock.correction_notice_due(application.received_on)
    if step.on > latest:
        raise ValidationError(f"补正通知应在收到申请后7个工作日内（{latest:%Y-%m-%d}前）发出")
    if not items.strip():
        raise ValidationError({"items": "请写明需要补正的事项"})
    if not 1 <= period_days <= 60:
        raise ValidationError({"period_days": "补正期限应为1至60个工作日"})
    application.status = "correcting"
    application.correction_due = workdays.add_workdays(step.on, period_days)
    _restamp(application, step.on)
    lines = [line.strip() for line in items.splitlines() if line.strip()]
    letter = _letter("correction", application, items=lines, correct_within=period_days,
                     correct_by=application.correction_due)
    _event(application, actor, "correction_notice", step, to_correct=lines,
           correction_due=application.correction_due.isoformat(), letter=letter)
    _mail(application, "请补正申请")
    return application


@transaction.atomic
def record_correction(actor: Any, application: Application, *, changes: Mapping[str, Any], step: Step,
                      id_proof: UploadedFile | None = None) -> Application:
    """The corrected application arrived: the reply period starts again from this day."""
    application = _locked(application)
    by_applicant = getattr(actor, "is_authenticated", False) and actor.pk == application.applicant_user_id
    if not by_applicant:
        access.require_handle(actor, application)
    if application.status != "correcting":
        raise ValidationError("该申请不在补正期间")
    _check_date(application, step.on)
    # Staff may still accept a late correction the applicant had good reason for (Art. 30); online,
    # the period is the period.
    if by_applicant and application.correction_due and step.on > application.correction_due:
        raise ValidationError(f"补正期限（{application.correction_due:%Y-%m-%d}）已过，请与受理机关联系")
    before = {f: getattr(application, f) for f in CORRECTABLE_FIELDS}
    for name in CORRECTABLE_FIELDS:
        if name in changes:
            setattr(application, name, str(changes[name]).strip())
    _validate_intake({f: getattr(application, f) for f in INTAKE_FIELDS})
    if id_proof is not None:
        application.id_proof.save(_proof_name(application, id_proof), id_proof, save=False)
    changed = sorted(f for f in CORRECTABLE_FIELDS if getattr(application, f) != before[f])
    application.status = "received"
    application.clock_start = step.on
    application.correction_due = None
    _restamp(application, step.on)
    _event(application, actor, "corrected", step, changed=changed, due=application.due_on.isoformat())
    return application


@transaction.atomic
def mark_abandoned(actor: Any, application: Application, *, step: Step) -> Application:
    """No correction, or no fee, within the period: deemed abandoned (Arts. 30, 42)."""
    application = _locked(application)
    access.require_handle(actor, application)
    _check_date(application, step.on)
    if application.status == "correcting":
        limit, outcome = application.correction_due, "other_no_correction"
    elif application.status == "fee_pending":
        limit, outcome = application.fee_due, "other_no_fee"
    else:
        raise ValidationError("只有待补正或待缴费的申请可以视为放弃")
    if limit is None or step.on <= limit:
        raise ValidationError(f"期限（{limit:%Y-%m-%d}）届满之后才能视为放弃申请" if limit else "没有期限")
    application.clock_pauses.filter(end__isnull=True).update(end=step.on)
    application.status, application.outcome, application.answered_on = "abandoned", outcome, step.on
    application.save()
    _event(application, actor, "abandoned", step, outcome=outcome)
    _mail(application, "视为放弃申请")
    return application


# ---- consultation (Arts. 32, 34) -------------------------------------------------------------------


@transaction.atomic
def start_consultation(actor: Any, application: Application, *, kind: str, party: str, step: Step) -> Application:
    application = _locked(application)
    access.require_handle(actor, application)
    _require_open(application)
    _check_date(application, step.on)
    if kind not in CONSULT_KINDS:
        raise ValidationError({"kind": "未知的征求意见类型"})
    if application.status not in ("received", "extended"):
        raise ValidationError("只有办理中的申请可以征求意见")
    if not party.strip():
        raise ValidationError({"party": "请填写征求意见的对象"})
    ClockPause.objects.create(application=application, kind=kind, start=step.on, party=party.strip())
    application.status = "consulting"
    _restamp(application, step.on)
    reply_by = clock.consultation_reply_due(step.on)
    letter = _letter(kind, application, party=party.strip(), reply_by=reply_by)
    # The letter goes to the consulted party, whose name the applicant need not learn: staff only.
    _event(application, actor, "consultation_start", step, kind=kind, party=party.strip(),
           reply_by=reply_by.isoformat(), staff_letter=letter)
    _mail(application, "征求意见（期间不计入答复期限）")
    return application


@transaction.atomic
def end_consultation(actor: Any, application: Application, *, opinion: str, step: Step) -> Application:
    application = _locked(application)
    access.require_handle(actor, application)
    if application.status != "consulting":
        raise ValidationError("该申请没有正在进行的征求意见")
    _check_date(application, step.on)
    pause = application.clock_pauses.filter(end__isnull=True, kind__in=CONSULT_KINDS).first()
    if pause is None or step.on < pause.start:
        raise ValidationError("征求意见的结束日期不能早于开始日期")
    pause.end = step.on
    pause.save(update_fields=["end"])
    application.status = "extended" if application.extension_days else "received"
    _restamp(application, step.on)
    _event(application, actor, "consultation_end", step, party=pause.party, opinion=opinion.strip(),
           due=application.due_on.isoformat())
    return application


# ---- extension (Art. 33) ---------------------------------------------------------------------------


@transaction.atomic
def extend(actor: Any, application: Application, *, days: int, step: Step) -> Application:
    """One extension of at most 20 working days, approved by the disclosure office, with a notice."""
    application = _locked(application)
    access.require_handle(actor, application)
    access.require_office(actor)
    _require_open(application)
    _check_date(application, step.on)
    if application.extension_days or application.events.filter(kind="extended").exists():
        raise ValidationError("答复期限只能延长一次")
    if not 1 <= days <= clock.EXTENSION_MAX:
        raise ValidationError({"days": f"延长期限为1至{clock.EXTENSION_MAX}个工作日"})
    if application.status == "correcting":
        raise ValidationError("补正期间不能延期")
    if not step.reason.strip():
        raise ValidationError({"reason": "请写明延期理由"})
    if step.on > application.due_on:
        raise ValidationError(f"答复期限（{application.due_on:%Y-%m-%d}）已过，不能再延期")
    application.extension_days = days
    if application.status == "received":
        application.status = "extended"
    _restamp(application, step.on)
    letter = _letter("extension", application, days=days, new_due=application.due_on)
    _event(application, actor, "extended", step, days=days, due=application.due_on.isoformat(), letter=letter)
    _mail(application, f"答复期限延长{days}个工作日")
    return application


# ---- fees (Art. 42) --------------------------------------------------------------------------------


@transaction.atomic
def fee_notice(actor: Any, application: Application, *, method: str, quantity: int | None, step: Step,
               amount: int | None = None) -> Application:
    """收费通知: by request (this applicant's requests this calendar month) or by page (国办函〔2020〕109号)."""
    application = _locked(application)
    access.require_handle(actor, application)
    _require_open(application)
    _check_date(application, step.on)
    if application.status not in ("received", "extended"):
        raise ValidationError("只有办理中的申请可以发出收费通知")
    if method not in ("per_request", "per_page"):
        raise ValidationError({"method": "收费方式只能是按件或按量"})
    if quantity is None and method == "per_request":
        quantity = requests_this_month(application)
    if quantity is None or quantity < 0:
        raise ValidationError({"quantity": "请填写页数"})
    if amount is None:
        # Per request, this request costs what the month's count adds (progressive by portion).
        amount = (clock.fee_amount_per_page(quantity) if method == "per_page"
                  else clock.fee_for_requests(max(quantity - 1, 0), 1))
    if amount <= 0:
        raise ValidationError({"amount": "未超出免费范围，不应收费"})
    application.fee_amount = amount
    application.fee_due = clock.fee_payment_due(step.on)
    application.status = "fee_pending"
    # Kept whatever the setting, so that changing the setting recounts every open application.
    ClockPause.objects.create(application=application, kind="fee", start=step.on)
    _restamp(application, step.on)
    letter = _letter("fee", application, amount=amount, fee_method=method, quantity=quantity,
                     pay_by=application.fee_due)
    _event(application, actor, "fee_notice", step, amount=amount, method=method, quantity=quantity,
           fee_due=application.fee_due.isoformat(), letter=letter)
    _mail(application, f"请在{application.fee_due:%Y-%m-%d}前缴纳信息处理费")
    return application


@transaction.atomic
def fee_paid(actor: Any, application: Application, *, step: Step) -> Application:
    application = _locked(application)
    access.require_handle(actor, application)
    if application.status != "fee_pending":
        raise ValidationError("该申请没有待缴的费用")
    _check_date(application, step.on)
    application.clock_pauses.filter(kind="fee", end__isnull=True).update(end=step.on)
    application.status = "extended" if application.extension_days else "received"
    _restamp(application, step.on)
    _event(application, actor, "fee_paid", step, amount=application.fee_amount)
    return application


# ---- reply (Arts. 36–39) ---------------------------------------------------------------------------


def draft_reply(application: Application, outcome: str, documents: Sequence[Any] = ()) -> letters.Letter:
    """The letter for an outcome, naming documents already published; nothing is stored."""
    if outcome not in OUTCOME_BY_CODE:
        raise ValidationError({"outcome": "未知的处理结果"})
    return letters.render(outcome, application, documents=list(documents))


@transaction.atomic
def reply(actor: Any, application: Application, *, outcome: str, title: str, body_html: str, step: Step,
          links: list[str] | None = None, attachments: Sequence[UploadedFile] = ()) -> Reply:
    """Send the reply: the outcome is recorded, the clock stops, the letter is kept as PDF."""
    application = _locked(application)
    access.require_handle(actor, application)
    _require_open(application)
    _check_date(application, step.on)
    if outcome not in OUTCOME_BY_CODE:
        raise ValidationError({"outcome": "未知的处理结果"})
    if outcome in ("other_no_correction", "other_no_fee"):
        raise ValidationError({"outcome": "逾期不补正或不缴费的，请使用“视为放弃申请”"})
    if application.status in ("correcting", "fee_pending", "consulting"):
        raise ValidationError(f"该申请{application.get_status_display()}，请先办结该环节")
    body = sanitize_html(body_html or "")
    if not title.strip() or not body.strip():
        raise ValidationError({"body_html": "答复的标题和正文不能为空"})
    if TO_FILL in body:
        raise ValidationError({"body_html": "告知书中还有【待填写】的内容，请填写后再发出"})
    row = Reply.objects.create(application=application, outcome=outcome, title=title.strip()[:200], body_html=body,
                               sent_on=step.on, delivery=application.delivery, links=list(links or []))
    pdf = letters.letter_pdf(letters.Letter(kind=outcome, title=row.title, html=body))
    row.pdf.save(f"{application.number}-{row.pk}.pdf", ContentFile(pdf), save=True)
    _attach(row, attachments)
    application.clock_pauses.filter(end__isnull=True).update(end=step.on)
    due = application.due_on
    application.status, application.outcome, application.answered_on = "answered", outcome, step.on
    application.save()
    late = workdays.workdays_between(due, step.on) if step.on > due else 0
    _event(application, actor, "answered", step, outcome=outcome, reply=row.pk, due=due.isoformat(),
           late_workdays=late, attachments=[a.name for a in row.attachments.all()])
    _mail(application, "已作出答复")
    return row


MAX_ATTACHMENTS = 10
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def _attach(row: Reply, uploads: Sequence[UploadedFile]) -> None:
    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": f"附件最多 {MAX_ATTACHMENTS} 个"})
    for i, upload in enumerate(uploads, 1):
        if upload.size and upload.size > MAX_ATTACHMENT_BYTES:
            raise ValidationError({"attachments": f"附件 {upload.name} 超过 50 MB"})
        name = PurePath(upload.name or f"附件{i}").name[:200]
        attachment = ReplyAttachment(reply=row, name=name)
        # Stored under a neutral name; the shown name is only ever sent as a download's filename.
        attachment.file.save(f"{row.application.number}-{row.pk}-{i}{PurePath(name).suffix[:10]}", upload,
                             save=True)


@transaction.atomic
def record_delivery(actor: Any, application: Application, *, reply_id: int, delivery: str, record: str,
                    step: Step) -> Reply:
    application = _locked(application)
    access.require_handle(actor, application)
    row = application.replies.filter(pk=reply_id).first()
    if row is None:
        raise ValidationError("没有这份答复")
    if delivery not in dict(Application.DELIVERIES):
        raise ValidationError({"delivery": "未知的送达方式"})
    if row.sent_on and step.on < row.sent_on:
        raise ValidationError("送达日期不能早于答复日期")
    _check_date(application, step.on)
    row.delivery, row.delivery_record, row.delivered_on = delivery, record.strip(), step.on
    row.save(update_fields=["delivery", "delivery_record", "delivered_on"])
    _event(application, actor, "delivered", step, reply=row.pk, delivery=delivery, record=record.strip())
    return row


# ---- transfer (Art. 36(5)) and remedies (table four) ------------------------------------------------


@transaction.atomic
def transfer(actor: Any, application: Application, *, to: Agency, step: Step) -> Application:
    """The disclosure office hands the application to the agency responsible; the clock runs on."""
    application = _locked(application)
    access.require_handle(actor, application)
    access.require_office(actor)
    _require_open(application)
    _check_date(application, step.on)
    if to.pk == application.agency_id:
        raise ValidationError({"to": "已经是该机关办理"})
    if not step.reason.strip():
        raise ValidationError({"reason": "请写明转交理由"})
    before = application.agency
    application.agency = to
    application.save(update_fields=["agency"])
    _event(application, actor, "transferred", step, **{"from": before.name, "to": to.name})
    _mail(application, f"已转交{to.name}办理")
    return application


@transaction.atomic
def record_remedy(actor: Any, application: Application, *, kind: str, result: str, filed_on: dt.date,
                  decided_on: dt.date | None, note: str, remedy_id: int | None = None) -> Remedy:
    """A reconsideration or lawsuit about this application, and later its result."""
    application = _locked(application)
    access.require_handle(actor, application)
    if kind not in dict(REMEDY_KINDS) or result not in dict(REMEDY_RESULTS):
        raise ValidationError("未知的复议、诉讼类型或结果")
    if filed_on > today() or (decided_on and (decided_on < filed_on or decided_on > today())):
        raise ValidationError("日期有误：不能晚于今天，决定日期不能早于提起日期")
    if result != "pending" and decided_on is None:
        raise ValidationError({"decided_on": "已审结的请填写决定或判决日期"})
    if remedy_id is None:
        remedy = Remedy(application=application)
    else:
        remedy = application.remedies.filter(pk=remedy_id).first()
        if remedy is None:
            raise ValidationError("没有这条记录")
    remedy.kind, remedy.result, remedy.filed_on, remedy.decided_on, remedy.note = (
        kind, result, filed_on, decided_on, note.strip())
    remedy.save()
    _event(application, actor, "remedy", Step(filed_on, note), public=False, remedy=remedy.pk, kind=kind,
           result=result)
    return remedy


# ---- retention -------------------------------------------------------------------------------------

PERSONAL_FIELDS = ("id_number", "phone", "email", "address", "postcode")


def purge_expired(on: dt.date | None = None) -> list[str]:
    """Forget identity proofs and contact details of applications closed longer than the retention.

    The request, the reply and the applicant's name stay: they are the agency's record (Art. 45) and
    the annual report's. An application with a reconsideration or lawsuit still pending is kept whole.
    Returns the numbers purged; each is its own transaction, so one failure does not undo the rest.
    """
    days = settings.APPLICATIONS_RETENTION_DAYS
    if not days:
        return []
    on = on or today()
    cutoff = on - dt.timedelta(days=days)
    expired = (Application.objects.exclude(status__in=Application.OPEN_STATUSES)
               .filter(answered_on__lt=cutoff).exclude(remedies__result="pending")
               .exclude(id_number="", phone="", email="", address="", postcode="", id_proof=""))
    return [number for number in expired.values_list("number", flat=True).distinct() if _purge(number, on)]


@transaction.atomic
def _purge(number: str, on: dt.date) -> bool:
    application = Application.objects.select_for_update().get(number=number)
    if application.id_proof:
        application.id_proof.delete(save=False)
    for name in PERSONAL_FIELDS:
        setattr(application, name, "")
    application.save()
    _event(application, None, "purged", Step(on, f"保存期限（{settings.APPLICATIONS_RETENTION_DAYS}天）届满"),
           public=False)
    return True
