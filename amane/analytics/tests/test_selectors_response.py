"""Response times of public reports, per responsible unit and category, from their timelines."""

import datetime as dt

import numpy as np
import pytest

from amane.analytics.scopes import scope_for
from amane.analytics.selectors.response import ResponseQuery, response_times
from amane.authorities.tests.factories import IN_AL_AMANE, NORTH_ANNEX, build_units, point_of
from amane.core import clock
from amane.geo.tests.factories import RURAL
from amane.reports.models import Report
from amane.reports.tests.factories import file_report
from amane.service_levels.models import ReportDeadline
from amane.service_levels.tests.factories import ACKNOWLEDGE_BY, CASABLANCA, FILED_AT, RESOLVE_BY, move, responsible_of

pytestmark = pytest.mark.django_db

NOW = FILED_AT + dt.timedelta(days=40)
DAY_START = dt.datetime(2026, 3, 2, tzinfo=CASABLANCA)


def file_at(place: tuple[tuple[float, float], tuple[str, ...]], **fields: object) -> Report:
    with clock.pinned_at(FILED_AT):
        return file_report(point=point_of(place), occurred_at=FILED_AT - dt.timedelta(hours=2), **fields).report


def real_hours(wall_hours: float | None) -> float | None:
    """Hours elapsed from the filing day's start to a local time so many hours later (Ramadan moves the clock)."""
    if wall_hours is None:
        return None
    return (at(wall_hours).timestamp() - DAY_START.timestamp()) / 3600


def at(wall_hours: float) -> dt.datetime:
    return DAY_START + dt.timedelta(hours=wall_hours)


@pytest.fixture
def timelines() -> list[tuple[Report, float | None, float | None]]:
    """Reports in the north annex and Al Amane, with the hours after filing they were acknowledged and closed."""
    plans: list[tuple[object, float | None, float | None]] = [
        (NORTH_ANNEX, 20.0, 24.0 * 5),
        (NORTH_ANNEX, 90.0, 24.0 * 40),
        (NORTH_ANNEX, 30.0, None),
        (NORTH_ANNEX, None, None),
        (NORTH_ANNEX, 5.0, 24.0 * 2),
        (IN_AL_AMANE, 12.0, 24.0 * 3),
    ]
    build_units()
    made = []
    for place, acknowledged, closed in plans:
        report = file_at(place)  # type: ignore[arg-type]
        if acknowledged is not None:
            move(report, "acknowledged", when=at(acknowledged))
        if closed is not None:
            move(report, "resolved", when=at(closed))
        made.append((report, real_hours(acknowledged), real_hours(closed)))
    return made


def test_each_unit_and_category_gets_its_medians_90th_percentiles_and_overdue_shares(
    timelines: list[tuple[Report, float | None, float | None]],
) -> None:
    answer = response_times(ResponseQuery(scope=scope_for(None)), now=NOW)
    groups = {(g["code"], g["category"]): g for g in answer["groups"]}
    expected: dict[str, list[tuple[float | None, float | None]]] = {}
    kinds: dict[str, str] = {}
    for report, acknowledged, closed in timelines:
        unit = responsible_of(report)
        code = unit or report.commune.code
        kinds[code] = "unit" if unit else "commune"
        expected.setdefault(code, []).append((acknowledged, closed))
    assert set(groups) == {(code, "theft") for code in expected}
    for code, times in expected.items():
        group = groups[code, "theft"]
        assert group["by"] == kinds[code]
        assert group["reports"] == len(times)
        for step, column, deadline in (("acknowledge", 0, ACKNOWLEDGE_BY), ("resolve", 1, RESOLVE_BY)):
            done = np.array([t[column] for t in times if t[column] is not None])
            assert group[step]["count"] == len(done)
            if len(done):
                assert group[step]["median_hours"] == pytest.approx(np.percentile(done, 50), abs=1e-3)
                assert group[step]["p90_hours"] == pytest.approx(np.percentile(done, 90), abs=1e-3)
            due = (deadline.timestamp() - DAY_START.timestamp()) / 3600
            late = sum(1 for t in times if (t[column] or np.inf) > due)
            assert group[step]["settled"] == len(times)  # 40 days on, every deadline has passed
            assert group[step]["overdue_share"] == pytest.approx(late / len(times), abs=1e-3)


def test_confidential_reports_and_other_scopes_are_left_out(
    timelines: list[tuple[Report, float | None, float | None]],
) -> None:
    file_at(NORTH_ANNEX, category_code="domestic-violence")
    answer = response_times(ResponseQuery(scope=scope_for(None)), now=NOW)
    assert sum(g["reports"] for g in answer["groups"]) == len(timelines)
    assert response_times(ResponseQuery(scope=scope_for(RURAL)), now=NOW)["groups"] == []


def test_filing_days_narrow_the_reports(timelines: list[tuple[Report, float | None, float | None]]) -> None:
    later = FILED_AT.date() + dt.timedelta(days=1)
    assert response_times(ResponseQuery(scope=scope_for(None), filed_from=later), now=NOW)["groups"] == []
    upto = response_times(ResponseQuery(scope=scope_for(None), filed_to=FILED_AT.date()), now=NOW)
    assert sum(g["reports"] for g in upto["groups"]) == len(timelines)


def test_reports_loaded_without_deadlines_get_their_service_levels(
    timelines: list[tuple[Report, float | None, float | None]],
) -> None:
    before = response_times(ResponseQuery(scope=scope_for(None)), now=NOW)
    ReportDeadline.objects.all().delete()
    assert response_times(ResponseQuery(scope=scope_for(None)), now=NOW) == before
