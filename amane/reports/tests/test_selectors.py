"""Every read of reports answers only what its viewer may see: the public, an officer of the units, staff."""

import datetime as dt

import pytest
from django.utils import timezone

from amane.core.errors import InvalidInput, NotFound
from amane.core.viewer import PUBLIC, Viewer, officer, staff
from amane.geo.models import Area
from amane.geo.tests.factories import IN_RURAL, IN_URBAN, RURAL, URBAN, build_square_geography
from amane.reports import selectors
from amane.reports.selectors import ReportFilters
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report
from amane.reports.tests.test_photos import photo_with_gps

pytestmark = pytest.mark.django_db

STAFF = staff(1)
RURAL_OFFICER = officer(2, {RURAL})
CONFIDENTIAL = "domestic-violence"


@pytest.fixture(autouse=True)
def _geography() -> None:
    build_square_geography()


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days, hours=1)


def listed(viewer: Viewer, filters: ReportFilters | None = None) -> set[str]:
    return {
        report.public_id for report in selectors.report_list(viewer=viewer, filters=filters or ReportFilters()).results
    }


class TestReportList:
    def test_a_confidential_report_is_listed_for_staff_and_its_officer_only(self) -> None:
        public = file_report(point=IN_URBAN).report.public_id
        confidential_rural = file_report(point=IN_RURAL, category_code=CONFIDENTIAL).report.public_id
        confidential_urban = file_report(point=IN_URBAN, category_code=CONFIDENTIAL).report.public_id

        assert listed(PUBLIC) == {public}
        assert listed(RURAL_OFFICER) == {public, confidential_rural}
        assert listed(STAFF) == {public, confidential_rural, confidential_urban}

    def test_each_filter_narrows_the_list(self) -> None:
        theft_urban = file_report(point=IN_URBAN, occurred_at=days_ago(10)).report
        space_rural = file_report(point=IN_RURAL, category_code="unsafe-space", occurred_at=days_ago(2)).report
        report_change_status(actor=AN_AUTHORITY, public_id=space_rural.public_id, new_status="acknowledged")

        assert listed(PUBLIC, ReportFilters(commune_code=RURAL)) == {space_rural.public_id}
        assert listed(PUBLIC, ReportFilters(category_codes=("theft",))) == {theft_urban.public_id}
        assert listed(PUBLIC, ReportFilters(statuses=("acknowledged",))) == {space_rural.public_id}
        since = (timezone.localdate() - dt.timedelta(days=5),)
        assert listed(PUBLIC, ReportFilters(occurred_from=since[0])) == {space_rural.public_id}
        assert listed(PUBLIC, ReportFilters(occurred_to=since[0])) == {theft_urban.public_id}

    def test_a_bounding_box_holds_the_reports_whose_public_point_is_inside(self) -> None:
        urban = file_report(point=IN_URBAN).report
        file_report(point=IN_RURAL)
        box = (urban.public_lon - 0.01, urban.public_lat - 0.01, urban.public_lon + 0.01, urban.public_lat + 0.01)
        assert listed(PUBLIC, ReportFilters(bbox=box)) == {urban.public_id}

    def test_the_cursor_walks_every_report_once_newest_day_first(self) -> None:
        filed = [file_report(occurred_at=days_ago(n)).report.public_id for n in range(5)]
        seen: list[str] = []
        cursor = None
        while True:
            page = selectors.report_list(viewer=PUBLIC, filters=ReportFilters(), cursor=cursor, limit=2)
            seen += [report.public_id for report in page.results]
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert sorted(seen) == sorted(filed) and len(seen) == len(set(seen))

    def test_the_page_size_is_held_between_one_and_the_maximum(self) -> None:
        for _ in range(3):
            file_report()
        assert len(selectors.report_list(viewer=PUBLIC, filters=ReportFilters(), limit=0).results) == 1
        assert len(selectors.report_list(viewer=PUBLIC, filters=ReportFilters(), limit=10_000).results) == 3

    def test_a_malformed_cursor_is_invalid_input_on_the_cursor(self) -> None:
        with pytest.raises(InvalidInput) as refused:
            selectors.report_list(viewer=PUBLIC, filters=ReportFilters(), cursor="not-a-cursor")
        assert list(refused.value.fields) == ["cursor"]


class TestReportGet:
    def test_a_hidden_report_is_not_found_exactly_like_a_missing_one(self) -> None:
        hidden = file_report(point=IN_RURAL, category_code=CONFIDENTIAL).report
        with pytest.raises(NotFound) as for_hidden:
            selectors.report_get(viewer=PUBLIC, public_id=hidden.public_id)
        with pytest.raises(NotFound) as for_missing:
            selectors.report_get(viewer=PUBLIC, public_id="NOSUCHREPORT")
        assert str(for_hidden.value) == str(for_missing.value)

    @pytest.mark.parametrize("viewer", [STAFF, RURAL_OFFICER], ids=["staff", "officer"])
    def test_staff_and_the_units_officer_read_a_confidential_report(self, viewer: Viewer) -> None:
        hidden = file_report(point=IN_RURAL, category_code=CONFIDENTIAL).report
        assert selectors.report_get(viewer=viewer, public_id=hidden.public_id).pk == hidden.pk

    def test_an_officer_of_other_units_does_not(self) -> None:
        hidden = file_report(point=IN_URBAN, category_code=CONFIDENTIAL).report
        with pytest.raises(NotFound):
            selectors.report_get(viewer=RURAL_OFFICER, public_id=hidden.public_id)


class TestReportTrack:
    def test_the_receipt_code_finds_its_report_confidential_or_not(self) -> None:
        filed = file_report(category_code=CONFIDENTIAL)
        assert selectors.report_track(receipt_code=filed.receipt_code).pk == filed.report.pk

    def test_a_wrong_secret_and_a_malformed_code_are_both_not_found(self) -> None:
        filed = file_report()
        wrong_secret = filed.receipt_code[:-1] + ("A" if filed.receipt_code[-1] != "A" else "B")
        for code in (wrong_secret, "hello", ""):
            with pytest.raises(NotFound):
                selectors.report_track(receipt_code=code)


def test_a_confidential_reports_photo_is_served_to_staff_only() -> None:
    photo = file_report(category_code=CONFIDENTIAL, photos=[photo_with_gps()]).report.photos.get()
    assert selectors.photo_for_viewer(viewer=STAFF, photo_public_id=photo.public_id).pk == photo.pk
    with pytest.raises(NotFound):
        selectors.photo_for_viewer(viewer=PUBLIC, photo_public_id=photo.public_id)


def test_map_cells_count_what_the_viewer_may_see() -> None:
    for _ in range(3):
        file_report(point=IN_URBAN)
    file_report(point=IN_URBAN, category_code=CONFIDENTIAL)

    def total(viewer: Viewer) -> int:
        return sum(
            cell.count for cell in selectors.report_cells(viewer=viewer, filters=ReportFilters(), resolution=7).cells
        )

    assert (total(PUBLIC), total(STAFF)) == (3, 4)


def test_commune_counts_add_up_by_status_and_by_category_for_the_viewer() -> None:
    urban = Area.objects.get(code=URBAN)
    first = file_report(point=IN_URBAN).report
    file_report(point=IN_URBAN, category_code="unsafe-space")
    file_report(point=IN_URBAN, category_code=CONFIDENTIAL)
    report_change_status(actor=AN_AUTHORITY, public_id=first.public_id, new_status="acknowledged")

    public = selectors.commune_counts(viewer=PUBLIC, commune=urban)
    assert public.total == 2
    assert public.by_status == {"acknowledged": 1, "submitted": 1}
    assert public.by_category == {"theft": 1, "unsafe-space": 1}
    assert selectors.commune_counts(viewer=STAFF, commune=urban).total == 3


def test_confidential_categories_are_offered_as_filters_only_to_who_may_see_such_reports() -> None:
    def codes(viewer: Viewer) -> set[str]:
        return set(selectors.categories_visible_to(viewer).values_list("code", flat=True))

    assert CONFIDENTIAL not in codes(PUBLIC)
    assert CONFIDENTIAL in codes(STAFF)
    assert CONFIDENTIAL in codes(RURAL_OFFICER)
    assert CONFIDENTIAL in set(selectors.categories_for_reporting().values_list("code", flat=True))
