"""
Consultation meetings between an authority unit and associations, and what comes out of them.

The pashalik of Taroudant invites the associations working in its town to a meeting on the
café by the school; they confirm or decline; after the meeting the pashalik records who came
and the minutes, and the recommendations agreed there, each promised by a responsible unit
for a date. Progress updates follow, and the public accountability page shows how far each
promise has come.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amane.associations.models import Association
from amane.authorities.models import Unit
from amane.meetings import progress

TITLE_MAX = 200
AGENDA_MAX = 4000
MINUTES_MAX = 20000
PLACE_MAX = 200
TEXT_MAX = 2000
UPDATE_MAX = 2000


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    # Public and stable: in addresses and in the calendar file's UID, never the database id.
    public_id = models.CharField(max_length=12, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="meetings")
    title_ar = models.CharField(_("title in Arabic"), max_length=TITLE_MAX, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=TITLE_MAX, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=PLACE_MAX)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    agenda_ar = models.TextField(_("agenda in Arabic"), max_length=AGENDA_MAX, blank=True)
    agenda_fr = models.TextField(_("agenda in French"), max_length=AGENDA_MAX, blank=True)
    status = models.CharField(max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    minutes = models.TextField(_("minutes"), max_length=MINUTES_MAX, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # Bumped by each change a calendar must follow (time, place, cancellation): iCalendar's SEQUENCE.
    sequence = models.PositiveIntegerField(default=0)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["unit", "starts_at"], name="meeting_by_unit")]

    def __str__(self) -> str:
        return f"Meeting {self.public_id} of {self.unit_id}"


class InvitationResponse(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class MeetingInvitation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    association = models.ForeignKey(Association, on_delete=models.PROTECT, related_name="meeting_invitations")
    invited_at = models.DateTimeField()
    response = models.CharField(max_length=16, choices=InvitationResponse.choices, default=InvitationResponse.INVITED)
    responded_at = models.DateTimeField(null=True, blank=True)
    # None until the unit records attendance after the meeting.
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "association__name_fr", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "association"], name="one_invitation_per_association")
        ]
        indexes = [models.Index(fields=["association", "invited_at"], name="invitation_by_association")]

    def __str__(self) -> str:
        return f"{self.association_id} invited to {self.meeting_id} ({self.response})"


class RecommendationStatus(models.TextChoices):
    OPEN = progress.OPEN, _("Open")
    IN_PROGRESS = progress.IN_PROGRESS, _("In progress")
    DONE = progress.DONE, _("Done")
    DROPPED = progress.DROPPED, _("Dropped")


class Recommendation(models.Model):
    """
    A promise made at a meeting: what, which unit answers for it, and by when.

    `meeting_unit` copies the meeting's unit so that a unit's or a commune's accountability
    page reads this table alone, through one index per side (responsible or holding unit).
    It may name the black spots it answers (declared by associations, amane.blackspots).
    """

    public_id = models.CharField(max_length=12, unique=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="recommendations")
    meeting_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    responsible_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="recommendations")
    text_ar = models.TextField(_("text in Arabic"), max_length=TEXT_MAX, blank=True)
    text_fr = models.TextField(_("text in French"), max_length=TEXT_MAX, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(max_length=16, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN)
    drop_reason = models.CharField(max_length=UPDATE_MAX, blank=True)
    # Set when marked done, cleared when reopened; `done_late` keeps the counts one grouped read.
    done_on = models.DateField(null=True, blank=True)
    done_late = models.BooleanField(default=False)
    latest_update = models.ForeignKey(
        "RecommendationUpdate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    is_demo = models.BooleanField(default=False)
    black_spots = models.ManyToManyField("blackspots.BlackSpot", blank=True, related_name="recommendations")

    class Meta:
        ordering = ["-due_on", "-id"]
        indexes = [
            # Status and lateness ride along (PostgreSQL), so that the counts read the index alone.
            models.Index(
                fields=["responsible_unit", "due_on", "id"],
                include=["status", "done_late"],
                name="recommendation_by_responsible",
            ),
            models.Index(
                fields=["meeting_unit", "due_on", "id"],
                include=["status", "done_late"],
                name="recommendation_by_holder",
            ),
            models.Index(fields=["meeting", "id"], name="recommendation_by_meeting"),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.public_id} ({self.status})"


class RecommendationUpdate(models.Model):
    """A dated step of a recommendation's progress, written by an officer for their unit."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="updates")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    text = models.TextField(max_length=UPDATE_MAX)
    new_status = models.CharField(max_length=16, choices=RecommendationStatus.choices)

    class Meta:
        ordering = ["recommendation", "at", "id"]
        indexes = [models.Index(fields=["recommendation", "at"], name="update_by_recommendation")]

    def __str__(self) -> str:
        return f"Update of {self.recommendation_id} → {self.new_status}"
