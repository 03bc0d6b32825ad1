from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def name(obj: object) -> str:
    """Return an object's name in the active language (name_ar or name_fr)."""
    french = (get_language() or "ar").startswith("fr")
    return str(getattr(obj, "name_fr" if french else "name_ar", ""))
