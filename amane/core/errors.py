"""
The family of errors that services and selectors raise.

Each carries a stable machine code and a translated message; the API turns it into an
RFC 9457 problem document and the web views into a form error or an error page. Field
errors map a field name to its messages so that a form can show each next to its input.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Message = str | Promise


class AmaneError(Exception):
    code = "error"
    status = 400
    title: Message = _("The request could not be completed.")

    def __init__(self, detail: Message | None = None, *, fields: dict[str, list[Message]] | None = None):
        self.detail = detail if detail is not None else self.title
        self.fields = fields or {}
        super().__init__(str(self.detail))

    def field_messages(self) -> dict[str, list[str]]:
        return {name: [str(message) for message in messages] for name, messages in self.fields.items()}


class InvalidInput(AmaneError):
    code = "invalid_input"
    status = 400
    title = _("Some fields are not valid.")


class NotFound(AmaneError):
    code = "not_found"
    status = 404
    title = _("Not found.")


class OutsideCoveredArea(AmaneError):
    code = "outside_covered_area"
    status = 400
    title = _("This place is outside the covered area (Morocco's communes).")


class InvalidTransition(AmaneError):
    code = "invalid_transition"
    status = 409
    title = _("This status change is not allowed.")


class NotAllowed(AmaneError):
    """The actor sees the record but may not do this to it (a unit in copy changing a status)."""

    code = "not_allowed"
    status = 403
    title = _("You may not do this.")


class Conflict(AmaneError):
    """Someone else changed the record since the actor last saw it."""

    code = "conflict"
    status = 409
    title = _("Someone else changed this meanwhile.")


class IdempotencyKeyReused(AmaneError):
    code = "idempotency_key_reused"
    status = 422
    title = _("This Idempotency-Key was already used for another request.")

    def __init__(self) -> None:
        super().__init__(_("Make a new key for each report; send the same key only to repeat the same request."))
