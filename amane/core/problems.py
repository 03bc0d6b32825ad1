"""
RFC 9457 problem documents: the one shape every API refusal takes.

{"type": "urn:amane:problem:invalid_input", "title": "...", "status": 400,
 "detail": "...", "code": "invalid_input", "errors": {"lat": ["..."]}}
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from amane.core.errors import AmaneError

CONTENT_TYPE = "application/problem+json"

# Pydantic's error types, said in the user's language instead of pydantic's English.
_PYDANTIC_MESSAGES = {
    "missing": lambda: _("This field is required."),
    "float_parsing": lambda: _("Enter a number."),
    "float_type": lambda: _("Enter a number."),
    "finite_number": lambda: _("Enter a finite number."),
    "int_parsing": lambda: _("Enter a whole number."),
    "int_type": lambda: _("Enter a whole number."),
    "datetime_parsing": lambda: _("Enter a date and time in ISO 8601 form, such as 2026-11-20T18:30:00+01:00."),
    "datetime_from_date_parsing": lambda: _(
        "Enter a date and time in ISO 8601 form, such as 2026-11-20T18:30:00+01:00."
    ),
    "datetime_type": lambda: _("Enter a date and time in ISO 8601 form, such as 2026-11-20T18:30:00+01:00."),
    "date_parsing": lambda: _("Enter a date such as 2026-11-20."),
    "date_from_datetime_parsing": lambda: _("Enter a date such as 2026-11-20."),
    "string_type": lambda: _("Enter text."),
    "string_too_long": lambda: _("This text is too long."),
    "greater_than_equal": lambda: _("This value is too small."),
    "less_than_equal": lambda: _("This value is too large."),
    "extra_forbidden": lambda: _("This field is not expected."),
    "literal_error": lambda: _("Choose one of the allowed values."),
    "enum": lambda: _("Choose one of the allowed values."),
    "json_invalid": lambda: _("The body is not valid JSON."),
}


def problem_response(
    *, status: int, code: str, title: str, detail: str | None = None, errors: Mapping[str, list[str]] | None = None
) -> JsonResponse:
    body: dict[str, Any] = {"type": f"urn:amane:problem:{code}", "title": title, "status": status, "code": code}
    if detail and detail != title:
        body["detail"] = detail
    if errors:
        body["errors"] = dict(errors)
    return JsonResponse(body, status=status, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False})


def from_error(error: AmaneError) -> JsonResponse:
    return problem_response(
        status=error.status,
        code=error.code,
        title=str(error.title),
        detail=str(error.detail),
        errors=error.field_messages(),
    )


def field_errors_from_pydantic(errors: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Turn pydantic's error list into {field: [translated message]}."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        location = [
            str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "form", "payload")
        ]
        name = location[-1] if location else "body"
        message = _PYDANTIC_MESSAGES.get(str(error.get("type")), lambda: _("This value is not valid."))()
        fields.setdefault(name, [])
        if message not in fields[name]:
            fields[name].append(message)
    return fields


def invalid_input(request: HttpRequest, fields: dict[str, list[str]]) -> JsonResponse:
    return problem_response(status=400, code="invalid_input", title=_("Some fields are not valid."), errors=fields)


# --- how the OpenAPI document describes them ---------------------------------------------

OPENAPI_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem document; title, detail and messages are in the caller's language.",
    "required": ["type", "title", "status", "code"],
    "properties": {
        "type": {"type": "string", "examples": ["urn:amane:problem:invalid_input"]},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string", "description": "Stable machine code: invalid_input, not_found, too_large, ..."},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "Per-field messages: {field: [message, ...]}",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}
OPENAPI_REF = "#/components/schemas/Problem"
_STATUS_DESCRIPTIONS = {
    400: "Invalid input; `errors` says what is wrong with each field",
    401: "No valid API token (`Authorization: Bearer <token>`)",
    403: "A browser's write from a page on another site (`cross_site`), or an action your unit may not take",
    404: "Not found, or not public",
    413: "The body is too large",
    415: "The body is not application/json (or multipart/form-data where photos are taken)",
    409: "The report changed since you saw it (`conflict`), or the status change is not allowed",
    422: "The Idempotency-Key was already used for another request",
    429: "Too many attempts from this client; `Retry-After` says how many seconds to wait",
}


def openapi_responses(*statuses: int) -> dict[str, Any]:
    """The ``responses`` part of an operation's ``openapi_extra`` for the refusals it may give."""
    return {
        "responses": {
            status: {
                "description": _STATUS_DESCRIPTIONS[status],
                "content": {CONTENT_TYPE: {"schema": {"$ref": OPENAPI_REF}}},
            }
            for status in statuses
        }
    }
