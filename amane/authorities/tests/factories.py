"""
Units built through the same service admins use, over the square test geography
(amane.geo.tests.factories), by `build_units`:
    Grande Ville (urban, arrondissements West and East): a pashalik, two annexes drawn
    inside it (the north half, and the south-west quarter), a police unit and a council;
    Al Amane (urban): a police unit and a council; Douar Test (rural): a caïdat under a
    cercle, a gendarmerie brigade and a council; all under the province, under the wilaya.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client
from shapely.geometry import box, mapping

from amane.authorities.models import Membership, MembershipRole, Unit, UnitKind
from amane.authorities.services import unit_save
from amane.core.actors import Actor, Role
from amane.core.viewer import Viewer, viewer_for
from amane.geo.tests.factories import (
    CITY,
    CITY_EAST,
    CITY_WEST,
    PROVINCE,
    REGION,
    RURAL,
    URBAN,
    build_square_geography,
)

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


# Points and the areas the locator gives them, arrondissement first.
NORTH_ANNEX = (-7.97, 31.28), (CITY_WEST, CITY, PROVINCE, REGION)
SOUTH_WEST_ANNEX = (-7.98, 31.22), (CITY_WEST, CITY, PROVINCE, REGION)
CITY_SOUTH_EAST = (-7.92, 31.22), (CITY_EAST, CITY, PROVINCE, REGION)
IN_AL_AMANE = (-7.95, 31.05), (URBAN, PROVINCE, REGION)
IN_DOUAR = (-7.84, 31.05), (RURAL, PROVINCE, REGION)


@dataclass
class Units:
    wilaya: Unit
    province: Unit
    pashalik: Unit
    north_annex: Unit
    south_west_annex: Unit
    city_police: Unit
    city_council: Unit
    urban_police: Unit
    cercle: Unit
    caidat: Unit
    gendarmerie: Unit


def build_units() -> Units:
    build_square_geography()
    wilaya = make_unit("wilaya-99", UnitKind.WILAYA, areas=[REGION])
    province = make_unit("province-99.901", UnitKind.PROVINCE, areas=[PROVINCE], parent=wilaya)
    pashalik = make_unit("pashalik-city", UnitKind.PASHALIK, areas=[CITY], parent=province)
    cercle = make_unit("cercle-test", UnitKind.CERCLE, areas=[RURAL], parent=province)
    make_unit("council-urban", UnitKind.COMMUNE_COUNCIL, areas=[URBAN], parent=province)
    make_unit("council-rural", UnitKind.COMMUNE_COUNCIL, areas=[RURAL], parent=province)
    return Units(
        wilaya=wilaya,
        province=province,
        pashalik=pashalik,
        north_annex=make_unit(
            "annex-north", UnitKind.ANNEX, parent=pashalik, drawn_area=square(-8.00, 31.25, -7.90, 31.30)
        ),
        south_west_annex=make_unit(
            "annex-south-west", UnitKind.ANNEX, parent=pashalik, drawn_area=square(-8.00, 31.20, -7.95, 31.25)
        ),
        city_police=make_unit("police-city", UnitKind.POLICE, areas=[CITY], parent=province),
        city_council=make_unit("council-city", UnitKind.COMMUNE_COUNCIL, areas=[CITY], parent=province),
        urban_police=make_unit("police-urban", UnitKind.POLICE, areas=[URBAN], parent=province),
        cercle=cercle,
        caidat=make_unit("caidat-douar", UnitKind.CAIDAT, areas=[RURAL], parent=cercle),
        gendarmerie=make_unit("gendarmerie-rural", UnitKind.GENDARMERIE, areas=[RURAL], parent=province),
    )


def point_of(place: tuple[tuple[float, float], tuple[str, ...]]) -> tuple[float, float]:
    """A place above (its point, then its areas) as the report factory takes a point: (lat, lon)."""
    (lon, lat), _areas = place
    return lat, lon


def member_of(*unit_codes: str, head: bool = False) -> User:
    """A new person who acts for these units, as an officer or as their head."""
    user = get_user_model().objects.create_user(username=f"officer-{'-'.join(unit_codes)}-{Membership.objects.count()}")
    role = MembershipRole.HEAD if head else MembershipRole.OFFICER
    for unit in Unit.objects.filter(code__in=unit_codes):
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def officer_of(*unit_codes: str, head: bool = False) -> Viewer:
    """A new person who acts for these units, as a request signed in as them would see."""
    return viewer_for(member_of(*unit_codes, head=head))


def signed_in_officer(*unit_codes: str, head: bool = False) -> Client:
    """A browser signed in as a new person who acts for these units."""
    client = Client()
    client.force_login(member_of(*unit_codes, head=head))
    return client
