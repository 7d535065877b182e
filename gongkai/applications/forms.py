"""The forms of 依申请公开: the application (online and on paper), the lookup, and one per staff step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from gongkai.accounts.models import Agency
from gongkai.applications.actions import INTAKE_FIELDS, CONSULT_KINDS
from gongkai.applications.models import Application, ClockPause, outcome_label
from gongkai.applications.outcomes import OUTCOMES, REMEDY_KINDS, REMEDY_RESULTS

OUTCOME_LABELS = [(o.code, outcome_label(o.code)) for o in OUTCOMES]

PROOF_MAX_BYTES = 5 * 1024 * 1024
# Leading bytes of the formats accepted, so that a renamed executable is not kept as "id.jpg".
PROOF_SIGNATURES = {b"%PDF": "pdf", b"\xff\xd8\xff": "jpg", b"\x89PNG": "png"}


def check_proof(upload: UploadedFile | None) -> UploadedFile | None:
    if upload is None:
        return None
    if upload.size and upload.size > PROOF_MAX_BYTES:
        raise ValidationError("身份证明文件不能超过 5 MB")
    head = upload.read(8)
    upload.seek(0)
    kind = next((k for sig, k in PROOF_SIGNATURES.items() if head.startswith(sig)), None)
    if kind is None:
        raise ValidationError("身份证明请上传 PDF、JPG 或 PNG 文件")
    upload.name = f"proof.{kind}"  # the applicant's own file name says nothing we need to keep
    return upload


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kw)


def _date(label: str = "日期", **kw: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), initial=timezone.localdate, **kw)


class ApplicationForm(forms.ModelForm):
    """What Art. 29 asks of an applicant; the reader applies online with it."""

    agency = forms.ModelChoiceField(label="向哪个机关申请", queryset=Agency.objects.all(), empty_label="请选择")
    id_proof = forms.FileField(label="身份证明", help_text="身份证件或营业执照的扫描件、照片（PDF、JPG、PNG，5 MB 以内）；仅申请人和办理人员可见")
    promise = forms.BooleanField(label="我承诺所填信息真实，并知悉申请内容可能被用于政府信息公开工作年度报告的统计")

    class Meta:
        model = Application
        fields = ["agency", *INTAKE_FIELDS]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "address": forms.TextInput()}
        help_texts = {
            "doc_no": "知道文件名称或文号的请填写，如 青禾政发〔2025〕3号",
            "description": "请尽量写明信息的内容、形成时间和制作机关，便于查找",
            "phone": "电话、电子邮箱、通信地址至少填写一项",
        }

    def clean_id_proof(self) -> UploadedFile | None:
        return check_proof(self.cleaned_data.get("id_proof"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("applicant_type", "natural") != "natural" and not data.get("organisation_name"):
            self.add_error("organisation_name", "法人或其他组织申请，请填写名称")
        if not any(data.get(f) for f in ("phone", "email", "address")):
            self.add_error("phone", "请至少填写一种联系方式（电话、电子邮箱或通信地址）")
        if not data.get("description") and not data.get("doc_no"):
            self.add_error("description", "请填写所需信息的名称、文号或内容描述")
        return data


class StaffIntakeForm(ApplicationForm):
    """A paper, letter, fax or oral application entered by staff; the receipt date follows Art. 31."""

    channel = forms.ChoiceField(label="申请渠道", choices=[c for c in Application.CHANNELS if c[0] != "online"])
    received_on = _date("收到申请日期", help_text="当面：提交之日；挂号信：签收之日；平常信函：与申请人确认之日；传真：双方确认之日")
    note = forms.CharField(label="登记说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    promise = None  # type: ignore[assignment]

    class Meta(ApplicationForm.Meta):
        fields = ["agency", "channel", "received_on", *INTAKE_FIELDS]

    def __init__(self, *args: Any, agencies: Any = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["agency"].queryset = agencies
        self.fields["id_proof"].required = False
        self.fields["id_proof"].help_text = "纸质申请的身份证明可扫描上传；仅申请人和办理人员可见"
        self.fields["description"].required = False

    def clean_received_on(self) -> Any:
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError("收到申请的日期不能晚于今天")
        return day


class LookupForm(forms.Form):
    number = forms.CharField(label="受理编号", max_length=32)
    access_key = forms.CharField(label="查询码", max_length=20, help_text="见接收回执")


class ApplicantCorrectionForm(forms.ModelForm):
    """The applicant's correction: the request itself, contact details, and a new identity proof."""

    id_proof = forms.FileField(label="身份证明（如需补交）", required=False)

    class Meta:
        model = Application
        fields = ["description", "doc_no", "form_wanted", "delivery", "phone", "email", "address"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def clean_id_proof(self) -> UploadedFile | None:
        return check_proof(self.cleaned_data.get("id_proof"))


# ---- staff steps -------------------------------------------------------------------------------------


class StepForm(forms.Form):
    on = _date()
    reason = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CorrectionNoticeForm(StepForm):
    items = forms.CharField(label="需要补正的事项（每行一项）", widget=forms.Textarea(attrs={"rows": 3}))
    period_days = forms.IntegerField(label="补正期限（工作日）", min_value=1, max_value=60, initial=15)


class RecordCorrectionForm(StepForm):
    description = forms.CharField(label="补正后的内容描述", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    doc_no = forms.CharField(label="补正后的名称或文号", required=False)


class ConsultForm(StepForm):
    kind = forms.ChoiceField(label="征求对象类型", choices=[k for k in ClockPause.KINDS if k[0] in CONSULT_KINDS])
    party = forms.CharField(label="征求意见的对象", max_length=200)


class EndConsultForm(StepForm):
    opinion = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="第三方逾期未提出意见的，请注明")


class ExtendForm(StepForm):
    days = forms.IntegerField(label="延长工作日", min_value=1, max_value=20, initial=20)


class FeeNoticeForm(StepForm):
    method = forms.ChoiceField(label="收费方式", choices=[("per_request", "按件计收"), ("per_page", "按量计收")])
    quantity = forms.IntegerField(label="件数或页数", min_value=0, required=False,
                                  help_text="按件计收留空：按申请人本月申请件数计算")
    amount = forms.IntegerField(label="金额（元）", min_value=1, required=False, help_text="留空则按标准计算")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, **kw: Any) -> None:
        kw.setdefault("widget", MultipleFileInput())
        super().__init__(**kw)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        items = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(d, initial) for d in items]


class ReplyForm(StepForm):
    outcome = forms.ChoiceField(label="处理结果", choices=lambda: OUTCOME_LABELS)
    title = forms.CharField(label="告知书标题", max_length=200)
    body_html = forms.CharField(label="告知书正文（可修改）", widget=forms.Textarea(attrs={"rows": 16}))
    links = forms.CharField(label="已公开文件的链接（每行一个）", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    attachments = MultipleFileField(label="附件", required=False, help_text="随答复提供的政府信息等文件，最多10个")

    def clean_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for link in links:
            if not link.startswith(("http://", "https://", "/")):
                raise ValidationError(f"不是网址：{link[:80]}")
        return links


class DeliveryForm(StepForm):
    reply_id = forms.IntegerField(widget=forms.HiddenInput)
    delivery = forms.ChoiceField(label="送达方式", choices=Application.DELIVERIES)
    record = forms.CharField(label="送达记录", widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="如 挂号信单号、签收人、电子邮件发送时间")


class TransferForm(StepForm):
    to = forms.ModelChoiceField(label="转交给", queryset=Agency.objects.all())


class RemedyForm(forms.Form):
    remedy_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="类型", choices=REMEDY_KINDS)
    result = forms.ChoiceField(label="结果", choices=REMEDY_RESULTS, initial="pending")
    filed_on = forms.DateField(label="提起日期", widget=DateInput())
    decided_on = forms.DateField(label="决定或判决日期", widget=DateInput(), required=False)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
