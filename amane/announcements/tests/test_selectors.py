"""Reads of announcements: what the public, a commune's pages and a feed see."""

import datetime as dt

import pytest
from pytest_django import DjangoAssertNumQueries

from amane.announcements import selectors
from amane.announcements.models import Announcement
from amane.announcements.tests.factories import announcement_input, as_officer_of, publish, urgent_input
from amane.authorities.tests.factories import Units
from amane.core import clock
from amane.core.errors import NotFound
from amane.core.viewer import PUBLIC, Viewer, staff
from amane.geo.models import Area
from amane.geo.tests.factories import CITY, CITY_EAST, PROVINCE, REGION, URBAN

pytestmark = pytest.mark.django_db


def test_a_page_of_a_commune_hears_its_province_and_region(units: Units) -> None:
    city = Area.objects.get(code=CITY)
    expected = list(
        Area.objects.filter(code__in=[CITY, PROVINCE, REGION]).order_by("kind").values_list("id", flat=True)
    )
    assert sorted(selectors.areas_above(city)) == sorted(expected)
    east = Area.objects.get(code=CITY_EAST)
    assert city.pk in selectors.areas_above(east)


def test_current_announcements_are_published_unexpired_and_public(units: Units) -> None:
    now = clock.now()
    current = publish(units.pashalik)
    provincial = publish(units.province)
    later = publish(units.pashalik, announcement_input(publishes_at=now + dt.timedelta(days=1)))
    hidden = publish(units.pashalik)
    Announcement.objects.filter(pk=hidden.pk).update(hidden=True)
    elsewhere = publish(units.province, announcement_input(area_codes=(URBAN,)))
    found = selectors.current_for_area(area=Area.objects.get(code=CITY))
    assert {a.public_id for a in found} == {current.public_id, provincial.public_id}
    assert later not in found and elsewhere not in found
    with clock.pinned_at(now + dt.timedelta(days=2)):
        assert later.public_id in {a.public_id for a in selectors.current_for_area(area=Area.objects.get(code=CITY))}


def test_an_announcement_for_several_communes_is_listed_once(units: Units) -> None:
    announcement = publish(units.province, announcement_input(area_codes=(URBAN, CITY, PROVINCE)))
    area_ids = list(Area.objects.filter(code__in=[URBAN, CITY, PROVINCE]).values_list("id", flat=True))
    assert [a.public_id for a in selectors.published_for_areas(area_ids=area_ids)] == [announcement.public_id]


def test_the_ticker_reads_urgent_ones_soonest_ending_first(units: Units) -> None:
    long = publish(units.pashalik, urgent_input(days=5))
    short = publish(units.province, urgent_input(days=1))
    publish(units.pashalik)
    items = selectors.urgent_for_area(area=Area.objects.get(code=CITY))
    assert [item.public_id for item in items] == [short.public_id, long.public_id]


def test_a_hidden_or_withdrawn_one_is_its_unit_s_and_staff_s_only(units: Units) -> None:
    announcement = publish(units.pashalik)
    Announcement.objects.filter(pk=announcement.pk).update(hidden=True)
    for viewer in (PUBLIC, as_officer_of(units.city_police)):
        with pytest.raises(NotFound):
            selectors.announcement_get(viewer=viewer, public_id=announcement.public_id)
    moderator = Viewer(user_id=7, platform_roles=frozenset({"moderator"}))
    for viewer in (staff(1), as_officer_of(units.pashalik), moderator):
        assert selectors.announcement_get(viewer=viewer, public_id=announcement.public_id) == announcement


def test_the_commune_s_list_is_one_read(units: Units, django_assert_num_queries: DjangoAssertNumQueries) -> None:
    for _ in range(5):
        publish(units.pashalik)
    city = Area.objects.get(code=CITY)
    with django_assert_num_queries(1):
        assert len(selectors.current_for_area(area=city, limit=3)) == 3


def test_the_officer_s_list_is_their_units_only(units: Units) -> None:
    mine = publish(units.pashalik)
    publish(units.province)
    assert selectors.announcements_of_viewer_units(viewer=as_officer_of(units.pashalik)) == [mine]
    assert selectors.announcements_of_viewer_units(viewer=PUBLIC) == []
