"""Response times per group: NumPy's percentiles group by group, and the share of missed deadlines."""

import numpy as np
import pytest

from amane.analytics.engine.response import grouped_quantiles, response_times


def random_reports(seed: int, n: int = 3000, groups: int = 40) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    start = rng.uniform(0, 24 * 365, n)
    acknowledged = start + rng.exponential(30, n)
    acknowledged[rng.uniform(size=n) < 0.2] = np.nan
    resolved = start + rng.exponential(24 * 20, n)
    resolved[rng.uniform(size=n) < 0.3] = np.nan
    return {
        "group": rng.integers(0, groups, n),
        "start": start,
        "acknowledged": acknowledged,
        "resolved": resolved,
        "acknowledge_by": start + 48,
        "resolve_by": start + 24 * 30,
    }


@pytest.mark.parametrize("seed", range(4))
def test_medians_and_90th_percentiles_equal_numpy_group_by_group(seed: int) -> None:
    r = random_reports(seed)
    result = response_times(**r, now=24 * 365, groups=40)
    for g in range(40):
        mine = r["group"] == g
        for durations, done in ((result.acknowledge, r["acknowledged"]), (result.resolve, r["resolved"])):
            hours = (done - r["start"])[mine]
            hours = hours[np.isfinite(hours)]
            assert durations.count[g] == len(hours)
            assert durations.median[g] == pytest.approx(np.percentile(hours, 50), abs=1e-9)
            assert durations.p90[g] == pytest.approx(np.percentile(hours, 90), abs=1e-9)
        assert result.reports[g] == mine.sum()


def test_overdue_share_counts_late_and_still_waiting_past_the_deadline_among_settled_ones() -> None:
    r = random_reports(9)
    now = 24 * 300.0
    result = response_times(**r, now=now, groups=40)
    for g in range(40):
        mine = r["group"] == g
        done, due = r["acknowledged"][mine], r["acknowledge_by"][mine]
        met = np.isfinite(done)
        settled = met | (due <= now)
        late = (met & (done > due)) | (~met & (due <= now))
        assert result.acknowledge.settled[g] == settled.sum()
        assert result.acknowledge.overdue_share[g] == pytest.approx(late.sum() / settled.sum())


def test_a_report_not_yet_due_and_waiting_is_left_out_of_the_share() -> None:
    result = response_times(
        np.array([0, 0]),
        np.array([0.0, 100.0]),
        np.array([10.0, np.nan]),
        np.array([np.nan, np.nan]),
        np.array([48.0, 148.0]),
        np.array([720.0, 820.0]),
        now=110.0,
    )
    assert result.acknowledge.settled[0] == 1
    assert result.acknowledge.overdue_share[0] == 0.0
    assert np.isnan(result.resolve.overdue_share[0])
    assert np.isnan(result.resolve.median[0])


def test_an_empty_group_has_no_figures() -> None:
    counts, quantiles = grouped_quantiles(np.array([0, 0, 2]), np.array([1.0, 3.0, 5.0]), 3)
    assert counts.tolist() == [2, 0, 1]
    assert quantiles[0].tolist() == [2.0, 2.8]
    assert np.isnan(quantiles[1]).all()
    assert quantiles[2].tolist() == [5.0, 5.0]
