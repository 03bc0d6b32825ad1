from django import forms
from django.utils.translation import gettext_lazy as _

from amane.conversations import limits


class ReplyForm(forms.Form):
    """The reporter's answer; the service checks the text's length and cleans the photo."""

    body = forms.CharField(
        label=_("Your answer"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto", "maxlength": limits.BODY_MAX}),
    )
    photo = forms.FileField(
        label=_("A photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
