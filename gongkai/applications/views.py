"""依申请公开 pages: the reader's application and status page, and the staff's list and steps.

Applicants reach an application through `access.applicant_application` (their account, or the
number and 查询码 of the receipt); staff through `access.staff_application` (their agencies). Every
change is one call into `actions`; a refused step comes back as a message, never as a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.accounts import access as agency_access
from gongkai.applications import access, actions, clock, forms
from gongkai.applications.actions import Step
from gongkai.applications.models import Application, ReplyAttachment
from gongkai.catalog import queries
from gongkai.lib import workdays
from gongkai.lib import ratelimit
from gongkai.readers.views import client_ip, reader_required

get_or_post = require_http_methods(["GET", "HEAD", "POST"])
LOOKUP_PER_IP = ratelimit.Limit("application-lookup", attempts=10, window=15 * 60)


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


@dataclass(frozen=True)
class Clock:
    """What the status and staff pages show of the clock."""

    due: dt.date
    remaining: int
    paused: bool
    unknown_year: bool
    warnings: tuple[str, ...]


def clock_of(application: Application) -> Clock | None:
    if not application.is_open:
        return None
    today, due = actions.today(), application.due_on
    with workdays.consistent():  # one reading of the staff holiday table
        unknown = workdays.unknown_years(min(today, due), max(today, due))
        shown = unknown if len(unknown) <= 2 else [unknown[0], unknown[-1]]  # not one line per year
        warnings = tuple(workdays.unknown_year_warning(year) for year in shown)
        left = clock.remaining(due, today)
    return Clock(due, left, application.status == "consulting", bool(warnings), warnings)


def _timeline(application: Application, staff: bool) -> Any:
    events = application.events.select_related("actor")
    return events if staff else events.filter(public=True)


# ---- the applicant ---------------------------------------------------------------------------------


@reader_required
@get_or_post
def apply(request: HttpRequest) -> HttpResponse:
    form = forms.ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = actions.receive(request.user, data["agency"], data, channel="online",
                                          received_on=actions.today(), applicant_user=request.user,
                                          id_proof=data["id_proof"])
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            access.grant(request, application)
            messages.success(request, f"申请已提交，受理编号 {application.number}，查询码 {application.access_key}。")
            return redirect("applications:status", number=application.number)
    return render(request, "applications/apply.html", {"form": form})


@reader_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    rows = Application.objects.filter(applicant_user=request.user).select_related("agency")
    return render(request, "applications/mine.html", {"applications": rows})


@get_or_post
def lookup(request: HttpRequest) -> HttpResponse:
    form = forms.LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        if ratelimit.retry_after(LOOKUP_PER_IP, ip):
            form.add_error(None, "查询次数过多，请稍后再试。")
        else:
            number, key = form.cleaned_data["number"].strip(), form.cleaned_data["access_key"].strip()
            found = Application.objects.filter(number=number, access_key=key).first()
            if found is None:
                ratelimit.hit(LOOKUP_PER_IP, ip)
                form.add_error(None, "受理编号或查询码不正确。")
            else:
                access.grant(request, found)
                return redirect("applications:status", number=found.number)
    return render(request, "applications/lookup.html", {"form": form})


@require_safe
def status(request: HttpRequest, number: str) -> HttpResponse:
    application = access.applicant_application(request, number)
    context = {
        "app": application, "clock": clock_of(application), "events": _timeline(application, staff=False),
        "replies": application.replies.filter(sent_on__isnull=False),
        "outcomes": forms.OUTCOME_LABELS,
        "correction_form": (forms.ApplicantCorrectionForm(instance=application)
                            if application.status == "correcting" else None),
    }
    return render(request, "applications/status.html", context)


@require_POST
def correct(request: HttpRequest, number: str) -> HttpResponse:
    application = access.applicant_application(request, number)
    if not request.user.is_authenticated or request.user.pk != application.applicant_user_id:
        messages.error(request, "请登录提交申请的账户后补正；纸质申请请向受理机关提交补正材料。")
        return redirect("applications:status", number=number)
    form = forms.ApplicantCorrectionForm(request.POST, request.FILES, instance=Application(pk=application.pk))
    if form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "id_proof"}
        try:
            actions.record_correction(request.user, application, changes=changes, step=Step(actions.today()),
                                      id_proof=form.cleaned_data.get("id_proof"))
        except ValidationError as exc:
            for message in _errors(exc):
                messages.error(request, message)
        else:
            messages.success(request, "补正已提交，答复期限从今天重新计算。")
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{errors[0]}")
    return redirect("applications:status", number=number)


@require_safe
def proof(request: HttpRequest, number: str) -> FileResponse:
    application = access.viewer_application(request, number)
    if not application.id_proof:
        raise Http404("没有上传身份证明")
    response = FileResponse(application.id_proof.open("rb"), as_attachment=False)
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def reply_pdf(request: HttpRequest, number: str, reply_id: int) -> FileResponse:
    application = access.viewer_application(request, number)
    row = application.replies.filter(pk=reply_id).first()
    if row is None or not row.pdf:
        raise Http404("没有这份答复")
    response = FileResponse(row.pdf.open("rb"), filename=f"{application.number}-答复.pdf",
                            content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def reply_attachment(request: HttpRequest, number: str, attachment_id: int) -> FileResponse:
    application = access.viewer_application(request, number)
    attachment = ReplyAttachment.objects.filter(pk=attachment_id, reply__application=application).first()
    if attachment is None:
        raise Http404("没有这个附件")
    # Always a download, never rendered in the site's origin, whatever the file contains.
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name,
                            content_type="application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    return response


# ---- staff -----------------------------------------------------------------------------------------


@staff_member_required
@require_safe
def staff_list(request: HttpRequest) -> HttpResponse:
    rows = access.for_staff(request.user).select_related("agency")
    shown = request.GET.get("show", "open")
    if shown == "open":
        rows = rows.filter(status__in=Application.OPEN_STATUSES).order_by("due_on", "pk")
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(Q(number__icontains=query) | Q(description__icontains=query) | Q(doc_no__icontains=query))
    with workdays.consistent():
        listed = [(a, clock_of(a)) for a in rows[:500]]
    unknown = any(c and c.unknown_year for _, c in listed)
    return render(request, "applications/staff_list.html",
                  {"rows": listed, "show": shown, "q": query, "unknown_year": unknown})


@staff_member_required
@get_or_post
def staff_new(request: HttpRequest) -> HttpResponse:
    agencies = agency_access.agencies_of(request.user)
    form = forms.StaffIntakeForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = actions.receive(request.user, data["agency"], data, channel=data["channel"],
                                          received_on=data["received_on"], id_proof=data.get("id_proof"),
                                          reason=data.get("note", ""))
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, "; ".join(_errors(exc)) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, f"已登记，受理编号 {application.number}，查询码 {application.access_key}。")
            return redirect("applications:staff_detail", number=application.number)
    return render(request, "applications/staff_new.html", {"form": form})


def _step_forms(application: Application, user: Any) -> dict[str, Form]:
    """The steps that make sense now, each as an empty form."""
    status, steps = application.status, {}
    if status == "received" and not application.events.filter(kind="correction_notice").exists():
        steps["issue_correction"] = forms.CorrectionNoticeForm()
    if status == "correcting":
        steps["record_correction"] = forms.RecordCorrectionForm(
            initial={"description": application.description, "doc_no": application.doc_no})
    if status in ("correcting", "fee_pending"):
        steps["mark_abandoned"] = forms.StepForm()
    if status in ("received", "extended"):
        steps["start_consultation"] = forms.ConsultForm()
        steps["fee_notice"] = forms.FeeNoticeForm()
    if status == "consulting":
        steps["end_consultation"] = forms.EndConsultForm()
    if status == "fee_pending":
        steps["fee_paid"] = forms.StepForm()
    office = access.is_office(user)
    if office and application.is_open and status != "correcting" and not application.extension_days:
        steps["extend"] = forms.ExtendForm()
    if office and application.is_open:
        steps["transfer"] = forms.TransferForm()
    return steps


STEP_TITLES = {
    "issue_correction": "发出补正通知（收到申请后7个工作日内，一次性告知）",
    "record_correction": "登记补正（答复期限重新计算）",
    "mark_abandoned": "视为放弃申请（补正或缴费期限届满）",
    "start_consultation": "征求第三方或共同制作机关意见（期间不计入答复期限）",
    "end_consultation": "征求意见结束",
    "fee_notice": "发出收费通知",
    "fee_paid": "登记缴费",
    "extend": "延期答复（政务公开办批准，最长20个工作日，限一次）",
    "transfer": "转交其他机关办理",
}


@staff_member_required
@require_safe
def staff_detail(request: HttpRequest, number: str) -> HttpResponse:
    application = access.staff_application(request, number)
    steps = [(verb, STEP_TITLES[verb], form) for verb, form in _step_forms(application, request.user).items()]
    replies = list(application.replies.all())
    context = {
        "app": application, "clock": clock_of(application), "events": _timeline(application, staff=True),
        "steps": steps, "replies": [(r, forms.DeliveryForm(initial={"reply_id": r.pk, "delivery": r.delivery}))
                                    for r in replies],
        "remedies": application.remedies.all(), "remedy_form": forms.RemedyForm(),
        "pauses": application.clock_pauses.all(),
        "outcomes": forms.OUTCOME_LABELS,
    }
    return render(request, "applications/staff_detail.html", context)


def _run(verb: str, user: Any, app: Application, data: dict[str, Any]) -> Any:
    step = Step(data.pop("on", None) or actions.today(), data.pop("reason", "") or "")
    calls: dict[str, Callable[[], Any]] = {
        "issue_correction": lambda: actions.issue_correction(user, app, items=data["items"],
                                                             period_days=data["period_days"], step=step),
        "record_correction": lambda: actions.record_correction(
            user, app, changes={k: v for k, v in data.items() if v}, step=step),
        "mark_abandoned": lambda: actions.mark_abandoned(user, app, step=step),
        "start_consultation": lambda: actions.start_consultation(user, app, kind=data["kind"],
                                                                 party=data["party"], step=step),
        "end_consultation": lambda: actions.end_consultation(user, app, opinion=data["opinion"], step=step),
        "extend": lambda: actions.extend(user, app, days=data["days"], step=step),
        "fee_notice": lambda: actions.fee_notice(user, app, method=data["method"], quantity=data["quantity"],
                                                 amount=data["amount"], step=step),
        "fee_paid": lambda: actions.fee_paid(user, app, step=step),
        "transfer": lambda: actions.transfer(user, app, to=data["to"], step=step),
        "record_delivery": lambda: actions.record_delivery(user, app, reply_id=data["reply_id"],
                                                           delivery=data["delivery"], record=data["record"],
                                                           step=step),
    }
    return calls[verb]()


STEP_FORMS: dict[str, type[Form]] = {
    "issue_correction": forms.CorrectionNoticeForm, "record_correction": forms.RecordCorrectionForm,
    "mark_abandoned": forms.StepForm, "start_consultation": forms.ConsultForm,
    "end_consultation": forms.EndConsultForm, "extend": forms.ExtendForm, "fee_notice": forms.FeeNoticeForm,
    "fee_paid": forms.StepForm, "transfer": forms.TransferForm, "record_delivery": forms.DeliveryForm,
}


@staff_member_required
@require_POST
def staff_step(request: HttpRequest, number: str, verb: str) -> HttpResponse:
    application = access.staff_application(request, number)
    form_class = STEP_FORMS.get(verb)
    if form_class is None:
        raise Http404("没有这个办理环节")
    form = form_class(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}：{errors[0]}" if label else errors[0])
        return redirect("applications:staff_detail", number=number)
    try:
        _run(verb, request.user, application, dict(form.cleaned_data))
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "无权办理")
    else:
        messages.success(request, "已办理。")
    return redirect("applications:staff_detail", number=number)


def published_documents(ids: str) -> list[Any]:
    """Published documents named by their ids ("12, 15"): a reply points the applicant to them."""
    wanted = [int(part) for part in ids.replace("，", ",").split(",") if part.strip().isdigit()][:20]
    return list(queries.public_documents().filter(pk__in=wanted)) if wanted else []


@staff_member_required
@get_or_post
def staff_reply(request: HttpRequest, number: str) -> HttpResponse:
    """GET ?outcome=…: the letter drafted for that outcome; POST: send the edited letter."""
    application = access.staff_application(request, number)
    if request.method == "POST":
        form = forms.ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.reply(request.user, application, outcome=data["outcome"], title=data["title"],
                              body_html=data["body_html"], links=data["links"], attachments=data["attachments"],
                              step=Step(data["on"], data["reason"]))
            except ValidationError as exc:
                for message in _errors(exc):
                    form.add_error(None, message)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "答复已作出，告知书已存档。")
                return redirect("applications:staff_detail", number=number)
    else:
        outcome = request.GET.get("outcome", "")
        documents = published_documents(request.GET.get("documents", ""))
        try:
            letter = actions.draft_reply(application, outcome, documents)
        except ValidationError:
            messages.error(request, "请选择处理结果")
            return redirect("applications:staff_detail", number=number)
        links = "\n".join(d.get_absolute_url() for d in documents)
        form = forms.ReplyForm(initial={"outcome": outcome, "title": letter.title, "body_html": letter.html,
                                        "links": links})
    return render(request, "applications/staff_reply.html", {"app": application, "form": form})


@staff_member_required
@require_POST
def staff_remedy(request: HttpRequest, number: str) -> HttpResponse:
    application = access.staff_application(request, number)
    form = forms.RemedyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_remedy(request.user, application, kind=data["kind"], result=data["result"],
                                  filed_on=data["filed_on"], decided_on=data["decided_on"], note=data["note"],
                                  remedy_id=data["remedy_id"])
        except ValidationError as exc:
            for message in _errors(exc):
                messages.error(request, message)
        else:
            messages.success(request, "已记录。")
    else:
        messages.error(request, "请填写复议或诉讼的类型、结果和日期。")
    return redirect("applications:staff_detail", number=number)
