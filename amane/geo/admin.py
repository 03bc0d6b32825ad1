"""Admin for the territorial units: browsable, and imported rather than typed in."""

from django.contrib import admin
from django.http import HttpRequest

from amane.geo.models import Area, BoundarySet


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ("code", "name_fr", "name_ar", "kind", "subtype", "population_2024")
    list_filter = ("kind", "subtype", "region")
    search_fields = ("code", "name_fr", "name_ar")
    list_select_related = ("parent",)
    readonly_fields = ("kind", "code", "code_2014", "parent", "province", "region")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(BoundarySet)
class BoundarySetAdmin(admin.ModelAdmin[BoundarySet]):
    list_display = ("name", "source", "active", "created_at")
    readonly_fields = ("name", "source", "calibration", "created_at")
