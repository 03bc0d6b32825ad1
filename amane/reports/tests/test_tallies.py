import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from amane.core.actors import Actor, Role
from amane.core.errors import InvalidTransition
from amane.geo.tests.factories import IN_CITY_EAST, IN_RURAL, IN_URBAN, build_square_geography
from amane.reports import tallies
from amane.reports.models import Category, CellTally, CellTotal, MonthTally, Report
from amane.reports.services import category_save, report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db

STAFF = Actor(role=Role.AUTHORITY)


@pytest.fixture(autouse=True)
def _geography() -> None:
    build_square_geography()


def kept() -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    """The tallies as they stand, rows at zero left out (a count that went back to zero stays as a row)."""
    by_key = CellTally.objects.filter(count__gt=0).values_list(
        "resolution", "cell", "lat", "lon", "commune_id", "category_id", "status", "count"
    )
    totals = CellTotal.objects.filter(count__gt=0).values_list("resolution", "cell", "lat", "lon", "count")
    return set(by_key), set(totals)


def counted(**where: object) -> int:
    return sum(CellTally.objects.filter(**where).values_list("count", flat=True))


class TestKeptOnWrite:
    def test_a_public_report_is_counted_once_at_each_resolution(self) -> None:
        report = file_report().report
        for resolution, cell in ((5, report.cell_r5), (7, report.cell_r7), (9, report.cell_r9)):
            row = CellTally.objects.get(resolution=resolution, cell=cell)
            assert (row.count, row.status, row.category_id, row.commune_id) == (
                1,
                "submitted",
                report.category_id,
                report.commune_id,
            )
            assert CellTotal.objects.get(resolution=resolution, cell=cell).count == 1

    def test_a_confidential_report_is_never_counted(self) -> None:
        report = file_report(category_code="extremism").report
        assert report.public is False
        assert not CellTally.objects.exists() and not CellTotal.objects.exists()

    def test_a_status_change_moves_the_count_and_leaves_the_total(self) -> None:
        report = file_report().report
        file_report()
        report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="acknowledged")
        assert counted(resolution=9, status="submitted") == 1
        assert counted(resolution=9, status="acknowledged") == 1
        assert CellTotal.objects.get(resolution=9, cell=report.cell_r9).count == 2

    def test_reject_and_duplicate_are_statuses_like_the_others(self) -> None:
        first, second, third = (file_report().report for _ in range(3))
        report_change_status(actor=AN_AUTHORITY, public_id=second.public_id, new_status="rejected", message="ليس بلاغا")
        original = first.public_id
        report_change_status(
            actor=AN_AUTHORITY, public_id=third.public_id, new_status="duplicate", duplicate_of_public_id=original
        )
        for resolution in (5, 7, 9):
            assert counted(resolution=resolution, status="submitted") == 1
            assert counted(resolution=resolution, status="rejected") == 1
            assert counted(resolution=resolution, status="duplicate") == 1

    def test_a_refused_status_change_changes_no_count(self) -> None:
        report = file_report().report
        before = kept()
        with pytest.raises(InvalidTransition):
            report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="resolved")
        assert kept() == before


class TestConfidentialityChange:
    def test_a_category_made_confidential_leaves_every_public_count(self) -> None:
        theft = file_report().report
        file_report(category_code="vandalism", point=IN_RURAL)
        category = Category.objects.get(code="theft")
        category.confidential = True
        category_save(actor=STAFF, category=category)
        theft.refresh_from_db()
        assert theft.public is False
        assert counted(category=category) == 0
        assert CellTotal.objects.filter(cell=theft.cell_r9, count__gt=0).count() == 0
        assert counted(resolution=9) == 1

    def test_made_public_again_its_reports_are_counted_again(self) -> None:
        file_report(category_code="extremism")
        category = Category.objects.get(code="extremism")
        category.confidential = False
        category_save(actor=STAFF, category=category)
        assert Report.objects.get().public is True
        assert counted(resolution=9, category=category) == 1
        assert CellTotal.objects.filter(resolution=9).get().count == 1

    def test_a_rename_leaves_the_counts_alone(self) -> None:
        file_report()
        before = kept()
        category = Category.objects.get(code="theft")
        category.name_fr = "Vol (tout type)"
        category_save(actor=STAFF, category=category)
        assert kept() == before


class TestRebuild:
    def test_the_rebuild_finds_what_the_writes_kept(self) -> None:
        reports = [file_report(point=point).report for point in (IN_URBAN, IN_RURAL, IN_CITY_EAST, IN_URBAN)]
        file_report(category_code="extremism")
        report_change_status(actor=AN_AUTHORITY, public_id=reports[0].public_id, new_status="acknowledged")
        report_change_status(actor=AN_AUTHORITY, public_id=reports[1].public_id, new_status="rejected", message="x")
        report_change_status(
            actor=AN_AUTHORITY,
            public_id=reports[3].public_id,
            new_status="duplicate",
            duplicate_of_public_id=reports[0].public_id,
        )
        incremental = kept()
        tallies.rebuild()
        assert kept() == incremental
        assert len(incremental[0]) > 0

    def test_the_command_repairs_counts_lost_around_the_services(self, capsys: pytest.CaptureFixture[str]) -> None:
        file_report()
        file_report(point=IN_RURAL)
        incremental = kept()
        CellTally.objects.all().delete()
        CellTotal.objects.update(count=7)
        call_command("rebuild-tallies")
        assert kept() == incremental
        assert "Tallies rebuilt: 6 rows" in capsys.readouterr().out


def months_kept() -> set[tuple[object, ...]]:
    rows = MonthTally.objects.filter(count__gt=0)
    return set(rows.values_list("month", "commune_id", "province_id", "region_id", "category_id", "count"))


class TestMonthTallies:
    def test_a_public_report_counts_in_its_commune_category_and_month(self) -> None:
        long_ago = timezone.now() - dt.timedelta(days=70)
        file_report()
        file_report()
        file_report(occurred_at=long_ago)
        file_report(category_code="domestic-violence")
        rows = MonthTally.objects.filter(count__gt=0).order_by("month")
        assert [(row.month.day, row.count) for row in rows] == [(1, 1), (1, 2)]
        assert rows[1].month == timezone.localdate().replace(day=1)

    def test_hidden_and_made_confidential_reports_leave_the_months(self) -> None:
        report = file_report().report
        file_report(category_code="vandalism")
        tallies.report_withdrawn(report)
        assert sum(MonthTally.objects.values_list("count", flat=True)) == 1
        category = Category.objects.get(code="vandalism")
        category.confidential = True
        category_save(actor=STAFF, category=category)
        assert months_kept() == set()

    def test_the_rebuild_finds_what_the_writes_kept(self) -> None:
        for point in (IN_URBAN, IN_RURAL, IN_CITY_EAST, IN_URBAN):
            file_report(point=point)
        file_report(point=IN_RURAL, occurred_at=timezone.now() - dt.timedelta(days=40))
        incremental = months_kept()
        tallies.rebuild()
        assert months_kept() == incremental and len(incremental) >= 4
