"""Public pages of 意见征集: the list, one consultation (draft, comments, feedback, the form), the link.

A comment from someone not signed in passes the rate limit and the question first, then waits for
its e-mail link; a signed-in reader's goes to the queue at once. Nothing here publishes anything.
"""

from __future__ import annotations

import math

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.consultations import actions, listing
from gongkai.consultations.forms import CommentForm, GuestCommentForm
from gongkai.consultations.models import Consultation
from gongkai.lib import abuse, challenge

RATE_SCOPE = "consultation-comment"


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    past = listing.public().exclude(pk__in=listing.open_now().values("pk"))[:100]
    return render(request, "consultations/index.html", {"open": listing.open_now()[:100], "past": past})


def _consultation(pk: int) -> Consultation:
    found = listing.public().filter(pk=pk).first()
    if found is None:
        raise Http404("没有这项意见征集")
    return found


def _form(request: HttpRequest, c: Consultation, data: object = None) -> CommentForm:
    n = len(c.paragraphs())
    initial = {"paragraph": request.GET.get("p", "")}
    if request.user.is_authenticated:
        return CommentForm(data, paragraphs=n, initial=initial)
    return GuestCommentForm(data, paragraphs=n, initial=initial)


def _with_question(form: CommentForm, request: HttpRequest) -> CommentForm:
    """A fresh question on every showing of the guest form: a token answers once."""
    if isinstance(form, GuestCommentForm):
        asked = challenge.issue(request)
        form.fields["answer"].label = asked.question  # the label a screen reader reads with the input
        if form.is_bound:
            form.data = form.data.copy()
            form.data["token"], form.data["answer"] = asked.token, ""
        else:
            form.initial["token"] = asked.token
    return form


@require_http_methods(["GET", "HEAD", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = _consultation(pk)
    if request.method == "POST":
        return _comment(request, c)
    return _page(request, c, _with_question(_form(request, c), request))


def _page(request: HttpRequest, c: Consultation, form: CommentForm, status: int = 200) -> HttpResponse:
    return render(request, "consultations/detail.html", {
        "c": c, "form": form, "paragraphs": c.paragraphs(), "accepting": c.accepting(),
        "received": c.received().count(),
        "comments": c.published_comments() if c.show_comments else (),
        "groups": c.groups.prefetch_related("comments") if c.status == Consultation.ANSWERED else (),
    }, status=status)


def _comment(request: HttpRequest, c: Consultation) -> HttpResponse:
    form = _form(request, c, request.POST)
    if not form.is_valid():
        return _page(request, c, _with_question(form, request), status=400)
    data = form.cleaned_data
    guest = isinstance(form, GuestCommentForm)
    wait = abuse.rate_limited(request, RATE_SCOPE)  # per network, and per account when signed in
    if wait:
        form.add_error(None, f"提交过于频繁，请 {math.ceil(wait / 60)} 分钟后再试。")
        return _page(request, c, _with_question(form, request), status=429)
    if guest:
        if not challenge.verify(request, data["token"], data["answer"]):
            form.add_error("answer", "验证问题回答不正确，请回答新的问题。")
            return _page(request, c, _with_question(form, request), status=400)
    try:
        actions.comment(c, data["body"], user=request.user, email=data.get("email", ""),
                        paragraph=data["paragraph"])
    except ValidationError as exc:
        for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
            form.add_error(field if field in form.fields else None, errors)
        return _page(request, c, _with_question(form, request), status=400)
    if guest:
        messages.success(request, "意见已收到。请打开我们发到您邮箱的确认链接，确认后意见进入审核。")
    else:
        messages.success(request, "意见已提交，经工作人员审核后公开。您可以在个人中心查看。")
    return redirect(c.get_absolute_url() + "#comment-form")


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button and POST confirms, so that mail scanners that open links confirm nothing."""
    if request.method != "POST":
        return render(request, "consultations/confirm.html", {"token": token})
    try:
        made = actions.confirm(token)
    except ValidationError as exc:
        return render(request, "consultations/confirm.html", {"error": exc.messages[0]}, status=404)
    messages.success(request, "邮箱已确认，您的意见已进入审核。")
    return redirect(made.consultation.get_absolute_url())
