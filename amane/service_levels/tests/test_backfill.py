"""Reports written around the services get the same deadlines the filing would have given them."""

import datetime as dt

import pytest

from amane.authorities.tests.factories import Units
from amane.service_levels.backfill import deadlines_backfill
from amane.service_levels.models import ReportDeadline, ServiceLevel
from amane.service_levels.tests.factories import ACKNOWLEDGE_BY, file_in_north_annex, move

pytestmark = pytest.mark.django_db


def deadlines_of(*report_ids: int) -> list[tuple[object, ...]]:
    rows = ReportDeadline.objects.filter(report_id__in=report_ids).order_by("report_id")
    return list(rows.values_list("report_id", "acknowledge_by", "resolve_by", "acknowledge_watched", "resolve_watched"))


def test_the_backfill_gives_the_deadlines_filing_gives_whatever_the_level_and_status(units: Units) -> None:
    ServiceLevel.objects.filter(category__code="vandalism").update(acknowledge_hours=7, resolve_days=3)
    waiting = file_in_north_annex()
    other = file_in_north_annex(category_code="vandalism", when=ACKNOWLEDGE_BY + dt.timedelta(days=20))
    acknowledged = file_in_north_annex()
    move(acknowledged, "acknowledged", when=ACKNOWLEDGE_BY)
    closed = file_in_north_annex()
    move(closed, "rejected", when=ACKNOWLEDGE_BY, message="ليس من اختصاصنا")
    open_ids = (waiting.pk, other.pk, acknowledged.pk)
    as_filed = deadlines_of(*open_ids)
    ReportDeadline.objects.all().delete()
    assert deadlines_backfill() == 3
    assert deadlines_of(*open_ids) == as_filed
    assert not ReportDeadline.objects.filter(report=closed).exists()
    assert deadlines_of(acknowledged.pk)[0][3] is None


def test_a_second_backfill_reads_nothing_it_has_seen(units: Units) -> None:
    file_in_north_annex()
    ReportDeadline.objects.all().delete()
    assert deadlines_backfill() == 1
    ReportDeadline.objects.all().delete()
    assert deadlines_backfill() == 0
