"""
Signing in and out, for the people who answer reports: citizens never need an account.

Django's own views, with Argon2 hashes (settings.PASSWORD_HASHERS) and django-axes counting
failed attempts per account and address; a locked-out sign-in gets a 429 page in the
reader's language (accounts/locked_out.html).
"""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from amane.accounts import services
from amane.accounts.forms import AcceptInvitationForm
from amane.core.errors import InvalidInput, NotFound


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
            for field, messages in error.field_messages().items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("inbox")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}, status=status)
