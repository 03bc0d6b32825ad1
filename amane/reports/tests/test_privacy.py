import h3
import pytest

from amane.reports.privacy import AGGREGATE_RESOLUTIONS, PUBLIC_RESOLUTION, cell_centre, coarsen, public_cell_at

# A bus stop on Boulevard Mohammed V, Casablanca, the Kasbah of the Udayas, Rabat, and a point
# south and east of the equator and Greenwich, where a sign mistake would show.
POINTS = [(33.5957, -7.6187), (34.0316, -6.8364), (-33.9, 151.2)]


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    return h3.great_circle_distance(a, b, unit="m")


def test_the_public_sees_resolution_9_and_counts_at_5_and_7() -> None:
    assert PUBLIC_RESOLUTION == 9
    assert AGGREGATE_RESOLUTIONS == (5, 7)


@pytest.mark.parametrize(("lat", "lon"), POINTS)
def test_a_report_is_shown_at_the_centre_of_its_resolution_9_cell(lat: float, lon: float) -> None:
    public = coarsen(lat, lon)
    assert h3.get_resolution(public.cell) == 9
    assert h3.latlng_to_cell(lat, lon, 9) == public.cell
    centre = h3.cell_to_latlng(public.cell)
    assert abs(public.lat - centre[0]) <= 5e-7 and abs(public.lon - centre[1]) <= 5e-7
    # The point shown lies in the same cell: the public location never names another one.
    assert h3.latlng_to_cell(public.lat, public.lon, 9) == public.cell


@pytest.mark.parametrize(("lat", "lon"), POINTS)
def test_the_public_location_is_a_street_corner_not_a_house(lat: float, lon: float) -> None:
    public = coarsen(lat, lon)
    # A resolution-9 cell is about 0.1 km² (174 m edge): never farther than one edge and a bit,
    # and a cell of resolution 10 (0.015 km²) would be too precise.
    assert 0.08 < h3.cell_area(public.cell, unit="km^2") < 0.13
    assert _metres((lat, lon), (public.lat, public.lon)) < 250


def test_neighbours_in_one_cell_share_one_public_location() -> None:
    first = coarsen(33.5957, -7.6187)
    cell_lat, cell_lon = h3.cell_to_latlng(first.cell)
    near = coarsen(cell_lat + 0.0002, cell_lon - 0.0002)  # about 25 m from the centre
    assert near == first


@pytest.mark.parametrize(("lat", "lon"), POINTS)
def test_the_public_location_has_six_decimals(lat: float, lon: float) -> None:
    public = coarsen(lat, lon)
    assert public.lat == round(public.lat, 6) and public.lon == round(public.lon, 6)
    # Six decimals is 0.1 m: the rounding is for storage, not a second coarsening.
    centre = h3.cell_to_latlng(public.cell)
    assert abs(public.lat - centre[0]) <= 5e-7 and abs(public.lon - centre[1]) <= 5e-7


@pytest.mark.parametrize(("lat", "lon"), POINTS)
def test_the_map_counts_by_the_resolution_5_and_7_parents(lat: float, lon: float) -> None:
    public = coarsen(lat, lon)
    assert h3.get_resolution(public.cell_r5) == 5 and h3.get_resolution(public.cell_r7) == 7
    assert h3.cell_to_parent(public.cell, 5) == public.cell_r5
    assert h3.cell_to_parent(public.cell, 7) == public.cell_r7
    assert h3.latlng_to_cell(lat, lon, 7) == public.cell_r7


@pytest.mark.parametrize(("lat", "lon"), POINTS)
def test_a_cell_centre_is_the_public_location_of_its_reports(lat: float, lon: float) -> None:
    public = coarsen(lat, lon)
    assert cell_centre(public.cell) == (public.lat, public.lon)
    assert cell_centre(public.cell_r7) == tuple(round(x, 6) for x in h3.cell_to_latlng(public.cell_r7))


@pytest.mark.parametrize(("lat", "lon"), POINTS)
def test_a_public_point_finds_again_the_cells_its_report_is_counted_in(lat: float, lon: float) -> None:
    public = coarsen(lat, lon)
    found = {resolution: public_cell_at(public.lat, public.lon, resolution) for resolution in (5, 7, 9)}
    assert found == {5: public.cell_r5, 7: public.cell_r7, 9: public.cell}
