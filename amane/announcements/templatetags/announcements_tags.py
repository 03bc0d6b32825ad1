"""The urgent ticker, included by base.html on every page; it runs only where the page names an area."""

from typing import Any

from django import template
from django.utils.translation import get_language

from amane.announcements.ticker import ticker_items

register = template.Library()


@register.inclusion_tag("announcements/_ticker.html", takes_context=True)
def urgent_ticker(context: template.Context) -> dict[str, Any]:
    area = context.get("ticker_area")
    if not area:
        return {"items": []}
    language = "fr" if (get_language() or "ar").startswith("fr") else "ar"
    return {"items": [(item.public_id, item.title(language), item.expires_at) for item in ticker_items(area)]}


@register.simple_tag
def localised(announcement: Any, part: str) -> str:
    """An announcement's title or body in the page's language (Arabic when it has no French)."""
    language = "fr" if (get_language() or "ar").startswith("fr") else "ar"
    value: str = getattr(announcement, part)(language)
    return value
