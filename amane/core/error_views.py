"""
What a refused or failed request gets back: Django's error handlers, made to speak.

Django's own answers are bare English pages ("Bad Request (400)", "CSRF verification
failed"), which help neither a citizen on a phone nor a program reading the API. Here
every refusal under /api/ is an RFC 9457 problem document, and every other one a page in
the visitor's language that says what happened and what to do next.
"""

from dataclasses import dataclass

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import defaults

from amane.core import problems
from amane.core.errors import Message
from amane.reports import limits

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    title: Message
    detail: Message


_TRY_AGAIN = gettext_lazy("Go back, check the address or the form, and try again.")
TOO_LARGE = Refusal(
    413,
    "too_large",
    gettext_lazy("The request is too large."),
    gettext_lazy("Shorten the description, or send fewer or smaller photos."),
)
TOO_MANY_FIELDS = Refusal(400, "too_many_parts", gettext_lazy("The request has too many fields."), _TRY_AGAIN)
BAD_REQUEST = Refusal(400, "bad_request", gettext_lazy("The request could not be understood."), _TRY_AGAIN)
NUL_CHARACTER = Refusal(
    400, "invalid_input", gettext_lazy("The address holds a character that is not allowed."), _TRY_AGAIN
)
FORBIDDEN = Refusal(
    403,
    "forbidden",
    gettext_lazy("Access refused."),
    gettext_lazy("This page is not open to you. Go back to the map, or sign in with an account that may see it."),
)
FORM_EXPIRED = Refusal(
    403,
    "form_expired",
    gettext_lazy("The form could not be sent."),
    gettext_lazy(
        "Your browser did not send the form's security cookie: it may have expired, or cookies may be "
        "turned off. Go back, reload the page and send the form again; your text may still be there."
    ),
)


def too_many_files() -> Refusal:
    count = limits.PHOTOS_PER_REPORT
    return Refusal(
        400,
        "too_many_parts",
        _("The request has too many files."),
        ngettext("Send at most %(count)d photo with a report.", "Send at most %(count)d photos with a report.", count)
        % {"count": count},
    )


def refuse(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    title, detail = str(refusal.title), str(refusal.detail)
    if is_api(request):
        return problems.problem_response(status=refusal.status, code=refusal.code, title=title, detail=detail)
    context = {"title": title, "detail": detail, "status": refusal.status}
    return render(request, "error.html", context, status=refusal.status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: malformed or oversized requests (Django raises SuspiciousOperation for both)."""
    if isinstance(exception, RequestDataTooBig):
        return refuse(request, TOO_LARGE)
    if isinstance(exception, TooManyFilesSent):
        return refuse(request, too_many_files())
    if isinstance(exception, TooManyFieldsSent):
        return refuse(request, TOO_MANY_FIELDS)
    return refuse(request, BAD_REQUEST)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403."""
    return refuse(request, FORBIDDEN)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: mostly a form left open past its cookie, or cookies turned off."""
    return refuse(request, FORM_EXPIRED)


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
