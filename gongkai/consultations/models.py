"""意见征集: a draft opened for public comment, the comments on it, and the feedback on their adoption.

A consultation belongs to one agency; its staff open, moderate, close and answer it through
`actions`. The text consulted is copied in when it opens, so that what residents commented on stays
what the page shows even when the catalog draft changes later. Comments are never shown before a
person approved them; what is shown is the text with personal data masked.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Document
from gongkai.consultations import rules
from gongkai.lib import sensitive


class Consultation(models.Model):
    OPEN, CLOSED, ANSWERED = "open", "closed", "answered"
    STATUSES = [(OPEN, "征集中"), (CLOSED, "已结束"), (ANSWERED, "已反馈")]

    agency = models.ForeignKey(Agency, verbose_name="征集机构", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("草案名称", max_length=300)
    kind = models.CharField("草案类别", max_length=24, choices=list(rules.KINDS.items()))
    draft = models.ForeignKey(Document, verbose_name="目录中的草案", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    draft_text = models.TextField("草案全文")
    explanation = models.TextField("起草说明", blank=True)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("截止日期", db_index=True)
    short_reason = models.TextField("期限缩短理由", blank=True)
    how_to_comment = models.TextField("意见反馈方式", blank=True)
    contact_office = models.CharField("联系单位", max_length=200)
    show_comments = models.BooleanField("公开经审核的意见", default=True)
    status = models.CharField("状态", max_length=16, choices=STATUSES, default=OPEN, db_index=True)
    notice = models.ForeignKey(Document, verbose_name="征求意见公告", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    final_document = models.ForeignKey(Document, verbose_name="正式文件", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    feedback_intro = models.TextField("采纳情况说明", blank=True)
    feedback_published_at = models.DateTimeField("反馈发布时间", null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", args=[self.pk])

    def accepting(self, today: dt.date | None = None) -> bool:
        """Whether comments are taken now: open, and today within the period."""
        today = today or timezone.localdate()
        return self.status == self.OPEN and self.starts_on <= today <= self.ends_on

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.draft_text.splitlines() if p.strip()]

    @property
    def minimum_label(self) -> str:
        return rules.MINIMUMS[self.kind].label()

    def received(self) -> models.QuerySet[Comment]:
        """Comments that reached the queue (an unconfirmed e-mail's comment has not)."""
        return self.comments.exclude(status=Comment.UNCONFIRMED)

    def published_comments(self) -> models.QuerySet[Comment]:
        return self.comments.filter(status=Comment.APPROVED)


class Comment(models.Model):
    UNCONFIRMED, PENDING, HELD, APPROVED, REJECTED = "unconfirmed", "pending", "held", "approved", "rejected"
    STATUSES = [(UNCONFIRMED, "待确认邮箱"), (PENDING, "待审核"), (HELD, "待审核（已标记）"),
                (APPROVED, "已公开"), (REJECTED, "不予公开")]
    QUEUE = (PENDING, HELD)

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.PositiveIntegerField("针对段落", null=True, blank=True)  # 1-based
    body = models.TextField("意见内容")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="consultation_comments")
    email = models.EmailField("电子邮箱", blank=True)
    status = models.CharField("状态", max_length=16, choices=STATUSES, db_index=True)
    flags = models.JSONField("标记", default=list, blank=True)  # what the checks found, for the moderator
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.CharField("审核说明", max_length=500, blank=True)
    group = models.ForeignKey("FeedbackGroup", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="comments")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.consultation_id}#{self.pk}"

    @property
    def public_text(self) -> str:
        """The text as the public page shows it: personal data masked, whatever the moderator missed."""
        found = [f for f in sensitive.scan(self.body) if f.kind in sensitive.PERSONAL]
        return sensitive.redact(self.body, found)


class FeedbackGroup(models.Model):
    """One group of similar comments in the 采纳情况反馈, with how it was taken up and why."""

    ADOPTED, PARTLY, NOT_ADOPTED = "adopted", "partly", "not"
    DECISIONS = [(ADOPTED, "采纳"), (PARTLY, "部分采纳"), (NOT_ADOPTED, "未采纳")]

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    position = models.PositiveIntegerField(default=0)
    summary = models.TextField("意见摘要")
    decision = models.CharField("采纳情况", max_length=8, choices=DECISIONS)
    reason = models.TextField("理由")

    class Meta:
        verbose_name = "采纳情况"
        verbose_name_plural = "采纳情况"
        ordering = ["consultation", "position", "id"]
