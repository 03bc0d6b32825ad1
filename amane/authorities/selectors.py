"""Reads of authority units. A unit's names, kind and place in the tree are public."""

from django.utils.translation import gettext_lazy as _

from amane.authorities.models import Unit
from amane.core.errors import NotFound


def unit_by_code(*, code: str) -> Unit:
    """Return the unit with this code and its parent, or raise NotFound."""
    unit = Unit.objects.select_related("parent").filter(code=code).first()
    if unit is None:
        raise NotFound(_("No unit has this code."))
    return unit
