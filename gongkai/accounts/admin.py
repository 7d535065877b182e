from django.contrib import admin
from django.http import HttpRequest

from gongkai.accounts.access import is_office
from gongkai.accounts.models import Agency, AuditEntry, Membership


class OfficeOnly:
    """Agencies and roles are the disclosure office's to change: a role held is a permission granted."""

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return is_office(request.user) and super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_office(request.user) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_office(request.user) and super().has_delete_permission(request, obj)  # type: ignore[misc]


@admin.register(Agency)
class AgencyAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("name", "name_en", "short_names", "code", "parent")
    search_fields = ("name", "code")


@admin.register(Membership)
class MembershipAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_id", "summary")
    list_filter = ("action",)

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
