"""
Who may act on black spots, asked of the viewer and the units' tree (no query per unit).

A member declares for a verified association they belong to; an officer answers for the
responsible unit or any unit above it; sensitive places are registered by such members, or
by an officer of a unit covering the place.
"""

from django.utils.translation import gettext as _

from amane.associations.models import Association, AssociationStatus
from amane.authorities.models import Unit
from amane.authorities.routing import routing_index
from amane.core.errors import InvalidInput, NotAllowed
from amane.core.viewer import Viewer
from amane.geo.selectors import Location


def verified_associations(viewer: Viewer) -> list[Association]:
    """The verified associations the viewer is a member of, by name."""
    if not viewer.association_ids:
        return []
    return list(
        Association.objects.filter(pk__in=sorted(viewer.association_ids), status=AssociationStatus.VERIFIED).order_by(
            "name_fr", "pk"
        )
    )


def acting_association(viewer: Viewer, slug: str | None) -> Association:
    """Return the verified association the viewer acts for (named by `slug` when they have several)."""
    associations = verified_associations(viewer)
    if not associations:
        raise NotAllowed(_("Only members of a verified association may do this."))
    if slug:
        chosen = next((association for association in associations if association.slug == slug), None)
        if chosen is None:
            raise InvalidInput(fields={"association": [_("Choose one of your verified associations.")]})
        return chosen
    if len(associations) > 1:
        raise InvalidInput(fields={"association": [_("Choose the association you act for.")]})
    return associations[0]


def units_under(unit_ids: frozenset[int]) -> frozenset[int]:
    """The units given and every unit below them, from the routing index's tree."""
    units = routing_index().units
    found: set[int] = set()
    for unit in units.values():
        seen: list[int] = []
        current: Unit | None = unit
        while current is not None and len(seen) <= len(units):
            if current.pk in unit_ids or current.pk in found:
                found.update(seen)
                found.add(unit.pk)
                break
            seen.append(current.pk)
            current = units.get(current.parent_id) if current.parent_id is not None else None
    return frozenset(found)


def answering_unit(viewer: Viewer, responsible: Unit | None) -> Unit | None:
    """The unit the viewer answers for: the responsible one, or the nearest above it that they act for."""
    if responsible is None or not viewer.acts_for_units:
        return None
    index = routing_index()
    for unit in index.units_seeing(index.units.get(responsible.pk, responsible)):
        if unit.pk in viewer.unit_ids:
            return unit
    return None


def covering_unit_ids(*, lat: float, lon: float, location: Location) -> frozenset[int]:
    """The units that cover a place, of every kind, and all the units above them."""
    index = routing_index()
    codes = area_codes(location)
    found: set[int] = set()
    for unit in index.covering(lon=lon, lat=lat, area_codes=codes).values():
        found.update(seeing.pk for seeing in index.units_seeing(unit))
    return frozenset(found)


def area_codes(location: Location) -> list[str]:
    """The codes of a location's areas, the most specific first, as routing takes them."""
    areas = (location.arrondissement, location.commune, location.province, location.region)
    return [area.code for area in areas if area is not None]
