"""Staff sign-in pages: the second factor and 统一身份认证 (OpenID Connect)."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from gongkai.accounts import oidc, secondfactor
from gongkai.accounts.audit import record


class CodeForm(forms.Form):
    token = forms.RegexField(label="6 位验证码", regex=r"^\s*\d{6}\s*$", max_length=12,
                             error_messages={"invalid": "请输入身份验证器上显示的 6 位数字。"},
                             widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                           "autofocus": True}))


@require_http_methods(["GET", "HEAD", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('admin:login')}?{urlencode({'next': request.get_full_path()})}")
    if not request.user.is_staff:
        raise PermissionDenied("只有工作人员需要身份验证器")
    device = secondfactor.confirmed_device(request.user)
    enrolling = device is None
    if enrolling:
        device = secondfactor.pending_device(request.user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record(request.user, "otp_enrolled", device, "绑定身份验证器")
            otp_login(request, device)
            return HttpResponseRedirect(secondfactor.next_url(request))
        form.add_error("token", "验证码不正确或已过期，请输入身份验证器上当前显示的验证码。")
    context = {**admin.site.each_context(request), "form": form, "enrolling": enrolling, "next": secondfactor.next_url(request),
               "title": "绑定身份验证器" if enrolling else "输入验证码"}
    if enrolling:
        context |= {"qr": secondfactor.qr_data_uri(device), "secret": secondfactor.secret_text(device)}
    return render(request, "accounts/second_factor.html", context, status=400 if form.errors else 200)


def oidc_login(request: HttpRequest) -> HttpResponse:
    if not oidc.configured():
        raise Http404("未配置统一身份认证")
    return oidc.StaffSignInRequest.as_view()(request)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not oidc.configured():
        raise Http404("未配置统一身份认证")
    return oidc.StaffCallback.as_view()(request)
