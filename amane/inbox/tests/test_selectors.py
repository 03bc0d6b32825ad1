"""An officer's inbox holds exactly the reports routed to their units, newest first."""

import pytest

from amane.authorities.tests.factories import IN_DOUAR, NORTH_ANNEX, Units, officer_of
from amane.core.errors import NotFound
from amane.inbox.selectors import InboxFilters, inbox_page, inbox_report
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


def at(place: tuple[tuple[float, float], tuple[str, ...]]) -> tuple[float, float]:
    (lon, lat), _ = place
    return lat, lon


def ids(viewer: object, **filters: object) -> list[str]:
    page = inbox_page(viewer=viewer, filters=InboxFilters(**filters))  # type: ignore[arg-type]
    return [report.public_id for report in page.reports]


def test_an_annex_sees_its_reports_and_the_pashalik_and_province_see_them_too(units: Units) -> None:
    annex = file_report(point=at(NORTH_ANNEX)).report.public_id
    douar = file_report(point=at(IN_DOUAR)).report.public_id
    assert ids(officer_of("annex-north")) == [annex]
    assert ids(officer_of("pashalik-city")) == [annex]
    assert ids(officer_of("province-99.901")) == [douar, annex]  # newest first
    assert ids(officer_of("caidat-douar")) == [douar]


def test_filters_by_status_category_and_text_and_counts_by_status(units: Units) -> None:
    first = file_report(point=at(IN_DOUAR), description="سرقة دراجة قرب السوق").report
    second = file_report(point=at(IN_DOUAR), category_code="unsafe-space", description="إنارة معطلة").report
    report_change_status(actor=AN_AUTHORITY, public_id=first.public_id, new_status="acknowledged")
    caid = officer_of("caidat-douar")
    assert ids(caid, statuses=("acknowledged",)) == [first.public_id]
    assert ids(caid, category_codes=("unsafe-space",)) == [second.public_id]
    assert ids(caid, text="دراجة") == [first.public_id]
    assert ids(caid, text=second.public_id.lower()) == [second.public_id]
    page = inbox_page(viewer=caid, filters=InboxFilters(statuses=("acknowledged",)))
    assert page.counts == {"acknowledged": 1, "submitted": 1}


def test_pages_follow_one_another_without_gaps_or_repeats(units: Units) -> None:
    filed = [file_report(point=at(IN_DOUAR)).report.public_id for _ in range(5)]
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
    file_report(point=at(NORTH_ANNEX))
    assert ids(officer_of("annex-north"), unit_id=units.caidat.pk) == []


def test_a_report_outside_the_jurisdiction_is_not_found_like_one_that_does_not_exist(units: Units) -> None:
    douar = file_report(point=at(IN_DOUAR)).report.public_id
    with pytest.raises(NotFound) as outside:
        inbox_report(viewer=officer_of("annex-north"), public_id=douar)
    with pytest.raises(NotFound) as missing:
        inbox_report(viewer=officer_of("annex-north"), public_id="NOSUCHREPORT")
    assert str(outside.value) == str(missing.value)


def test_the_responsible_unit_and_those_above_it_may_act_a_unit_in_copy_may_not(units: Units) -> None:
    annex = file_report(point=at(NORTH_ANNEX)).report.public_id
    assert inbox_report(viewer=officer_of("annex-north"), public_id=annex).may_act
    assert inbox_report(viewer=officer_of("pashalik-city"), public_id=annex).may_act
    assert not inbox_report(viewer=officer_of("police-city"), public_id=annex).may_act
