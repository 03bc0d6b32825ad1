"""
What a timeline step says when its author wrote nothing.

An authority that moves a report without a message stores an empty one; the default is
chosen here at read time, so that each reader gets it in their own language rather than
the language, or both languages, of whoever clicked.
"""

from django.utils.translation import gettext_lazy as _

from amane.core.errors import Message
from amane.reports.models import ActorRole, ReportEvent, ReportStatus

DEFAULT_MESSAGES: dict[str, Message] = {
    ReportStatus.ACKNOWLEDGED: _("The report has been received by the authority."),
    ReportStatus.IN_PROGRESS: _("The report is being dealt with."),
    ReportStatus.RESOLVED: _("The problem has been dealt with."),
}


def event_message(event: ReportEvent) -> str:
    """Return the step's own message, or the default for its status when an authority wrote none."""
    if event.message:
        return event.message
    if event.actor_role == ActorRole.REPORTER:
        return ""
    return str(DEFAULT_MESSAGES.get(event.status, ""))
