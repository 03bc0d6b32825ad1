from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amane.associations.models import Domain, MemberRole
from amane.associations.services import Registration
from amane.geo.models import Area, AreaKind
from amane.geo.selectors import places_named


def commune_code_for(entry: str) -> str | None:
    if Area.objects.filter(code=entry, kind=AreaKind.COMMUNE).exists():
        return entry
    match = places_named(name=entry, kinds=frozenset({AreaKind.COMMUNE.value})).sole_exact
    return match.area.code if match else None


class RegistrationForm(forms.Form):
    name_ar = forms.CharField(label=_("Name in Arabic"), max_length=200)
    name_fr = forms.CharField(label=_("Name in French"), max_length=200)
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=40,
        help_text=_("The number of the receipt of declaration given by the local authority."),
    )
    domains = forms.MultipleChoiceField(label=_("Domains"), choices=Domain.choices, widget=forms.CheckboxSelectMultiple)
    communes = forms.CharField(
        label=_("Communes where the association works"),
        help_text=_("Names or census codes, separated by commas: Taroudant, 09.541.09.19."),
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)

    def clean_communes(self) -> list[str]:
        """Each entry a commune's code, or a name that only one commune bears."""
        entries = [entry.strip() for entry in self.cleaned_data["communes"].replace("،", ",").split(",")]
        codes, problems = [], []
        for entry in filter(None, entries):
            code = commune_code_for(entry)
            if code is None:
                problems.append(entry)
            else:
                codes.append(code)
        if problems:
            raise forms.ValidationError(
                _("No single commune is named so: %(names)s. Write its census code instead.")
                % {"names": ", ".join(problems)}
            )
        return codes

    def registration(self) -> Registration:
        data = self.cleaned_data
        codes = data["communes"]
        return Registration(
            name_ar=data["name_ar"],
            name_fr=data["name_fr"],
            registration_number=data["registration_number"],
            domains=data["domains"],
            commune_codes=codes,
            contact_email=data.get("contact_email") or "",
            contact_phone=data.get("contact_phone") or "",
        )


class AccountForm(forms.Form):
    """For someone without an account: the admin's account is created with the association."""

    account_email = forms.EmailField(label=_("Your e-mail address (to sign in)"))
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("verify", _("Verify")), ("suspend", _("Suspend")), ("refuse", _("Refuse"))],
    )
    reason = forms.CharField(label=_("Reason (required to suspend or refuse)"), required=False, max_length=500)


class InviteMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)


class JoinForm(forms.Form):
    password = forms.CharField(
        label=_("Choose a password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class CorroborationForm(forms.Form):
    association = forms.ChoiceField(label=_("In the name of"))
    note = forms.CharField(
        label=_("What your association knows of it"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        max_length=1000,
    )

    def __init__(self, *args: Any, associations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["association"].choices = associations  # type: ignore[attr-defined]
