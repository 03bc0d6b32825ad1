"""Admin for authority units and the routing table, both written through the services."""

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from amane.authorities.models import RoutingRule, Unit, UnitCoverage
from amane.authorities.services import routing_rule_save, unit_save
from amane.authorities.widgets import DrawnAreaWidget
from amane.core.actors import Actor, authority_user


def _acting_staff(request: HttpRequest) -> Actor:
    # The admin lets only signed-in staff in, so the user always has a primary key.
    assert request.user.pk is not None
    return authority_user(int(request.user.pk))


class UnitCoverageInline(admin.TabularInline[UnitCoverage, Unit]):
    model = UnitCoverage
    extra = 0
    raw_id_fields = ("area",)


class UnitForm(forms.ModelForm[Unit]):
    class Meta:
        model = Unit
        fields = ("code", "name_ar", "name_fr", "kind", "parent", "is_demo", "drawn_area")
        widgets = {"drawn_area": DrawnAreaWidget(attrs={"rows": 4})}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    form = UnitForm
    list_display = ("code", "name_fr", "name_ar", "kind", "parent", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("code", "name_fr", "name_ar")
    raw_id_fields = ("parent",)
    inlines = [UnitCoverageInline]

    def save_model(self, request: HttpRequest, obj: Unit, form: object, change: bool) -> None:
        # The inline saves the covered areas after this, in the admin's own transaction.
        unit_save(actor=_acting_staff(request), unit=obj)


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin[RoutingRule]):
    list_display = ("category", "kind", "responsible", "position")
    list_editable = ("kind", "responsible", "position")
    list_filter = ("category", "kind", "responsible")

    def save_model(self, request: HttpRequest, obj: RoutingRule, form: object, change: bool) -> None:
        routing_rule_save(actor=_acting_staff(request), rule=obj)
