"""The black spot pages' forms: they parse input; the services decide what is valid."""

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amane.blackspots.models import ANSWER_TEXT_MAX, BlackSpotStatus, PlaceKind
from amane.blackspots.widgets import SpotWidget
from amane.web.forms import MultipleFileInput, MultiplePhotosField


class DeclareForm(forms.Form):
    """
    Two steps without JavaScript: the place, category and description first; the page then
    offers the reports and sensitive places around it, and the photos, before declaring.
    """

    association = forms.ChoiceField(label=_("For the association"), required=False)
    category = forms.ChoiceField(
        label=_("What gathers here?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the categories."),
            "invalid_choice": _("Choose one of the categories."),
        },
    )
    geometry = forms.CharField(
        label=_("The place on the map"),
        required=False,
        widget=SpotWidget(attrs={"rows": 3, "dir": "ltr"}),
    )
    lat = forms.FloatField(
        label=_("Latitude"), required=False, widget=forms.NumberInput(attrs={"step": "any", "dir": "ltr"})
    )
    lon = forms.FloatField(
        label=_("Longitude"), required=False, widget=forms.NumberInput(attrs={"step": "any", "dir": "ltr"})
    )
    description = forms.CharField(
        label=_("What happens here, and when?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("Describe the place and the problem. Do not write anyone's name."),
    )
    reports = forms.MultipleChoiceField(label=_("Reports nearby"), required=False, widget=forms.CheckboxSelectMultiple)
    places = forms.MultipleChoiceField(
        label=_("Sensitive places nearby"), required=False, widget=forms.CheckboxSelectMultiple
    )
    photos = MultiplePhotosField(
        label=_("Photos"), required=False, widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def set_choices(
        self,
        *,
        associations: list[tuple[str, str]],
        categories: list[tuple[str, str]],
        reports: list[tuple[str, str]] = (),  # type: ignore[assignment]
        places: list[tuple[str, str]] = (),  # type: ignore[assignment]
    ) -> None:
        self.fields["association"].choices = associations  # type: ignore[attr-defined]
        self.fields["category"].choices = categories  # type: ignore[attr-defined]
        self.fields["reports"].choices = list(reports)  # type: ignore[attr-defined]
        self.fields["places"].choices = list(places)  # type: ignore[attr-defined]

    def geometry_value(self) -> object:
        """The shape drawn (GeoJSON text) or, without JavaScript, the point typed as latitude and longitude."""
        data = self.cleaned_data
        text = (data.get("geometry") or "").strip()
        if text:
            try:
                return json.loads(text)
            except ValueError:
                return {"type": "unreadable"}
        if data.get("lat") is not None and data.get("lon") is not None:
            return {"type": "Point", "coordinates": [data["lon"], data["lat"]]}
        return None


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[(value, label) for value, label in BlackSpotStatus.choices if value != BlackSpotStatus.DECLARED],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the answers."), "invalid_choice": _("Choose one of the answers.")},
    )
    text = forms.CharField(
        label=_("Public answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto", "maxlength": ANSWER_TEXT_MAX}),
    )
    planned_for = forms.DateField(
        label=_("Planned for"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give the date as YYYY-MM-DD.")},
    )
    expected_status = forms.CharField(widget=forms.HiddenInput, required=False)


class PlaceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of place"), choices=PlaceKind.choices)
    name_ar = forms.CharField(label=_("Name in Arabic"), required=False, widget=forms.TextInput(attrs={"dir": "rtl"}))
    name_fr = forms.CharField(label=_("Name in French"), required=False, widget=forms.TextInput(attrs={"dir": "ltr"}))
    lat = forms.FloatField(
        label=_("Latitude"), required=False, widget=forms.NumberInput(attrs={"step": "any", "dir": "ltr"})
    )
    lon = forms.FloatField(
        label=_("Longitude"), required=False, widget=forms.NumberInput(attrs={"step": "any", "dir": "ltr"})
    )

    def values(self) -> dict[str, Any]:
        return {key: self.cleaned_data.get(key) for key in ("kind", "name_ar", "name_fr", "lat", "lon")}
