"""Pages of associations: the public directory, registration, the authority's decision, members."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amane.associations import selectors, services
from amane.associations.forms import (
    AccountForm,
    CorroborationForm,
    DecisionForm,
    InviteMemberForm,
    JoinForm,
    RegistrationForm,
)
from amane.associations.models import Association, AssociationStatus
from amane.core.actors import Actor, association_member, authority_user
from amane.core.errors import AmaneError, InvalidInput, NotFound
from amane.core.forms import show_service_errors
from amane.core.viewer import Viewer, viewer_for
from amane.reports.selectors import report_get
from amane.web.templatetags.amane import name as _name


def _acting(viewer: Viewer, as_role: Callable[[int], Actor]) -> Actor:
    """The signed-in viewer (login_required) as the actor of a write."""
    assert viewer.user_id is not None
    return as_role(viewer.user_id)


def associations_list(request: HttpRequest) -> HttpResponse:
    commune = (request.GET.get("commune") or "").strip() or None
    try:
        after = max(int(request.GET.get("after") or 0), 0)
    except ValueError:
        after = 0
    found = selectors.associations_public(commune_code=commune, after_id=after)
    more = found[-1].pk if len(found) == selectors.PAGE else None
    return render(request, "associations/list.html", {"associations": found, "commune": commune, "more": more})


@require_http_methods(["GET", "HEAD", "POST"])
def association_register(request: HttpRequest) -> HttpResponse:
    """Register an association; someone without an account creates theirs in the same form."""
    signed_in = request.user.is_authenticated
    form = RegistrationForm(request.POST or None)
    account = None if signed_in else AccountForm(request.POST or None, prefix="account")
    if request.method == "POST" and form.is_valid() and (account is None or account.is_valid()):
        try:
            association = _register(request, form, account)
        except InvalidInput as error:
            show_service_errors(account if account is not None and "account_email" in error.fields else form, error)
            if account is not None and "password" in error.fields:
                show_service_errors(account, error)
        else:
            messages.success(request, _("Registered. The authority that covers your communes will verify it."))
            return redirect("association", association.slug)
    bound_with_errors = form.is_bound and (form.errors or (account is not None and account.errors))
    return render(
        request,
        "associations/register.html",
        {"form": form, "account": account},
        status=400 if bound_with_errors else 200,
    )


def _register(request: HttpRequest, form: RegistrationForm, account: AccountForm | None) -> Association:
    # One transaction: a refused registration leaves no account behind either.
    with transaction.atomic():
        if account is None:
            user = request.user
        else:
            user = services.account_for_registration(
                email=account.cleaned_data["account_email"], password=account.cleaned_data["password"]
            )
        assert isinstance(user, User)
        association = services.association_register(
            actor=association_member(user.pk), user=user, registration=form.registration()
        )
    if account is not None:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return association


def association_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = viewer_for(request.user)
    try:
        association = selectors.association_get(viewer=viewer, slug=slug)
    except NotFound:
        raise Http404 from None
    return render(request, "associations/detail.html", _detail_context(viewer, association))


def _detail_context(viewer: Viewer, association: Association, **forms: Any) -> dict[str, Any]:
    deciding = bool(viewer.unit_ids & selectors.verifying_unit_ids(association_id=association.pk))
    is_admin = association.pk in viewer.association_admin_of
    return {
        "association": association,
        "communes": association.communes.order_by("name_fr"),
        "members": selectors.members_of(viewer=viewer, association=association),
        "is_member": association.pk in viewer.association_ids,
        "decision_form": forms.get("decision_form") or (DecisionForm() if deciding else None),
        "invite_form": forms.get("invite_form") or (InviteMemberForm() if is_admin else None),
        "statuses": AssociationStatus,
    }


def _act_on_association(
    request: HttpRequest, slug: str, form: forms.Form, form_key: str, act: Callable[[Viewer], object], done: str
) -> HttpResponse:
    """A form of the association's page: the service's refusal comes back beside its fields, with its status."""
    viewer = viewer_for(request.user)
    try:
        association = selectors.association_get(viewer=viewer, slug=slug)
    except NotFound:
        raise Http404 from None
    status = 400
    if form.is_valid():
        try:
            act(viewer)
        except AmaneError as error:
            show_service_errors(form, error)
            status = error.status
        else:
            messages.success(request, done)
            return redirect("association", slug)
    context = _detail_context(viewer, association, **{form_key: form})
    return render(request, "associations/detail.html", context, status=status)


@login_required
@require_POST
def association_decision(request: HttpRequest, slug: str) -> HttpResponse:
    form = DecisionForm(request.POST)

    def decide(viewer: Viewer) -> object:
        return services.association_decide(
            actor=_acting(viewer, authority_user),
            viewer=viewer,
            slug=slug,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )

    return _act_on_association(request, slug, form, "decision_form", decide, _("The decision is recorded."))


@login_required
@require_POST
def association_invite(request: HttpRequest, slug: str) -> HttpResponse:
    form = InviteMemberForm(request.POST)

    def invite(viewer: Viewer) -> object:
        return services.member_invite(
            actor=_acting(viewer, association_member),
            viewer=viewer,
            slug=slug,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            base_url=request.build_absolute_uri("/"),
        )

    return _act_on_association(
        request, slug, form, "invite_form", invite, _("The invitation is sent: the link works once.")
    )


@require_http_methods(["GET", "HEAD", "POST"])
def association_join(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.member_invitation_open(token=token)
    except NotFound:
        raise Http404 from None
    user = request.user if request.user.is_authenticated else None
    form = None if user is not None else JoinForm(request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            joined = services.member_invitation_accept(
                token=token,
                user=user if isinstance(user, User) else None,
                password=form.cleaned_data["password"] if form is not None else "",
            )
        except AmaneError as error:
            if form is None:
                raise Http404 from None
            show_service_errors(form, error)
        else:
            if user is None:
                login(request, joined, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("association", invitation.association.slug)
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "associations/join.html", {"invitation": invitation, "form": form}, status=status)


@login_required
def associations_to_decide(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    if not viewer.acts_for_units and not viewer.is_staff:
        raise Http404
    found = selectors.associations_to_decide(viewer=viewer)
    return render(request, "associations/to_decide.html", {"associations": found})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_corroborate(request: HttpRequest, public_id: str) -> HttpResponse:
    """Corroborate a report in an association's name; errors come back beside their fields."""
    viewer = viewer_for(request.user)
    try:
        report = report_get(viewer=viewer, public_id=public_id)
    except NotFound:
        raise Http404 from None
    choices = [
        (association.slug, _name(association)) for association in selectors.verified_associations_of(viewer=viewer)
    ]
    form = CorroborationForm(request.POST or None, associations=choices)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.corroboration_add(
                actor=_acting(viewer, association_member),
                viewer=viewer,
                slug=form.cleaned_data["association"],
                report_public_id=public_id,
                note=form.cleaned_data["note"],
            )
        except AmaneError as error:
            show_service_errors(form, error)
            status = error.status
        else:
            messages.success(request, _("Your association's corroboration is published."))
            return redirect("report_detail", public_id)
    return render(request, "associations/corroborate.html", {"report": report, "form": form}, status=status)
