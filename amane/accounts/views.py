"""
Signing in and out, for the people who answer reports: citizens never need an account.

Django's own views, with Argon2 hashes (settings.PASSWORD_HASHERS) and django-axes counting
failed attempts per account and address; a locked-out sign-in gets a 429 page in the
reader's language (accounts/locked_out.html).
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Only by POST (Django's rule): a link or an image elsewhere cannot sign anyone out."""


def locked_out(request: HttpRequest, credentials: object = None, *args: object, **kwargs: object) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
