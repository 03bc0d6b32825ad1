"""The lattice helpers against h3's own one-cell-at-a-time functions."""

import h3
import numpy as np
import pytest

from amane.analytics.engine import hexgrid

# Morocco's extent, Western Sahara included.
MOROCCO = (-17.2, 20.8, -0.9, 36.0)


def as_pairs(contiguity: hexgrid.Contiguity) -> set[tuple[int, int]]:
    return set(zip(contiguity.sources.tolist(), contiguity.targets.tolist(), strict=True))


def random_points(n: int, seed: int, box: tuple[float, float, float, float] = MOROCCO) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(box[1], box[3], n), rng.uniform(box[0], box[2], n)


@pytest.mark.parametrize("resolution", [5, 8, 9, 10])
def test_cells_of_points_are_h3s_own(resolution: int) -> None:
    lat, lon = random_points(300, seed=resolution)
    expected = [h3.str_to_int(h3.latlng_to_cell(a, b, resolution)) for a, b in zip(lat, lon, strict=True)]
    assert hexgrid.cells_of_points(lat, lon, resolution).tolist() == expected


def test_public_points_are_cell_centres_as_amane_stores_them() -> None:
    lat, lon = random_points(300, seed=4)
    public = hexgrid.cells_of_points(lat, lon, 9)
    plat, plon = hexgrid.public_points(public)
    for cell, a, b in zip(public, plat, plon, strict=True):
        centre = h3.cell_to_latlng(h3.int_to_str(int(cell)))
        assert (a, b) == (round(centre[0], 6), round(centre[1], 6))


def test_box_cells_are_those_whose_centre_lies_in_the_box() -> None:
    box = (-7.70, 33.50, -7.55, 33.62)
    cells = hexgrid.box_cells(*box, 8)
    assert len(cells) > 50
    for cell in cells:
        lat, lon = h3.cell_to_latlng(h3.int_to_str(int(cell)))
        assert box[0] <= lon <= box[2] and box[1] <= lat <= box[3]
    # And no cell of the box's neighbourhood whose centre is inside is missing.
    around = {h3.str_to_int(c) for cell in cells for c in h3.grid_disk(h3.int_to_str(int(cell)), 2)}
    inside = {c for c in around if box[1] <= h3.cell_to_latlng(h3.int_to_str(c))[0] <= box[3]
              and box[0] <= h3.cell_to_latlng(h3.int_to_str(c))[1] <= box[2]}  # fmt: skip
    assert inside == set(cells.tolist())


@pytest.mark.parametrize("k", [1, 2])
def test_k_ring_in_local_ij_equals_grid_disk_over_all_of_morocco(k: int) -> None:
    # Every resolution-5 cell of the country and its surroundings: local IJ must hold across
    # the icosahedron's faces that Morocco spans, not just near the anchor.
    cells = hexgrid.box_cells(*MOROCCO, 5)
    assert len(cells) > 2000
    assert hexgrid.local_ij(cells) is not None
    assert as_pairs(hexgrid.Contiguity.k_ring(cells, k)) == as_pairs(hexgrid.Contiguity.from_grid_disk(cells, k))


def test_k_ring_on_a_scattered_fine_lattice_equals_grid_disk() -> None:
    lat, lon = random_points(20_000, seed=3, box=(-8.0, 33.3, -7.3, 33.8))
    cells = np.unique(hexgrid.cells_of_points(lat, lon, 10))
    assert as_pairs(hexgrid.Contiguity.k_ring(cells)) == as_pairs(hexgrid.Contiguity.from_grid_disk(cells))


def test_distance_band_keeps_the_pairs_whose_centres_are_close_enough() -> None:
    cells = hexgrid.box_cells(-7.70, 33.50, -7.55, 33.62, 9)
    band = hexgrid.Contiguity.distance_band(cells, 700.0)
    centres = [h3.cell_to_latlng(h3.int_to_str(int(c))) for c in cells]
    expected = {
        (a, b)
        for a in range(len(cells))
        for b in range(len(cells))
        if a != b and h3.great_circle_distance(centres[a], centres[b], unit="m") <= 700.0
    }
    assert as_pairs(band) == expected


def test_count_by_cell_counts_and_weighs() -> None:
    cells = np.array([7, 3, 7, 7, 3, 9], dtype=np.uint64)
    unique, counts = hexgrid.count_by_cell(cells)
    assert unique.tolist() == [3, 7, 9] and counts.tolist() == [2, 3, 1]
    _, weighed = hexgrid.count_by_cell(cells, np.array([1.0, 2, 3, 4, 5, 6]))
    assert weighed.tolist() == [7, 8, 6]


@pytest.mark.parametrize("resolution", [4, 9, 10, 15])
def test_count_by_cell_of_many_cells_of_one_resolution_equals_a_sort(
    resolution: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enough cells for the histograms (count_by_cell sorts only a few), clustered as reports are.
    monkeypatch.setattr(hexgrid, "_DENSE_MIN", 1024)
    rng = np.random.default_rng(resolution)
    lat, lon = random_points(20_000, seed=resolution)
    lat, lon = (
        np.concatenate([lat, rng.normal(33.57, 0.01, 30_000)]),
        np.concatenate([lon, rng.normal(-7.6, 0.01, 30_000)]),
    )
    cells = hexgrid.cells_of_points(lat, lon, resolution)
    weights = rng.uniform(-1, 2, len(cells))
    unique, counts = hexgrid.count_by_cell(cells)
    expected, inverse, expected_counts = np.unique(cells, return_inverse=True, return_counts=True)
    assert unique.tolist() == expected.tolist() and counts.tolist() == expected_counts.tolist()
    _, weighed = hexgrid.count_by_cell(cells, weights)
    np.testing.assert_allclose(weighed, np.bincount(inverse, weights=weights), rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("spread", ["the whole globe", "several resolutions"])
def test_count_by_cell_of_cells_a_histogram_cannot_hold_equals_a_sort(
    spread: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hexgrid, "_DENSE_MIN", 1024)
    rng = np.random.default_rng(8)
    lat, lon = rng.uniform(-85, 85, 30_000), rng.uniform(-180, 180, 30_000)
    if spread == "the whole globe":
        cells = hexgrid.cells_of_points(lat, lon, 12)
    else:
        cells = np.concatenate(
            [hexgrid.cells_of_points(lat[:15_000], lon[:15_000], 5), hexgrid.cells_of_points(lat, lon, 6)]
        )
    unique, counts = hexgrid.count_by_cell(cells)
    expected, expected_counts = np.unique(cells, return_counts=True)
    assert unique.tolist() == expected.tolist() and counts.tolist() == expected_counts.tolist()


@pytest.mark.parametrize("dense_from", [1024, 1 << 30])
def test_count_by_cell_and_period_counts_each_cell_in_each_period(
    dense_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hexgrid, "_DENSE_MIN", dense_from)
    lat, lon = random_points(5000, seed=6, box=(-7.7, 33.5, -7.5, 33.6))
    cells = hexgrid.cells_of_points(lat, lon, 8)
    periods = np.random.default_rng(6).integers(0, 5, len(cells))
    unique, tallies = hexgrid.count_by_cell_and_period(cells, periods, 6)
    assert unique.tolist() == sorted(set(cells.tolist())) and tallies.shape == (len(unique), 6)
    for row, cell in enumerate(unique[:50]):
        expected = np.bincount(periods[cells == cell], minlength=6)
        assert tallies[row].tolist() == expected.tolist()
    assert tallies.sum() == len(cells) and not tallies[:, 5].any()


def test_a_rectangle_of_the_sphere_has_the_area_of_its_band() -> None:
    # A degree square at the equator is about 12,364 km²; at 60° half as wide.
    assert hexgrid.box_area_km2(0, 0, 1, 1) == pytest.approx(12_364, rel=1e-3)
    assert hexgrid.box_area_km2(0, 60, 1, 61) == pytest.approx(12_364 * 0.4954, rel=1e-2)
