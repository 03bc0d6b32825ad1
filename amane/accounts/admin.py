from django.contrib import admin

from amane.accounts.models import RoleGrant


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin[RoleGrant]):
    list_display = ("user", "role", "granted_at")
    list_filter = ("role",)
    raw_id_fields = ("user",)
