"""The forms: staff opening a consultation, residents commenting, staff grouping the feedback."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.accounts import access
from gongkai.accounts.models import Agency
from gongkai.catalog.queries import documents_for_staff
from gongkai.consultations import rules
from gongkai.consultations.actions import BODY_MAX, Draft
from gongkai.consultations.models import FeedbackGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OpenForm(forms.Form):
    agency = forms.ModelChoiceField(label="征集机构", queryset=Agency.objects.none())
    title = forms.CharField(label="草案名称", max_length=300)
    kind = forms.ChoiceField(label="草案类别", choices=list(rules.KINDS.items()),
                             help_text="规章、重大行政决策不少于30日；行政规范性文件不少于7个工作日，"
                                       "与企业生产经营密切相关的不少于30日")
    document = forms.IntegerField(label="目录中的草案（编号，可选）", required=False, min_value=1,
                                  help_text="选择后以目录中该文件的正文作为草案全文")
    draft_text = forms.CharField(label="草案全文", required=False, widget=forms.Textarea(attrs={"rows": 10}),
                                 help_text="每段一行；居民可以针对某一段提出意见")
    explanation = forms.CharField(label="起草说明", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    starts_on = forms.DateField(label="开始日期", widget=DATE)
    ends_on = forms.DateField(label="截止日期", widget=DATE)
    short_reason = forms.CharField(label="期限缩短理由", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text="期限少于规定时必须填写，并随公告公开")
    how_to_comment = forms.CharField(label="意见反馈方式", required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}),
                                     initial="在本页面在线提交；或发送电子邮件、信函至联系单位")
    contact_office = forms.CharField(label="联系单位", max_length=200)
    show_comments = forms.BooleanField(label="公开经审核的意见", required=False, initial=True)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["agency"].queryset = access.agencies_of(user)

    def clean_document(self) -> Any:
        pk = self.cleaned_data.get("document")
        if pk is None:
            return None
        doc = documents_for_staff(self.user).filter(pk=pk).first()
        if doc is None:
            raise forms.ValidationError("没有这份草案，或您无权使用")
        return doc

    def draft(self) -> Draft:
        d = self.cleaned_data
        return Draft(title=d["title"], kind=d["kind"], starts_on=d["starts_on"], ends_on=d["ends_on"],
                     contact_office=d["contact_office"], draft_text=d["draft_text"], explanation=d["explanation"],
                     short_reason=d["short_reason"], how_to_comment=d["how_to_comment"],
                     show_comments=d["show_comments"], document=d["document"])


class CommentForm(forms.Form):
    paragraph = forms.TypedChoiceField(label="针对段落", required=False, coerce=int, empty_value=None)
    body = forms.CharField(label="意见内容", max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="请勿填写身份证号、电话等个人信息；意见经审核后方可公开")

    def __init__(self, *args: Any, paragraphs: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "针对草案整体")] + [(str(i), f"第{i}段") for i in range(1, paragraphs + 1)]
        self.fields["paragraph"].choices = choices


class GuestCommentForm(CommentForm):
    """A resident not signed in: an e-mail to confirm by link, and the question a person answers."""

    email = forms.EmailField(label="电子邮箱", max_length=150, help_text="我们会发送确认链接；邮箱不会公开",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    answer = forms.CharField(label="验证问题", max_length=8)
    token = forms.CharField(widget=forms.HiddenInput)


class GroupForm(forms.Form):
    summary = forms.CharField(label="意见摘要", widget=forms.Textarea(attrs={"rows": 2}))
    decision = forms.ChoiceField(label="采纳情况", choices=FeedbackGroup.DECISIONS)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))
