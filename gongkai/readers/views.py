"""个人中心: sign-up, sign-in, confirmation, and the reader's favourites, history, subscriptions and feed."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.catalog.models import Document
from gongkai.lib import ratelimit
from gongkai.readers import actions, confirmation
from gongkai.readers.forms import DeleteAccountForm, RegisterForm, ResendForm, SignInForm, SubscribeForm, subscription_key
from gongkai.readers.models import HISTORY_SIZE, Favourite, Subscription, Visit, reader_of

# Per address as asked; per IP looser, because one office or campus NAT is one IP for many people.
LOGIN_PER_EMAIL = ratelimit.Limit("login-email", attempts=5, window=15 * 60)
LOGIN_PER_IP = ratelimit.Limit("login-ip", attempts=20, window=15 * 60)
RESEND_PER_EMAIL = ratelimit.Limit("resend-email", attempts=3, window=60 * 60)
# New accounts per IP: enough for a family or an office, too few for a script filling the table.
REGISTER_PER_IP = ratelimit.Limit("register-ip", attempts=10, window=60 * 60)
FAVOURITES_SHOWN = 500

get_or_post = require_http_methods(["GET", "HEAD", "POST"])


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only, since X-Forwarded-For is forgeable; behind a reverse proxy,
    # gongkai.portal.middleware.TrustedProxyMiddleware makes REMOTE_ADDR the client's address.
    return request.META.get("REMOTE_ADDR", "")


def _next_url(request: HttpRequest, default: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    hosts = {request.get_host()}
    if wanted and url_has_allowed_host_and_scheme(wanted, hosts, require_https=request.is_secure()):
        return wanted
    return resolve_url(default)


def reader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like login_required, but a POST comes back to the page it was sent from, not to itself."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        back = _next_url(request, request.path) if request.method == "POST" else request.get_full_path()
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': back})}")

    return wrapper


@get_or_post
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:center")
    form = RegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        wait = ratelimit.retry_after(REGISTER_PER_IP, ip)
        if wait:
            form.add_error(None, _("这个网络注册的账户过多，请 %(minutes)d 分钟后再试。")
                           % {"minutes": math.ceil(wait / 60)})
            return render(request, "readers/register.html", {"form": form}, status=429)
        try:
            user = actions.register(form.cleaned_data["email"], form.cleaned_data["password1"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            ratelimit.hit(REGISTER_PER_IP, ip)
            request.session["registered_email"] = user.email
            return redirect("accounts:register_done")
    return render(request, "readers/register.html", {"form": form})


@require_safe
def register_done(request: HttpRequest) -> HttpResponse:
    email = request.session.get("registered_email", "")
    form = ResendForm(initial={"email": email})
    return render(request, "readers/register_done.html", {"email": email, "form": form})


@get_or_post
def login(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = _sign_in(request, form)
        if user is not None:
            auth_login(request, user)
            return redirect(_next_url(request, "accounts:center"))
    next_url = _next_url(request, "accounts:center")
    return render(request, "readers/login.html", {"form": form, "next": next_url})


def _sign_in(request: HttpRequest, form: SignInForm) -> User | None:
    """The user, or None with the reason added to the form; limits are checked before the password."""
    email, password, ip = form.cleaned_data["email"], form.cleaned_data["password"], client_ip(request)
    wait = max(ratelimit.retry_after(LOGIN_PER_EMAIL, email), ratelimit.retry_after(LOGIN_PER_IP, ip))
    if wait:
        form.add_error(None, _("登录失败次数过多。为保护账户安全，请 %(minutes)d 分钟后再试。")
                       % {"minutes": math.ceil(wait / 60)})
        return None
    user = authenticate(request, username=email, password=password)
    if user is not None:
        ratelimit.clear(LOGIN_PER_EMAIL, email)
        return user
    pending = User.objects.filter(username=email, is_active=False).first()
    if pending is not None and pending.check_password(password):
        form.add_error(None, _("账户尚未激活：请打开确认邮件中的链接。没有收到邮件的，可以重新发送。"))
        form.unconfirmed = True
        return None
    ratelimit.hit(LOGIN_PER_EMAIL, email)
    ratelimit.hit(LOGIN_PER_IP, ip)
    form.add_error(None, _("电子邮箱或密码不正确。"))
    return None


class PasswordReset(auth_views.PasswordResetView):
    template_name = "readers/password_reset_form.html"
    email_template_name = "readers/password_reset_email.txt"
    subject_template_name = "readers/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Form) -> HttpResponse:
        # Every request may send a mail, so every request counts, per address and per network;
        # beyond the limit nothing is sent (settings.PASSWORD_RESET_MAILS_PER_*).
        per_address = ratelimit.Limit("reset-email", attempts=settings.PASSWORD_RESET_MAILS_PER_ADDRESS, window=60 * 60)
        per_network = ratelimit.Limit("reset-ip", attempts=settings.PASSWORD_RESET_MAILS_PER_NETWORK, window=60 * 60)
        email, ip = form.cleaned_data["email"], client_ip(self.request)
        wait = max(ratelimit.retry_after(per_address, email), ratelimit.retry_after(per_network, ip))
        if wait:
            form.add_error(None, _("重置密码的邮件发送过于频繁。为防止滥用，请 %(minutes)d 分钟后再试。")
                           % {"minutes": math.ceil(wait / 60)})
            return self.render_to_response(self.get_context_data(form=form), status=429)
        ratelimit.hit(per_address, email)
        ratelimit.hit(per_network, ip)
        # Links in mail name the configured site, never the request's Host header.
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("portal:home")


@get_or_post
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button and POST confirms, so that mail scanners that open links confirm nothing."""
    try:
        claim = confirmation.read_token(token)
    except confirmation.LinkExpired:
        return render(request, "readers/confirm.html", {"state": "expired", "form": ResendForm()}, status=410)
    except confirmation.LinkInvalid:
        return render(request, "readers/confirm.html", {"state": "invalid", "form": ResendForm()}, status=404)
    if request.method != "POST":
        return render(request, "readers/confirm.html", {"state": "ready"})
    try:
        actions.confirm(claim)
    except ValidationError:
        return render(request, "readers/confirm.html", {"state": "invalid", "form": ResendForm()}, status=404)
    messages.success(request, _("电子邮箱已确认，账户已激活。"))
    return redirect("accounts:center" if request.user.is_authenticated else "accounts:login")


@require_POST
def confirm_resend(request: HttpRequest) -> HttpResponse:
    form = ResendForm(request.POST)
    if not form.is_valid():
        return render(request, "readers/register_done.html", {"email": "", "form": form}, status=400)
    email = actions.normalize_email(form.cleaned_data["email"])
    if not ratelimit.retry_after(RESEND_PER_EMAIL, email):
        ratelimit.hit(RESEND_PER_EMAIL, email)
        actions.resend_confirmation(email)
    # The same answer whether or not the address has an account, so that it reveals nothing.
    messages.info(request, _("如果该邮箱已注册且尚未确认，我们已重新发送确认邮件，请查收。"))
    return redirect("accounts:login")


@require_safe
@reader_required
def center(request: HttpRequest) -> HttpResponse:
    return _render_center(request, SubscribeForm(taken=_taken(request.user)))


def _taken(user: Any) -> set[str]:
    pairs = Subscription.objects.filter(user=user).values_list("term_id", "agency_id")
    return {subscription_key(term_id, agency_id) for term_id, agency_id in pairs}


def _render_center(request: HttpRequest, form: SubscribeForm, status: int = 200) -> HttpResponse:
    user = request.user
    reader = reader_of(user)
    return render(request, "readers/center.html", {
        "reader": reader,
        "favourites": Favourite.objects.filter(user=user).select_related("document")[:FAVOURITES_SHOWN],
        "history": Visit.objects.filter(user=user).select_related("document")[:HISTORY_SIZE],
        "subscriptions": Subscription.objects.filter(user=user).select_related("term__parent", "agency"),
        "form": form,
        "feed_url": request.build_absolute_uri(reverse("accounts:feed", args=[reader.feed_token])),
        "resend_form": ResendForm(initial={"email": user.email}),
    }, status=status)


def _document(document_id: int) -> Document:
    document = Document.objects.filter(pk=document_id).first()
    if document is None or not document.is_public:
        raise Http404(_("没有这份公开信息"))
    return document


@require_POST
@reader_required
def favourite_add(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _document(document_id)
    actions.favourite(request.user, document)
    messages.success(request, _("已收藏《%(title)s》。") % {"title": document.title})
    return redirect(_next_url(request, document.get_absolute_url()))


@require_POST
@reader_required
def favourite_remove(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(Document, pk=document_id)
    if actions.unfavourite(request.user, document):
        messages.success(request, _("已取消收藏《%(title)s》。") % {"title": document.title})
    return redirect(_next_url(request, "accounts:center"))


@require_POST
@reader_required
def history_clear(request: HttpRequest) -> HttpResponse:
    actions.clear_history(request.user)
    messages.success(request, _("阅读记录已清空。"))
    return redirect(reverse("accounts:center") + "#history")


@require_POST
@reader_required
def subscription_add(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST, taken=_taken(request.user))
    if not form.is_valid():
        return _render_center(request, form, status=400)
    subscription = actions.subscribe(request.user, form.cleaned_data["target"])
    messages.success(request, _("已订阅：%(name)s。") % {"name": subscription.target})
    return redirect(reverse("accounts:center") + "#subscriptions")


def access_subscription(user: Any, subscription_id: int) -> Subscription:
    """The user's own subscription; 404 for anyone else's, so that ids reveal nothing."""
    mine = Subscription.objects.filter(user=user).select_related("term", "agency")
    subscription = mine.filter(pk=subscription_id).first()
    if subscription is None:
        raise Http404(_("没有这项订阅"))
    return subscription


@require_POST
@reader_required
def subscription_remove(request: HttpRequest, subscription_id: int) -> HttpResponse:
    subscription = access_subscription(request.user, subscription_id)
    name = str(subscription.target)
    actions.unsubscribe(request.user, subscription)
    messages.success(request, _("已取消订阅：%(name)s。") % {"name": name})
    return redirect(reverse("accounts:center") + "#subscriptions")


@require_POST
@reader_required
def feed_rotate(request: HttpRequest) -> HttpResponse:
    actions.rotate_feed_token(request.user)
    messages.success(request, _("订阅源地址已更换，旧地址已失效。"))
    return redirect(reverse("accounts:center") + "#feed")


@get_or_post
@reader_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """注销账户, after the reader types the password again and ticks that they understand."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.delete_account(request.user, form.cleaned_data["password"])
            except ValidationError as exc:  # the wrong password, reported on its field
                form.add_error(None, exc)
            except PermissionDenied as exc:  # a staff account
                form.add_error(None, str(exc))
            else:
                auth_logout(request)
                messages.success(request, _("账户已注销，您的收藏、阅读记录和订阅均已删除。"))
                return redirect("accounts:login")
        status = 400
    return render(request, "readers/delete_account.html", {"form": form}, status=status)
