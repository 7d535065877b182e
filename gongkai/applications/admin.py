"""Admin: read-mostly views scoped like documents; state changes go through the staff pages (actions)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.accounts import access
from gongkai.applications.models import Application, ApplicationEvent, Remedy, Reply, WorkdayOverride


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    fields = ("on", "kind", "actor", "reason", "at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("number", "agency", "applicant_type", "channel", "received_on", "due_on", "status", "outcome")
    list_filter = ("status", "channel", "applicant_type")
    search_fields = ("number", "description", "doc_no")
    date_hierarchy = "received_on"
    inlines = [EventInline]
    # Every change is an action with an event row; the admin only shows.
    # Identity proof and 查询码 stay off the admin: the staff pages show the proof after their check.
    readonly_fields = [f.name for f in Application._meta.fields if f.name not in ("id", "access_key", "id_proof")]
    exclude = ("access_key", "id_proof")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Application]:
        return super().get_queryset(request).filter(agency__in=access.agencies_of(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Remedy)
class RemedyAdmin(admin.ModelAdmin):
    list_display = ("application", "kind", "result", "filed_on", "decided_on")
    list_filter = ("kind", "result")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Remedy]:
        return super().get_queryset(request).filter(application__agency__in=access.agencies_of(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = ("application", "outcome", "title", "sent_on", "delivery")
    readonly_fields = ("application", "outcome", "title", "body_html", "sent_on", "delivery", "delivery_record")
    exclude = ("pdf",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reply]:
        return super().get_queryset(request).filter(application__agency__in=access.agencies_of(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(admin.ModelAdmin):
    """The staff table for holidays the calendar library does not know yet (a new year's notice)."""

    list_display = ("day", "is_workday", "note")
    list_filter = ("is_workday",)
    date_hierarchy = "day"
