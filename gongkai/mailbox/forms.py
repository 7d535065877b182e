"""The forms of the 领导信箱: what a resident writes, and the steps staff take."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from gongkai.accounts.models import Agency
from gongkai.mailbox.models import CATEGORIES, RATINGS

ATTACHMENT_TYPES = {".pdf", ".jpg", ".jpeg", ".png", ".txt", ".doc", ".docx", ".xls", ".xlsx"}
ATTACHMENT_BYTES = 10 * 1024 * 1024


class LetterForm(forms.Form):
    addressed_to = forms.ModelChoiceField(label="写信给", queryset=Agency.objects.all(), empty_label="请选择")
    subject = forms.CharField(label="标题", max_length=100)
    category = forms.ChoiceField(label="类别", choices=[("", "请选择"), *CATEGORIES])
    content = forms.CharField(label="内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 10}),
                              help_text="请写明事情的经过和诉求，5000字以内。请不要在正文中写身份证号等个人信息。")
    attachment = forms.FileField(label="附件（可选）", required=False,
                                 help_text="PDF、图片、Word、Excel 或文本文件，10MB 以内；只有办理人员可以查看。")
    writer_name = forms.CharField(label="姓名", max_length=50)
    writer_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    writer_email = forms.EmailField(label="电子邮箱", required=False)
    may_publish = forms.BooleanField(
        label="同意公开", required=False,
        help_text="勾选后，工作人员审核并去除个人信息后，可以在网站上公开来信和答复；不勾选则不公开。")
    challenge_answer = forms.CharField(label="验证问题", max_length=8)
    challenge_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, question: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["challenge_answer"].label = question or "验证问题"
        self.fields["challenge_answer"].widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})

    def clean_attachment(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("attachment")
        if upload is None:
            return None
        if Path(upload.name).suffix.lower() not in ATTACHMENT_TYPES:
            raise forms.ValidationError("附件只能是 PDF、图片、Word、Excel 或文本文件")
        if upload.size > ATTACHMENT_BYTES:
            raise forms.ValidationError("附件不能超过 10MB")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("writer_phone") or data.get("writer_email")):
            self.add_error("writer_phone", "请留下联系电话或电子邮箱，以便答复")
        return data


class LookupForm(forms.Form):
    number = forms.CharField(label="信件编号", max_length=20)
    access_key = forms.CharField(label="查询码", max_length=20, help_text="见提交后显示的回执")


class RateForm(forms.Form):
    rating = forms.ChoiceField(label="您对答复是否满意", choices=RATINGS, widget=forms.RadioSelect)


class MoveForm(forms.Form):
    to = forms.ModelChoiceField(label="交给", queryset=Agency.objects.all(), empty_label="请选择")
    note = forms.CharField(label="理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ReplyForm(forms.Form):
    body = forms.CharField(label="答复内容", max_length=10000, widget=forms.Textarea(attrs={"rows": 8}))


class CloseForm(forms.Form):
    result = forms.CharField(label="办理结果", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    public_content = forms.CharField(label="公开的来信内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
                                     help_text="请去除或用＊遮盖姓名、身份证号、电话、住址等个人信息。")
    public_reply = forms.CharField(label="公开的答复内容", max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))


class EmptyForm(forms.Form):
    pass
