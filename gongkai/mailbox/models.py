"""领导信箱: letters from residents, where each is, and what was answered.

A letter is addressed to the government or a department and handled by one agency at a time
(`agency`); routing and transfers move it, and each move is an append-only `LetterEvent`. Its two
limits are columns fixed on arrival, in working days (`reply_due`, `result_due`, indexed for the
待办 scan). Publication is a separate, deliberate step: only with the writer's consent, and of a
`public_content` a person has checked (`gongkai.mailbox.actions.publish`).
"""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse

from gongkai.accounts.models import Agency

CATEGORIES = [("consult", "咨询"), ("suggest", "建议"), ("complain", "投诉"), ("help", "求助"), ("other", "其他")]
RATINGS = [("satisfied", "满意"), ("basic", "基本满意"), ("unsatisfied", "不满意")]


class MailboxStorage(FileSystemStorage):
    """Attachments: under the data directory, never under MEDIA_ROOT; streamed only after a check.

    The folder is read from settings on each use, so tests (and a moved data directory) need no restart.
    """

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.MAILBOX_PRIVATE_DIR)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no public address")


def mailbox_storage() -> MailboxStorage:
    return MailboxStorage()


def _access_key() -> str:
    return secrets.token_urlsafe(9)


class Letter(models.Model):
    SUBMITTED, HANDLING, REPLIED, CLOSED = "submitted", "handling", "replied", "closed"
    STATUSES = [(SUBMITTED, "待签收"), (HANDLING, "办理中"), (REPLIED, "已答复"), (CLOSED, "已办结")]
    OPEN = (SUBMITTED, HANDLING)

    number = models.CharField("信件编号", max_length=20, unique=True)
    access_key = models.CharField("查询码", max_length=20, default=_access_key)
    addressed_to = models.ForeignKey(Agency, verbose_name="写给", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, verbose_name="办理单位", on_delete=models.PROTECT,
                               related_name="letters")
    writer_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="letters")
    writer_name = models.CharField("姓名", max_length=50)
    writer_phone = models.CharField("联系电话", max_length=30, blank=True)
    writer_email = models.EmailField("电子邮箱", blank=True)
    subject = models.CharField("标题", max_length=100)
    category = models.CharField("类别", max_length=16, choices=CATEGORIES)
    content = models.TextField("内容")
    may_publish = models.BooleanField("同意公开", default=False)
    flags = models.JSONField("需人工留意", default=list, blank=True)  # 敏感词, 身份证号: held for a person
    status = models.CharField("状态", max_length=16, choices=STATUSES, default=SUBMITTED)
    received_on = models.DateField("收信日期")
    reply_due = models.DateField("答复期限", db_index=True)
    result_due = models.DateField("办结期限", db_index=True)
    reply = models.TextField("答复内容", blank=True)
    reply_agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    replied_on = models.DateField("答复日期", null=True, blank=True)
    result = models.TextField("办理结果", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    public_content = models.TextField("公开的来信内容", blank=True)
    public_reply = models.TextField("公开的答复内容", blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    rating = models.CharField("评价", max_length=16, choices=RATINGS, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "来信"
        verbose_name_plural = "来信"
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("mailbox:public_letter", args=[self.number])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def held(self) -> bool:
        return bool(self.flags)


class LetterEvent(models.Model):
    """One step in a letter's life: who did what, where it went, and why. Never changed afterwards."""

    KINDS = [("submit", "来信"), ("receive", "签收"), ("route", "分办"), ("transfer", "转办"), ("reply", "答复"),
             ("close", "办结"), ("publish", "公开"), ("hold", "暂缓公开"), ("rate", "评价")]
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=KINDS)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]


class LetterAttachment(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=mailbox_storage, upload_to="letters/%Y/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
