"""Reports near sensitive places: public points only, each place against its own commune's density."""

from typing import Any

import numpy as np
import pytest
from scipy import stats

from amane.analytics.engine.hexgrid import great_circle_m
from amane.analytics.scopes import scope_for
from amane.analytics.selectors.places import near_places
from amane.blackspots.tests.factories import make_place, member_viewer
from amane.geo.tests.factories import RURAL, URBAN, build_square_geography
from amane.reports.models import Report
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db

BUSY_SCHOOL = (31.03, -7.97)
QUIET_SCHOOL = (31.08, -7.92)
RURAL_SCHOOL = (31.05, -7.84)
RADIUS_M = 500.0


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def box_km2(west: float, south: float, east: float, north: float) -> float:
    """A latitude-longitude box's area on the sphere (R^2 dlon (sin north - sin south))."""
    radius_km = 6371.0088
    return radius_km**2 * np.radians(east - west) * (np.sin(np.radians(north)) - np.sin(np.radians(south)))


def scatter(n: int, seed: int, around: tuple[float, float] | None = None, **fields: object) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(n):
        if around is None:
            point = (rng.uniform(31.005, 31.095), rng.uniform(-7.995, -7.905))
        else:
            point = (around[0] + rng.normal(0, 0.0008), around[1] + rng.normal(0, 0.0008))
        file_report(point=point, **fields)


def schools() -> None:
    viewer = member_viewer()
    for lat, lon in (BUSY_SCHOOL, QUIET_SCHOOL, RURAL_SCHOOL):
        make_place(viewer, lat=lat, lon=lon)
    make_place(viewer, lat=31.031, lon=-7.971, kind="mosque")


def test_each_school_is_counted_and_tested_against_its_communes_density() -> None:
    schools()
    scatter(30, seed=1)
    scatter(15, seed=2, around=BUSY_SCHOOL)
    scatter(6, seed=3, around=BUSY_SCHOOL, category_code="domestic-violence")
    answer = near_places(scope=scope_for(None), radius_m=RADIUS_M)
    assert len(answer["places"]) == 3
    public = np.array(Report.objects.filter(public=True).values_list("public_lat", "public_lon"))
    urban_reports = Report.objects.filter(public=True, commune__code=URBAN).count()
    disc_km2 = np.pi * (RADIUS_M / 1000) ** 2
    by_commune: dict[str, list[dict[str, Any]]] = {place["commune"]: [] for place in answer["places"]}
    for place in answer["places"]:
        by_commune[place["commune"]].append(place)
    for place, (lat, lon) in zip(
        sorted(by_commune[URBAN], key=lambda p: -p["observed"]), (BUSY_SCHOOL, QUIET_SCHOOL), strict=True
    ):
        observed = int((great_circle_m(np.array(lat), np.array(lon), public[:, 0], public[:, 1]) <= RADIUS_M).sum())
        expected = urban_reports / box_km2(-8.0, 31.0, -7.9, 31.1) * disc_km2
        assert place["observed"] == observed
        assert place["expected"] == pytest.approx(expected, rel=1e-2)
        assert place["p"] == pytest.approx(stats.poisson.sf(observed - 1, place["expected"]), rel=1e-9)
    busiest = answer["places"][0]
    assert busiest["flagged"] and busiest["observed"] >= 15
    assert not any(p["flagged"] for p in answer["places"][1:])


def test_a_commune_without_reports_counts_as_having_one() -> None:
    schools()
    scatter(5, seed=4)
    rural = near_places(scope=scope_for(RURAL), radius_m=RADIUS_M)["places"]
    assert len(rural) == 1 and rural[0]["observed"] == 0
    assert rural[0]["expected"] == pytest.approx(np.pi * 0.25 / box_km2(-7.89, 31.0, -7.79, 31.1), rel=1e-2)
    assert rural[0]["p"] == 1.0


def test_no_place_gives_an_empty_list_and_another_kind_can_be_asked() -> None:
    assert near_places(scope=scope_for(None))["places"] == []
    schools()
    mosques = near_places(scope=scope_for(URBAN), kind="mosque")["places"]
    assert [p["kind"] for p in mosques] == ["mosque"]
    # Places are public buildings: their point goes with the figure, for the map layer.
    assert (mosques[0]["lat"], mosques[0]["lon"]) == (31.031, -7.971)
