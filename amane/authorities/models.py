"""
Authority units: who answers a report, and for which places.

The territorial administration is a tree: a wilaya or a province (a prefecture in towns)
above cercles, caïdats (rural) and pashaliks (urban), which split into administrative
annexes; beside it stand the services, the police (Sûreté nationale) in urban communes
and the Gendarmerie royale in rural ones, and the elected commune council. A unit covers
areas of the census geography (communes, arrondissements, provinces, regions) and, for an
annex, which has no published boundary, an area drawn on the map.

Which kinds of unit handle which category is a table, `RoutingRule`, that admins edit:
amane.authorities.routing reads it with the units to route a report.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from amane.authorities.drawn import DrawnAreaError, drawn_area_shape
from amane.geo.models import Area
from amane.reports.models import Category, Report


class UnitKind(models.TextChoices):
    WILAYA = "wilaya", _("Wilaya")
    PREFECTURE = "prefecture", _("Prefecture")
    PROVINCE = "province", _("Province")
    CERCLE = "cercle", _("Cercle")
    CAIDAT = "caidat", _("Caïdat")
    PASHALIK = "pashalik", _("Pashalik")
    DISTRICT = "district", _("District")
    ANNEX = "annex", _("Administrative annex")
    POLICE = "police", _("Police (Sûreté nationale)")
    GENDARMERIE = "gendarmerie", _("Gendarmerie royale")
    COMMUNE_COUNCIL = "commune-council", _("Commune council")


DRAWN_AREA_MESSAGES = {
    "not_a_polygon": _("Draw a polygon."),
    "unreadable": _("This drawing cannot be read as a polygon."),
    "invalid": _("This polygon crosses itself or is empty."),
    "too_many_vertices": _("This polygon has more than 2,000 points."),
    "outside_morocco": _("This polygon is outside Morocco."),
}


def validate_drawn_area(value: Any) -> None:
    if value is None:
        return
    try:
        drawn_area_shape(value)
    except DrawnAreaError as error:
        # Prefixed: a field replaces the message of a code it knows ("invalid" is JSONField's).
        raise ValidationError(DRAWN_AREA_MESSAGES[error.reason], code=f"drawn_area_{error.reason}") from error


class Unit(models.Model):
    # Stable, ASCII, derived from the census code where there is one: "province-09.541",
    # "council-09.541.09.19"; hand-entered units get a readable one, "annex-taroudant-1".
    code = models.CharField(max_length=64, unique=True)
    name_ar = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    is_demo = models.BooleanField(default=False)
    areas: "models.ManyToManyField[Area, UnitCoverage]" = models.ManyToManyField(
        Area, through="UnitCoverage", related_name="+", blank=True
    )
    # A GeoJSON Polygon or MultiPolygon (longitude, latitude), checked by amane.authorities.drawn.
    drawn_area = models.JSONField(null=True, blank=True, validators=[validate_drawn_area])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self) -> str:
        return f"{self.name_fr} ({self.code})"

    def clean(self) -> None:
        if not self.code.isascii() or any(character.isspace() for character in self.code):
            raise ValidationError({"code": _("A unit's code is ASCII letters, digits and signs, without spaces.")})


class UnitCoverage(models.Model):
    """One census area that a unit answers for: the council of a commune covers that commune."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="coverage")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "area"], name="one_coverage_per_unit_and_area")]
        indexes = [models.Index(fields=["area", "unit"], name="coverage_by_area")]

    def __str__(self) -> str:
        return f"{self.unit_id} covers {self.area_id}"


class RoutingRule(models.Model):
    """
    One kind of unit that handles a category: the responsible one, or one in copy.

    A category's rules are tried in `position` order: a report goes to the responsible kind's
    unit, and if no unit of that kind covers the place, to the first kind after it that has
    one (a theft in a town without annexes goes to its pashalik).
    """

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="routing_rules")
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    responsible = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "kind"], name="one_rule_per_category_and_kind"),
            models.UniqueConstraint(
                fields=["category"], condition=models.Q(responsible=True), name="one_responsible_kind_per_category"
            ),
        ]

    def __str__(self) -> str:
        role = "responsible" if self.responsible else "copy"
        return f"{self.category_id}: {self.kind} ({role})"


class RoutingRole(models.TextChoices):
    RESPONSIBLE = "responsible", _("Responsible")
    COPY = "copy", _("In copy")
    # A parent of the responsible unit or of a unit in copy: it sees what they see.
    OVERSIGHT = "oversight", _("Oversight")


class ReportRouting(models.Model):
    """
    A unit that a report reached, and in which role: one responsible, others in copy, and every
    parent of those, so that a unit's inbox is one indexed read of this table whatever its
    place in the tree. Written with the report, in its transaction.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="routing")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=16, choices=RoutingRole.choices)
    # The report's day, which never changes after filing: an inbox filtered by dates reads
    # only those days of the unit's rows (a month of Casablanca's prefecture, not its year).
    occurred_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "unit"], name="one_routing_per_report_and_unit")]
        indexes = [
            models.Index(fields=["unit", "report"], name="routing_by_unit"),
            models.Index(fields=["unit", "occurred_on", "report"], name="routing_by_unit_and_day"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.unit_id} ({self.role})"


class MembershipRole(models.TextChoices):
    OFFICER = "officer", _("Officer")
    HEAD = "head", _("Head of unit")


class Membership(models.Model):
    """A person who acts for a unit: an officer, or its head (who also reads its audit trail)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.OFFICER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="one_membership_per_user_and_unit")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.unit_id} ({self.role})"
