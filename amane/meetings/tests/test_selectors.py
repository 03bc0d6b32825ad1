import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amane.authorities.tests.factories import Units
from amane.core import clock
from amane.geo.models import Area
from amane.geo.tests.factories import CITY, RURAL, URBAN
from amane.meetings import selectors, services
from amane.meetings.progress import Progress
from amane.meetings.tests.factories import association, held_meeting, officer, recommend, schedule

pytestmark = pytest.mark.django_db

FIXED = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)


class TestCommuneScope:
    def test_units_covering_the_commune_and_their_annexes(self, units: Units) -> None:
        ids = set(selectors.commune_unit_ids(commune=Area.objects.get(code=CITY)))
        expected = {units.pashalik, units.north_annex, units.south_west_annex, units.city_police, units.city_council}
        assert ids == {unit.pk for unit in expected}

    def test_the_province_is_left_out(self, units: Units) -> None:
        ids = selectors.commune_unit_ids(commune=Area.objects.get(code=RURAL))
        assert units.province.pk not in ids and units.caidat.pk in ids

    def test_a_recommendation_is_listed_by_its_responsible_unit_or_its_meetings_unit(self, units: Units) -> None:
        with clock.pinned_at(FIXED):
            meeting = held_meeting()
            for_city = recommend(meeting, due_on=FIXED.date())
            for_douar = recommend(meeting, due_on=FIXED.date(), responsible="caidat-douar")
            rural = Area.objects.get(code=RURAL)
            listed = selectors.accountability_page(unit_ids=selectors.commune_unit_ids(commune=rural))
            assert [r.public_id for r in listed.recommendations] == [for_douar.public_id]
            city = selectors.accountability_page(
                unit_ids=selectors.commune_unit_ids(commune=Area.objects.get(code=CITY))
            )
            assert {r.public_id for r in city.recommendations} == {for_city.public_id, for_douar.public_id}
            urban = selectors.accountability_page(
                unit_ids=selectors.commune_unit_ids(commune=Area.objects.get(code=URBAN))
            )
            assert urban.recommendations == []


class TestAccountabilityPage:
    def test_states_and_counts_with_a_fixed_clock(self, units: Units) -> None:
        with clock.pinned_at(FIXED - dt.timedelta(days=30)):
            meeting = held_meeting(days_ago=1)
            on_time = recommend(meeting, due_on=FIXED.date() + dt.timedelta(days=5))
            late = recommend(meeting, due_on=FIXED.date() - dt.timedelta(days=5))
            done = recommend(meeting, due_on=FIXED.date() + dt.timedelta(days=40))
            done_late = recommend(meeting, due_on=FIXED.date() - dt.timedelta(days=20))
        viewer, actor = officer()
        with clock.pinned_at(FIXED - dt.timedelta(days=1)):
            for made in (done, done_late):
                services.recommendation_update(
                    viewer=viewer, actor=actor, public_id=made.public_id, text="Fait", new_status="done"
                )
        with clock.pinned_at(FIXED):
            page = selectors.accountability_page(unit_ids=[units.pashalik.pk])
        states = {r.public_id: page.progress_of(r) for r in page.recommendations}
        assert states == {
            on_time.public_id: Progress.ON_TIME,
            late.public_id: Progress.LATE,
            done.public_id: Progress.DONE,
            done_late.public_id: Progress.DONE_LATE,
        }
        assert page.tally.totals[Progress.LATE] == 1 and page.tally.totals[Progress.DONE_LATE] == 1
        assert page.tally.total == 4
        assert [m.month for m in page.tally.months] == [dt.date(2026, 5, 1), dt.date(2026, 6, 1), dt.date(2026, 7, 1)]

    def test_pages_follow_each_other_without_repeating(self, units: Units) -> None:
        with clock.pinned_at(FIXED):
            meeting = held_meeting()
            made = {recommend(meeting, due_on=FIXED.date() + dt.timedelta(days=i % 3)).public_id for i in range(45)}
            seen: list[str] = []
            cursor = None
            for _page in range(3):
                page = selectors.accountability_page(unit_ids=[units.pashalik.pk], cursor=cursor)
                seen.extend(r.public_id for r in page.recommendations)
                cursor = page.next_cursor
            assert cursor is None and len(seen) == 45 and set(seen) == made

    def test_a_page_is_a_fixed_number_of_queries(self, units: Units) -> None:
        with clock.pinned_at(FIXED):
            meeting = held_meeting()
            for i in range(5):
                made = recommend(meeting, due_on=FIXED.date() + dt.timedelta(days=i))
                viewer, actor = officer()
                services.recommendation_update(
                    viewer=viewer, actor=actor, public_id=made.public_id, text="x", new_status="in_progress"
                )
            with CaptureQueriesContext(connection) as queries:
                page = selectors.accountability_page(unit_ids=[units.pashalik.pk])
                for r in page.recommendations:
                    _ = (r.responsible_unit.name_ar, r.latest_update.text if r.latest_update else "")
        assert len(queries) == 3

    def test_a_bad_cursor_is_refused(self, units: Units) -> None:
        from amane.core.errors import InvalidInput

        with pytest.raises(InvalidInput):
            selectors.accountability_page(unit_ids=[units.pashalik.pk], cursor="yesterday")


class TestInvitable:
    def test_only_verified_associations_of_the_communes_not_yet_invited(self, units: Units) -> None:
        association("here")
        association("pending", status="pending")
        association("far", communes=(RURAL,))
        association("already")
        viewer, actor = officer()
        meeting = schedule(acting=(viewer, actor))
        services.meeting_invite(viewer=viewer, actor=actor, public_id=meeting.public_id, association_slugs=["already"])
        assert [a.slug for a in selectors.invitable_associations(meeting=meeting)] == ["here"]

    def test_a_province_works_in_all_its_communes(self, units: Units) -> None:
        communes = selectors.unit_commune_ids(unit=units.province)
        assert communes == set(Area.objects.filter(code__in=[CITY, URBAN, RURAL]).values_list("pk", flat=True))


def test_the_commune_sections_counts_are_one_read_and_match_the_page(units: Units) -> None:
    with clock.pinned_at(FIXED):
        meeting = held_meeting()
        recommend(meeting, due_on=FIXED.date() - dt.timedelta(days=1))
        recommend(meeting, due_on=FIXED.date(), responsible="caidat-douar")
        city = Area.objects.get(code=CITY)
        with CaptureQueriesContext(connection) as queries:
            quick = selectors.commune_tally(commune=city, today=FIXED.date())
        full = selectors.recommendation_tally(unit_ids=selectors.commune_unit_ids(commune=city), today=FIXED.date())
    assert len(queries) == 1
    assert quick.totals == full.totals and quick.total == 2 and quick.totals[Progress.LATE] == 1
