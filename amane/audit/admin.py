"""The audit trail in the admin: readable by staff, never edited."""

from django.contrib import admin
from django.http import HttpRequest

from amane.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ("at", "action", "actor_role", "actor_user", "target_type", "target_id", "is_demo")
    list_filter = ("action", "actor_role", "is_demo")
    search_fields = ("target_id",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
