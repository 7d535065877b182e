"""Staff pages of 意见征集, in the admin's frame: the list, opening one, and one consultation's desk
(the moderation queue, closing, grouping the comments, the feedback, the final version).

Each POST fetches the consultation through the agency check, calls one action, reports the outcome
as a message and goes back to the desk.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.catalog.queries import public_documents
from gongkai.consultations import actions, listing
from gongkai.consultations.forms import GroupForm, OpenForm
from gongkai.consultations.models import Comment, Consultation


def _page(request: HttpRequest, template: str, context: dict[str, object], status: int = 200) -> HttpResponse:
    return render(request, template, {**admin.site.each_context(request), **context}, status=status)


def access_consultation(user: object, pk: int) -> Consultation:
    """The consultation, if `user` works for its agency; 404 for any other (and for unknown ids)."""
    found = listing.for_staff(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这项意见征集，或不属于您所在的机构")
    return found


@require_GET
@staff_member_required
def index(request: HttpRequest) -> HttpResponse:
    return _page(request, "consultations/staff_index.html", {
        "items": listing.for_staff(request.user)[:300], "title": "意见征集"})


@require_http_methods(["GET", "HEAD", "POST"])
@staff_member_required
def new(request: HttpRequest) -> HttpResponse:
    form = OpenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.open_consultation(request.user, form.cleaned_data["agency"], form.draft())
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "意见征集已发起")
            return redirect("consultations_staff:desk", made.pk)
    return _page(request, "consultations/staff_new.html", {"form": form, "title": "发起意见征集"},
                 status=400 if form.errors else 200)


@require_GET
@staff_member_required
def desk(request: HttpRequest, pk: int) -> HttpResponse:
    c = access_consultation(request.user, pk)
    return _page(request, "consultations/staff_desk.html", {
        "c": c, "title": f"意见征集：{c.title}",
        "queue": c.comments.filter(status__in=Comment.QUEUE),
        "approved": c.comments.filter(status=Comment.APPROVED).select_related("group"),
        "ungrouped": c.comments.filter(status=Comment.APPROVED, group=None),
        "groups": c.groups.all(), "group_form": GroupForm(),
        "counts": {label: c.comments.filter(status=code).count() for code, label in Comment.STATUSES},
    })


def _post(verb: Callable[[HttpRequest, Consultation], str]) -> Callable[..., HttpResponse]:
    @staff_member_required
    def view(request: HttpRequest, pk: int, **kwargs: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        c = access_consultation(request.user, pk)
        try:
            messages.success(request, verb(request, c, **kwargs))
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", None) or [str(exc)]))
        return redirect("consultations_staff:desk", c.pk)
    view.__name__ = verb.__name__
    return view


def _reason(request: HttpRequest) -> str:
    return request.POST.get("reason", "")[:500]


@_post
def moderate(request: HttpRequest, c: Consultation, comment_id: int) -> str:
    comment = c.comments.filter(pk=comment_id).first()
    if comment is None:
        raise ValidationError("没有这条意见")
    approve = request.POST.get("decision") == "approve"
    actions.moderate(request.user, comment, approve=approve, reason=_reason(request))
    return "已公开该意见" if approve else "已决定不予公开"


@_post
def close(request: HttpRequest, c: Consultation) -> str:
    actions.close(request.user, c, reason=_reason(request))
    return "征集已结束"


@_post
def group(request: HttpRequest, c: Consultation) -> str:
    form = GroupForm(request.POST)
    if not form.is_valid():
        raise ValidationError("意见摘要、采纳情况和理由都须填写")
    ids = [int(x) for x in request.POST.getlist("comment") if x.isdigit()]
    actions.add_group(request.user, c, comment_ids=ids, **form.cleaned_data)
    return "已添加一组采纳情况"


@_post
def feedback(request: HttpRequest, c: Consultation) -> str:
    actions.publish_feedback(request.user, c, intro=request.POST.get("intro", "")[:5000])
    return "采纳情况反馈已发布"


@_post
def final(request: HttpRequest, c: Consultation) -> str:
    raw = request.POST.get("document", "").strip()
    doc = public_documents().filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 10 else None
    if doc is None:
        raise ValidationError("没有这份文件")
    actions.link_final_version(request.user, c, doc)
    return "已关联正式文件"
