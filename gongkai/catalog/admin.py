"""Staff editing in the Django admin, scoped by agency.

A clerk sees and changes only the documents of the agencies they belong to; saving goes through
`catalog.actions`, so that every edit leaves a revision and an audit row, and publishing and
withdrawing are admin actions that call the same functions as everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.accounts import access
from gongkai.catalog import actions, attachments, queries
from gongkai.catalog.models import Attachment, Document, Revision, SiteSettings, StatusChange, Term


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("name", "file", "source_href")
    formset = attachments.AttachmentFormSet  # refuses files beyond GONGKAI_MAX_ATTACHMENT_MB


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    fields = ("number", "author", "note", "created_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StatusInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ("status", "actor", "reason", "at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EnglishFilter(admin.SimpleListFilter):
    """Which documents have an English text yet: staff choose the ones to translate from the rest."""

    title = "英文版"
    parameter_name = "english"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "有英文版"), ("no", "只有中文")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Document]) -> QuerySet[Document]:
        if self.value() == "yes":
            return queryset.exclude(title_en="")
        if self.value() == "no":
            return queryset.filter(title_en="")
        return queryset


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "index_no", "agency", "status", "published_date", "validity_display")
    list_filter = ("status", "genre", "agency", EnglishFilter)
    search_fields = ("title", "index_no", "doc_no")
    readonly_fields = ("index_no", "status", "published_at", "withdrawn_at", "withdrawn_reason", "stated_fields")
    inlines = [AttachmentInline, StatusInline, RevisionInline]
    actions = ["publish_selected", "withdraw_selected"]
    fieldsets = [
        (None, {"fields": ("title", "agency", "index_no", "status")}),
        ("分类", {"fields": ("topic", "genre", "combo", "doc_no", "keywords")}),
        ("日期与有效性", {"fields": ("created_date", "published_date", "expires_date", "abolished_date",
                                    "declared_validity", "published_at", "withdrawn_at", "withdrawn_reason")}),
        ("内容", {"fields": ("summary", "body_html", "disclosure_method", "disclosure_scope", "source_url",
                            "stated_fields")}),
        ("英文版", {"fields": ("title_en", "summary_en", "body_en"),
                   "description": "填写后，英文版页面显示并检索这些英文内容；留空则英文版注明本文件只有中文。"
                                  "正文可写纯文本（空行分段）或 HTML。"}),
    ]

    @admin.display(description="有效性")
    def validity_display(self, obj: Document) -> str:
        return obj.validity

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        return queries.documents_for_staff(request.user).select_related("agency")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = access.agencies_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or access.can_edit(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        return False  # history is append-only: documents are withdrawn, never deleted

    def save_model(self, request: HttpRequest, obj: Document, form: Any, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
        if change:
            saved = actions.update_document(request.user, obj, fields, note="后台修改")
        else:
            fields.pop("agency", None)
            saved = actions.create_document(request.user, form.cleaned_data["agency"], fields, note="后台新建")
        obj.pk = saved.pk

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is Attachment:  # uploads get their size, type and text, an audit row and a reindex
            attachments.after_inline_save(request.user, formset)

    @admin.action(description="发布所选文件（分配索引号）")
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        self._each(request, queryset, "已发布", lambda doc: actions.publish(request.user, doc, reason="后台发布"))

    @admin.action(description="撤回所选文件")
    def withdraw_selected(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        self._each(request, queryset, "已撤回", lambda doc: actions.withdraw(request.user, doc, reason="后台撤回"))

    def _each(self, request: HttpRequest, queryset: QuerySet[Document], done_label: str,
              act: Callable[[Document], Document]) -> None:
        """Apply one action per document, each in its own transaction; report refusals one by one."""
        done = 0
        for doc in queryset:
            try:
                act(doc)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{doc}: {exc}", messages.ERROR)
        self.message_user(request, f"{done_label} {done} 条")


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "kind", "parent", "position")
    list_editable = ("name_en",)
    list_filter = ("kind",)
    search_fields = ("name", "name_en")


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    # 站点设置 belong to the disclosure office (and superusers) whatever model permissions a clerk holds.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_office(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_office(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_office(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.is_office(request.user) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
