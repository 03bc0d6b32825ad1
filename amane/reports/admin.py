"""Admin for categories (editable) and a read-mostly view of reports for platform staff."""

from django.contrib import admin
from django.http import HttpRequest

from amane.reports.models import Category, Report, ReportEvent


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ("code", "name_ar", "name_fr", "confidential", "active", "position")
    list_editable = ("name_ar", "name_fr", "confidential", "active", "position")
    search_fields = ("code", "name_ar", "name_fr")


class ReportEventInline(admin.TabularInline[ReportEvent, Report]):
    model = ReportEvent
    extra = 0
    can_delete = False
    readonly_fields = ("status", "at", "actor_role", "message")

    def has_add_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        # Status changes go through report_change_status, which checks the lifecycle.
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ("public_id", "category", "status", "commune", "submitted_on", "is_demo")
    list_filter = ("status", "category", "is_demo", "region")
    search_fields = ("public_id", "description", "commune__name_fr", "commune__name_ar")
    list_select_related = ("category", "commune")
    inlines = [ReportEventInline]
    exclude = ("receipt_hash", "receipt_selector")
    readonly_fields = (
        "public_id", "category", "description", "status", "duplicate_of", "lat", "lon", "location_precision",
        "commune", "arrondissement", "province", "region", "public_lat", "public_lon", "cell_r9", "cell_r7",
        "cell_r5", "occurred_at", "submitted_on", "contact", "is_demo",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
