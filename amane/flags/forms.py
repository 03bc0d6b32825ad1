from django import forms
from django.utils.translation import gettext_lazy as _

from amane.flags import limits
from amane.flags.models import FlagReason


class FlagForm(forms.Form):
    kind = forms.CharField(max_length=limits.KIND_MAX, widget=forms.HiddenInput)
    id = forms.CharField(max_length=limits.TARGET_MAX, widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label=_("Why should it not be public?"), choices=FlagReason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Anything to add (optional)"),
        required=False,
        max_length=limits.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": limits.TEXT_MAX}),
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Note for the record (optional)"), required=False, max_length=limits.TEXT_MAX)
