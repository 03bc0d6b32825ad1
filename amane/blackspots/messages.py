"""What a refusal says, per reason code of the plain modules, in the reader's language."""

from django.utils.translation import gettext_lazy as _

SHAPE_MESSAGES = {
    "not_a_shape": _("Click a point on the map, or draw an area around the place."),
    "unreadable": _("This shape cannot be read as a point or a polygon."),
    "not_a_polygon": _("Click a point on the map, or draw an area around the place."),
    "invalid": _("This polygon crosses itself or is empty."),
    "too_many_vertices": _("This polygon has more than 2,000 points."),
    "outside_morocco": _("This place is outside Morocco."),
    "too_large": _("A black spot is a place, not a district: draw an area at most about 2 km across."),
}
