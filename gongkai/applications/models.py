"""Disclosure applications (依申请公开): the application, its history, replies and remedies.

The application row carries what is needed to list and scan it (status, due date, outcome); every
change is also an append-only `ApplicationEvent` with who, when and why, and the periods that stop
the clock (consultations, and the fee period where the site says so) are `ClockPause` rows, so the
due date can always be computed again from the rows alone (`gongkai.applications.clock.due_date`).
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import date

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import DatabaseError, models

from gongkai.applications.outcomes import (
    APPLICANT_TYPE_CHOICES,
    GROUPS,
    OUTCOME_BY_CODE,
    OUTCOME_CHOICES,
    REMEDY_KINDS,
    REMEDY_RESULTS,
)


class PrivateStorage(FileSystemStorage):
    """Identity proofs and reply PDFs: under the data directory, never under MEDIA_ROOT.

    Files here have no URL, so nothing can link to them; views stream them after checking that the
    reader is the applicant or staff handling the application. The folder is read from settings on
    each use, so tests (and a moved data directory) need no restart.
    """

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.APPLICATIONS_PRIVATE_DIR)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no public address")


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


def _access_key() -> str:
    return secrets.token_urlsafe(9)


def outcome_label(code: str) -> str:
    """An outcome as a sentence reads it: 部分公开, 不予公开：属于四类过程性信息."""
    outcome = OUTCOME_BY_CODE.get(code)
    if outcome is None:
        return ""
    group = re.sub(r"^（.）|（[^）]*）$", "", GROUPS[outcome.group])
    if outcome.code == outcome.group:
        return group
    return f"{group}：{re.sub(r'^[0-9]+[.．]', '', outcome.label)}"


class Application(models.Model):
    CHANNELS = [
        ("in_person", "当面提交"),
        ("post_signed", "邮政寄送（需签收）"),
        ("letter", "平常信函"),
        ("online", "网上申请"),
        ("fax", "传真"),
        ("oral", "口头提出（代为填写）"),
    ]
    STATUSES = [
        ("received", "办理中"),
        ("correcting", "待补正"),
        ("consulting", "征求意见中"),
        ("fee_pending", "待缴费"),
        ("extended", "已延期"),
        ("answered", "已答复"),
        ("abandoned", "视为放弃"),
        ("transferred", "已转交"),
    ]
    OPEN_STATUSES = ("received", "correcting", "consulting", "fee_pending", "extended")
    ID_KINDS = [
        ("resident_id", "居民身份证"),
        ("passport", "护照"),
        ("hk_mo_tw", "港澳台居民证件"),
        ("credit_code", "统一社会信用代码"),
        ("other", "其他证件"),
    ]
    FORMS = [("paper", "纸质"), ("electronic", "电子文档"), ("other", "其他")]
    DELIVERIES = [
        ("pickup", "自行领取"),
        ("post", "邮寄"),
        ("email", "电子邮件"),
        ("online", "网上查看"),
        ("fax", "传真"),
    ]

    number = models.CharField("受理编号", max_length=32, unique=True)
    agency = models.ForeignKey("accounts.Agency", verbose_name="受理机关", on_delete=models.PROTECT,
                               related_name="applications")
    applicant_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人账户", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="disclosure_applications")
    applicant_type = models.CharField("申请人类型", max_length=16, choices=APPLICANT_TYPE_CHOICES, default="natural")
    applicant_name = models.CharField("姓名", max_length=100)
    organisation_name = models.CharField("法人或其他组织名称", max_length=200, blank=True)
    id_kind = models.CharField("证件类型", max_length=16, choices=ID_KINDS, default="resident_id")
    id_number = models.CharField("证件号码", max_length=64)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    description = models.TextField("所需信息的内容描述", blank=True)
    doc_no = models.CharField("所需信息的名称或文号", max_length=200, blank=True)
    form_wanted = models.CharField("获取信息的载体形式", max_length=16, choices=FORMS, default="electronic")
    delivery = models.CharField("获取信息的方式", max_length=16, choices=DELIVERIES, default="email")
    channel = models.CharField("申请渠道", max_length=16, choices=CHANNELS)
    received_on = models.DateField("收到申请日期")
    clock_start = models.DateField("起算日期")  # the receipt date, or the date the correction arrived
    due_on = models.DateField("答复期限", db_index=True)
    status = models.CharField("状态", max_length=16, choices=STATUSES, default="received", db_index=True)
    outcome = models.CharField("处理结果", max_length=32, choices=OUTCOME_CHOICES, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延期工作日", default=0)
    correction_due = models.DateField("补正期限", null=True, blank=True)
    fee_amount = models.PositiveIntegerField("信息处理费（元）", default=0)
    fee_due = models.DateField("缴费期限", null=True, blank=True)
    # The day staff were last mailed about this deadline; the reminder worker claims a row by
    # setting it with a conditional update, so two workers never mail the same row twice a day.
    reminded_on = models.DateField("最近提醒日期", null=True, blank=True)
    id_proof = models.FileField("身份证明", storage=private_storage, upload_to="proofs/%Y/", blank=True)
    access_key = models.CharField("查询码", max_length=20, default=_access_key)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="代为登记人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_display}"

    @property
    def applicant_display(self) -> str:
        return self.organisation_name or self.applicant_name

    @property
    def outcome_label(self) -> str:
        return outcome_label(self.outcome)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def pauses(self) -> list[object]:
        """The clock's pauses as the clock module's `Pause` values."""
        from gongkai.applications.clock import Pause

        return [Pause(p.start, p.end, p.kind) for p in self.clock_pauses.all()]


class ApplicationEvent(models.Model):
    """One step in the life of an application; never edited or deleted."""

    KINDS = [
        ("received", "收到申请"),
        ("correction_notice", "发出补正通知"),
        ("corrected", "申请人补正"),
        ("abandoned", "视为放弃申请"),
        ("consultation_start", "征求意见"),
        ("consultation_end", "征求意见结束"),
        ("extended", "延期答复"),
        ("fee_notice", "发出收费通知"),
        ("fee_paid", "缴纳费用"),
        ("reply_draft", "起草答复"),
        ("answered", "作出答复"),
        ("delivered", "送达"),
        ("transferred", "转交"),
        ("remedy", "复议或诉讼"),
        ("purged", "删除身份证明和联系方式"),
    ]

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("环节", max_length=32, choices=KINDS)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    on = models.DateField("日期")  # the legal date of the step, which may precede the entry
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    reason = models.TextField("理由", blank=True)
    detail = models.JSONField(default=dict, blank=True)
    # Internal steps (a draft) are shown to staff only.
    public = models.BooleanField(default=True)

    class Meta:
        verbose_name = "办理环节"
        verbose_name_plural = "办理环节"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application.number} {self.get_kind_display()} {self.on}"


class ClockPause(models.Model):
    """A period not counted in the reply period (Art. 33 para 3: consultations; fees by site setting)."""

    KINDS = [
        ("consult_third_party", "征求第三方意见"),
        ("consult_coproducer", "征求共同制作机关意见"),
        ("fee", "收费通知至缴费"),
    ]
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="clock_pauses")
    kind = models.CharField(max_length=24, choices=KINDS)
    start = models.DateField("开始")
    end = models.DateField("结束", null=True, blank=True)
    party = models.CharField("征求对象", max_length=200, blank=True)

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start}–{self.end or ''}"


class Reply(models.Model):
    """A reply letter (告知书): drafted, edited, then sent; its PDF is kept privately."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="replies")
    outcome = models.CharField("处理结果", max_length=32, choices=OUTCOME_CHOICES)
    title = models.CharField("标题", max_length=200)
    body_html = models.TextField("正文")
    pdf = models.FileField(storage=private_storage, upload_to="replies/%Y/", blank=True)
    sent_on = models.DateField("答复日期", null=True, blank=True)
    delivery = models.CharField("送达方式", max_length=16, choices=Application.DELIVERIES, blank=True)
    delivery_record = models.TextField("送达记录", blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    links = models.JSONField("已公开文件链接", default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Remedy(models.Model):
    """An administrative reconsideration or lawsuit about the reply (table four of the annual report)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField("类型", max_length=24, choices=REMEDY_KINDS)
    result = models.CharField("结果", max_length=16, choices=REMEDY_RESULTS, default="pending")
    filed_on = models.DateField("提起日期")
    decided_on = models.DateField("决定或判决日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "行政复议与诉讼"
        verbose_name_plural = "行政复议与诉讼"
        ordering = ["filed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.application.number} {self.get_kind_display()}"


class WorkdayOverride(models.Model):
    """A day the official calendar treats differently from the library's: a holiday or a 调休 working day."""

    day = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日", help_text="勾选：调休上班日；不勾选：放假日")
    note = models.CharField("说明", max_length=100, blank=True)

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {'上班' if self.is_workday else '放假'}"


def workday_overrides() -> dict[date, bool]:
    """The staff table as the calendar wants it; read on each call, so an edit applies at once.

    Without a database to read (before `migrate`, or code that runs without one, like the pure
    calendar tests) there are no overrides: the library's calendar and its unknown-year warnings apply.
    """
    try:
        return dict(WorkdayOverride.objects.values_list("day", "is_workday"))
    except (DatabaseError, RuntimeError):  # RuntimeError: a test runner that forbids database access
        return {}


class ReplyAttachment(models.Model):
    """A file sent with a reply (often the information itself); private like the reply's PDF."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="replies/%Y/")
    name = models.CharField("文件名", max_length=200)

    class Meta:
        verbose_name = "答复附件"
        verbose_name_plural = "答复附件"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
