"""
The accountability pages with 10,000 recommendations read a fixed number of rows: an indexed
page and one grouped count. How fast they answer is bench/community.py's to measure, at 1M
reports, not a test's.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from amane.authorities.tests.factories import Units
from amane.core import clock
from amane.meetings.models import Recommendation, RecommendationStatus
from amane.meetings.tests.factories import HOLDER, held_meeting

pytestmark = pytest.mark.django_db

TOTAL = 10_000
STATUSES = list(RecommendationStatus.values)


def _fill(units: Units) -> None:
    meeting = held_meeting()
    today = clock.now().date()
    responsible = [units.pashalik.pk, units.city_council.pk, units.caidat.pk, units.city_police.pk]
    Recommendation.objects.bulk_create(
        [
            Recommendation(
                public_id=f"bench{n:06d}",
                meeting=meeting,
                meeting_unit_id=meeting.unit_id if n % 3 else units.caidat.pk,
                responsible_unit_id=responsible[n % len(responsible)],
                text_fr=f"Recommandation {n}",
                due_on=today + dt.timedelta(days=(n % 700) - 400),
                status=STATUSES[n % len(STATUSES)],
                done_late=n % 8 == 0,
                created_at=clock.now(),
            )
            for n in range(TOTAL)
        ],
        batch_size=1000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE meetings_recommendation")


def test_a_page_reads_a_fixed_number_of_rows_whatever_the_total(units: Units) -> None:
    _fill(units)
    with CaptureQueriesContext(connection) as queries:
        Client().get(f"/units/{HOLDER}/accountability/?cursor=2026-01-01_5000")
    recommendation_reads = [q["sql"] for q in queries.captured_queries if "meetings_recommendation" in q["sql"]]
    assert len(recommendation_reads) == 3
    assert any("LIMIT 21" in sql for sql in recommendation_reads)
