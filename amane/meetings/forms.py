"""The meeting pages' forms: they read the input, the services judge it."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from amane.meetings.models import (
    AGENDA_MAX,
    MINUTES_MAX,
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    UPDATE_MAX,
    InvitationResponse,
    RecommendationStatus,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ISO_DATE = "%Y-%m-%d"
LOCAL_DATETIME = "%Y-%m-%dT%H:%M"


def _datetime_field(label: "StrOrPromise") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        input_formats=[LOCAL_DATETIME, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(format=LOCAL_DATETIME, attrs={"type": "datetime-local"}),
    )


class MeetingForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    title_ar = forms.CharField(label=_("Title in Arabic"), required=False, max_length=TITLE_MAX)
    title_fr = forms.CharField(label=_("Title in French"), required=False, max_length=TITLE_MAX)
    starts_at = _datetime_field(_("Starts at"))
    ends_at = _datetime_field(_("Ends at"))
    place = forms.CharField(label=_("Place"), required=False, max_length=PLACE_MAX)
    lat = forms.FloatField(label=_("Latitude (optional)"), required=False)
    lon = forms.FloatField(label=_("Longitude (optional)"), required=False)
    agenda_ar = forms.CharField(
        label=_("Agenda in Arabic"), required=False, max_length=AGENDA_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    agenda_fr = forms.CharField(
        label=_("Agenda in French"), required=False, max_length=AGENDA_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: object, units: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].choices = units  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    associations = forms.MultipleChoiceField(
        label=_("Associations working in the unit's communes"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["associations"].choices = choices  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Associations that came"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["attended"].choices = choices  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, max_length=MINUTES_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )


class RecommendationForm(forms.Form):
    text_ar = forms.CharField(
        label=_("Recommendation in Arabic"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    text_fr = forms.CharField(
        label=_("Recommendation in French"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    responsible_unit = forms.CharField(label=_("Code of the responsible unit"), required=False, max_length=64)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"})
    )
    black_spots = forms.CharField(
        label=_("Black spots it answers (optional)"),
        required=False,
        max_length=400,
        help_text=_("Their ids, separated by commas, as in the black spot's address."),
    )


class UpdateForm(forms.Form):
    new_status = forms.ChoiceField(label=_("Status"), choices=RecommendationStatus.choices)
    text = forms.CharField(
        label=_("What was done (or why it is dropped)"),
        required=False,
        max_length=UPDATE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RespondForm(forms.Form):
    response = forms.ChoiceField(
        choices=[(InvitationResponse.CONFIRMED, _("Confirm")), (InvitationResponse.DECLINED, _("Decline"))]
    )
    meeting = forms.CharField(max_length=12)
    association = forms.CharField(max_length=40)
