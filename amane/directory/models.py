"""
The directory of local numbers: the lines and addresses that authority units enter themselves.

National numbers (police 19, Gendarmerie royale 177, civil protection 15) depend only on a
commune's type and live in amane.geo.emergency. What a resident also needs is local: the
annex on their street, the police station, the brigade, the commune council, the hospital,
the listening centre for women victims of violence. A unit enters these for the places it
covers, and a commune's sheet lists the entries of every unit that covers it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amane.authorities.models import Unit

NAME_MAX = 200
ADDRESS_MAX = 300
HOURS_MAX = 120
NUMBER_MAX = 16


class ServiceKind(models.TextChoices):
    # In the order a sheet lists them: the nearest administration first, then the services.
    ANNEX = "annex", _("Administrative annex")
    LOCAL_AUTHORITY = "local_authority", pgettext_lazy("directory", "Pashalik or caïdat")
    POLICE_STATION = "police_station", pgettext_lazy("directory", "Police station")
    GENDARMERIE_BRIGADE = "gendarmerie_brigade", pgettext_lazy("directory", "Gendarmerie brigade")
    CIVIL_PROTECTION_POST = "civil_protection_post", pgettext_lazy("directory", "Civil protection post")
    COMMUNE_COUNCIL = "commune_council", _("Commune council")
    HOSPITAL = "hospital", pgettext_lazy("directory", "Hospital or health centre")
    WOMEN_LISTENING_CENTRE = (
        "women_listening_centre",
        pgettext_lazy("directory", "Listening centre for women victims of violence"),
    )
    OTHER = "other", pgettext_lazy("directory", "Other service")


SERVICE_ORDER = {value: at for at, value in enumerate(ServiceKind.values)}


class DirectoryEntry(models.Model):
    """One local line a unit publishes: "Commissariat de police, 2e arrondissement, 05 28 …"."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="directory_entries")
    service = models.CharField(max_length=32, choices=ServiceKind.choices)
    name_ar = models.CharField(max_length=NAME_MAX, blank=True)
    name_fr = models.CharField(max_length=NAME_MAX, blank=True)
    # Normalised by amane.directory.phones: "0528851234", or a short number such as "5757".
    number = models.CharField(max_length=NUMBER_MAX)
    address_ar = models.CharField(max_length=ADDRESS_MAX, blank=True)
    address_fr = models.CharField(max_length=ADDRESS_MAX, blank=True)
    # Free text, as a notice board says it: "24/7", "8:30–16:30, du lundi au vendredi".
    hours = models.CharField(max_length=HOURS_MAX, blank=True)
    # Where the entry stands among its unit's entries on the sheet: the smaller, the higher.
    position = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit", "position", "id"]
        indexes = [models.Index(fields=["unit", "position", "id"], name="directory_entries_by_unit")]
        verbose_name_plural = "directory entries"

    def __str__(self) -> str:
        return f"{self.name_fr or self.name_ar} {self.number} ({self.unit_id})"
