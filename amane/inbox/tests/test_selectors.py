"""An officer's inbox holds exactly the reports routed to their units, newest first."""

import datetime as dt

import pytest
from django.utils import timezone

from amane.authorities.tests.factories import IN_DOUAR, NORTH_ANNEX, Units, officer_of, point_of
from amane.core.errors import NotFound
from amane.inbox.selectors import InboxFilters, inbox_page, inbox_report
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


def ids(viewer: object, **filters: object) -> list[str]:
    page = inbox_page(viewer=viewer, filters=InboxFilters(**filters))  # type: ignore[arg-type]
    return [report.public_id for report in page.reports]


def test_an_annex_sees_its_reports_and_the_pashalik_and_province_see_them_too(units: Units) -> None:
    annex = file_report(point=point_of(NORTH_ANNEX)).report.public_id
    douar = file_report(point=point_of(IN_DOUAR)).report.public_id
    assert ids(officer_of("annex-north")) == [annex]
    assert ids(officer_of("pashalik-city")) == [annex]
    assert ids(officer_of("province-99.901")) == [douar, annex]  # newest first
    assert ids(officer_of("caidat-douar")) == [douar]


def test_filters_by_status_category_and_text_and_counts_by_status(units: Units) -> None:
    first = file_report(point=point_of(IN_DOUAR), description="سرقة دراجة قرب السوق").report
    second = file_report(point=point_of(IN_DOUAR), category_code="unsafe-space", description="إنارة معطلة").report
    report_change_status(actor=AN_AUTHORITY, public_id=first.public_id, new_status="acknowledged")
    caid = officer_of("caidat-douar")
    assert ids(caid, statuses=("acknowledged",)) == [first.public_id]
    assert ids(caid, category_codes=("unsafe-space",)) == [second.public_id]
    assert ids(caid, text="دراجة") == [first.public_id]
    assert ids(caid, text=second.public_id.lower()) == [second.public_id]
    page = inbox_page(viewer=caid, filters=InboxFilters(statuses=("acknowledged",)))
    assert page.counts == {"acknowledged": 1, "submitted": 1}


def test_pages_follow_one_another_without_gaps_or_repeats(units: Units) -> None:
    filed = [file_report(point=point_of(IN_DOUAR)).report.public_id for _ in range(5)]
    caid = officer_of("caidat-douar")
    seen, before = [], None
    while True:
        page = inbox_page(viewer=caid, filters=InboxFilters(), before=before, limit=2)
        seen += [report.public_id for report in page.reports]
        if page.next_before is None:
            break
        before = page.next_before
    assert seen == list(reversed(filed))


def test_a_unit_filter_outside_the_viewers_units_shows_nothing(units: Units) -> None:
    file_report(point=point_of(NORTH_ANNEX))
    assert ids(officer_of("annex-north"), unit_id=units.caidat.pk) == []


def test_a_report_outside_the_jurisdiction_is_not_found_like_one_that_does_not_exist(units: Units) -> None:
    douar = file_report(point=point_of(IN_DOUAR)).report.public_id
    with pytest.raises(NotFound) as outside:
        inbox_report(viewer=officer_of("annex-north"), public_id=douar)
    with pytest.raises(NotFound) as missing:
        inbox_report(viewer=officer_of("annex-north"), public_id="NOSUCHREPORT")
    assert str(outside.value) == str(missing.value)


def test_the_responsible_unit_and_those_above_it_may_act_a_unit_in_copy_may_not(units: Units) -> None:
    annex = file_report(point=point_of(NORTH_ANNEX)).report.public_id
    assert inbox_report(viewer=officer_of("annex-north"), public_id=annex).may_act
    assert inbox_report(viewer=officer_of("pashalik-city"), public_id=annex).may_act
    assert not inbox_report(viewer=officer_of("police-city"), public_id=annex).may_act


def test_a_report_in_two_of_the_viewers_units_is_listed_once_and_counted_once(units: Units) -> None:
    annex = file_report(point=point_of(NORTH_ANNEX)).report.public_id
    both = officer_of("annex-north", "pashalik-city")
    page = inbox_page(viewer=both, filters=InboxFilters())
    assert [report.public_id for report in page.reports] == [annex]
    assert page.counts == {"submitted": 1} and page.capped is False


def test_past_the_window_counts_are_lower_bounds_and_words_are_looked_for_among_the_newest(
    units: Units, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("amane.inbox.selectors.WINDOW", 2)
    oldest = file_report(point=point_of(IN_DOUAR), description="puits bouché").report
    newer = [file_report(point=point_of(IN_DOUAR), description=f"lampadaire {n}").report for n in range(2)]
    caid = officer_of("caidat-douar")
    page = inbox_page(viewer=caid, filters=InboxFilters())
    assert [r.public_id for r in page.reports] == [newer[1].public_id, newer[0].public_id, oldest.public_id]
    assert page.counts == {"submitted": 2} and page.capped is True
    assert ids(caid, text="puits") == []  # beyond the newest two
    assert ids(caid, text=oldest.public_id.upper()) == [oldest.public_id]  # an id is found wherever it is
    assert ids(caid, text="lampadaire") == [newer[1].public_id, newer[0].public_id]
    searched = inbox_page(viewer=caid, filters=InboxFilters(text="lampadaire"))
    assert searched.capped is True and searched.counts == {"submitted": 2}


def test_below_the_window_counts_are_exact(units: Units) -> None:
    for _ in range(3):
        file_report(point=point_of(IN_DOUAR))
    page = inbox_page(viewer=officer_of("caidat-douar"), filters=InboxFilters())
    assert page.counts == {"submitted": 3} and page.capped is False


def test_dates_keep_the_reports_that_happened_between_them_newest_first(units: Units) -> None:
    now = timezone.now()
    old, mid, new = (
        file_report(point=point_of(IN_DOUAR), occurred_at=now - dt.timedelta(days=days)).report for days in (60, 30, 1)
    )
    caid = officer_of("caidat-douar")
    month_ago = timezone.localdate() - dt.timedelta(days=30)
    assert ids(caid, occurred_from=month_ago) == [new.public_id, mid.public_id]
    assert ids(caid, occurred_to=month_ago) == [mid.public_id, old.public_id]
    assert ids(caid, occurred_from=month_ago, occurred_to=month_ago) == [mid.public_id]


def test_filtered_pages_follow_one_another_and_stop_at_the_units_own_reports(units: Units) -> None:
    filed = [file_report(point=point_of(IN_DOUAR), category_code="vandalism").report.public_id for _ in range(3)]
    file_report(point=point_of(NORTH_ANNEX), category_code="vandalism")  # newer, another unit's
    caid = officer_of("caidat-douar")
    seen, before = [], None
    while True:
        page = inbox_page(viewer=caid, filters=InboxFilters(category_codes=("vandalism",)), before=before, limit=2)
        seen += [report.public_id for report in page.reports]
        if page.next_before is None:
            break
        before = page.next_before
    assert seen == list(reversed(filed))


def test_the_overdue_filter_keeps_the_reports_past_a_deadline_and_counts_them(units: Units) -> None:
    import datetime as dt

    from amane.core import clock

    late = file_report(point=point_of(IN_DOUAR)).report
    soon = file_report(point=point_of(IN_DOUAR)).report
    report_change_status(actor=AN_AUTHORITY, public_id=soon.public_id, new_status="acknowledged")
    caid = officer_of("caidat-douar")
    in_four_days = clock.now() + dt.timedelta(days=4)
    assert ids(caid, overdue_at=in_four_days) == [late.public_id]  # acknowledged in time: not late
    page = inbox_page(viewer=caid, filters=InboxFilters(overdue_at=in_four_days))
    assert page.counts == {"submitted": 1}
    assert ids(caid, overdue_at=clock.now()) == []
