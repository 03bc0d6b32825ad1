"""The whole hotspot pipeline against the obvious one: h3 per report, libpysal weights, esda."""

import subprocess
import sys

import h3
import numpy as np
import pytest

from amane.analytics.engine import classes, pipeline
from amane.analytics.tests import references

BOX = (-7.70, 33.50, -7.52, 33.63)


def public_reports(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Reports at their public points: resolution-9 centres to 6 decimals, clustered."""
    rng = np.random.default_rng(seed)
    centres = np.column_stack([rng.uniform(33.50, 33.63, 6), rng.uniform(-7.70, -7.52, 6)])
    spots = centres[rng.integers(0, 6, n)] + rng.normal(0, 0.006, (n, 2))
    background = np.column_stack([rng.uniform(33.48, 33.65, n // 2), rng.uniform(-7.72, -7.50, n // 2)])
    points = np.vstack([spots, background])
    public = [h3.cell_to_latlng(h3.latlng_to_cell(lat, lon, 9)) for lat, lon in points]
    return np.round([p[0] for p in public], 6), np.round([p[1] for p in public], 6)


def classes_by_reference(
    points: list[tuple[float, float]], resolution: int, box: tuple[float, float, float, float] = BOX
) -> dict[str, tuple[int, float, str]]:
    """Cell, count, z and class as the issue defines them, computed with h3, libpysal and esda."""
    import esda

    held = [h3.latlng_to_cell(lat, lon, resolution) for lat, lon in points]
    rectangle = h3.LatLngPoly([(box[1], box[0]), (box[1], box[2]), (box[3], box[2]), (box[3], box[0])])
    lattice = sorted(set(h3.polygon_to_cells(rectangle, resolution)) | set(held), key=h3.str_to_int)
    position = {cell: i for i, cell in enumerate(lattice)}
    y = np.zeros(len(lattice))
    for cell in held:
        y[position[cell]] += 1
    g = references.esda_g_local(y, references.esda_weights([h3.str_to_int(c) for c in lattice]))
    p = 2 * g.p_norm
    level = np.zeros(len(lattice), dtype=int)
    for alpha, code in ((0.10, 1), (0.05, 2), (0.01, 3)):
        level[p < esda.fdr(p, alpha)] = code
    names = [classes.CLASS_NAMES[int(c if z > 0 else -c)] for c, z in zip(level, g.Zs, strict=True)]
    return {cell: (int(y[i]), float(g.Zs[i]), names[i]) for i, cell in enumerate(lattice)}


@pytest.mark.parametrize("resolution", [7, 8, 9, 10])
def test_hotspots_equal_the_reference_pipeline(resolution: int) -> None:
    lat, lon = public_reports(3000, seed=resolution)
    points, counts = np.unique(np.column_stack([lat, lon]), axis=0, return_counts=True)
    ours = pipeline.hotspots(points[:, 0], points[:, 1], counts.astype(float), resolution=resolution, box=BOX)
    expected = classes_by_reference(list(zip(lat, lon, strict=True)), resolution)
    cells = [f"{int(c):x}" for c in ours.cells]
    assert cells == list(expected)
    assert ours.counts.tolist() == [expected[c][0] for c in cells]
    np.testing.assert_allclose(ours.z, [expected[c][1] for c in cells], rtol=0, atol=1e-9)
    assert classes.class_names(ours.classes) == [expected[c][2] for c in cells]
    if resolution <= 8:
        assert (ours.classes > 0).any(), "clustered reports make some hot cells"


def test_without_a_box_the_lattice_is_the_occupied_cells_and_their_ring() -> None:
    lat, lon = public_reports(500, seed=1)
    points, counts = np.unique(np.column_stack([lat, lon]), axis=0, return_counts=True)
    ours = pipeline.hotspots(points[:, 0], points[:, 1], counts.astype(float), resolution=9)
    occupied = {h3.latlng_to_cell(a, b, 9) for a, b in zip(lat, lon, strict=True)}
    ring = {c for cell in occupied for c in h3.grid_disk(cell, 1)}
    assert set(ours.cells.tolist()) == {h3.str_to_int(c) for c in ring}
    assert ours.counts.sum() == len(lat)


def test_the_engine_imports_no_django() -> None:
    code = (
        "import sys, importlib, pkgutil, amane.analytics.engine as e\n"
        "for m in pkgutil.iter_modules(e.__path__): importlib.import_module('amane.analytics.engine.' + m.name)\n"
        "print(any(name == 'django' or name.startswith('django.') for name in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
