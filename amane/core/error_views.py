"""
What a refused or failed request gets back: Django's error handlers, made to speak.

Django's own answers are bare English pages ("Bad Request (400)", "CSRF verification
failed"), which help neither a citizen on a phone nor a program reading the API. Here
every refusal under /api/ is an RFC 9457 problem document, and every other one a page in
the visitor's language that says what happened and what to do next.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

from amane.core import problems

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _refusal(request: HttpRequest, *, status: int, code: str, title: str, detail: str) -> HttpResponse:
    if is_api(request):
        return problems.problem_response(status=status, code=code, title=title, detail=detail)
    context = {"title": title, "detail": detail, "status": status}
    return render(request, "error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: malformed or oversized requests (Django raises SuspiciousOperation for both)."""
    if isinstance(exception, RequestDataTooBig):
        return _refusal(
            request,
            status=413,
            code="too_large",
            title=_("The request is too large."),
            detail=_("Shorten the description, or send fewer or smaller photos."),
        )
    if isinstance(exception, TooManyFilesSent | TooManyFieldsSent):
        return _refusal(
            request,
            status=400,
            code="too_many_parts",
            title=_("The request has too many files or fields."),
            detail=_("Send at most 5 photos with a report."),
        )
    return _refusal(
        request,
        status=400,
        code="bad_request",
        title=_("The request could not be understood."),
        detail=_("Go back, check the address or the form, and try again."),
    )


def nul_character(request: HttpRequest) -> HttpResponse:
    """The answer of ``RejectNulBytes``: a 400 like any other malformed request."""
    return _refusal(
        request,
        status=400,
        code="invalid_input",
        title=_("The address holds a character that is not allowed."),
        detail=_("Go back, check the address or the form, and try again."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403."""
    return _refusal(
        request,
        status=403,
        code="forbidden",
        title=_("Access refused."),
        detail=_("This page is not open to you. Go back to the map, or sign in with an account that may see it."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: mostly a form left open past its cookie, or cookies turned off."""
    return _refusal(
        request,
        status=403,
        code="form_expired",
        title=_("The form could not be sent."),
        detail=_(
            "Your browser did not send the form's security cookie: it may have expired, or cookies may be "
            "turned off. Go back, reload the page and send the form again; your text may still be there."
        ),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: the API answers in problem+json, people get the 404 page."""
    if is_api(request):
        return problems.problem_response(status=404, code="not_found", title=_("Not found."))
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: must not depend on anything that may be what failed, hence no template context."""
    if is_api(request):
        return problems.problem_response(
            status=500,
            code="server_error",
            title=_("Something went wrong on our side."),
            detail=_("Try again in a moment."),
        )
    return defaults.server_error(request)
