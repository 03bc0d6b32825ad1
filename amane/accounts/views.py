"""
Signing in and out, for the people who answer reports: citizens never need an account.

Django's own views, with Argon2 hashes (settings.PASSWORD_HASHERS) and django-axes counting
failed attempts per account and address; a locked-out sign-in gets a 429 page in the
reader's language (accounts/locked_out.html).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from amane.accounts import services, tokens
from amane.accounts.forms import AcceptInvitationForm, InviteForm
from amane.authorities.models import Unit
from amane.core.actors import authority_user
from amane.core.errors import AmaneError, InvalidInput, NotFound
from amane.core.forms import show_service_errors
from amane.core.viewer import viewer_for
from amane.web.templatetags.amane import name


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Only by POST (Django's rule): a link or an image elsewhere cannot sign anyone out."""


def locked_out(request: HttpRequest, credentials: object = None, *args: object, **kwargs: object) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Choose a password and join the unit; an expired link is a 410, a used or wrong one a 404."""
    try:
        invitation = services.invitation_open(token=token)
    except NotFound:
        raise Http404 from None
    except services.InvitationExpired as error:
        return render(request, "accounts/invitation_expired.html", {"message": error.detail}, status=410)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password"])
        except InvalidInput as error:
            show_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("inbox")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    """A unit's head invites officers (or another head) to the units they head."""
    viewer = viewer_for(request.user)
    units = [(unit.code, name(unit)) for unit in Unit.objects.filter(pk__in=sorted(viewer.head_of)).order_by("code")]
    if not units or viewer.user_id is None:
        raise Http404
    form = InviteForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_send(
                viewer=viewer,
                actor=authority_user(viewer.user_id),
                email=form.cleaned_data["email"],
                unit_code=form.cleaned_data["unit"],
                role=form.cleaned_data["role"],
                base_url=settings.AMANE_SITE_URL,
            )
        except AmaneError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("invite")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/invite.html", {"form": form}, status=status)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """An officer's keys for the inbox API: make one (shown once), or revoke one."""
    viewer = viewer_for(request.user)
    if not viewer.acts_for_units or viewer.user_id is None:
        raise Http404
    actor = authority_user(viewer.user_id)
    shown = ""
    if request.method == "POST" and request.POST.get("revoke", "").isdigit():
        try:
            tokens.token_revoke(actor=actor, user_id=viewer.user_id, token_id=int(request.POST["revoke"]))
        except NotFound:
            raise Http404 from None
        return redirect("api_tokens")
    if request.method == "POST":
        label = (request.POST.get("name") or "").strip()[:80] or "api"
        shown = tokens.token_issue(actor=actor, user=request.user, name=label)  # type: ignore[arg-type]
    context = {"tokens": tokens.tokens_of(user_id=viewer.user_id), "shown": shown}
    return render(request, "accounts/api_tokens.html", context)
