"""The section in the admin (政务公开办 and superusers): columns, their pages and the footer's marks.
Saving and deleting go through gongkai.columns.actions, so that each change is checked, audited and
forgets exactly the kept pages it alters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.accounts import access
from gongkai.columns import actions
from gongkai.columns.models import Column, FooterSettings, Page, check_filters


class OfficeOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_office(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_office(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.is_office(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_office(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_office(request.user) and super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        found = super().get_actions(request)
        found.pop("delete_selected", None)  # one at a time, through the action that checks and audits
        return found

    def _fields(self, form: Any, change: bool) -> dict[str, Any]:
        names = form.changed_data if change else list(form.cleaned_data)
        return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        for formset in formsets:  # the many-to-many fields were set by the action
            self.save_formset(request, form, formset, change=change)

    def _refused(self, request: HttpRequest, exc: Exception) -> None:
        reason = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        self.message_user(request, reason, messages.ERROR)


class ColumnForm(forms.ModelForm):
    class Meta:
        model = Column
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            check_filters(data.get("kind", ""), {name: list(data.get(name) or ()) for name in Column.FILTERS})
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        return data


@admin.register(Column)
class ColumnAdmin(OfficeOnly):
    form = ColumnForm
    list_display = ("name", "slug", "kind", "parent", "position", "visible")
    list_editable = ()
    list_filter = ("kind", "visible", "parent")
    search_fields = ("name", "name_en", "slug")
    filter_horizontal = ("topics", "genres", "combos", "agencies")
    fieldsets = [
        (None, {"fields": ("name", "slug", "kind", "parent", "position", "visible", "description")}),
        ("页面或链接", {"fields": ("page", "url")}),
        ("目录栏目的分类", {"fields": Column.FILTERS,
                          "description": "列出同时符合各项所选分类的已发布文件；同一项中选多个分类时，符合其一即可。"}),
        ("英文版", {"fields": ("name_en", "description_en")}),
    ]

    def save_model(self, request: HttpRequest, obj: Column, form: Any, change: bool) -> None:
        saved = actions.save_column(request.user, obj if change else None, self._fields(form, change))
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Column) -> None:
        try:
            actions.delete_column(request.user, obj)
        except (PermissionDenied, ValidationError) as exc:
            self._refused(request, exc)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Column]) -> None:
        for column in queryset:
            self.delete_model(request, column)


@admin.register(Page)
class PageAdmin(OfficeOnly):
    list_display = ("title", "slug", "updated_at")
    search_fields = ("title", "title_en", "slug", "body")
    fieldsets = [
        (None, {"fields": ("title", "slug", "body")}),
        ("英文版", {"fields": ("title_en", "body_en"), "description": "正文可写纯文本（空行分段）或 HTML。"}),
    ]

    def save_model(self, request: HttpRequest, obj: Page, form: Any, change: bool) -> None:
        saved = actions.save_page(request.user, obj if change else None, self._fields(form, change))
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Page) -> None:
        try:
            actions.delete_page(request.user, obj)
        except (PermissionDenied, ValidationError) as exc:
            self._refused(request, exc)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Page]) -> None:
        for page in queryset:
            self.delete_model(request, page)


@admin.register(FooterSettings)
class FooterSettingsAdmin(OfficeOnly):
    fields = ("conac_url", "show_error_link", "error_link_base")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not FooterSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: FooterSettings, form: Any, change: bool) -> None:
        saved = actions.save_footer(request.user, self._fields(form, change))
        obj.pk = saved.pk
