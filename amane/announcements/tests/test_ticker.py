"""The urgent ticker: on every page of its area until it ends, nowhere else, never when hidden."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import Client
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from amane.announcements import ticker
from amane.announcements.models import Announcement
from amane.announcements.tests.factories import announcement_input, publish, urgent_input
from amane.authorities.tests.factories import Units
from amane.core import clock
from amane.geo.models import Area
from amane.geo.tests.factories import CITY, IN_CITY_EAST, URBAN
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db

MARQUEE = 'role="marquee"'


def _page(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_an_urgent_announcement_runs_on_its_commune_page_and_its_reports_pages(units: Units) -> None:
    announcement = publish(units.pashalik, urgent_input(title_ar="فيضان: احذروا الوادي"))
    report = file_report(point=IN_CITY_EAST).report
    for path in (f"/communes/{CITY}/", f"/reports/{report.public_id}/"):
        page = _page(path)
        assert MARQUEE in page and 'aria-live="polite"' in page
        assert "فيضان: احذروا الوادي" in page
        assert f"/announcements/{announcement.public_id}/" in page


def test_it_runs_nowhere_else(units: Units) -> None:
    publish(units.pashalik, urgent_input(title_ar="فيضان: احذروا الوادي"))
    for path in (f"/communes/{URBAN}/", "/", "/about/"):
        assert MARQUEE not in _page(path)


def test_a_province_s_urgent_announcement_runs_in_each_of_its_communes(units: Units) -> None:
    publish(units.province, urgent_input(title_ar="إنذار إقليمي"))
    assert "إنذار إقليمي" in _page(f"/communes/{URBAN}/")
    assert "إنذار إقليمي" in _page(f"/communes/{CITY}/")


def test_an_announcement_that_is_not_urgent_runs_no_ticker(units: Units) -> None:
    publish(units.pashalik, announcement_input(title_ar="اجتماع عادي"))
    page = _page(f"/communes/{CITY}/")
    assert MARQUEE not in page
    assert "اجتماع عادي" in page  # in the commune page's section instead


def test_it_is_gone_once_it_expires(units: Units) -> None:
    announcement = publish(units.pashalik, urgent_input(days=1))
    city = Area.objects.get(code=CITY)
    assert [item.public_id for item in ticker.ticker_items(city)] == [announcement.public_id]
    assert announcement.expires_at is not None
    with clock.pinned_at(announcement.expires_at + dt.timedelta(seconds=1)):
        # Cached or not, the end is checked on every page.
        assert ticker.ticker_items(city) == []
        cache.clear()  # the public pages' cache: a minute at most
        assert MARQUEE not in _page(f"/communes/{CITY}/")


def test_it_does_not_run_before_it_starts(units: Units) -> None:
    now = clock.now()
    publish(
        units.pashalik,
        announcement_input(urgent=True, publishes_at=now + dt.timedelta(days=1), expires_at=now + dt.timedelta(days=2)),
    )
    assert MARQUEE not in _page(f"/communes/{CITY}/")


def test_it_is_gone_when_hidden_by_flags(units: Units) -> None:
    announcement = publish(units.pashalik, urgent_input())
    assert MARQUEE in _page(f"/communes/{CITY}/")
    Announcement.objects.filter(pk=announcement.pk).update(hidden=True)
    ticker.forget_all()
    cache.clear()
    assert MARQUEE not in _page(f"/communes/{CITY}/")


def test_the_ticker_is_read_once_and_a_write_makes_it_stale(
    units: Units,
    django_assert_num_queries: DjangoAssertNumQueries,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    city = Area.objects.get(code=CITY)
    with django_assert_num_queries(1):
        assert ticker.ticker_items(city) == []
    with django_assert_num_queries(0):
        assert ticker.ticker_items(city) == []
    with django_capture_on_commit_callbacks(execute=True):
        announcement = publish(units.pashalik, urgent_input())
    assert [item.public_id for item in ticker.ticker_items(city)] == [announcement.public_id]


def test_a_page_without_an_area_reads_nothing(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    template = Template("{% load announcements_tags %}{% urgent_ticker %}")
    with django_assert_num_queries(0):
        assert template.render(Context({})).strip() == ""
        assert template.render(Context({"ticker_area": None})).strip() == ""


def test_a_commune_code_names_the_area_too(units: Units) -> None:
    publish(units.pashalik, urgent_input(title_ar="تحذير"))
    rendered = Template("{% load announcements_tags %}{% urgent_ticker %}").render(Context({"ticker_area": CITY}))
    assert "تحذير" in rendered
    assert ticker.ticker_items("00.000.00.00") == []
