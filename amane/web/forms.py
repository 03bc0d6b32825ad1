"""The citizen's report form; it parses input, and the service decides what is valid."""

import datetime as dt
import secrets

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amane.reports import limits, receipt
from amane.reports.report_input import EARLIEST_OCCURRENCE
from amane.reports.selectors import categories_for_reporting

# Date and time inputs take ISO values whatever the page's language: a localised default
# ("2 décembre 2026") is one they reject, and the field then shows empty.
ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"


def new_form_token() -> str:
    """Return a one-time token for a form; sent twice, it gets the first answer (idempotency)."""
    return secrets.token_urlsafe(24)


class NoEchoInput(forms.TextInput):
    """A text input that never renders what was typed: a receipt code must not come back in the page."""

    def format_value(self, value: object) -> str | None:
        return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotosField(forms.FileField):
    """Several files under one name; the report service checks what they contain."""

    def clean(self, data: object, initial: object = None) -> list[object]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultiplePhotosField, self).clean(item, initial) for item in files]


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What is it about?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the categories."),
            "invalid_choice": _("Choose one of the categories."),
        },
    )
    description = forms.CharField(
        label=_("What happened?"),
        required=False,
        # No max_length: a browser's maxlength cuts pasted text silently; the service refuses
        # a long description with its count instead.
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("Arabic, Darija or French. Do not write names or phone numbers."),
    )
    place = forms.CharField(
        label=_("Town or commune"),
        required=False,
        max_length=100,
        help_text=_("Type the name of the commune or district."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "auto"}),
    )
    commune = forms.CharField(required=False, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    occurred_on = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        input_formats=[ISO_DATE],
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a valid date, such as 2026-03-21.")},
    )
    occurred_time = forms.TimeField(
        label=_("At what time? (optional)"),
        required=False,
        input_formats=[ISO_TIME, "%H:%M:%S"],
        widget=forms.TimeInput(format=ISO_TIME, attrs={"type": "time"}),
        error_messages={"invalid": _("Enter the time as hours and minutes.")},
    )
    photos = MultiplePhotosField(
        label=_("Photos (optional, up to 5)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("Amane removes the position and all hidden data from photos."),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail (optional)"),
        required=False,
        max_length=limits.CONTACT_MAX,
        help_text=_("Only the responsible authority sees it. Leave it empty to stay anonymous."),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, language: str = "ar", **kwargs: object) -> None:
        # Labels are questions ("ماذا حدث؟"): a colon after the question mark reads wrong.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            (c.code, c.name(language)) for c in categories_for_reporting()
        ]
        today = timezone.localdate()
        self.fields["occurred_on"].widget.attrs["max"] = today.isoformat()
        if not self.is_bound:
            self.initial.setdefault("occurred_on", today)
            self.initial.setdefault("form_token", new_form_token())

    def clean_occurred_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("occurred_on")
        if day is None:
            return None
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if day < EARLIEST_OCCURRENCE.date():
            raise forms.ValidationError(_("The date is too far in the past."))
        return day

    def occurred_at(self) -> dt.datetime | None:
        day = self.cleaned_data.get("occurred_on")
        if day is None:
            return None
        # Without a time the day alone is kept (midnight): filling in "now" would store the
        # moment the report was sent, which an anonymous report must not keep.
        moment = self.cleaned_data.get("occurred_time") or dt.time(0, 0)
        return timezone.make_aware(dt.datetime.combine(day, moment))


class TrackForm(forms.Form):
    receipt_code = forms.CharField(
        label=_("Receipt code"),
        widget=NoEchoInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "dir": "ltr"}
        ),
        help_text=_("For example: K7QM3-XHD9T-PAW2R-C4NBE"),
        error_messages={"required": _("Type the receipt code you were given.")},
    )

    def clean_receipt_code(self) -> str:
        code: str = self.cleaned_data["receipt_code"]
        if receipt.parse(code) is None:
            # Told apart from "no such report": a code of the wrong shape was mistyped, not unknown.
            # The example is isolated left to right, so that Arabic text around it does not reorder its groups.
            raise forms.ValidationError(
                _("A receipt code has 20 letters and digits in four groups of five, like %(example)s.")
                % {"example": "\u2066K7QM3-XHD9T-PAW2R-C4NBE\u2069"}
            )
        return code


class ReportFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    place = forms.CharField(label=_("Commune"), required=False, max_length=100)
    commune = forms.CharField(required=False, widget=forms.HiddenInput)
    occurred_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"})
    )
    occurred_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"})
    )

    def set_choices(self, *, categories: list[tuple[str, str]], statuses: list[tuple[str, str]]) -> None:
        self.fields["category"].choices = [("", _("All categories")), *categories]  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", _("All statuses")), *statuses]  # type: ignore[attr-defined]
