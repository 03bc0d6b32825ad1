import datetime as dt

from amane.meetings.progress import Progress, chart_bars, progress_of, tally

DUE = dt.date(2026, 3, 15)


def test_open_before_its_date_is_on_time() -> None:
    assert progress_of(status="open", due_on=DUE, done_on=None, today=DUE) == Progress.ON_TIME


def test_in_progress_after_its_date_is_late() -> None:
    assert (
        progress_of(status="in_progress", due_on=DUE, done_on=None, today=DUE + dt.timedelta(days=1)) == Progress.LATE
    )


def test_done_on_or_before_its_date_is_done() -> None:
    assert progress_of(status="done", due_on=DUE, done_on=DUE, today=DUE + dt.timedelta(days=90)) == Progress.DONE


def test_done_after_its_date_is_done_late() -> None:
    done_on = DUE + dt.timedelta(days=2)
    assert progress_of(status="done", due_on=DUE, done_on=done_on, today=done_on) == Progress.DONE_LATE


def test_dropped_is_dropped_whatever_the_date() -> None:
    assert progress_of(status="dropped", due_on=DUE, done_on=None, today=DUE + dt.timedelta(days=9)) == Progress.DROPPED


def test_tally_counts_by_month_of_the_due_date() -> None:
    rows = [
        (dt.date(2026, 2, 10), "done", False, 3),
        (dt.date(2026, 2, 20), "open", False, 2),
        (dt.date(2026, 3, 1), "done", True, 1),
        (dt.date(2026, 3, 30), "in_progress", False, 4),
    ]
    result = tally(rows, today=dt.date(2026, 3, 15))
    assert [m.month for m in result.months] == [dt.date(2026, 2, 1), dt.date(2026, 3, 1)]
    february, march = result.months
    assert february.counts[Progress.DONE] == 3 and february.counts[Progress.LATE] == 2
    assert march.counts[Progress.DONE_LATE] == 1 and march.counts[Progress.ON_TIME] == 4
    assert result.totals[Progress.LATE] == 2 and result.total == 10


def test_chart_bars_scale_the_busiest_month_to_the_full_height() -> None:
    result = tally([(dt.date(2026, 1, 5), "done", False, 4), (dt.date(2026, 2, 5), "open", False, 2)], today=DUE)
    bars = chart_bars(result.months, width=200, height=100)
    assert len(bars) == 2
    assert bars[0].height == 100 and bars[1].height == 50
    assert bars[1].x > bars[0].x


def test_no_months_no_bars() -> None:
    assert chart_bars([], width=200, height=100) == []
