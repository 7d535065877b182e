"""Agencies, the staff who work for them, and the audit trail of every state change."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.lib.text import squash


class Agency(models.Model):
    """A publishing body: the district government, its office, its departments, towns."""

    name = models.CharField("机构全称", max_length=200, unique=True)
    name_en = models.CharField("英文名称", max_length=300, blank=True, help_text="英文版页面显示；留空则显示中文名称")
    short_names = models.JSONField("简称与别名", default=list, blank=True, help_text="如 政府办、区政府办公室")
    code = models.CharField(
        "组织机构代码或统一社会信用代码", max_length=18, blank=True, help_text="索引号前段码取自此处"
    )
    parent = models.ForeignKey("self", verbose_name="上级机构", null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def all_names(self) -> list[str]:
        return [self.name, *self.short_names]

    def index_prefix(self) -> str:
        """The 前段码 of index numbers: the 9-character organization code.

        A unified social credit code embeds the organization code at characters 9–17 (GB 32100-2015),
        so an agency that only knows its USCC still gets the national form.
        """
        code = self.code.replace("-", "").strip().upper()
        if len(code) == 18:
            return code[8:17]
        return code or f"A{self.pk:08d}"

    @classmethod
    def find(cls, name: str) -> Agency | None:
        """The agency whose full name, short name or alias is `name`, compared without spaces or 繁简."""
        key = squash(name)
        if not key:
            return None
        for agency in cls.objects.all():
            if any(squash(n) == key for n in agency.all_names()):
                return agency
        return None


class Membership(models.Model):
    """A staff member's role in one agency; the disclosure office oversees every agency."""

    CLERK, PUBLISHER, OFFICE = "clerk", "publisher", "office"
    ROLES = [(CLERK, "信息员（起草、修改）"), (PUBLISHER, "审核发布员"), (OFFICE, "政务公开办（全部机构）")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=16, choices=ROLES, default=CLERK)

    class Meta:
        verbose_name = "人员角色"
        verbose_name_plural = "人员角色"
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="one_role_per_agency")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.get_role_display()})"


class AuditEntry(models.Model):
    """One row per state change made through an action: who did what to which object, and why."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField("操作", max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    summary = models.CharField("说明", max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "操作日志"
        verbose_name_plural = "操作日志"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"
