"""
H3 lattices and their contiguity, for arrays of cells rather than one cell at a time.

Reports reach the observatory at their public locations, each the centre of an H3 cell of
resolution 9 rounded to 6 decimals (`amane.reports.privacy`); at any resolution a report counts
in the cell that holds that point, as `h3.latlng_to_cell` puts it. A lattice of resolution R
holds the cells that the analysis compares: those of a box (`box_cells`) and those holding reports. Contiguity (which
cells are neighbours) is computed in H3's local IJ coordinates, where the six neighbours of
every cell are the same six integer offsets, so that a million cells need a few sorted
searches instead of a million `grid_disk` calls. Local IJ is valid over a region without
pentagons, which Morocco is; where a cell has no local IJ coordinates the engine falls back
to `grid_disk` (`Contiguity.from_grid_disk`).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import h3.api.basic_int as h3i
import h3ronpy
import numpy as np
from h3ronpy import vector

# The six neighbours of a cell in H3's local IJ coordinates.
IJ_NEIGHBOURS = ((1, 0), (0, 1), (1, 1), (-1, 0), (0, -1), (-1, -1))
MIN_RESOLUTION = 0
MAX_RESOLUTION = 15
_RESOLUTION_SHIFT = 52
_EARTH_RADIUS_M = 6_371_008.8
# Histograms of cell bits (count_by_cell): small enough to stay in the cache, or far below
# the memory of a sort; and cells read at a time.
_COARSE_BINS = 1 << 20
# Below this many cells a sort is as fast as touching the histograms' memory.
_DENSE_MIN = 1 << 18
_FINE_BINS = 1 << 22
_CHUNK = 1 << 20


def _digit_shift(resolution: int) -> int:
    return (MAX_RESOLUTION - resolution) * 3


def as_cells(values: object) -> np.ndarray:
    """H3 cells as an array of unsigned 64-bit integers (from an Arrow array, a list, ints)."""
    return np.asarray(values, dtype=np.uint64)


def cells_of_points(lat: np.ndarray, lon: np.ndarray, resolution: int) -> np.ndarray:
    """The cell of each point at `resolution`, exactly as `h3.latlng_to_cell` gives it."""
    if len(lat) == 0:
        return np.empty(0, dtype=np.uint64)
    return as_cells(vector.coordinates_to_cells(np.asarray(lat, float), np.asarray(lon, float), resolution))


def cell_centres(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes of the cells' centres, in degrees."""
    if len(cells) == 0:
        return np.empty(0), np.empty(0)
    batch = vector.cells_to_coordinates(as_cells(cells))
    return np.asarray(batch.column("lat")), np.asarray(batch.column("lng"))


def public_points(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The public location of reports in each resolution-9 cell: its centre, to 6 decimals as stored."""
    lat, lon = cell_centres(cells)
    return np.round(lat, 6), np.round(lon, 6)


def count_by_cell(cells: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The distinct cells (sorted) and how many items (or how much weight) each holds."""
    cells = as_cells(cells)
    dense = _count_dense(cells, weights)
    if dense is not None:
        return dense
    if weights is None:
        unique, counts = np.unique(cells, return_counts=True)
        return unique, counts.astype(np.float64)
    unique, inverse = np.unique(cells, return_inverse=True)
    return unique, np.bincount(inverse, weights=weights, minlength=len(unique))


def count_by_cell_and_period(
    cells: np.ndarray, periods: np.ndarray, period_count: int
) -> tuple[np.ndarray, np.ndarray]:
    """The distinct cells (sorted) and how many items each holds in each period (cells x periods)."""
    cells = as_cells(cells)
    periods = np.asarray(periods, dtype=np.int64)
    index = _DenseIndex.of(cells)
    if index is None:
        unique, inverse = np.unique(cells, return_inverse=True)
        tallies = np.bincount(inverse * period_count + periods, minlength=len(unique) * period_count)
        return unique, tallies.reshape(len(unique), period_count).astype(np.float64)
    held = np.flatnonzero(_histogram(cells, index.numbers, index.bins))
    position = np.zeros(index.bins, dtype=np.int64)
    position[held] = np.arange(len(held)) * period_count
    tallies = np.zeros(len(held) * period_count, dtype=np.int64)
    for start in range(0, len(cells), _CHUNK):
        within = position[index.numbers(cells[start : start + _CHUNK])] + periods[start : start + _CHUNK]
        tallies += np.bincount(within, minlength=len(tallies))
    return index.cells_of(held), tallies.reshape(len(held), period_count).astype(np.float64)


def _count_dense(cells: np.ndarray, weights: np.ndarray | None) -> tuple[np.ndarray, np.ndarray] | None:
    """`count_by_cell` by histograms of the cells' dense numbers, or None where they would be large."""
    index = _DenseIndex.of(cells)
    if index is None:
        return None
    counts = _histogram(cells, index.numbers, index.bins)
    held = np.flatnonzero(counts)
    if weights is None:
        return index.cells_of(held), counts[held].astype(np.float64)
    totals = np.zeros(index.bins)
    for start in range(0, len(cells), _CHUNK):
        number = index.numbers(cells[start : start + _CHUNK])
        totals += np.bincount(number, weights=weights[start : start + _CHUNK], minlength=index.bins)
    return index.cells_of(held), totals[held]


@dataclass(frozen=True)
class _DenseIndex:
    """
    Cells of one resolution numbered densely, so that histograms can count them without a sort.

    Sorting ten million cells takes seconds. The cells' significant bits (base cell, then one
    3-bit digit per resolution) sort as the cells do: a histogram of the leading bits (a parent
    a few resolutions up) finds the occupied parents, and a cell's number is its parent's rank
    among those, then its last digits. Where the reports cover one country, both histograms
    stay small. Cells are read in chunks: fresh memory is slow to touch, and no temporary
    array is then as large as the input.
    """

    header: int  # the bits above the base cell, the same for every cell
    shift: int  # bits below the last digit of the resolution (unused digits, all 7)
    fine_bits: int  # the last digits, counted within each parent
    coarse_low: int
    occupied: np.ndarray  # the occupied parents' leading bits, less coarse_low
    rank: np.ndarray  # each parent's rank among the occupied, by its leading bits less coarse_low

    @classmethod
    def of(cls, cells: np.ndarray) -> "_DenseIndex | None":
        if len(cells) < _DENSE_MIN:
            return None
        low, high = int(cells.min()), int(cells.max())
        if low >> _RESOLUTION_SHIFT != high >> _RESOLUTION_SHIFT:
            return None
        shift = _digit_shift((low >> _RESOLUTION_SHIFT) & 0xF)
        fine_bits = next(b for b in range(0, 64, 3) if (high >> (shift + b)) - (low >> (shift + b)) < _COARSE_BINS)
        coarse_low = low >> (shift + fine_bits)

        def leading(chunk: np.ndarray) -> np.ndarray:
            return ((chunk >> np.uint64(shift + fine_bits)) - np.uint64(coarse_low)).view(np.int64)

        occupied = np.flatnonzero(_histogram(cells, leading, _COARSE_BINS))
        if len(occupied) << fine_bits > max(_FINE_BINS, 2 * len(cells)):
            return None
        rank = np.zeros(_COARSE_BINS, dtype=np.int64)
        rank[occupied] = np.arange(len(occupied))
        header = low >> _RESOLUTION_SHIFT << _RESOLUTION_SHIFT
        return cls(header, shift, fine_bits, coarse_low, occupied, rank)

    @property
    def bins(self) -> int:
        return len(self.occupied) << self.fine_bits

    def numbers(self, cells: np.ndarray) -> np.ndarray:
        parents = self.rank[
            ((cells >> np.uint64(self.shift + self.fine_bits)) - np.uint64(self.coarse_low)).view(np.int64)
        ]
        digits = (cells >> np.uint64(self.shift)) & np.uint64((1 << self.fine_bits) - 1)
        return (parents << self.fine_bits) | digits.view(np.int64)

    def cells_of(self, numbers: np.ndarray) -> np.ndarray:
        parents = self.occupied[numbers >> self.fine_bits] + self.coarse_low
        keys = (parents << self.fine_bits) | (numbers & ((1 << self.fine_bits) - 1))
        return (keys.astype(np.uint64) << np.uint64(self.shift)) | np.uint64(self.header | ((1 << self.shift) - 1))


def _histogram(cells: np.ndarray, number: Callable[[np.ndarray], np.ndarray], bins: int) -> np.ndarray:
    """How many cells have each number, reading the cells chunk by chunk."""
    counts = np.zeros(bins, dtype=np.int64)
    for start in range(0, len(cells), _CHUNK):
        counts += np.bincount(number(cells[start : start + _CHUNK]), minlength=bins)
    return counts


def average_cell_area_km2(resolution: int) -> float:
    return float(h3i.average_hexagon_area(resolution, unit="km^2"))


def box_area_km2(min_lon: float, min_lat: float, max_lon: float, max_lat: float) -> float:
    """The area of a longitude-latitude rectangle on the sphere."""
    width = math.radians(max_lon - min_lon)
    band = abs(math.sin(math.radians(max_lat)) - math.sin(math.radians(min_lat)))
    return (_EARTH_RADIUS_M / 1000) ** 2 * width * band


def box_cells(min_lon: float, min_lat: float, max_lon: float, max_lat: float, resolution: int) -> np.ndarray:
    """Every cell of `resolution` whose centre lies in the rectangle (h3's `polygon_to_cells`)."""
    ring = [(min_lat, min_lon), (min_lat, max_lon), (max_lat, max_lon), (max_lat, min_lon)]
    return np.sort(as_cells(h3i.polygon_to_cells(h3i.LatLngPoly(ring), resolution)))


def lattice_cells(*parts: np.ndarray) -> np.ndarray:
    """The sorted union of several arrays of cells."""
    return np.unique(np.concatenate([as_cells(p) for p in parts])) if parts else np.empty(0, np.uint64)


def hex_offsets(k: int) -> list[tuple[int, int]]:
    """Local IJ offsets of the cells within `k` steps of a cell, the cell itself excluded."""
    return [
        (di, dj)
        for di in range(-k, k + 1)
        for dj in range(-k, k + 1)
        if (di, dj) != (0, 0) and max(abs(di), abs(dj), abs(di - dj)) <= k
    ]


@dataclass(frozen=True)
class Contiguity:
    """
    Binary weights over a lattice, as pairs: `targets[m]` is a neighbour of `sources[m]`.

    The cell itself is not among its neighbours; Gi* adds it (`amane.analytics.engine.getis_ord`).
    """

    n: int
    sources: np.ndarray
    targets: np.ndarray

    @property
    def neighbour_counts(self) -> np.ndarray:
        return np.bincount(self.sources, minlength=self.n)

    def neighbour_sums(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.sources, weights=values[self.targets], minlength=self.n)

    @classmethod
    def k_ring(cls, cells: np.ndarray, k: int = 1) -> "Contiguity":
        """Cells within `k` steps of each other, both in the lattice (`cells` sorted, distinct)."""
        cells = as_cells(cells)
        ij = local_ij(cells)
        if ij is None:
            return cls.from_grid_disk(cells, k)
        return cls._from_offsets(ij, hex_offsets(k))

    @classmethod
    def distance_band(cls, cells: np.ndarray, metres: float) -> "Contiguity":
        """Cells whose centres lie within `metres` of each other."""
        cells = as_cells(cells)
        if len(cells) == 0:
            return cls(0, np.empty(0, np.int64), np.empty(0, np.int64))
        resolution = int((cells[0] >> np.uint64(_RESOLUTION_SHIFT)) & np.uint64(0xF))
        # Centres of neighbouring cells are at least sqrt(3) times the inradius apart.
        spacing = float(h3i.average_hexagon_edge_length(resolution, unit="m")) * math.sqrt(3) * 0.85
        ring = cls.k_ring(cells, max(1, math.ceil(metres / spacing)))
        lat, lon = cell_centres(cells)
        apart = great_circle_m(lat[ring.sources], lon[ring.sources], lat[ring.targets], lon[ring.targets])
        keep = apart <= metres
        return cls(ring.n, ring.sources[keep], ring.targets[keep])

    @classmethod
    def from_grid_disk(cls, cells: np.ndarray, k: int = 1) -> "Contiguity":
        """The same pairs through h3's `grid_disk`: slower, and valid anywhere on the globe."""
        cells = as_cells(cells)
        n = len(cells)
        if n == 0:
            return cls(0, np.empty(0, np.int64), np.empty(0, np.int64))
        flat = as_cells(h3ronpy.grid_disk(cells, k, flatten=True))
        full = 1 + 3 * k * (k + 1)
        if len(flat) == n * full:
            sources = np.repeat(np.arange(n, dtype=np.int64), full)
        else:  # a pentagon's disk is smaller: one call per cell says which cells are whose
            disks = [h3i.grid_disk(int(cell), k) for cell in cells]
            flat = as_cells([c for disk in disks for c in disk])
            sources = np.repeat(np.arange(n, dtype=np.int64), [len(d) for d in disks])
        position = np.minimum(np.searchsorted(cells, flat), n - 1)
        keep = (cells[position] == flat) & (position != sources)
        return cls(n, sources[keep], position[keep].astype(np.int64))

    @classmethod
    def _from_offsets(cls, ij: tuple[np.ndarray, np.ndarray], offsets: list[tuple[int, int]]) -> "Contiguity":
        i, j = ij
        n = len(i)
        pad = max((max(abs(a), abs(b)) for a, b in offsets), default=0)
        width = int(j.max() - j.min()) + 1 + 2 * pad
        keys = (i - i.min() + pad).astype(np.int64) * width + (j - j.min() + pad)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        sources, targets = [], []
        # Searching sorted keys for sorted keys walks memory in order: several times faster.
        for di, dj in offsets:
            wanted = sorted_keys + (di * width + dj)
            at = np.minimum(np.searchsorted(sorted_keys, wanted), n - 1)
            hit = sorted_keys[at] == wanted
            sources.append(order[hit])
            targets.append(order[at[hit]])
        return cls(n, np.concatenate(sources).astype(np.int64), np.concatenate(targets).astype(np.int64))


def local_ij(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Local IJ coordinates of every cell about the middle one, or None if any has none."""
    if len(cells) == 0:
        return None
    anchor = int(cells[len(cells) // 2])
    try:
        batch = h3ronpy.cells_to_localij(cells, anchor, set_failing_to_invalid=True)
    except (ValueError, RuntimeError):
        return None
    i_column, j_column = batch.column("i"), batch.column("j")
    if i_column.null_count or j_column.null_count:
        return None
    return np.asarray(i_column, dtype=np.int64), np.asarray(j_column, dtype=np.int64)


def great_circle_m(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Haversine distances in metres."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
