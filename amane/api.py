"""The public API, /api/v1/, documented as OpenAPI 3 at /api/v1/openapi.json."""

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema

from amane.analytics.api import router as analytics_router
from amane.announcements.api import router as announcements_router
from amane.associations.api import router as associations_router
from amane.authorities.api import router as authorities_router
from amane.blackspots.api import router as black_spots_router
from amane.core import error_views, problems
from amane.core.errors import AmaneError
from amane.core.renderers import Utf8JSONRenderer
from amane.core.throttle import RateLimited
from amane.directory.api import router as directory_router
from amane.flags.api import router as flags_router
from amane.geo.api import router as geo_router
from amane.inbox.api import router as inbox_router
from amane.meetings.api import router as meetings_router
from amane.reports.api import router as reports_router


class AmaneAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, object] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # The operations refer to it in their error responses (problems.openapi_responses).
        schema["components"]["schemas"]["Problem"] = problems.OPENAPI_SCHEMA
        return schema


api = AmaneAPI(
    title="Amane API",
    version="1",
    description=(
        "Report safety problems in Morocco's communes, follow them with a receipt code, and read "
        "public reports at coarsened locations. Errors are RFC 9457 problem documents with "
        "per-field messages in the caller's language (Accept-Language: ar or fr)."
    ),
    urls_namespace="api",
    renderer=Utf8JSONRenderer(),
)
api.add_router("/", geo_router)
api.add_router("/", reports_router)
api.add_router("/", authorities_router)
api.add_router("/", inbox_router)
api.add_router("/", associations_router)
api.add_router("/", announcements_router)
api.add_router("/", directory_router)
api.add_router("/", meetings_router)
api.add_router("/", flags_router)
api.add_router("/", black_spots_router)
api.add_router("/", analytics_router)


@api.exception_handler(AmaneError)
def on_amane_error(request: HttpRequest, error: AmaneError) -> HttpResponse:
    return problems.from_error(error)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    response = problems.problem_response(
        status=401, code="unauthenticated", title=_("Sign in with an API token: Authorization: Bearer <token>.")
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(RateLimited)
def on_rate_limited(request: HttpRequest, error: RateLimited) -> HttpResponse:
    response = problems.from_error(error)
    response["Retry-After"] = str(error.retry_after)
    return response


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    return problems.invalid_input(request, problems.field_errors_from_pydantic(error.errors))


@api.exception_handler(SuspiciousOperation)
def on_suspicious_request(request: HttpRequest, error: SuspiciousOperation) -> HttpResponse:
    # Oversized or malformed bodies, read inside the view: the same answer as Django's
    # handler400 gives outside the API, in every mode (django-ninja's DEBUG answer is a 500).
    return error_views.bad_request(request, error)


@api.exception_handler(MultiPartParserError)
def on_unreadable_multipart(request: HttpRequest, error: MultiPartParserError) -> HttpResponse:
    return error_views.bad_request(request, error)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if error.status_code == 400:  # django-ninja's only 400: a body it cannot parse
        return problems.invalid_input(request, {"body": [_("The body is not valid JSON.")]})
    return problems.problem_response(
        status=error.status_code, code="refused", title=_("The request could not be completed.")
    )


@api.exception_handler(RecursionError)
def on_nested_too_deeply(request: HttpRequest, error: RecursionError) -> HttpResponse:
    # json.loads gives up on a body nested some thousand levels deep; no report is shaped so.
    return problems.invalid_input(request, {"body": [_("The body is nested too deeply.")]})


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return error_views.page_not_found(request, error)
