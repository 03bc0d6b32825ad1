"""Admin for categories (editable) and a read-mostly view of reports for platform staff."""

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from amane.authorities.models import ReportRouting, RoutingRole
from amane.authorities.services import report_route_again
from amane.core.actors import Actor, authority_user
from amane.core.errors import AmaneError
from amane.reports.models import Category, Report, ReportEvent
from amane.reports.services import category_save, report_change_status


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ("code", "name_ar", "name_fr", "confidential", "active", "position")
    list_editable = ("name_ar", "name_fr", "confidential", "active", "position")
    search_fields = ("code", "name_ar", "name_fr")

    def save_model(self, request: HttpRequest, obj: Category, form: object, change: bool) -> None:
        # Through the service: a change of confidentiality must reach the reports and the map's counts.
        category_save(actor=_acting_staff(request), category=obj)


class ReportEventInline(admin.TabularInline[ReportEvent, Report]):
    model = ReportEvent
    extra = 0
    can_delete = False
    readonly_fields = ("status", "at", "actor_role", "message")

    def has_add_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        # Status changes go through report_change_status, which checks the lifecycle.
        return False


def _acting_staff(request: HttpRequest) -> Actor:
    # The admin lets only signed-in staff in, so the user always has a primary key.
    assert request.user.pk is not None
    return authority_user(int(request.user.pk))


def _move(request: HttpRequest, reports: QuerySet[Report], status: str, message: str) -> None:
    # An empty message: the timeline shows the status's default in each reader's language
    # (amane.reports.event_messages), where a stored text would be in the clicker's.
    moved = 0
    for report in reports:
        try:
            report_change_status(
                actor=_acting_staff(request),
                public_id=report.public_id,
                new_status=status,
                message=message,
            )
            moved += 1
        except AmaneError as error:
            messages.warning(request, f"{report.public_id}: {error.detail}")
    messages.success(request, f"{moved} report(s) updated.")


@admin.action(permissions=["change"], description=_("Acknowledge the selected reports"))
def acknowledge(modeladmin: admin.ModelAdmin[Report], request: HttpRequest, reports: QuerySet[Report]) -> None:
    _move(request, reports, "acknowledged", "")


@admin.action(permissions=["change"], description=_("Set the selected reports in progress"))
def set_in_progress(modeladmin: admin.ModelAdmin[Report], request: HttpRequest, reports: QuerySet[Report]) -> None:
    _move(request, reports, "in_progress", "")


@admin.action(permissions=["change"], description=_("Resolve the selected reports"))
def resolve(modeladmin: admin.ModelAdmin[Report], request: HttpRequest, reports: QuerySet[Report]) -> None:
    _move(request, reports, "resolved", "")


class RoutingFilter(admin.SimpleListFilter):
    """The unrouted queue: reports that no unit answers for, waiting for a unit or a rule."""

    title = _("routing")
    parameter_name = "routing"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin[Report]) -> list[tuple[str, str]]:
        return [("unrouted", str(_("Unrouted"))), ("routed", str(_("Routed")))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Report]) -> QuerySet[Report]:
        answered = Exists(ReportRouting.objects.filter(report=OuterRef("pk"), role=RoutingRole.RESPONSIBLE))
        if self.value() == "unrouted":
            return queryset.filter(~answered)
        if self.value() == "routed":
            return queryset.filter(answered)
        return queryset


@admin.action(permissions=["change"], description=_("Route the selected unrouted reports again"))
def route_again(modeladmin: admin.ModelAdmin[Report], request: HttpRequest, reports: QuerySet[Report]) -> None:
    assert request.user.pk is not None
    routed = 0
    for report in reports.select_related("category", "commune", "arrondissement", "province", "region"):
        routing = report_route_again(actor=authority_user(int(request.user.pk)), report=report)
        routed += routing is not None and routing.responsible is not None
    modeladmin.message_user(request, _("Routed now: %(n)d.") % {"n": routed})


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ("public_id", "category", "status", "commune", "submitted_on", "is_demo")
    list_filter = (RoutingFilter, "status", "category", "is_demo", "region")
    search_fields = ("public_id", "description", "commune__name_fr", "commune__name_ar")
    list_select_related = ("category", "commune")
    inlines = [ReportEventInline]
    actions = [acknowledge, set_in_progress, resolve, route_again]
    exclude = ("receipt_hash", "receipt_selector")
    readonly_fields = (
        "public_id", "category", "description", "status", "duplicate_of", "lat", "lon", "location_precision",
        "commune", "arrondissement", "province", "region", "public_lat", "public_lon", "cell_r9", "cell_r7",
        "cell_r5", "occurred_at", "submitted_on", "contact", "is_demo",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
