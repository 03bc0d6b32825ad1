"""
How the report form files once and shows its receipt code once.

The form carries a one-time token made when it was drawn. Filing uses it as an idempotency
key (amane.reports.idempotency): a second submit of the same form, a double tap or a retry
on a weak network, gets the first answer instead of a second report. The answer is then
shown on another page, after a redirect, so that reloading it sends nothing again: the
browser's session keeps the token until that page has shown the code once, and the code
itself stays sealed under the token in the idempotency record, never in the session.
"""

import contextlib
import datetime as dt
from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from amane.core.actors import ANONYMOUS_REPORTER
from amane.core.errors import AmaneError
from amane.reports import idempotency, selectors, services
from amane.reports.models import Report
from amane.web.forms import ReportForm, new_form_token

RECEIPT_SESSION_KEY = "amane.receipt"
# Form fields named as the service names them in its errors.
SERVICE_FIELD = {"location": "place", "commune": "place", "occurred_at": "occurred_on"}
# What does not describe the report itself, so is left out of the request's fingerprint.
_NOT_THE_REPORT = {"csrfmiddlewaretoken", "form_token"}


@dataclass
class ReportInput:
    """What the form read, in the service's terms."""

    category_code: str
    description: str
    occurred_at: dt.datetime | None
    lat: float | None
    lon: float | None
    commune_code: str | None
    contact: str
    photos: list[bytes]

    @classmethod
    def read(cls, form: ReportForm, *, commune_code: str | None) -> "ReportInput":
        """Take what the form could read; a field it could not is empty, for the service to name."""
        data = form.cleaned_data
        return cls(
            category_code=data.get("category") or "",
            description=data.get("description") or "",
            occurred_at=form.occurred_at(),
            lat=data.get("lat"),
            lon=data.get("lon"),
            commune_code=commune_code,
            contact=data.get("contact") or "",
            photos=[],
        )


def check(report: ReportInput) -> None:
    services.report_check(
        category_code=report.category_code,
        description=report.description,
        occurred_at=report.occurred_at,
        lat=report.lat,
        lon=report.lon,
        commune_code=report.commune_code,
        photos=report.photos,
        contact=report.contact,
    )


def file_once(report: ReportInput, claim: services.IdempotencyClaim) -> None:
    """File the report unless this claim already filed it: a second submit files nothing more."""
    if selectors.report_filed_with(key=claim.key, request_digest=claim.request_digest) is not None:
        return
    # A double submit racing this one may file it first; both then show its answer.
    with contextlib.suppress(services.AlreadyFiled):
        services.report_submit(
            actor=ANONYMOUS_REPORTER,
            category_code=report.category_code,
            description=report.description,
            occurred_at=report.occurred_at,
            lat=report.lat,
            lon=report.lon,
            commune_code=report.commune_code,
            photos=report.photos,
            contact=report.contact,
            idempotency=claim,
        )


def form_claim(request: HttpRequest, form: ReportForm, photos: list[bytes]) -> services.IdempotencyClaim:
    """Return the claim a submitted form files under; a missing or odd token gets a fresh one."""
    token = form.cleaned_data.get("form_token") or ""
    if not idempotency.valid_key(token):
        token = new_form_token()
    fields = [
        (name, value.encode())
        for name in sorted(request.POST)
        if name not in _NOT_THE_REPORT
        for value in request.POST.getlist(name)
    ]
    files = [(f"photo {n}", photo) for n, photo in enumerate(photos)]
    return services.IdempotencyClaim(key=token, request_digest=idempotency.fingerprint(fields + files))


def add_service_errors(form: ReportForm, error: AmaneError) -> None:
    """Show the service's errors beside their fields, except where the form already said why."""
    for field, messages in error.field_messages().items():
        name = SERVICE_FIELD.get(field, field)
        if name in form.fields and name in form.errors:
            continue
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


def remember_receipt(session: SessionBase, claim: services.IdempotencyClaim) -> None:
    session[RECEIPT_SESSION_KEY] = {"key": claim.key, "digest": claim.request_digest}


def take_receipt(session: SessionBase) -> tuple[Report, str] | None:
    """Return the report this browser just filed and its code, once; None after that."""
    kept = session.pop(RECEIPT_SESSION_KEY, None)
    if not isinstance(kept, dict):
        return None
    try:
        return selectors.report_filed_with(key=str(kept.get("key")), request_digest=str(kept.get("digest")))
    except AmaneError:
        return None
