"""
Emerging hotspots of a scope: each cell's story over the last 24 months, computed in the background.

Reads the public points and months of the scope's box over two years (one pass over the box
index) and hands a (cells x months) matrix to `amane.analytics.engine.emerging`. The lattice
is the occupied cells and their ring, at the scope's resolution.
"""

import datetime as dt
from collections import Counter

import numpy as np
from django.db.models import Q
from django.utils import timezone

from amane.analytics.engine import emerging, hexgrid
from amane.analytics.figures import figure
from amane.analytics.scopes import scope_for
from amane.analytics.selectors.hotspots import in_box
from amane.analytics.selectors.trends import month_starts
from amane.reports.models import Report


@figure("emerging")
def emerging_figure(*, code: str | None, category: str | None) -> dict[str, object]:
    """Cells and their categories, with how many cells fall in each category."""
    scope = scope_for(code)
    months = month_starts(timezone.localdate())
    where = Q(public=True, occurred_on__gte=months[0]) & in_box(scope.box, "public_lat", "public_lon")
    if category:
        where &= Q(category__code=category)
    rows = Report.objects.filter(where).values_list("public_lat", "public_lon", "occurred_on").order_by()
    by_point_month = Counter((lat, lon, _month_index(day, months)) for lat, lon, day in rows.iterator(chunk_size=5000))
    return _labelled(by_point_month, scope.resolution(), len(months))


def _month_index(day: dt.date, months: list[dt.date]) -> int:
    return (day.year - months[0].year) * 12 + day.month - months[0].month


def _labelled(by_point_month: Counter[tuple[float, float, int]], resolution: int, months: int) -> dict[str, object]:
    if not by_point_month:
        return {"resolution": resolution, "cells": [], "summary": {}}
    keys = np.array(list(by_point_month), dtype=np.float64)
    counts = np.fromiter(by_point_month.values(), dtype=np.float64, count=len(by_point_month))
    cells = hexgrid.cells_of_points(keys[:, 0], keys[:, 1], resolution)
    occupied = np.unique(cells)
    lattice = hexgrid.lattice_cells(occupied, hexgrid.as_cells(_ring(occupied)))
    matrix = np.zeros((len(lattice), months))
    np.add.at(matrix, (np.searchsorted(lattice, cells), keys[:, 2].astype(int)), counts)
    result = emerging.emerging_hot_spots(matrix, hexgrid.Contiguity.k_ring(lattice))
    labelled = np.flatnonzero(result.category != 0)
    names = emerging.category_names(result.category[labelled])
    summary = Counter(names)
    return {
        "resolution": resolution,
        "cells": [(f"{int(lattice[i]):x}", name) for i, name in zip(labelled, names, strict=True)],
        "summary": dict(sorted(summary.items())),
    }


def _ring(cells: np.ndarray) -> np.ndarray:
    import h3ronpy

    return np.asarray(h3ronpy.grid_disk(cells, 1, flatten=True), dtype=np.uint64)
