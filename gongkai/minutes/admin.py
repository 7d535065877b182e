"""Staff correct what the parser read: the meeting's fields and its items, scoped by agency.

Records come only from documents (there is no "add"). The forms only read what staff typed; every
change is saved by `minutes.actions` (permission check, one transaction, audit row), which remembers
it in `corrected_fields` so that parsing the document again never undoes a correction.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.accounts import access
from gongkai.catalog.queries import documents_for_staff
from gongkai.minutes import actions, records
from gongkai.minutes.models import AgendaItemRecord, MeetingRecord


class LinesField(forms.CharField):
    """A list of short texts (names, titles), one per line: easier to correct than JSON."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(str(v) for v in value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        return [line.strip() for line in str(value or "").splitlines() if line.strip()]


class MeetingForm(forms.ModelForm):
    attendees = LinesField(label="出席", required=False)
    nonvoting = LinesField(label="列席", required=False)
    absent = LinesField(label="请假", required=False)

    class Meta:
        model = MeetingRecord
        fields = "__all__"


class ItemForm(forms.ModelForm):
    actions = LinesField(label="议事方式", required=False, help_text="每行一个，如 听取、审议")
    documents = LinesField(label="审议文件", required=False, help_text="每行一个《》内的文件名称")
    sponsors = LinesField(label="提出单位", required=False, help_text="每行一个单位，照原文")

    class Meta:
        model = AgendaItemRecord
        fields = "__all__"


class ItemInline(admin.StackedInline):
    model = AgendaItemRecord
    form = ItemForm
    extra = 0
    fields = ("n", "actions", "title", "documents", "sponsors", "decision", "decision_kind", "follow_up",
              "remarks", "corrected_fields")
    readonly_fields = ("corrected_fields",)


@admin.register(MeetingRecord)
class MeetingRecordAdmin(admin.ModelAdmin):
    form = MeetingForm
    inlines = [ItemInline]
    list_display = ("document", "meeting_no", "date", "chair", "truncated", "parsed_at", "corrected_display")
    list_filter = ("truncated",)
    search_fields = ("document__title", "meeting_no", "chair")
    readonly_fields = ("document", "parsed_at", "parser_version", "corrected_fields")
    fieldsets = [
        (None, {"fields": ("document", "body", "kind", "meeting_no", "meeting_no_int")}),
        ("时间与地点", {"fields": ("date", "date_text", "part_of_day", "location")}),
        ("人员", {"fields": ("chair", "presider", "attendees", "nonvoting", "absent", "recorder")}),
        ("落款", {"fields": ("compiled_by", "compiled_date", "publication_note", "truncated")}),
        ("解析", {"fields": ("parsed_at", "parser_version", "corrected_fields")}),
    ]

    @admin.display(description="人工校正")
    def corrected_display(self, obj: MeetingRecord) -> str:
        return "、".join(obj.corrected_fields)

    def get_queryset(self, request: HttpRequest) -> QuerySet[MeetingRecord]:
        docs = documents_for_staff(request.user)
        return super().get_queryset(request).filter(document__in=docs).select_related("document")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a record exists because a published document is minutes

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # it would come back with the next parse; staff correct it instead

    def has_change_permission(self, request: HttpRequest, obj: MeetingRecord | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or access.can_edit(request.user, obj.document))

    def save_model(self, request: HttpRequest, obj: MeetingRecord, form: Any, change: bool) -> None:
        actions.correct_meeting(request.user, obj, _values(obj, form.changed_data))

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        formset.save(commit=False)  # fills the rows in from the forms; the actions save them
        for row in formset.deleted_objects:
            actions.remove_item(request.user, row)
        for row in formset.new_objects:
            actions.add_item(request.user, form.instance, _values(row, records.ITEM_FIELDS))
        for row, changed in formset.changed_objects:
            actions.correct_item(request.user, row, _values(row, changed))


def _values(obj: Any, names: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}
