"""The form an officer fills to add or change a local number; the service has the last word on every field."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amane.directory.models import ADDRESS_MAX, HOURS_MAX, NAME_MAX, ServiceKind
from amane.directory.phones import MAX_INPUT
from amane.directory.services import MAX_POSITION


class DirectoryEntryForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)
    service = forms.ChoiceField(label=pgettext_lazy("directory", "Service"), choices=ServiceKind.choices)
    name_ar = forms.CharField(label=pgettext_lazy("directory", "Name in Arabic"), required=False, max_length=NAME_MAX)
    name_fr = forms.CharField(label=pgettext_lazy("directory", "Name in French"), required=False, max_length=NAME_MAX)
    number = forms.CharField(
        label=pgettext_lazy("directory", "Telephone number"),
        max_length=MAX_INPUT,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel", "autocomplete": "off"}),
    )
    address_ar = forms.CharField(
        label=pgettext_lazy("directory", "Address in Arabic"), required=False, max_length=ADDRESS_MAX
    )
    address_fr = forms.CharField(
        label=pgettext_lazy("directory", "Address in French"), required=False, max_length=ADDRESS_MAX
    )
    hours = forms.CharField(label=pgettext_lazy("directory", "Opening hours"), required=False, max_length=HOURS_MAX)
    position = forms.IntegerField(
        label=pgettext_lazy("directory", "Place in the list (0 first)"),
        required=False,
        min_value=0,
        max_value=MAX_POSITION,
        initial=0,
    )

    def __init__(self, *args: object, units: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].choices = units  # type: ignore[attr-defined]
        for name in ("name_ar", "address_ar"):
            self.fields[name].widget.attrs["dir"] = "rtl"
        for name in ("name_fr", "address_fr"):
            self.fields[name].widget.attrs["dir"] = "ltr"

    def service_values(self) -> dict[str, Any]:
        """Return the cleaned fields as the services take them."""
        data = dict(self.cleaned_data)
        data["unit_id"] = data.pop("unit")
        if data.get("position") is None:
            data["position"] = 0
        return data
