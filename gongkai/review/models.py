"""The review workflow's state as explicit rows (ADR 0008).

`ReviewChain` says how many steps an agency's documents go through (起草 → 审核 → 审批/发布);
`ReviewRequest` is one document's passage through that chain, pinned to the revision under review;
`ReviewStep` is its append-only history (who did what at which stage, with the comment);
`SensitivityCheck` records every 保密审查 of a revision: what was found and what was decided.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Document, Revision, SiteSettings

DRAFT, REVIEW, APPROVE = "draft", "review", "approve"
STAGES = [(DRAFT, "起草"), (REVIEW, "审核"), (APPROVE, "审批/发布")]
STAGE_LABELS = dict(STAGES)
# The stages of a chain of one, two or three steps.
CHAIN_STAGES = {1: (DRAFT,), 2: (DRAFT, APPROVE), 3: (DRAFT, REVIEW, APPROVE)}


class ReviewChain(models.Model):
    """How an agency's documents reach publication; an agency without one publishes in one step
    unless the site requires review (`SiteSettings.review_required`)."""

    STEP_CHOICES = [(1, "一步：起草后由审核发布员直接发布"), (2, "两步：起草 → 审批/发布"),
                    (3, "三步：起草 → 审核 → 审批/发布")]

    agency = models.OneToOneField(Agency, verbose_name="机构", on_delete=models.CASCADE, related_name="review_chain")
    steps = models.PositiveSmallIntegerField("步骤", choices=STEP_CHOICES, default=3)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="审核人员", blank=True, related_name="review_chains",
        help_text="可做“审核”一步的人员（须是本机构人员）；本机构的审核发布员也可审核",
    )

    class Meta:
        verbose_name = "审核流程"
        verbose_name_plural = "审核流程"

    def __str__(self) -> str:
        return f"{self.agency}: {self.get_steps_display()}"

    @staticmethod
    def steps_for(agency_id: int) -> int:
        """The steps in force for an agency: its chain's, at least two when the site requires review."""
        steps = ReviewChain.objects.filter(agency_id=agency_id).values_list("steps", flat=True).first()
        required = SiteSettings.get().review_required
        if steps is None:
            steps = 3 if required else 1
        return max(steps, 2) if required else steps

    @staticmethod
    def stages_for(agency_id: int) -> tuple[str, ...]:
        return CHAIN_STAGES[ReviewChain.steps_for(agency_id)]


class ReviewRequest(models.Model):
    """One document's passage through its agency's chain; at most one is open per document."""

    IN_PROGRESS, SENT_BACK, SCHEDULED, PUBLISHING = "in_progress", "sent_back", "scheduled", "publishing"
    PUBLISHED, CANCELLED, FAILED = "published", "cancelled", "failed"
    STATUSES = [(IN_PROGRESS, "审核中"), (SENT_BACK, "已退回"), (SCHEDULED, "定时发布"), (PUBLISHING, "发布中"),
                (PUBLISHED, "已发布"), (CANCELLED, "已撤销"), (FAILED, "定时发布失败")]
    OPEN = (IN_PROGRESS, SENT_BACK, SCHEDULED, PUBLISHING)

    document = models.ForeignKey(Document, verbose_name="文件", on_delete=models.CASCADE,
                                 related_name="review_requests")
    revision = models.ForeignKey(Revision, verbose_name="送审版本", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField("当前步骤", max_length=16, choices=STAGES, default=REVIEW)
    status = models.CharField("状态", max_length=16, choices=STATUSES, default=IN_PROGRESS, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="起草人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # Scheduled publication: a worker (`gongkai publish_scheduled`) claims due rows by a conditional
    # update of `status`, so that two workers never publish the same request.
    publish_at = models.DateTimeField("定时发布时间", null=True, blank=True, db_index=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="定时发布人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    note = models.CharField("说明", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "送审记录"
        verbose_name_plural = "送审记录"
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["document"], condition=Q(status__in=[
                "in_progress", "sent_back", "scheduled", "publishing"]), name="one_open_review_per_document"),
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def last_actor_id(self) -> int | None:
        """Who did the last step that moved the document forward: the next step must be someone else."""
        step = self.steps.filter(action__in=[ReviewStep.SUBMIT, ReviewStep.APPROVE]).order_by("-at", "-id").first()
        return step.actor_id if step else None


class ReviewStep(models.Model):
    """What someone did to a request, at which stage, with their comment; never changed afterwards."""

    SUBMIT, APPROVE, SEND_BACK, REDACT, ACCEPT = "submit", "approve", "send_back", "redact", "accept"
    SCHEDULE, PUBLISH, CANCEL, FAIL = "schedule", "publish", "cancel", "fail"
    ACTIONS = [(SUBMIT, "提交审核"), (APPROVE, "审核通过"), (SEND_BACK, "退回修改"), (REDACT, "遮盖敏感信息"),
               (ACCEPT, "说明理由后保留"), (SCHEDULE, "定时发布"), (PUBLISH, "发布"), (CANCEL, "撤销送审"),
               (FAIL, "发布失败")]

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField("步骤", max_length=16, choices=STAGES)
    action = models.CharField("操作", max_length=16, choices=ACTIONS)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    revision = models.ForeignKey(Revision, verbose_name="版本", null=True, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField("意见", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "审核步骤"
        verbose_name_plural = "审核步骤"
        ordering = ["request", "at", "id"]


class SensitivityCheck(models.Model):
    """One 保密审查 of a revision: the spans found (masked, never the data itself) and the decision."""

    CLEAN, FOUND, REDACTED, ACCEPTED = "clean", "found", "redacted", "accepted"
    OUTCOMES = [(CLEAN, "未发现"), (FOUND, "发现待处理"), (REDACTED, "已遮盖"), (ACCEPTED, "说明理由后保留")]

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sensitivity_checks")
    revision = models.ForeignKey(Revision, null=True, on_delete=models.PROTECT, related_name="+")
    # [{"key", "field", "kind", "label", "masked"}]: enough to say what was decided, nothing to leak.
    findings = models.JSONField("发现", default=list, blank=True)
    outcome = models.CharField("结论", max_length=16, choices=OUTCOMES)
    reason = models.CharField("理由", max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "保密审查记录"
        verbose_name_plural = "保密审查记录"
        ordering = ["document", "-at", "-id"]
