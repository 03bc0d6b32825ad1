"""The reference implementations, built the slow and obvious way: h3 one cell at a time, libpysal, esda."""

import warnings

import h3
import numpy as np


def esda_weights(cells: list[int], k: int = 1):  # type: ignore[no-untyped-def]
    """Binary k-ring weights over `cells`, from h3's grid_disk, as libpysal builds them from a dict."""
    from libpysal.weights import W

    position = {cell: i for i, cell in enumerate(cells)}
    neighbours = {}
    for i, cell in enumerate(cells):
        disk = [h3.str_to_int(c) for c in h3.grid_disk(h3.int_to_str(cell), k)]
        neighbours[i] = [position[c] for c in disk if c in position and c != cell]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # islands and disconnected components are expected
        return W(neighbours, silence_warnings=True)


def esda_g_local(y: np.ndarray, w, permutations: int = 0, seed: int | None = None):  # type: ignore[no-untyped-def]
    import esda

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return esda.G_Local(y, w, transform="B", star=True, permutations=permutations, seed=seed)


def juvenile_offenders() -> tuple[np.ndarray, np.ndarray]:
    """
    Cardiff's juvenile offenders (Bailey and Gatrell 1995, shipped with libpysal) as points.

    Their grid coordinates are set about Cardiff's centre, one unit to 100 m, so that H3 can bin them.
    """
    import libpysal

    rows = np.array(libpysal.io.open(libpysal.examples.get_path("juvenile.dbf")).read(), dtype=float)
    north_m, east_m = rows[:, 2] * 100.0, rows[:, 1] * 100.0
    lat = 51.45 + north_m / 111_320.0
    lon = -3.25 + east_m / (111_320.0 * np.cos(np.radians(51.45)))
    return lat, lon
