"""The inbox's forms: filters, a status change, a note. Dates in inputs are ISO in every language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amane.conversations.limits import BODY_MAX
from amane.inbox.models import NOTE_MAX
from amane.reports import limits
from amane.reports.lifecycle import ALLOWED, Status
from amane.reports.models import ReportStatus

ISO_DATE = "%Y-%m-%d"


class InboxFilterForm(forms.Form):
    status = forms.MultipleChoiceField(
        label=_("Status"), required=False, choices=ReportStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    text = forms.CharField(label=_("Text or report id"), required=False, max_length=100)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    occurred_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"})
    )
    occurred_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"})
    )

    def set_choices(self, *, categories: list[tuple[str, str]], units: list[tuple[int, str]]) -> None:
        self.fields["category"].choices = [("", _("All categories")), *categories]  # type: ignore[attr-defined]
        self.fields["unit"].choices = [("", _("All my units")), *units]  # type: ignore[attr-defined]


class StatusChangeForm(forms.Form):
    new_status = forms.ChoiceField(label=_("New status"))
    message = forms.CharField(
        label=_("Public answer (shown on the report's page)"),
        required=False,
        max_length=limits.STATUS_MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    duplicate_of = forms.CharField(label=_("Id of the report this one repeats"), required=False, max_length=16)
    expected_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: object, current: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        allowed = ALLOWED[Status(current)]
        self.fields["new_status"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in ReportStatus.choices if value in allowed
        ]
        self.fields["expected_status"].initial = current


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note (never public)"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the reporter (they read it with their receipt code)"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photo = forms.FileField(label=_("Photo (optional)"), required=False)


class TransferForm(forms.Form):
    to_unit = forms.ChoiceField(label=_("Hand the report to"))
    reason = forms.CharField(label=_("Why (kept in the audit trail)"), max_length=500)

    def __init__(self, *args: object, units: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["to_unit"].choices = units  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(label=_("Officer who follows it"), coerce=int)

    def __init__(self, *args: object, officers: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["assignee"].choices = officers  # type: ignore[attr-defined]
