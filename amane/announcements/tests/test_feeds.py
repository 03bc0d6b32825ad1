"""The Atom feeds of a commune and a province, read back as XML."""

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from amane.announcements import feed_sources
from amane.announcements.feed_sources import FeedItem
from amane.announcements.models import Announcement
from amane.announcements.services import announcement_withdraw
from amane.announcements.tests.factories import AN_OFFICER_ACTOR, announcement_input, as_officer_of, publish
from amane.authorities.tests.factories import Units
from amane.geo.models import Area
from amane.geo.tests.factories import CITY, IN_CITY_EAST, IN_URBAN, PROVINCE, URBAN
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(path: str, headers: dict[str, str] | None = None) -> ET.Element:
    response = Client().get(path, headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    # Our own answer, in a test: the brief asks for xml.etree to read it back.
    return ET.fromstring(response.content)  # noqa: S314


def _titles(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") or "" for entry in feed.iter(f"{ATOM}entry")]


def test_a_commune_feed_has_its_announcements_and_public_reports(units: Units) -> None:
    announcement = publish(units.pashalik, announcement_input(title_ar="إعلان المدينة"))
    public = file_report(point=IN_CITY_EAST, description="سرقة قرب المحطة", contact="0600000000").report
    confidential = file_report(point=IN_CITY_EAST, category_code="domestic-violence", description="سري جدا").report
    feed = _feed(f"/feeds/communes/{CITY}.atom")
    assert feed.tag == f"{ATOM}feed"
    assert "إعلان المدينة" in _titles(feed)
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    assert f"urn:amane:announcement:{announcement.public_id}" in ids
    assert f"urn:amane:report:{public.public_id}" in ids
    assert f"urn:amane:report:{confidential.public_id}" not in ids
    text = ET.tostring(feed, encoding="unicode")
    assert "سري جدا" not in text
    assert "0600000000" not in text
    assert str(public.lat) not in text
    assert all(entry.find(f"{ATOM}updated") is not None for entry in feed.iter(f"{ATOM}entry"))


def test_hidden_and_withdrawn_announcements_and_other_communes_stay_out(units: Units) -> None:
    hidden = publish(units.pashalik, announcement_input(title_ar="مخفي"))
    Announcement.objects.filter(pk=hidden.pk).update(hidden=True)
    withdrawn = publish(units.pashalik, announcement_input(title_ar="مسحوب"))
    announcement_withdraw(viewer=as_officer_of(units.pashalik), actor=AN_OFFICER_ACTOR, public_id=withdrawn.public_id)
    publish(units.province, announcement_input(title_ar="الأمان فقط", area_codes=(URBAN,)))
    file_report(point=IN_URBAN, description="بعيد")
    titles = _titles(_feed(f"/feeds/communes/{CITY}.atom"))
    assert not {"مخفي", "مسحوب", "الأمان فقط"} & set(titles)
    assert len(titles) == 0


def test_a_province_feed_gathers_its_communes(units: Units) -> None:
    publish(units.province, announcement_input(title_ar="الأمان فقط", area_codes=(URBAN,)))
    publish(units.pashalik, announcement_input(title_ar="إعلان المدينة"))
    report = file_report(point=IN_URBAN).report
    feed = _feed(f"/feeds/provinces/{PROVINCE}.atom")
    assert {"الأمان فقط", "إعلان المدينة"} <= set(_titles(feed))
    assert f"urn:amane:report:{report.public_id}" in [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]


def test_the_feed_speaks_french_when_asked(units: Units) -> None:
    publish(units.pashalik, announcement_input(title_ar="إعلان", title_fr="Avis"))
    assert "Avis" in _titles(_feed(f"/feeds/communes/{CITY}.atom?lang=fr"))
    assert "Avis" in _titles(_feed(f"/feeds/communes/{CITY}.atom", headers={"Accept-Language": "fr"}))
    assert "إعلان" in _titles(_feed(f"/feeds/communes/{CITY}.atom"))


def test_unknown_codes_are_not_found(units: Units) -> None:
    client = Client()
    assert client.get("/feeds/communes/00.000.00.00.atom").status_code == 404
    assert client.get(f"/feeds/provinces/{CITY}.atom").status_code == 404
    assert client.get(f"/feeds/communes/{PROVINCE}.atom").status_code == 404


def test_fifty_items_at_most_newest_first(units: Units, monkeypatch: pytest.MonkeyPatch) -> None:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    def many(area: Area, limit: int) -> list[FeedItem]:
        return [
            FeedItem(f"spot {n}", f"/spots/{n}/", start + dt.timedelta(hours=n), "", f"urn:test:{n}")
            for n in range(min(limit, 60))
        ] + [FeedItem("extra", "/x/", start - dt.timedelta(days=1), "", "urn:test:x")]

    monkeypatch.setitem(feed_sources._SOURCES, "test-spots", many)
    titles = _titles(_feed(f"/feeds/communes/{CITY}.atom"))
    assert len(titles) == 50
    assert titles[0] == "spot 49"
    assert "extra" not in titles


def test_the_commune_page_names_its_feed(units: Units) -> None:
    page = Client().get(f"/communes/{CITY}/").content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" href="/feeds/communes/{CITY}.atom"' in page


def test_a_feed_costs_a_fixed_number_of_reads(units: Units, django_assert_max_num_queries: Any) -> None:
    for _ in range(3):
        publish(units.pashalik)
        file_report(point=IN_CITY_EAST)
        file_report(point=IN_URBAN)
    # The commune, then each source's range and its rows (black spots: their range and their answers').
    with django_assert_max_num_queries(8):
        _feed(f"/feeds/communes/{CITY}.atom")
    # A province adds its communes' ids and one short range per commune (three here).
    with django_assert_max_num_queries(14):
        _feed(f"/feeds/provinces/{PROVINCE}.atom")
    # Asked again, before anything changed: the kept answer, after one read of the version.
    with django_assert_max_num_queries(1):
        _feed(f"/feeds/provinces/{PROVINCE}.atom")


def test_a_kept_feed_is_made_again_once_something_changes(
    units: Units, django_capture_on_commit_callbacks: Any
) -> None:
    _feed(f"/feeds/communes/{CITY}.atom")
    with django_capture_on_commit_callbacks(execute=True):
        publish(units.pashalik, announcement_input(title_ar="جديد"))
    assert "جديد" in _titles(_feed(f"/feeds/communes/{CITY}.atom"))
    file_report(point=IN_CITY_EAST, description="بلاغ جديد")
    assert any(
        "بلاغ جديد" in (e.findtext(f"{ATOM}summary") or "")
        for e in _feed(f"/feeds/communes/{CITY}.atom").iter(f"{ATOM}entry")
    )
