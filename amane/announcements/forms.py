"""The officer's announcement form. Dates are entered in local time, ISO in every language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amane.announcements.models import TITLE_MAX
from amane.announcements.services import AnnouncementInput

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class AnnouncementForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    title_ar = forms.CharField(label=_("Title in Arabic"), max_length=TITLE_MAX, required=False)
    body_ar = forms.CharField(
        label=_("Text in Arabic"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "rtl", "lang": "ar"}),
        help_text=_("Paragraphs, bold, italics, lists and links (web, phone or e-mail) are kept."),
    )
    title_fr = forms.CharField(label=_("Title in French"), max_length=TITLE_MAX, required=False)
    body_fr = forms.CharField(
        label=_("Text in French"), required=False, widget=forms.Textarea(attrs={"rows": 6, "dir": "ltr", "lang": "fr"})
    )
    urgent = forms.BooleanField(
        label=_("Urgent: shown as a ticker on every page of its area until it ends"), required=False
    )
    publishes_at = forms.DateTimeField(
        label=_("Published from (empty: now)"),
        required=False,
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(format=DATETIME_LOCAL, attrs={"type": "datetime-local"}),
    )
    expires_at = forms.DateTimeField(
        label=_("Until (required when urgent, at most 30 days)"),
        required=False,
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(format=DATETIME_LOCAL, attrs={"type": "datetime-local"}),
    )
    areas = forms.CharField(
        label=_("Codes of the communes or provinces (empty: all the unit covers)"),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: object, units: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].choices = units  # type: ignore[attr-defined]

    def announcement_input(self) -> AnnouncementInput:
        data = self.cleaned_data
        codes = tuple(code for code in (data.get("areas") or "").replace(",", " ").split() if code)
        return AnnouncementInput(
            title_ar=data.get("title_ar") or "",
            body_ar=data.get("body_ar") or "",
            title_fr=data.get("title_fr") or "",
            body_fr=data.get("body_fr") or "",
            urgent=bool(data.get("urgent")),
            publishes_at=data.get("publishes_at"),
            expires_at=data.get("expires_at"),
            area_codes=codes,
        )
