"""Language selection: Arabic unless the visitor chose French."""

import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from amane.core import error_views


def _lang_parameter(request: HttpRequest) -> str | None:
    try:
        return request.GET.get("lang")
    except TooManyFieldsSent:
        # Refused later (RejectNulBytes reads the query again), in the language asked for.
        asked = re.search(r"(?:^|&)lang=([a-z]{2})(?:&|$)", request.META.get("QUERY_STRING", ""))
        return asked.group(1) if asked else None


class ArabicFirstLocaleMiddleware:
    """
    Activate the language the visitor picked, or Arabic.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on most
    phones sold in Morocco says French or English; the platform speaks Arabic first and
    leaves French one tap away, so only an explicit choice (cookie or ?lang=) counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        asked = _lang_parameter(request)
        chosen = asked or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in self.supported and error_views.is_api(request):
            # API clients say what they want in Accept-Language; browsers' defaults do not count.
            chosen = translation.get_language_from_request(request)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if asked in self.supported:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
        translation.deactivate()
        return response


class RejectNulBytes:
    """
    Refuse a request whose path, query string or cookies hold a NUL character.

    PostgreSQL cannot store or even compare text with NUL in it and raises an error that
    would become a 500; no legitimate link carries one, so it is a 400 at the door.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = [value for values in request.GET.lists() for value in (values[0], *values[1])]
        cookies = request.COOKIES.values()
        if "\x00" in request.path or any("\x00" in item for item in (*query, *cookies)):
            return error_views.refuse(request, error_views.NUL_CHARACTER)
        return self.get_response(request)
