"""Staff pages for machine-translated drafts: ask for one from a document's page, read and correct
it beside the Chinese, then accept it as the document's English text or set it aside.

Every write goes through `catalog.actions` (atomic, permission-checked, audited); a clerk sees the
drafts of the documents they may edit, and only those.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html_join, linebreaks
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from gongkai.accounts import access
from gongkai.catalog import actions, queries
from gongkai.catalog.models import Document, TranslationDraft
from gongkai.translations import translate

ENGLISH = ("title_en", "summary_en", "body_en")


@admin.register(TranslationDraft)
class TranslationDraftAdmin(admin.ModelAdmin):
    change_form_template = "admin/catalog/translationdraft/change_form.html"
    list_display = ("document", "title_en", "status", "requested_by", "requested_at", "decided_by")
    list_filter = ("status",)
    search_fields = ("title_en", "document__title")
    fieldsets = [
        ("中文原文", {"fields": ("document", "chinese_title", "chinese_summary", "chinese_body")}),
        ("机器翻译稿（审核、修改后采用）", {"fields": ENGLISH}),
        ("来源与审核", {"fields": ("model_name", "source_revision", "stale_note", "status", "requested_by",
                                  "requested_at", "decided_by", "decided_at")}),
    ]
    base_readonly = ("document", "chinese_title", "chinese_summary", "chinese_body", "model_name",
                     "source_revision", "stale_note", "status", "requested_by", "requested_at", "decided_by",
                     "decided_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[TranslationDraft]:
        documents = queries.documents_for_staff(request.user)
        return super().get_queryset(request).filter(document__in=documents).select_related("document")

    def get_readonly_fields(self, request: HttpRequest, obj: TranslationDraft | None = None) -> tuple[str, ...]:
        # A decided draft is history: it can be read, never changed.
        return self.base_readonly + (() if obj is not None and obj.is_pending else ENGLISH)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a draft comes from the model, asked for on the document's page

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TranslationDraft | None = None) -> bool:
        may = access.agencies_of(request.user).exists() and request.user.is_staff
        return may and (obj is None or access.can_edit(request.user, obj.document))

    def has_view_permission(self, request: HttpRequest, obj: TranslationDraft | None = None) -> bool:
        return self.has_change_permission(request, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request)

    @admin.display(description="中文标题")
    def chinese_title(self, obj: TranslationDraft) -> str:
        return obj.document.title

    @admin.display(description="中文概述")
    def chinese_summary(self, obj: TranslationDraft) -> str:
        return obj.document.summary

    @admin.display(description="中文正文")
    def chinese_body(self, obj: TranslationDraft) -> SafeString:
        return SafeString(linebreaks(obj.document.body_text))

    @admin.display(description="文件是否已改动")
    def stale_note(self, obj: TranslationDraft) -> str:
        return "文件在生成译稿后已修改，请对照当前中文核对" if obj.is_stale else "未改动"

    def save_model(self, request: HttpRequest, obj: TranslationDraft, form: Any, change: bool) -> None:
        texts = {name: form.cleaned_data[name] for name in ENGLISH if name in form.cleaned_data}
        actions.edit_translation_draft(request.user, obj, texts)

    def response_change(self, request: HttpRequest, obj: TranslationDraft) -> HttpResponse:
        decide = {"_accept": (actions.accept_translation, "已采用为该文件的英文版"),
                  "_reject": (actions.reject_translation, "已放弃该译稿")}
        for button, (act, done) in decide.items():
            if button in request.POST:
                try:
                    act(request.user, obj)
                except (PermissionDenied, ValidationError) as exc:
                    self.message_user(request, str(exc), messages.ERROR)
                    return HttpResponseRedirect(request.path)
                self.message_user(request, done)
                return HttpResponseRedirect(reverse("admin:catalog_document_change", args=[obj.document_id]))
        return super().response_change(request, obj)

    def get_urls(self) -> list[Any]:
        own = [path("request/<int:document_id>/", self.admin_site.admin_view(self.request_view),
                    name="catalog_translationdraft_request")]
        return own + super().get_urls()

    def request_view(self, request: HttpRequest, document_id: int) -> HttpResponse:
        return require_POST(lambda request: _request(self, request, document_id))(request)


def _request(model_admin: TranslationDraftAdmin, request: HttpRequest, document_id: int) -> HttpResponse:
    """Ask the model for a draft of a document the staff member may see; back to it with the reason
    when there is none to be had."""
    document = get_object_or_404(queries.documents_for_staff(request.user), pk=document_id)
    back = reverse("admin:catalog_document_change", args=[document.pk])
    try:
        draft = translate.request_translation(request.user, document)
    except (translate.TranslationUnavailable, ValidationError) as exc:
        model_admin.message_user(request, str(exc), messages.ERROR)
        return HttpResponseRedirect(back)
    model_admin.message_user(request, "已生成机器翻译稿：请对照中文审核、修改，确认无误后采用（采用前不会公开）")
    return HttpResponseRedirect(reverse("admin:catalog_translationdraft_change", args=[draft.pk]))


def drafts_of(document: Document) -> str:
    """The document's drafts as links, for its admin page."""
    drafts = document.translation_drafts.all()[:10]
    return format_html_join("", '<li><a href="{}">{}</a>（{}）</li>', (
        (reverse("admin:catalog_translationdraft_change", args=[d.pk]), d.title_en, d.get_status_display())
        for d in drafts))
