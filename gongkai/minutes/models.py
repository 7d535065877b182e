"""Meeting minutes as records: the meeting, its agenda items, and their links into the catalog.

A `MeetingRecord` is what the parser read in one published document (`records.store` writes it).
Staff may correct any field in the admin; a corrected field is named in `corrected_fields` and a
re-parse leaves it alone, and an item with any correction is left alone entirely. `Assignment` and
`ReferencedDocument` are derived from the items' text (sponsors, remarks, 《》 titles) and keep the
name as written, so that an agency or document added later can still be linked to them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Document


class MeetingRecord(models.Model):
    document = models.OneToOneField(Document, verbose_name="纪要文件", on_delete=models.CASCADE,
                                    related_name="meeting")
    body = models.CharField("会议机关", max_length=200, blank=True)
    kind = models.CharField("会议类别", max_length=100, blank=True)
    meeting_no = models.CharField("会议次数（原文）", max_length=60, blank=True)
    meeting_no_int = models.PositiveIntegerField("会议次数", null=True, blank=True)
    date = models.DateField("会议日期", null=True, blank=True, db_index=True)
    date_text = models.CharField("会议日期（原文）", max_length=100, blank=True)
    part_of_day = models.CharField("时段", max_length=20, blank=True)
    location = models.CharField("会议地点", max_length=300, blank=True)
    chair = models.CharField("主持召开", max_length=100, blank=True)
    attendees = models.JSONField("出席", default=list, blank=True)
    nonvoting = models.JSONField("列席", default=list, blank=True)
    absent = models.JSONField("请假", default=list, blank=True)
    presider = models.CharField("主持", max_length=100, blank=True)
    recorder = models.CharField("记录", max_length=100, blank=True)
    compiled_by = models.CharField("整理单位", max_length=200, blank=True)
    compiled_date = models.CharField("整理日期", max_length=50, blank=True)
    publication_note = models.CharField("公开属性", max_length=200, blank=True)
    truncated = models.BooleanField("原页面不完整", default=False)
    parsed_at = models.DateTimeField("解析时间", null=True, blank=True)
    parser_version = models.CharField("解析器版本", max_length=40, blank=True)
    corrected_fields = models.JSONField("人工校正的字段", default=list, blank=True)

    class Meta:
        verbose_name = "会议纪要"
        verbose_name_plural = "会议纪要"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.document.title if self.document_id else self.meeting_no

    def effective_date(self) -> dt.date | None:
        """The meeting's date, else (a page that omits the year) the date the document bears."""
        doc = self.document
        return self.date or doc.created_date or doc.published_date

    def sync_items(self) -> None:
        """Copy the meeting's date onto its items, where the register filters and sorts by it."""
        day = self.effective_date()
        self.items.update(day=day, year=day.year if day else None)

    def has_content(self) -> bool:
        return bool(self.meeting_no or self.date_text or self.chair or self.items.exists())

    def display_items(self) -> QuerySet[AgendaItemRecord]:
        """The items with their links fetched up front, for a page that shows them all."""
        return self.items.prefetch_related("assignments__agency", "references__document")


class AgendaItemQuerySet(models.QuerySet["AgendaItemRecord"]):
    def public(self) -> QuerySet[AgendaItemRecord]:
        """Items of minutes that are published now: withdrawn minutes leave the register."""
        return self.filter(meeting__document__status=Document.PUBLISHED)

    def register(self, chosen: DecisionFilter) -> QuerySet[AgendaItemRecord]:
        rows = self.public().select_related("meeting", "meeting__document")
        if chosen.dept is not None:
            rows = rows.filter(Q(assignments__agency_id=chosen.dept)).distinct()
        if chosen.year is not None:
            rows = rows.filter(year=chosen.year)
        if chosen.kind:
            rows = rows.filter(decision_kind=chosen.kind)
        if chosen.follow_up:
            rows = rows.filter(follow_up=chosen.follow_up)
        return rows.order_by("-day", "-meeting_id", "n")


@dataclass(frozen=True)
class DecisionFilter:
    """The register's filters, shared by its page, its exports and the API."""

    dept: int | None = None
    year: int | None = None
    kind: str = ""
    follow_up: str = ""

    @classmethod
    def from_params(cls, params: Any) -> DecisionFilter:
        """From query parameters; values that cannot be right (non-numbers) are ignored, not errors."""

        def number(name: str) -> int | None:
            raw = str(params.get(name) or "").strip()
            return int(raw) if raw.isdigit() and len(raw) < 10 else None

        return cls(dept=number("dept"), year=number("year"), kind=str(params.get("kind") or "").strip(),
                   follow_up=str(params.get("follow_up") or "").strip())

    def as_params(self) -> dict[str, str]:
        values = {"dept": self.dept, "year": self.year, "kind": self.kind, "follow_up": self.follow_up}
        return {k: str(v) for k, v in values.items() if v not in (None, "")}


class AgendaItemRecord(models.Model):
    meeting = models.ForeignKey(MeetingRecord, verbose_name="会议", on_delete=models.CASCADE,
                                related_name="items")
    n = models.PositiveSmallIntegerField("序号")
    actions = models.JSONField("议事方式", default=list, blank=True, help_text="如 听取、审议")
    title = models.TextField("议题")
    documents = models.JSONField("审议文件", default=list, blank=True, help_text="《》内的文件名称")
    sponsors = models.JSONField("提出单位（原文）", default=list, blank=True)
    decision = models.TextField("会议决定", blank=True)
    decision_kind = models.CharField("决定类别", max_length=50, blank=True, db_index=True)
    follow_up = models.CharField("后续程序", max_length=200, blank=True, db_index=True)
    remarks = models.JSONField("会议指出、强调、要求", default=list, blank=True)
    day = models.DateField("会议日期", null=True, blank=True, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True, db_index=True, editable=False)
    corrected_fields = models.JSONField("人工校正的字段", default=list, blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = "议题"
        verbose_name_plural = "议题"
        ordering = ["meeting", "n"]
        constraints = [models.UniqueConstraint(fields=["meeting", "n"], name="agenda_item_number_unique")]

    def __str__(self) -> str:
        return f"{self.n}. {self.title[:60]}"

    @property
    def action(self) -> str:
        return "+".join(self.actions)

    @property
    def action_label(self) -> str:
        """For readers: 听取、审议 (the "+" form is the export's, one cell per item)."""
        return "、".join(self.actions)

    def sponsor_links(self) -> list[tuple[str, Agency | None]]:
        """Each sponsor as written, with the catalog agency it names when there is one."""
        found = {a.name: a.agency for a in self.assignments.all() if a.role == Assignment.SPONSOR}
        return [(name, found.get(name)) for name in self.sponsors]

    def document_links(self) -> list[tuple[str, Document | None]]:
        """Each 《》 title as written, with the published catalog document of that title."""
        found = {r.title: r.document for r in self.references.all()
                 if r.document and r.document.status == Document.PUBLISHED}
        return [(title, found.get(title)) for title in self.documents]

    def addressed_links(self) -> list[tuple[str, Agency | None]]:
        """The departments the remarks address, each once, linked where the catalog knows them."""
        found: dict[str, Agency | None] = {}
        for a in self.assignments.all():
            if a.role == Assignment.REMARK and (a.name not in found or a.agency):
                found[a.name] = a.agency
        return list(found.items())

    def remark_links(self) -> list[dict[str, Any]]:
        """Remarks with the agencies they address (linked where the catalog knows them)."""
        agencies = {(a.remark_index, a.name): a.agency for a in self.assignments.all()
                    if a.role == Assignment.REMARK}
        return [
            {"kind": r.get("kind", ""), "text": r.get("text", ""),
             "departments": [(d, agencies.get((i, d))) for d in r.get("departments") or []]}
            for i, r in enumerate(self.remarks)
        ]


class Assignment(models.Model):
    """A department an item names, by role, linked to the catalog agency when one matches."""

    SPONSOR, REMARK = "sponsor", "remark"
    ROLES = [(SPONSOR, "提出单位"), (REMARK, "会议要求的单位")]

    item = models.ForeignKey(AgendaItemRecord, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField("角色", max_length=8, choices=ROLES)
    name = models.CharField("名称（原文）", max_length=100)
    key = models.CharField("比对键", max_length=100, db_index=True)
    agency = models.ForeignKey(Agency, verbose_name="机构", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="minutes_assignments")
    remark_index = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "议题涉及的单位"
        verbose_name_plural = "议题涉及的单位"
        ordering = ["item", "role", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class ReferencedDocument(models.Model):
    """A 《》 title an item names, linked to the catalog document of that title when there is one."""

    item = models.ForeignKey(AgendaItemRecord, on_delete=models.CASCADE, related_name="references")
    title = models.CharField("文件名称（原文）", max_length=500)
    key = models.CharField("比对键", max_length=500, db_index=True)
    document = models.ForeignKey(Document, verbose_name="目录中的文件", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="minutes_references")

    class Meta:
        verbose_name = "议题引用的文件"
        verbose_name_plural = "议题引用的文件"
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return self.title
