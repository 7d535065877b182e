"""What staff type into a report: table two's numbers the catalog cannot count, and the narrative."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from gongkai.annualreport.actions import EDITABLE
from gongkai.annualreport.models import AnnualReport


class ReportForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = list(EDITABLE)
        widgets = {name: forms.Textarea(attrs={"rows": 6, "cols": 90})
                   for name in ("overview", "problems", "other_matters")}
        help_texts = {
            "overview": "概述主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况；每段一行。",
            "problems": "本年度存在的主要问题、改进情况；政府还应写明工作考核、社会评议和责任追究结果。",
            "other_matters": "信息处理费一句由系统按下方金额写入，无须重复。",
            "fees_wan": "单位：万元，最多四位小数。",
        }

    def clean_fees_wan(self) -> Decimal:
        value = self.cleaned_data["fees_wan"]
        if value is not None and value < 0:
            raise forms.ValidationError("收费金额不能为负数")
        return value

    def clean_processing_fee_yuan(self) -> Decimal:
        value = self.cleaned_data["processing_fee_yuan"]
        if value is not None and value < 0:
            raise forms.ValidationError("信息处理费不能为负数")
        return value


class PickForm(forms.Form):
    """The year and scope on the index page; the scope choices are what the user may see."""

    year = forms.IntegerField(label="年度")
    scope = forms.ChoiceField(label="范围")

    def __init__(self, *args: object, scopes: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["scope"].choices = scopes
