from django import forms
from django.utils.translation import gettext_lazy as _


class ObservatoryFilters(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)

    def set_choices(self, *, categories: list[tuple[str, str]], months: list[tuple[str, str]]) -> None:
        self.fields["category"].choices = [("", _("All categories")), *categories]  # type: ignore[attr-defined]
        self.fields["month"].choices = [("", _("All months")), *months]  # type: ignore[attr-defined]


class RecordPeriod(forms.Form):
    occurred_from = forms.DateField(label=_("From"), required=False)
    occurred_to = forms.DateField(label=_("To"), required=False)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("occurred_from"), cleaned.get("occurred_to")
        if first and last and first > last:
            raise forms.ValidationError(_("The start of the period comes after its end."))
        return cleaned
