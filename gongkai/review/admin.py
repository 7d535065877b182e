"""Admin for the review workflow: the disclosure office sets each agency's chain; requests and
保密审查 records are read-only here (they change only through `review.actions`, on /review/)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from gongkai.accounts import access
from gongkai.review.models import ReviewChain, ReviewRequest, ReviewStep, SensitivityCheck


@admin.register(ReviewChain)
class ReviewChainAdmin(admin.ModelAdmin):
    list_display = ("agency", "steps")
    filter_horizontal = ("reviewers",)

    def _office(self, request: HttpRequest) -> bool:
        return access.is_office(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._office(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._office(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._office(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._office(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._office(request)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff


class StepInline(admin.TabularInline):
    model = ReviewStep
    extra = 0
    fields = ("at", "stage", "action", "actor", "comment")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ReadOnly):
    list_display = ("document", "status", "stage", "submitted_by", "publish_at", "updated_at", "review_link")
    list_filter = ("status", "stage")
    inlines = [StepInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReviewRequest]:
        agencies = access.agencies_of(request.user)
        return super().get_queryset(request).filter(document__agency__in=agencies).select_related("document")

    @admin.display(description="审核页")
    def review_link(self, obj: ReviewRequest) -> str:
        return format_html('<a href="{}">打开</a>', reverse("review:document", args=[obj.document_id]))


@admin.register(SensitivityCheck)
class SensitivityCheckAdmin(ReadOnly):
    list_display = ("document", "outcome", "finding_count", "actor", "at")
    list_filter = ("outcome",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[SensitivityCheck]:
        agencies = access.agencies_of(request.user)
        return super().get_queryset(request).filter(document__agency__in=agencies).select_related("document")

    @admin.display(description="发现")
    def finding_count(self, obj: SensitivityCheck) -> int:
        return len(obj.findings)
