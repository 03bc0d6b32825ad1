"""Units built through the same service admins use, over the square test geography."""

from collections.abc import Iterable
from typing import Any

from shapely.geometry import box, mapping

from amane.authorities.models import Unit
from amane.authorities.services import unit_save
from amane.core.actors import Actor, Role

AN_ADMIN = Actor(role=Role.AUTHORITY)


def square(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    """Return a GeoJSON polygon for a box, as Leaflet.draw sends one."""
    return dict(mapping(box(west, south, east, north)))


def make_unit(
    code: str,
    kind: str,
    *,
    areas: Iterable[str] = (),
    parent: Unit | None = None,
    drawn_area: dict[str, Any] | None = None,
) -> Unit:
    unit = Unit(
        code=code,
        name_ar=f"وحدة {code}",
        name_fr=f"Unité {code}",
        kind=kind,
        parent=parent,
        drawn_area=drawn_area,
    )
    return unit_save(actor=AN_ADMIN, unit=unit, area_codes=list(areas))
