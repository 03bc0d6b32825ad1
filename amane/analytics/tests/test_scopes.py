"""The places the observatory reports on: their outlines and boxes."""

import pytest

from amane.analytics.scopes import scope_for
from amane.geo.models import AreaKind, Boundary
from amane.geo.tests.factories import PROVINCE, URBAN, build_square_geography

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def test_a_province_without_an_outline_of_its_own_is_drawn_by_its_communes() -> None:
    Boundary.objects.filter(area__code=PROVINCE).delete()
    outlines = scope_for(PROVINCE).outlines()
    communes = Boundary.objects.filter(area__kind=AreaKind.COMMUNE, area__province__code=PROVINCE)
    assert len(outlines) == communes.count() > 1


def test_a_commune_is_drawn_by_its_own_outline() -> None:
    assert scope_for(URBAN).outlines() == list(
        Boundary.objects.filter(area__code=URBAN).values_list("simplified_geojson", flat=True)
    )


def test_a_scope_box_holds_its_communes() -> None:
    min_lon, min_lat, max_lon, max_lat = scope_for(PROVINCE).box
    for box in Boundary.objects.filter(area__province__code=PROVINCE).values_list(
        "min_lon", "min_lat", "max_lon", "max_lat"
    ):
        assert min_lon <= box[0] and min_lat <= box[1] and box[2] <= max_lon and box[3] <= max_lat


def test_the_country_is_drawn_by_its_regions_dissolved_from_their_communes() -> None:
    import shapely

    Boundary.objects.filter(area__kind=AreaKind.REGION).delete()
    outlines = scope_for(None).outlines()
    communes = [
        shapely.from_geojson(g)
        for g in Boundary.objects.filter(area__kind=AreaKind.COMMUNE).values_list("simplified_geojson", flat=True)
    ]
    assert len(outlines) == 1, "the square geography has one region"
    region = shapely.from_geojson(outlines[0])
    assert region.area == pytest.approx(shapely.union_all(communes).area, rel=0.02)
    parts = len(shapely.get_parts(shapely.union_all(communes)))
    assert len(shapely.get_parts(region)) == parts, "touching communes melt into one shape, apart ones stay apart"
