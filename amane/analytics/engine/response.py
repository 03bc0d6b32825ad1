"""
Response times per group (a unit and a category, or a commune and a category).

For each group: how many reports, the median and 90th percentile of the hours to
acknowledge and to resolve, and the share of reports that missed each deadline. Times are
plain floats (hours on any common clock) with NaN where a report was never acknowledged or
never closed, so the same arithmetic serves the database's timestamps and the tests' random ones.

A deadline counts only once it is settled: a report acknowledged (on time or late), or still
waiting after its deadline passed. A report filed this morning and not yet due is left out of
the share, not counted as on time, so that a busy week does not flatter a unit.

Percentiles are NumPy's default (linear interpolation between order statistics), computed
for every group at once from one sort of (group, value) instead of a loop over groups.
"""

from dataclasses import dataclass

import numpy as np

QUANTILES = (0.5, 0.9)


@dataclass(frozen=True)
class Durations:
    count: np.ndarray  # reports of the group with a duration
    median: np.ndarray  # hours, NaN where count is 0
    p90: np.ndarray
    overdue_share: np.ndarray  # 0 to 1 of the settled deadlines, NaN where none is settled
    settled: np.ndarray  # deadlines settled: met, missed, or passed while waiting


@dataclass(frozen=True)
class ResponseTimes:
    reports: np.ndarray  # reports per group
    acknowledge: Durations
    resolve: Durations


def grouped_quantiles(
    group: np.ndarray, values: np.ndarray, groups: int, quantiles: tuple[float, ...] = QUANTILES
) -> tuple[np.ndarray, np.ndarray]:
    """Per group, the number of finite values and their quantiles (rows: groups; NaN when empty)."""
    group = np.asarray(group, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(values)
    g, v = group[finite], values[finite]
    order = np.lexsort((v, g))
    g, v = g[order], v[order]
    counts = np.bincount(g, minlength=groups)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    out = np.full((groups, len(quantiles)), np.nan)
    present = counts > 0
    for column, q in enumerate(quantiles):
        position = q * (counts[present] - 1)
        low = np.floor(position).astype(np.int64)
        high = np.minimum(low + 1, counts[present] - 1)
        fraction = position - low
        base = starts[present]
        lower, upper = v[base + low], v[base + high]
        out[present, column] = lower + (upper - lower) * fraction
    return counts, out


def _durations(
    group: np.ndarray, start: np.ndarray, done: np.ndarray, due: np.ndarray, now: float, groups: int
) -> Durations:
    hours = done - start
    count, quantiles = grouped_quantiles(group, hours, groups)
    met = np.isfinite(done)
    settled = met | (due <= now)
    late = np.where(met, done > due, due <= now) & settled
    settled_count = np.bincount(group, weights=settled, minlength=groups)
    late_count = np.bincount(group, weights=late, minlength=groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(settled_count > 0, late_count / settled_count, np.nan)
    return Durations(count, quantiles[:, 0], quantiles[:, 1], share, settled_count.astype(np.int64))


def response_times(
    group: np.ndarray,
    start: np.ndarray,
    acknowledged: np.ndarray,
    resolved: np.ndarray,
    acknowledge_by: np.ndarray,
    resolve_by: np.ndarray,
    *,
    now: float,
    groups: int | None = None,
) -> ResponseTimes:
    """Response times of each group 0..groups-1 (NaN for a report never acknowledged or closed)."""
    group = np.asarray(group, dtype=np.int64)
    n_groups = int(group.max()) + 1 if groups is None and len(group) else (groups or 0)
    arrays = [np.asarray(a, dtype=np.float64) for a in (start, acknowledged, resolved, acknowledge_by, resolve_by)]
    start_, acknowledged_, resolved_, acknowledge_by_, resolve_by_ = arrays
    return ResponseTimes(
        reports=np.bincount(group, minlength=n_groups),
        acknowledge=_durations(group, start_, acknowledged_, acknowledge_by_, now, n_groups),
        resolve=_durations(group, start_, resolved_, resolve_by_, now, n_groups),
    )
