from django import template
from django.core.exceptions import SuspiciousOperation
from django.utils.translation import get_language

from amane.reports.event_messages import event_message
from amane.reports.models import ReportEvent

register = template.Library()


@register.filter
def name(obj: object) -> str:
    """Return an object's name in the active language (name_ar or name_fr)."""
    french = (get_language() or "ar").startswith("fr")
    return str(getattr(obj, "name_fr" if french else "name_ar", ""))


@register.simple_tag(takes_context=True)
def switch_language(context: template.Context, language: str) -> str:
    """Return this page's address in another language, its filters and other parameters kept."""
    request = context.get("request")
    try:
        query = request.GET.copy()  # type: ignore[union-attr]
    except (AttributeError, SuspiciousOperation):
        # No request, or a query refused as too large (the error page says so): the language alone.
        return f"?lang={language}"
    query["lang"] = language
    return f"?{query.urlencode()}"


@register.filter
def timeline_message(event: ReportEvent) -> str:
    """Return what a timeline step says, its status's default in the reader's language if nothing was written."""
    return event_message(event)
