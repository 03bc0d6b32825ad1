"""
What every request under /api/ must be, and what every answer says about caching and origins.

- Writes carry JSON (or multipart, where an endpoint takes photos). A body sent as text/plain
  or a urlencoded form is what a page on another site can make a visitor's browser send
  without asking; such a body is refused with 415, not read.
- A browser's write from another site is refused (Sec-Fetch-Site: cross-site, or an Origin
  that is not Amane's own nor listed in AMANE_CORS_ORIGINS): anonymous filing must not be
  laundered through visitors' browsers. Programs send neither header and are not affected.
- Public reads are open data: any site may read them (Access-Control-Allow-Origin: *, never
  with credentials, so a signed-in officer's cookies never reach another site's script).
- Answers that carry a receipt code, or what a receipt code unlocks, are never cached.
- HEAD is answered wherever GET is; a method an endpoint does not take is a problem+json 405.
"""

import re
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from amane.core import problems
from amane.core.error_views import is_api

JSON = "application/json"
MULTIPART = "multipart/form-data"
# Endpoints that take photos, and so multipart bodies, besides JSON.
MULTIPART_PATHS = ("/api/v1/reports",)
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# Filing answers with the receipt code; tracking answers with what only the code unlocks.
NEVER_CACHED = (("POST", "/api/v1/reports"), (None, "/api/v1/track"))


def _media_type(request: HttpRequest) -> str:
    return (request.META.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()


def _accepted_types(path: str) -> tuple[str, ...]:
    return (JSON, MULTIPART) if path.rstrip("/") in MULTIPART_PATHS else (JSON,)


def _own_origins(request: HttpRequest) -> set[str]:
    scheme = "https" if request.is_secure() else "http"
    return {f"{scheme}://{request.get_host()}", *settings.AMANE_CORS_ORIGINS}


def _cross_site(request: HttpRequest) -> bool:
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    return origin is not None and origin not in _own_origins(request)


@lru_cache(maxsize=1)
def _routes() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    """The API's paths as patterns, with the methods each takes, read from its OpenAPI document."""
    from amane.api import api

    routes = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        parts = re.split(r"(\{[^}]+\})", path)  # "/track/{receipt_code}": a parameter is one segment
        pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
        routes.append((re.compile(pattern), frozenset(method.upper() for method in operations)))
    return tuple(routes)


def _taken_here(request: HttpRequest) -> bool:
    """Whether some endpoint takes this method at this path (if not, the router answers 405 or 404)."""
    return any(pattern.fullmatch(request.path) and request.method in methods for pattern, methods in _routes())


def _refusal(request: HttpRequest) -> HttpResponse | None:
    if request.method not in WRITE_METHODS or not _taken_here(request):
        return None
    if _cross_site(request):
        return problems.problem_response(
            status=403,
            code="cross_site",
            title=_("A page on another site cannot send this request."),
            detail=_("Send the report from Amane's own pages or from an application."),
        )
    accepted = _accepted_types(request.path)
    if request.method in BODY_METHODS and _media_type(request) not in accepted:
        response = problems.problem_response(
            status=415,
            code="unsupported_media_type",
            title=_("The body must be sent as %(types)s.") % {"types": _(" or ").join(accepted)},
        )
        response["Accept-Post"] = ", ".join(accepted)
        return response
    return None


def _method_not_allowed(response: HttpResponse) -> HttpResponse:
    allowed = response.get("Allow", "")
    if "GET" in allowed and "HEAD" not in allowed:
        allowed = f"{allowed}, HEAD"
    refused = problems.problem_response(
        status=405, code="method_not_allowed", title=_("This address does not take this method.")
    )
    refused["Allow"] = allowed
    return refused


class ApiGuard:
    """Apply the rules above to every request under /api/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api(request):
            return self.get_response(request)
        refused = _refusal(request)
        if refused is not None:
            return refused
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if response.status_code == 405:
            response = _method_not_allowed(response)
        if head:
            request.method = "HEAD"
            length = len(response.content) if not response.streaming else None
            response.content = b""
            if length is not None:
                response["Content-Length"] = str(length)
        if any(method in (None, request.method) and request.path.startswith(path) for method, path in NEVER_CACHED):
            add_never_cache_headers(response)
        if request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
        return response
