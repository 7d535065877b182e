"""The forms of 个人中心. Django 5.2 links each field's errors and help to its input (aria-describedby)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Term
from gongkai.readers.actions import SUBSCRIBABLE_KINDS, email_taken, normalize_email

DUPLICATE = _("该电子邮箱已经注册。如忘记密码，可以重置密码。")


def _email_field() -> forms.EmailField:
    return forms.EmailField(label=_("电子邮箱"), max_length=150,
                            widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}))


class RegisterForm(forms.Form):
    email = _email_field()
    password1 = forms.CharField(
        label=_("密码"), strip=False, help_text=password_validation.password_validators_help_text_html,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(label=_("再次输入密码"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if email_taken(email):
            raise ValidationError(DUPLICATE, code="duplicate")
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif first:
            probe = User(username=data.get("email", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class SignInForm(forms.Form):
    unconfirmed = False  # set by the view when the password was right but the mailbox is not confirmed

    email = _email_field()
    password = forms.CharField(label=_("密码"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("当前密码"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    understood = forms.BooleanField(label=_("我了解：收藏、阅读记录和订阅将一并删除，且无法恢复"))


class ResendForm(forms.Form):
    email = forms.EmailField(label=_("电子邮箱"), max_length=150,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


def _topic_choices(taken: set[str]) -> list[tuple[str, str]]:
    """Topics in tree order (a parent, then its children), as the 主题分类 is read."""
    topics = list(Term.objects.filter(kind=Term.TOPIC).select_related("parent"))
    children: dict[int | None, list[Term]] = {}
    for t in topics:
        children.setdefault(t.parent_id, []).append(t)
    out: list[tuple[str, str]] = []

    def walk(parent: int | None) -> None:
        for t in children.get(parent, []):
            if f"term:{t.pk}" not in taken:
                out.append((f"term:{t.pk}", str(t)))
            walk(t.pk)

    walk(None)
    return out


class SubscribeForm(forms.Form):
    target = forms.ChoiceField(label=_("订阅的栏目"))

    def __init__(self, *args: Any, taken: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = taken or set()
        genres = [(f"term:{t.pk}", t.name) for t in Term.objects.filter(kind=Term.GENRE)
                  if f"term:{t.pk}" not in taken]
        agencies = [(f"agency:{a.pk}", a.name) for a in Agency.objects.all() if f"agency:{a.pk}" not in taken]
        self.fields["target"].choices = [
            ("", _("请选择")),
            (_("主题分类"), _topic_choices(taken)),
            (_("体裁分类"), genres),
            (_("发布机构"), agencies),
        ]

    def clean_target(self) -> Term | Agency:
        kind, _sep, pk = self.cleaned_data["target"].partition(":")
        found: Term | Agency | None = None
        if pk.isdigit() and kind == "term":
            found = Term.objects.filter(pk=pk, kind__in=SUBSCRIBABLE_KINDS).first()
        elif pk.isdigit() and kind == "agency":
            found = Agency.objects.filter(pk=pk).first()
        if found is None:
            raise ValidationError(_("请从列表中选择要订阅的栏目。"), code="invalid")
        return found


def subscription_key(term_id: int | None, agency_id: int | None) -> str:
    return f"term:{term_id}" if term_id else f"agency:{agency_id}"
