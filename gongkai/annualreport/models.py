"""The annual report of one year, for one agency or the whole government (agency None).

Staff enter what the system cannot count (table two's 许可, 处罚, 强制, 收费; the narrative parts 一, 五
and 六); the tables are counted by `tables.compute` and kept on the row as `figures` when generated,
so a published report keeps the numbers it was published with, whatever changes later.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from gongkai.annualreport.tables import Figures, StaffNumbers


class AnnualReport(models.Model):
    DRAFT, PUBLISHED = "draft", "published"
    STATUSES = [(DRAFT, "草稿"), (PUBLISHED, "已发布")]

    year = models.PositiveSmallIntegerField("年度")
    agency = models.ForeignKey("accounts.Agency", verbose_name="机构", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="annual_reports",
                               help_text="空：本级政府（全部机构）")
    permits = models.PositiveIntegerField("行政许可本年处理决定数量", default=0)
    penalties = models.PositiveIntegerField("行政处罚本年处理决定数量", default=0)
    enforcement = models.PositiveIntegerField("行政强制本年处理决定数量", default=0)
    fees_wan = models.DecimalField("行政事业性收费本年收费金额（万元）", max_digits=14, decimal_places=4,
                                   default=Decimal("0"))
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    processing_fee_yuan = models.DecimalField("本年收取信息处理费（元）", max_digits=12, decimal_places=2,
                                              default=Decimal("0"))
    figures = models.JSONField("统计数据", null=True, blank=True, editable=False)
    generated_at = models.DateTimeField("统计时间", null=True, blank=True, editable=False)
    status = models.CharField("状态", max_length=16, choices=STATUSES, default=DRAFT)
    document = models.ForeignKey("catalog.Document", verbose_name="公开的报告", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "agency"], name="annual_report_one_per_agency_year"),
            # NULLs are distinct in a unique constraint: the whole government's report needs its own.
            models.UniqueConstraint(fields=["year"], condition=models.Q(agency__isnull=True),
                                    name="annual_report_one_government_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.scope_name}"

    @property
    def scope_name(self) -> str:
        return self.agency.name if self.agency_id else "本级政府（全部机构）"

    @property
    def is_published(self) -> bool:
        return self.status == self.PUBLISHED

    @property
    def in_review(self) -> bool:
        """Filed in the catalog and waiting for its agency's review chain (ADR 0008): frozen meanwhile."""
        return not self.is_published and self.document_id is not None

    def staff_numbers(self) -> StaffNumbers:
        return StaffNumbers(self.permits, self.penalties, self.enforcement, Decimal(self.fees_wan))

    def stored_figures(self) -> Figures | None:
        return Figures.from_json(self.figures) if self.figures else None
