"""Admin for service levels, written through the service so that every change is audited."""

from django.contrib import admin
from django.http import HttpRequest

from amane.core.actors import authority_user
from amane.service_levels.models import Escalation, ServiceLevel
from amane.service_levels.services import service_level_save


@admin.register(ServiceLevel)
class ServiceLevelAdmin(admin.ModelAdmin[ServiceLevel]):
    list_display = ("category", "acknowledge_hours", "resolve_days", "updated_at")
    list_editable = ("acknowledge_hours", "resolve_days")

    def save_model(self, request: HttpRequest, obj: ServiceLevel, form: object, change: bool) -> None:
        # The admin lets only signed-in staff in, so the user always has a primary key.
        assert request.user.pk is not None
        service_level_save(actor=authority_user(int(request.user.pk)), level=obj)


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin[Escalation]):
    """Read only: escalations are written by the sweep alone."""

    list_display = ("report", "kind", "due_at", "from_unit", "to_unit", "at")
    list_filter = ("kind",)
    raw_id_fields = ("report",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Escalation | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Escalation | None = None) -> bool:
        return False
