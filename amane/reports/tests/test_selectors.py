"""
Every read of reports answers only what its viewer may see (the public, an officer of the
units, staff), from indexes and tallies that do not grow with the table.
"""

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amane.authorities.tests.factories import build_units, officer_of
from amane.core.errors import InvalidInput, NotFound
from amane.core.viewer import PUBLIC, Viewer, staff
from amane.geo.models import Area
from amane.geo.tests.factories import (
    IN_CITY_EAST,
    IN_RURAL,
    IN_URBAN,
    RURAL,
    URBAN,
    SquareGeography,
    build_square_geography,
)
from amane.reports import selectors
from amane.reports.models import Report
from amane.reports.privacy import cell_centre
from amane.reports.selectors import ReportFilters
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report
from amane.reports.tests.test_photos import photo_with_gps

pytestmark = pytest.mark.django_db

STAFF = staff(1)
CONFIDENTIAL = "domestic-violence"
POINTS = (IN_URBAN, IN_RURAL, IN_CITY_EAST)
WHOLE_BOX = (-8.5, 30.5, -7.0, 31.5)
RURAL_BOX = (IN_RURAL[1] - 0.01, IN_RURAL[0] - 0.01, IN_RURAL[1] + 0.01, IN_RURAL[0] + 0.01)


@pytest.fixture(autouse=True)
def geography() -> SquareGeography:
    geography = build_square_geography()
    build_units()
    return geography


def rural_officer() -> Viewer:
    """An officer of the gendarmerie of Douar Test, where confidential reports go to them."""
    return officer_of("gendarmerie-rural")


@pytest.fixture
def mixed(geography: SquareGeography) -> list[Report]:
    """Public reports of two categories and three statuses in three communes, and a confidential one."""
    reports = []
    for n in range(9):
        category = ("theft", "vandalism")[n % 2]
        reports.append(file_report(point=POINTS[n % 3], category_code=category).report)
    report_change_status(actor=AN_AUTHORITY, public_id=reports[0].public_id, new_status="acknowledged")
    report_change_status(actor=AN_AUTHORITY, public_id=reports[4].public_id, new_status="rejected", message="x")
    file_report(category_code="extremism")
    return reports


def counts_from_reports(filters: ReportFilters, resolution: int) -> dict[str, int]:
    """The counts the public should see, counted from the reports themselves."""
    column = f"cell_r{resolution}"
    reports = selectors.reports_visible_to(PUBLIC)
    if filters.category_codes:
        reports = reports.filter(category__code__in=filters.category_codes)
    if filters.statuses:
        reports = reports.filter(status__in=filters.statuses)
    if filters.commune_code:
        reports = reports.filter(commune__code=filters.commune_code)
    return dict(Counter(reports.values_list(column, flat=True)))


class TestReportCells:
    @pytest.mark.parametrize("resolution", [5, 7, 9])
    @pytest.mark.parametrize(
        "filters",
        [
            ReportFilters(),
            ReportFilters(category_codes=("theft",)),
            ReportFilters(statuses=("submitted", "rejected")),
            ReportFilters(bbox=(-8.5, 30.5, -7.0, 31.5)),
        ],
    )
    def test_the_public_counts_come_from_the_tallies_and_match_the_reports(
        self, mixed: list[Report], filters: ReportFilters, resolution: int
    ) -> None:
        answer = selectors.report_cells(viewer=PUBLIC, filters=filters, resolution=resolution)
        assert {cell.cell: cell.count for cell in answer.cells} == counts_from_reports(filters, resolution)
        assert answer.truncated is False

    def test_a_commune_filter_counts_that_commune_only(self, mixed: list[Report], geography: SquareGeography) -> None:
        filters = ReportFilters(commune_code=geography.rural.code)
        answer = selectors.report_cells(viewer=PUBLIC, filters=filters, resolution=9)
        assert {cell.cell: cell.count for cell in answer.cells} == counts_from_reports(filters, 9)
        assert sum(cell.count for cell in answer.cells) == 3

    def test_a_box_holds_the_cells_whose_centre_is_in_it_give_or_take_a_cell(self, mixed: list[Report]) -> None:
        lat, lon = IN_RURAL
        around = ReportFilters(bbox=(lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001))
        answer = selectors.report_cells(viewer=PUBLIC, filters=around, resolution=9)
        assert [cell.count for cell in answer.cells] == [3]
        far = ReportFilters(bbox=(lon + 0.05, lat + 0.05, lon + 0.06, lat + 0.06))
        assert selectors.report_cells(viewer=PUBLIC, filters=far, resolution=9).cells == []

    def test_an_answer_past_the_cap_says_it_was_cut(self, mixed: list[Report], monkeypatch: Any) -> None:
        monkeypatch.setattr(selectors, "MAX_CELLS", 2)
        answer = selectors.report_cells(viewer=PUBLIC, filters=ReportFilters(), resolution=9)
        assert len(answer.cells) == 2 and answer.truncated is True

    def test_staff_count_from_the_reports_confidential_included(self, mixed: list[Report]) -> None:
        answer = selectors.report_cells(viewer=STAFF, filters=ReportFilters(), resolution=5)
        assert sum(cell.count for cell in answer.cells) == 10


def dated_counts_from_reports(filters: ReportFilters, resolution: int) -> dict[str, int]:
    reports = selectors.reports_visible_to(PUBLIC).filter(occurred_on__gte=filters.occurred_from)
    if filters.bbox:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        reports = reports.filter(public_lat__range=(min_lat, max_lat), public_lon__range=(min_lon, max_lon))
    return dict(Counter(reports.values_list(f"cell_r{resolution}", flat=True)))


class TestDatedCells:
    """The tallies have no dates: a dated map counts reports, never more than DATED_COUNT_LIMIT of them."""

    @pytest.fixture
    def seasons(self) -> dt.date:
        """Two reports a year ago and four last week (one in another commune), one confidential; returns the cut."""
        now = timezone.now()
        for point in (IN_URBAN, IN_RURAL):
            file_report(point=point, occurred_at=now - dt.timedelta(days=365))
        for point in (IN_URBAN, IN_URBAN, IN_RURAL, IN_CITY_EAST):
            file_report(point=point, occurred_at=now - dt.timedelta(days=5))
        file_report(point=IN_URBAN, category_code=CONFIDENTIAL, occurred_at=now - dt.timedelta(days=5))
        return timezone.localdate() - dt.timedelta(days=30)

    @pytest.mark.parametrize("resolution", [5, 7, 9])
    @pytest.mark.parametrize("box", [None, WHOLE_BOX])
    def test_only_the_periods_public_reports_are_counted(
        self, seasons: dt.date, resolution: int, box: tuple[float, float, float, float] | None
    ) -> None:
        filters = ReportFilters(bbox=box, occurred_from=seasons)
        answer = selectors.report_cells(viewer=PUBLIC, filters=filters, resolution=resolution)
        counted = {cell.cell: cell.count for cell in answer.cells}
        assert counted == dated_counts_from_reports(filters, resolution)
        assert sum(counted.values()) == 4 and answer.too_wide_for_dates is False

    def test_a_cell_is_placed_at_its_centre(self, seasons: dt.date) -> None:
        answer = selectors.report_cells(viewer=PUBLIC, filters=ReportFilters(occurred_from=seasons), resolution=7)
        for cell in answer.cells:
            assert (cell.lat, cell.lon) == cell_centre(cell.cell)

    def test_a_full_box_with_a_short_period_is_counted_through_the_period(
        self, seasons: dt.date, monkeypatch: Any
    ) -> None:
        # The box holds 6 public reports, the period 4: only the period is under a limit of 5.
        monkeypatch.setattr(selectors, "DATED_COUNT_LIMIT", 5)
        filters = ReportFilters(bbox=WHOLE_BOX, occurred_from=seasons)
        answer = selectors.report_cells(viewer=PUBLIC, filters=filters, resolution=9)
        assert {c.cell: c.count for c in answer.cells} == dated_counts_from_reports(filters, 9)

    @pytest.mark.parametrize("box", [None, WHOLE_BOX])
    def test_when_box_and_period_both_pass_the_limit_no_cells_are_given_and_the_answer_says_why(
        self, seasons: dt.date, monkeypatch: Any, box: tuple[float, float, float, float] | None
    ) -> None:
        monkeypatch.setattr(selectors, "DATED_COUNT_LIMIT", 3)
        answer = selectors.report_cells(
            viewer=PUBLIC, filters=ReportFilters(bbox=box, occurred_from=seasons), resolution=5
        )
        assert answer.cells == [] and answer.too_wide_for_dates is True

    def test_the_limit_is_reached_exactly_and_still_counted(self, seasons: dt.date, monkeypatch: Any) -> None:
        monkeypatch.setattr(selectors, "DATED_COUNT_LIMIT", 4)
        answer = selectors.report_cells(viewer=PUBLIC, filters=ReportFilters(occurred_from=seasons), resolution=5)
        assert sum(cell.count for cell in answer.cells) == 4


class TestCommuneCountsFromTallies:
    def test_the_public_counts_come_from_the_tallies(self, mixed: list[Report], geography: SquareGeography) -> None:
        counts = selectors.commune_counts(viewer=PUBLIC, commune=geography.urban)
        assert counts.total == 3
        assert counts.by_status == {"acknowledged": 1, "submitted": 2}
        assert counts.by_category == {"theft": 2, "vandalism": 1}

    def test_staff_see_the_confidential_report_too(self, mixed: list[Report], geography: SquareGeography) -> None:
        counts = selectors.commune_counts(viewer=STAFF, commune=geography.urban)
        assert counts.total == 4 and counts.by_category["extremism"] == 1


def walk_pages(filters: ReportFilters, limit: int) -> list[str]:
    seen: list[str] = []
    cursor = None
    while True:
        page = selectors.report_list(viewer=PUBLIC, filters=filters, cursor=cursor, limit=limit)
        seen += [report.public_id for report in page.results]
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


class TestReportListOrder:
    @pytest.mark.parametrize("box", [WHOLE_BOX, RURAL_BOX])
    @pytest.mark.parametrize("category", [(), ("theft",)])
    def test_a_box_lists_the_same_reports_whichever_way_it_is_read(
        self, mixed: list[Report], box: tuple[float, float, float, float], category: tuple[str, ...]
    ) -> None:
        # Two a page: the whole box is dense (walked in order), the rural one is read then sorted.
        min_lon, min_lat, max_lon, max_lat = box
        inside = Report.objects.filter(
            public=True, public_lat__gte=min_lat, public_lat__lte=max_lat, public_lon__gte=min_lon
        ).filter(public_lon__lte=max_lon)
        if category:
            inside = inside.filter(category__code__in=category)
        expected = list(inside.order_by("-occurred_on", "-public_id").values_list("public_id", flat=True))
        assert walk_pages(ReportFilters(bbox=box, category_codes=category), limit=2) == expected
        assert expected

    def test_pages_follow_the_day_it_happened_then_the_public_id(self, geography: SquareGeography) -> None:
        now = timezone.now()
        for days in (3, 1, 2, 1, 5):
            file_report(occurred_at=now - dt.timedelta(days=days))
        seen: list[Report] = []
        cursor = None
        while True:
            page = selectors.report_list(viewer=PUBLIC, filters=ReportFilters(), cursor=cursor, limit=2)
            seen += page.results
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        keys = [(r.occurred_on, r.public_id) for r in seen]
        assert keys == sorted(keys, reverse=True) and len(set(keys)) == 5

    def test_dates_filter_by_the_local_day(self, geography: SquareGeography) -> None:
        # 23:30 in Casablanca on 1 March is already 2 March in no zone that Amane uses.
        late = timezone.make_aware(dt.datetime(2026, 3, 1, 23, 30))
        file_report(occurred_at=late)
        march_first = ReportFilters(occurred_from=dt.date(2026, 3, 1), occurred_to=dt.date(2026, 3, 1))
        assert len(selectors.report_list(viewer=PUBLIC, filters=march_first).results) == 1
        march_second = ReportFilters(occurred_from=dt.date(2026, 3, 2))
        assert selectors.report_list(viewer=PUBLIC, filters=march_second).results == []


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
        assert listed(rural_officer()) == {public, confidential_rural}
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

    @pytest.mark.parametrize("who", ["staff", "officer"])
    def test_staff_and_the_units_officer_read_a_confidential_report(self, who: str) -> None:
        viewer = STAFF if who == "staff" else rural_officer()
        hidden = file_report(point=IN_RURAL, category_code=CONFIDENTIAL).report
        assert selectors.report_get(viewer=viewer, public_id=hidden.public_id).pk == hidden.pk

    def test_an_officer_of_other_units_does_not(self) -> None:
        hidden = file_report(point=IN_URBAN, category_code=CONFIDENTIAL).report
        with pytest.raises(NotFound):
            selectors.report_get(viewer=rural_officer(), public_id=hidden.public_id)


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
    assert selectors.photo_for_viewer(viewer=STAFF, photo_public_id=photo.public_id)[0].pk == photo.pk
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
    assert CONFIDENTIAL in codes(rural_officer())
    assert CONFIDENTIAL in set(selectors.categories_for_reporting().values_list("code", flat=True))


def plan(query: Any) -> str:
    return str(query.explain())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN wording")
class TestPlans:
    """The public reads walk an index in their order and stop after a page: no sort, no full scan."""

    @pytest.mark.parametrize(
        ("filters", "index"),
        [
            (ReportFilters(), "report_public_order"),
            (ReportFilters(statuses=("resolved",)), "report_public_status"),
            (ReportFilters(category_codes=("theft",)), "report_public_category"),
            (ReportFilters(occurred_from=dt.date(2026, 3, 1)), "report_public_order"),
            (ReportFilters(statuses=("resolved",), occurred_from=dt.date(2026, 3, 1)), "report_public_status"),
        ],
    )
    def test_lists_read_their_index_in_order(self, mixed: list[Report], filters: ReportFilters, index: str) -> None:
        text = plan(selectors.page_ids(viewer=PUBLIC, filters=filters)[:51])
        assert f"USING COVERING INDEX {index}" in text or f"USING INDEX {index}" in text, text
        assert "TEMP B-TREE" not in text, text

    def test_a_commune_list_reads_the_commune_index(self, mixed: list[Report], geography: SquareGeography) -> None:
        text = plan(selectors.page_ids(viewer=PUBLIC, filters=ReportFilters(commune_code=geography.urban.code))[:51])
        assert "report_public_commune" in text and "TEMP B-TREE" not in text, text

    def test_a_cursor_starts_the_index_at_its_day(self, mixed: list[Report]) -> None:
        page = selectors.report_list(viewer=PUBLIC, filters=ReportFilters(), limit=2)
        text = plan(selectors.page_ids(viewer=PUBLIC, filters=ReportFilters(), cursor=page.next_cursor)[:51])
        assert "report_public_order (public=? AND occurred_on<?)" in text, text

    def test_a_dense_box_walks_the_order_and_tests_the_box_in_the_index(self, mixed: list[Report]) -> None:
        # 9 public reports in all, all in the box: 9² > (2 + 1) × 9, so the order is walked.
        text = plan(selectors.page_ids(viewer=PUBLIC, filters=ReportFilters(bbox=WHOLE_BOX), limit=2)[:3])
        assert "USING COVERING INDEX report_public_order" in text and "TEMP B-TREE" not in text, text

    @pytest.mark.parametrize(
        ("filters", "index"),
        [
            (ReportFilters(bbox=(-8.5, 30.5, -7.0, 31.5)), "cell_total_box"),
            (ReportFilters(bbox=(-8.5, 30.5, -7.0, 31.5), category_codes=("theft",)), "cell_tally_box"),
        ],
    )
    def test_map_cells_read_only_the_tallies_index(
        self, mixed: list[Report], filters: ReportFilters, index: str
    ) -> None:
        text = plan(selectors.tallied_cells_query(filters, 9))
        assert f"USING COVERING INDEX {index}" in text, text
        assert "reports_report" not in text, text

    @pytest.mark.parametrize(("limit", "index"), [(100, "report_public_box"), (5, "report_public_order")])
    def test_a_dated_map_reads_the_box_or_the_period_from_an_index_alone(
        self, mixed: list[Report], monkeypatch: Any, limit: int, index: str
    ) -> None:
        # The 9 public reports all lie in the box and all happened today: with a limit of 5 the
        # box is too full, but a period starting tomorrow is empty, so it is read instead.
        monkeypatch.setattr(selectors, "DATED_COUNT_LIMIT", limit)
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        filters = ReportFilters(bbox=WHOLE_BOX, occurred_from=tomorrow)
        with CaptureQueriesContext(connection) as queries:
            selectors.report_cells(viewer=PUBLIC, filters=filters, resolution=7)
        reads = [q["sql"] for q in queries.captured_queries if '"reports_report"' in q["sql"]]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + reads[-1])
            text = str(cursor.fetchall())
        assert f"USING COVERING INDEX {index}" in text, text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's EXPLAIN wording")
class TestPostgresPlans:
    """
    On a table of a few rows PostgreSQL rightly prefers a sequential scan, or a bitmap scan and
    a sort; with those ways closed (a sort is then only taken when nothing else can give the
    order), the plan shows whether an index serves the order.
    """

    @pytest.mark.parametrize(
        ("filters", "index"),
        [
            (ReportFilters(), "report_public_order"),
            (ReportFilters(statuses=("resolved",)), "report_public_status"),
            (ReportFilters(category_codes=("theft",)), "report_public_category"),
            (ReportFilters(statuses=("resolved",), occurred_from=dt.date(2026, 3, 1)), "report_public_status"),
        ],
    )
    def test_lists_read_their_index_in_order_without_a_sort(
        self, mixed: list[Report], filters: ReportFilters, index: str
    ) -> None:
        with connection.cursor() as cursor:
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
                cursor.execute(f"SET LOCAL {setting} = off")
            text = plan(selectors.page_ids(viewer=PUBLIC, filters=filters)[:51])
        assert index in text, text
        assert "Sort" not in text, text
