"""领导信箱 pages: writing, the receipt and status page, the public letters and statistics, and the
staff's list and letter page. Each view is a short checklist; the steps are in `actions`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.accounts import access as accounts_access
from gongkai.lib import abuse, challenge
from gongkai.mailbox import access, actions, statistics
from gongkai.mailbox.forms import (
    CloseForm, EmptyForm, LetterForm, LookupForm, MoveForm, PublishForm, RateForm, ReplyForm,
)
from gongkai.mailbox.models import Letter

SCOPE = "mailbox.letter"


def published() -> Any:
    return Letter.objects.filter(published_at__isnull=False).select_related("reply_agency", "agency")


def _write_page(request: HttpRequest, form: LetterForm | None = None, status: int = 200) -> HttpResponse:
    """The form with a new question each time: a token answers once, right or wrong."""
    fresh = challenge.issue(request)
    if form is None:
        form = LetterForm(initial={"challenge_token": fresh.token})
    else:
        form.data = form.data.copy()
        form.data["challenge_token"], form.data["challenge_answer"] = fresh.token, ""
    form.fields["challenge_answer"].label = form["challenge_answer"].label = fresh.question
    return render(request, "mailbox/write.html", {
        "form": form, "reply_days": settings.MAILBOX_REPLY_DAYS, "result_days": settings.MAILBOX_RESULT_DAYS,
    }, status=status)


@require_http_methods(["GET", "POST"])
def write(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _write_page(request)
    form = LetterForm(request.POST, request.FILES)
    if not form.is_valid():
        return _write_page(request, form, 400)
    if not challenge.verify(request, form.cleaned_data["challenge_token"], form.cleaned_data["challenge_answer"]):
        form.add_error("challenge_answer", "验证问题回答不正确或已过期，请回答新的问题")
        return _write_page(request, form, 400)
    wait = abuse.rate_limited(request, SCOPE)
    if wait:
        form.add_error(None, f"提交过于频繁，请 {max(wait // 60, 1)} 分钟后再试")
        return _write_page(request, form, 429)
    data = form.cleaned_data
    if abuse.is_duplicate(SCOPE, f"{data['subject']}\n{data['content']}"):
        form.add_error("content", "相同内容的来信已经提交过，请勿重复提交；可凭信件编号查询办理进度")
        return _write_page(request, form, 400)
    draft = actions.Draft(**{k: data[k] for k in (
        "addressed_to", "writer_name", "subject", "category", "content", "may_publish", "writer_phone",
        "writer_email")})
    letter = actions.submit(request.user, draft, [data["attachment"]] if data["attachment"] else [])
    access.remember(request, letter)
    messages.success(request, f"来信已提交，信件编号 {letter.number}，查询码 {letter.access_key}。请妥善保存。")
    return redirect("mailbox:status", letter.number)


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number, key = form.cleaned_data["number"].strip(), form.cleaned_data["access_key"].strip()
        found = Letter.objects.filter(number=number, access_key=key).first()
        if found is not None:
            access.remember(request, found)
            return redirect("mailbox:status", found.number)
        form.add_error(None, "信件编号或查询码不正确")
    return render(request, "mailbox/lookup.html", {"form": form}, status=400 if form.errors else 200)


@require_safe
def status(request: HttpRequest, number: str) -> HttpResponse:
    letter = access.writer_letter(request, number)
    can_rate = letter.status in (Letter.REPLIED, Letter.CLOSED) and not letter.rating
    return render(request, "mailbox/status.html", {
        "letter": letter, "events": letter.events.select_related("agency"),
        "rate_form": RateForm() if can_rate else None,
    })


@require_POST
def rate(request: HttpRequest, number: str) -> HttpResponse:
    letter = access.writer_letter(request, number)
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择满意、基本满意或不满意")
        return redirect("mailbox:status", letter.number)
    try:
        actions.rate(request.user, letter, form.cleaned_data["rating"])
        messages.success(request, "感谢您的评价。")
    except actions.Refused as refused:
        messages.error(request, refused.message)
    return redirect("mailbox:status", letter.number)


@require_safe
def attachment(request: HttpRequest, number: str, attachment_id: int) -> FileResponse:
    letter = access.viewer_letter(request, number)
    row = get_object_or_404(letter.attachments, pk=attachment_id)
    response = FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def public_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(published().order_by("-published_at"), 20).get_page(request.GET.get("page"))
    return render(request, "mailbox/public_list.html", {"page": page})


@require_safe
def public_letter(request: HttpRequest, number: str) -> HttpResponse:
    letter = get_object_or_404(published(), number=number)
    return render(request, "mailbox/public_letter.html", {"letter": letter})


@require_safe
def statistics_page(request: HttpRequest) -> HttpResponse:
    years = statistics.years()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and int(raw) in years else None
    stats = statistics.for_year(year, timezone.localdate())
    return render(request, "mailbox/statistics.html", {
        "stats": stats, "stats_total": [stats.total], "years": years, "reply_days": settings.MAILBOX_REPLY_DAYS,
    })


# --- staff ------------------------------------------------------------------------------------


def _staff_only(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.is_handling_staff(request.user):
        raise PermissionDenied("领导信箱只对办理来信的工作人员开放")
    return None


@require_safe
def staff_list(request: HttpRequest) -> HttpResponse:
    if (refused := _staff_only(request)) is not None:
        return refused
    letters = access.for_staff(request.user).select_related("agency")
    state = request.GET.get("status", "open")
    if state == "open":
        letters = letters.filter(status__in=Letter.OPEN)
    page = Paginator(letters.order_by("reply_due", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "mailbox/staff_list.html", {"page": page, "state": state, "today": timezone.localdate()})


STEPS = {
    "receive": ("签收", EmptyForm),
    "route": ("分办", MoveForm),
    "transfer": ("转办", MoveForm),
    "reply": ("答复", ReplyForm),
    "close": ("办结", CloseForm),
    "publish": ("公开", PublishForm),
}


def _steps(user: Any, letter: Letter) -> list[tuple[str, str, Any]]:
    verbs = []
    if letter.status == Letter.SUBMITTED:
        verbs.append("receive")
    if letter.is_open:
        verbs += (["route"] if accounts_access.is_office(user) else []) + ["transfer", "reply"]
    if letter.status == Letter.REPLIED:
        verbs.append("close")
    if letter.may_publish and not letter.is_open and letter.published_at is None:
        verbs.append("publish")
    initial = {"publish": {"public_content": letter.public_content or letter.content,
                           "public_reply": letter.public_reply or letter.reply}}
    return [(v, STEPS[v][0], STEPS[v][1](initial=initial.get(v), prefix=v)) for v in verbs]


@require_safe
def staff_letter(request: HttpRequest, number: str) -> HttpResponse:
    if (refused := _staff_only(request)) is not None:
        return refused
    letter = access.staff_letter(request, number)
    return render(request, "mailbox/staff_letter.html", {
        "letter": letter, "events": letter.events.select_related("agency", "actor"),
        "steps": _steps(request.user, letter), "today": timezone.localdate(),
    })


@require_POST
def staff_step(request: HttpRequest, number: str, verb: str) -> HttpResponse:
    if (refused := _staff_only(request)) is not None:
        return refused
    letter = access.staff_letter(request, number)
    if verb not in STEPS:
        return redirect("mailbox:staff_letter", letter.number)
    form = STEPS[verb][1](request.POST, prefix=verb)
    if not form.is_valid():
        messages.error(request, "；".join(f"{form.fields[k].label if k in form.fields else ''}{e[0]}"
                                          for k, e in form.errors.items()))
        return redirect("mailbox:staff_letter", letter.number)
    try:
        _do(request.user, letter, verb, form.cleaned_data)
    except actions.Refused as refused:
        messages.error(request, refused.message)
        return redirect("mailbox:staff_letter", letter.number)
    messages.success(request, f"已{STEPS[verb][0]}。")
    if verb in ("route", "transfer") and not access.can_handle(request.user, letter):
        return redirect("mailbox:staff_list")  # no longer ours to see
    return redirect("mailbox:staff_letter", letter.number)


def _do(user: Any, letter: Letter, verb: str, data: dict[str, Any]) -> None:
    if verb == "receive":
        actions.receive(user, letter)
    elif verb == "route":
        actions.route(user, letter, data["to"], data["note"])
    elif verb == "transfer":
        actions.transfer(user, letter, data["to"], data["note"])
    elif verb == "reply":
        actions.reply(user, letter, data["body"])
    elif verb == "close":
        actions.close(user, letter, data["result"])
    elif verb == "publish":
        actions.publish(user, letter, data["public_content"], data["public_reply"])
