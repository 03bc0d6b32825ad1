"""
An in-process index from a point (longitude, latitude) to the unit that holds it.

    locator = CommuneLocator([(code, polygon), ...])
    locator.locate(-7.5898, 33.5731)            # -> "06.141.01.0" or None
    locator.locate_many(lons, lats)             # -> ["06.141.01.0", None, ...]

Rules, in order:

1. A point inside (or on the edge of) one polygon gets that polygon's code.
2. A point inside several polygons gets the smallest of them. The source rings have no
   holes, so a commune that lies wholly inside another (an enclave, 40 of them) is
   covered twice unless a hole was cut for it; two neighbours' edges also overlap by a
   few metres here and there. The smaller polygon is the more specific one.
3. A point in no polygon but at most ``max_distance_m`` (2 km by default) from one gets
   the nearest, measured in metres: the sources leave sliver gaps between neighbours and
   their coastlines are coarse, so a report filed on a beach or in a gap still belongs
   somewhere. Ties on distance go to the smaller polygon. Points inside an ``excluded``
   area (pass the Spanish enclaves, Sebta and Melilla, whose fences are within 2 km of
   Fnideq and Beni Ansar) get no such reach.
4. Anything farther gets None; the caller says "outside the covered area".

Distances use a local equirectangular projection around each point (metres per degree of
latitude and of longitude at the point's latitude, from the usual series for the WGS 84
ellipsoid): over 2 km its error is far below a metre, and it needs no projection library.

Communes and arrondissements are separate locators: build one per level. Arrondissements
only tile the six cities, so rule 3 would hand a point just outside a city to the nearest
arrondissement; ``AdminLocator`` combines the two the safe way (commune first, then the
arrondissement only inside a city that has them, without the 2 km reach beyond the city).

Thread safety: everything is built in ``__init__`` and never changes afterwards. The
polygons are prepared (GEOS builds their point-in-polygon indexes lazily, so the
constructor runs one lookup per polygon to build them all up front), the STRtree is
built and queried once, and the arrays are made read-only. Lookups then only read shared
state, and one instance can serve every request thread without a lock.

Plain Python (shapely 2 and numpy); no Django import.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from shapely.geometry.base import BaseGeometry

DEFAULT_MAX_DISTANCE_M = 2000.0

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


def metres_per_degree(lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Metres per degree of longitude and of latitude at a latitude (WGS 84 series)."""
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    per_lon = 111412.84 * np.cos(phi) - 93.5 * np.cos(3 * phi) + 0.118 * np.cos(5 * phi)
    per_lat = 111132.954 - 559.822 * np.cos(2 * phi) + 1.175 * np.cos(4 * phi)
    return np.asarray(per_lon), np.asarray(per_lat)


def _search_radius_deg(lats: FloatArray, max_distance_m: float) -> FloatArray:
    """A radius in degrees that holds every point within max_distance_m (both axes)."""
    per_lon, per_lat = metres_per_degree(lats)
    # A degree of longitude is the shorter one everywhere Morocco is; the floor keeps the
    # radius finite near the poles for any caller that strays there.
    return max_distance_m / np.maximum(np.minimum(per_lon, per_lat), 1.0) * 1.001


def distances_m(
    geometries: ArrayLike | Sequence[BaseGeometry], lons: ArrayLike, lats: ArrayLike, *, reach_m: float
) -> FloatArray:
    """
    Distance in metres from each point to its geometry (0 inside), pairwise.

    Only the part of each geometry within ``reach_m`` of its point is considered (the
    geometry is cut to a box around the point first, which keeps the projection cheap
    for big polygons); a geometry farther than that reports ``inf``.
    """
    geoms = np.asarray(geometries, dtype=object)
    x = np.asarray(lons, dtype=np.float64)
    y = np.asarray(lats, dtype=np.float64)
    if geoms.size == 0:
        return np.zeros(0, dtype=np.float64)
    radius = _search_radius_deg(y, reach_m)
    clipped = shapely.intersection(geoms, shapely.box(x - radius, y - radius, x + radius, y + radius))
    coords, index = shapely.get_coordinates(clipped, return_index=True)
    per_lon, per_lat = metres_per_degree(y)
    local = np.empty_like(coords)
    local[:, 0] = (coords[:, 0] - x[index]) * per_lon[index]
    local[:, 1] = (coords[:, 1] - y[index]) * per_lat[index]
    # In place: clipped is this call's own array of new geometries.
    projected = shapely.set_coordinates(clipped, local)
    result: FloatArray = shapely.distance(projected, shapely.points(np.zeros((len(x), 2))))
    result[shapely.is_empty(projected)] = np.inf
    return np.where(result > reach_m, np.inf, result)


def distance_m(geometry: BaseGeometry, lon: float, lat: float, *, reach_m: float = 50_000.0) -> float:
    """Distance in metres from one point to one geometry (0 inside; inf beyond reach_m)."""
    return float(distances_m([geometry], [lon], [lat], reach_m=reach_m)[0])


def _flat_points(lons: ArrayLike, lats: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Longitudes and latitudes as flat float arrays of one length (any shape or number type in)."""
    x = np.ascontiguousarray(lons, dtype=np.float64).reshape(-1)
    y = np.ascontiguousarray(lats, dtype=np.float64).reshape(-1)
    if x.shape != y.shape:
        raise ValueError("lons and lats must have the same length")
    return x, y


def _read_only(array: NDArray[Any]) -> NDArray[Any]:
    array.flags.writeable = False
    return array


def _prepared(geometries: list[BaseGeometry]) -> NDArray[np.object_]:
    """Return the geometries as a read-only array, prepared, each one's index already built."""
    geoms = np.empty(len(geometries), dtype=object)
    geoms[:] = geometries
    shapely.prepare(geoms)
    # GEOS builds a prepared polygon's index on its first lookup: one lookup each, here.
    probe = shapely.point_on_surface(geoms)
    shapely.intersects_xy(geoms, shapely.get_x(probe), shapely.get_y(probe))
    return _read_only(geoms)


@dataclass(frozen=True)
class Located:
    """The vectorised answer: an index into ``codes`` per point (-1 for none), and how."""

    indices: IntArray
    by_distance: BoolArray  # True where the 2 km rule placed the point (it was in no polygon)

    @property
    def found(self) -> BoolArray:
        return np.asarray(self.indices >= 0)


class CommuneLocator:
    """Point -> unit code over a fixed set of polygons; immutable and thread-safe."""

    def __init__(
        self,
        units: Iterable[tuple[str, BaseGeometry]],
        *,
        max_distance_m: float = DEFAULT_MAX_DISTANCE_M,
        excluded: Iterable[BaseGeometry] = (),
    ) -> None:
        pairs = [(code, geometry) for code, geometry in units if geometry is not None and not geometry.is_empty]
        if max_distance_m < 0:
            raise ValueError("max_distance_m must be >= 0")
        self.max_distance_m = float(max_distance_m)
        self._codes: tuple[str, ...] = tuple(code for code, _ in pairs)
        if len(set(self._codes)) != len(self._codes):
            raise ValueError("unit codes must be unique")
        # Every lazily-built structure is built now, so that lookups only ever read: each
        # prepared polygon's point-in-area index (in _prepared) and the tree, which GEOS
        # builds on its first query.
        self._geoms = _prepared([geometry for _, geometry in pairs])
        self._areas = _read_only(shapely.area(self._geoms))
        self._tree = shapely.STRtree(self._geoms)
        self._tree.query(self._geoms[:1])
        self._excluded = _prepared([g for g in excluded if g is not None and not g.is_empty])

    @property
    def codes(self) -> tuple[str, ...]:
        return self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def geometry(self, code: str) -> BaseGeometry:
        geometry: BaseGeometry = self._geoms[self._codes.index(code)]
        return geometry

    def locate(self, lon: float, lat: float) -> str | None:
        """The code of the unit at a point, or None when it is farther than the reach."""
        index = int(self.locate_indices([lon], [lat]).indices[0])
        return self._codes[index] if index >= 0 else None

    def locate_many(self, lons: ArrayLike, lats: ArrayLike) -> list[str | None]:
        """``locate`` for arrays of points, vectorised; the same answers in the same order."""
        indices = self.locate_indices(lons, lats).indices
        codes = self._codes
        return [codes[i] if i >= 0 else None for i in indices.tolist()]

    def locate_indices(self, lons: ArrayLike, lats: ArrayLike) -> Located:
        """The vectorised core: indices into ``codes`` (-1 for none) and which used the 2 km rule."""
        x, y = _flat_points(lons, lats)
        n = len(x)
        result: IntArray = np.full(n, -1)
        by_distance = np.zeros(n, dtype=np.bool_)
        if n == 0 or len(self._codes) == 0:
            return Located(result, by_distance)
        finite = np.isfinite(x) & np.isfinite(y)

        # Rule 1 and 2: bounding boxes from the tree, then point-in-polygon on the hits.
        points = np.asarray(shapely.points(np.column_stack([x, y])))
        points[~finite] = None
        point_idx, tree_idx = self._tree.query(points)
        if len(point_idx):
            inside = shapely.intersects_xy(self._geoms[tree_idx], x[point_idx], y[point_idx])
            point_idx, tree_idx = point_idx[inside], tree_idx[inside]
        if len(point_idx):
            # Smallest polygon first for each point; then the first row per point wins.
            order = np.lexsort((tree_idx, self._areas[tree_idx], point_idx))
            point_idx, tree_idx = point_idx[order], tree_idx[order]
            first = np.ones(len(point_idx), dtype=np.bool_)
            first[1:] = point_idx[1:] != point_idx[:-1]
            result[point_idx[first]] = tree_idx[first]

        # Rule 3: the points left, against the polygons within reach, in metres.
        left = np.flatnonzero((result < 0) & finite)
        for area in self._excluded:
            if len(left):
                left = left[~shapely.intersects_xy(area, x[left], y[left])]
        if len(left) and self.max_distance_m > 0:
            nearest, dist = self._nearest_within(x[left], y[left], self.max_distance_m)
            found = nearest >= 0
            result[left[found]] = nearest[found]
            by_distance[left[found]] = True
            del dist
        return Located(result, by_distance)

    def nearest(self, lon: float, lat: float, *, reach_m: float = 50_000.0) -> tuple[str, float] | None:
        """The nearest unit and its distance in metres (0 inside), within reach_m, or None."""
        x = np.array([lon], dtype=np.float64)
        y = np.array([lat], dtype=np.float64)
        index, dist = self._nearest_within(x, y, reach_m)
        if index[0] < 0:
            return None
        return self._codes[int(index[0])], float(dist[0])

    def _nearest_within(self, x: FloatArray, y: FloatArray, reach_m: float) -> tuple[IntArray, FloatArray]:
        radius = _search_radius_deg(y, reach_m)
        boxes = shapely.box(x - radius, y - radius, x + radius, y + radius)
        point_idx, tree_idx = self._tree.query(boxes)
        best: IntArray = np.full(len(x), -1)
        best_dist: FloatArray = np.full(len(x), np.inf)
        if len(point_idx) == 0:
            return best, best_dist
        dist = distances_m(self._geoms[tree_idx], x[point_idx], y[point_idx], reach_m=reach_m)
        keep = np.isfinite(dist)
        point_idx, tree_idx, dist = point_idx[keep], tree_idx[keep], dist[keep]
        if len(point_idx) == 0:
            return best, best_dist
        order = np.lexsort((tree_idx, self._areas[tree_idx], dist, point_idx))
        point_idx, tree_idx, dist = point_idx[order], tree_idx[order], dist[order]
        first = np.ones(len(point_idx), dtype=np.bool_)
        first[1:] = point_idx[1:] != point_idx[:-1]
        best[point_idx[first]] = tree_idx[first]
        best_dist[point_idx[first]] = dist[first]
        return best, best_dist


@dataclass(frozen=True)
class AdminLocation:
    commune: str | None
    arrondissement: str | None


class AdminLocator:
    """
    Commune and arrondissement together: the commune by the rules above, then, inside a
    city divided into arrondissements, the arrondissement.

    The arrondissement level has no 2 km reach beyond its city: a point is first given its
    commune (with the reach), and only when that commune is the arrondissements' city is
    the arrondissement looked up, the nearest one if the point sits in a gap or on the
    city's coast (still within the reach).
    """

    def __init__(
        self,
        communes: Iterable[tuple[str, BaseGeometry]],
        arrondissements: Iterable[tuple[str, BaseGeometry]],
        city_of: Mapping[str, str],
        *,
        max_distance_m: float = DEFAULT_MAX_DISTANCE_M,
        excluded: Iterable[BaseGeometry] = (),
    ) -> None:
        self.communes = CommuneLocator(communes, max_distance_m=max_distance_m, excluded=excluded)
        self.arrondissements = CommuneLocator(arrondissements, max_distance_m=max_distance_m)
        self._city_of = dict(city_of)
        self._cities = frozenset(self._city_of.values())
        missing = [code for code in self.arrondissements.codes if code not in self._city_of]
        if missing:
            raise ValueError(f"arrondissements without a city: {missing[:5]}")

    def locate(self, lon: float, lat: float) -> AdminLocation:
        return self.locate_many(np.array([lon]), np.array([lat]))[0]

    def locate_many(self, lons: ArrayLike, lats: ArrayLike) -> list[AdminLocation]:
        x, y = _flat_points(lons, lats)
        communes = self.communes.locate_many(x, y)
        in_city = np.array([code in self._cities for code in communes], dtype=np.bool_)
        arrondissements: list[str | None] = [None] * len(communes)
        if in_city.any():
            where = np.flatnonzero(in_city)
            found = self.arrondissements.locate_many(x[where], y[where])
            for i, code in zip(where.tolist(), found, strict=True):
                if code is not None and self._city_of[code] == communes[i]:
                    arrondissements[i] = code
        return [AdminLocation(c, a) for c, a in zip(communes, arrondissements, strict=True)]
