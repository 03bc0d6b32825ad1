"""The announcement pages: the public page in Arabic and French, the officer's form, list and withdrawal."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from amane.announcements.models import Announcement
from amane.announcements.tests.factories import announcement_input, publish
from amane.authorities.tests.factories import Units, signed_in_officer
from amane.core import clock
from amane.geo.tests.factories import CITY

pytestmark = pytest.mark.django_db


def test_the_public_page_speaks_the_reader_s_language(units: Units) -> None:
    announcement = publish(
        units.pashalik, announcement_input(title_ar="إعلان", title_fr="Avis", body_fr="<p>Texte</p>")
    )
    arabic = Client().get(f"/announcements/{announcement.public_id}/").content.decode()
    assert "إعلان" in arabic and 'dir="rtl"' in arabic
    french = Client().get(f"/announcements/{announcement.public_id}/?lang=fr").content.decode()
    assert "Avis" in french and "<p>Texte</p>" in french and 'dir="ltr"' in french


def test_without_french_the_french_page_shows_the_arabic(units: Units) -> None:
    announcement = publish(units.pashalik, announcement_input(title_ar="إعلان فقط", title_fr="", body_fr=""))
    assert "إعلان فقط" in Client().get(f"/announcements/{announcement.public_id}/?lang=fr").content.decode()


def test_a_hidden_announcement_is_not_found_by_the_public_but_its_unit_sees_it(units: Units) -> None:
    announcement = publish(units.pashalik)
    Announcement.objects.filter(pk=announcement.pk).update(hidden=True)
    assert Client().get(f"/announcements/{announcement.public_id}/").status_code == 404
    officer = signed_in_officer(units.pashalik.code)
    assert officer.get(f"/announcements/{announcement.public_id}/").status_code == 200


def test_the_commune_page_lists_current_announcements_only(units: Units) -> None:
    publish(units.pashalik, announcement_input(title_ar="إعلان جار"))
    past = clock.now() - dt.timedelta(days=10)
    ended = publish(units.pashalik, announcement_input(title_ar="إعلان قديم", publishes_at=past))
    Announcement.objects.filter(pk=ended.pk).update(expires_at=past + dt.timedelta(days=1))
    ended.area_links.update(expires_at=past + dt.timedelta(days=1))
    page = Client().get(f"/communes/{CITY}/").content.decode()
    assert "إعلان جار" in page
    assert "إعلان قديم" not in page


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "unit": "pashalik-city",
        "title_ar": "إغلاق الطريق",
        "body_ar": "<p>نص</p>",
        "title_fr": "",
        "body_fr": "",
        "publishes_at": "",
        "expires_at": "",
        "areas": "",
    }
    data.update(overrides)
    return data


def test_an_officer_publishes_from_the_form(units: Units) -> None:
    officer = signed_in_officer(units.pashalik.code)
    assert officer.get("/announcements/manage/new/").status_code == 200
    response = officer.post("/announcements/manage/new/", _form())
    made = Announcement.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/announcements/{made.public_id}/"
    assert made.author_id is not None
    assert made.title_ar in officer.get("/announcements/manage/").content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ar", "يحتاج الإعلان العاجل إلى تاريخ نهاية، بعد 30 يوما على الأكثر من بدايته."),
        ("fr", "Une annonce urgente doit avoir une fin, au plus 30 jours après son début."),
    ],
)
def test_a_refused_form_says_why_beside_each_field_in_the_reader_s_language(
    units: Units, language: str, message: str
) -> None:
    officer = signed_in_officer(units.pashalik.code)
    response = officer.post(f"/announcements/manage/new/?lang={language}", _form(title_ar="", urgent="on"))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert not Announcement.objects.exists()


def test_an_officer_edits_and_withdraws(units: Units) -> None:
    announcement = publish(units.pashalik)
    officer = signed_in_officer(units.pashalik.code)
    assert officer.get(f"/announcements/manage/{announcement.public_id}/edit/").status_code == 200
    response = officer.post(f"/announcements/manage/{announcement.public_id}/edit/", _form(title_ar="عنوان معدل"))
    assert response.status_code == 302
    announcement.refresh_from_db()
    assert announcement.title_ar == "عنوان معدل"
    response = officer.post(f"/announcements/manage/{announcement.public_id}/withdraw/")
    assert response.status_code == 302
    announcement.refresh_from_db()
    assert announcement.withdrawn_at is not None
    assert Client().get(f"/announcements/{announcement.public_id}/").status_code == 404


def test_the_officers_pages_are_not_for_others(units: Units) -> None:
    announcement = publish(units.pashalik)
    assert Client().get("/announcements/manage/").status_code == 302  # to the sign-in page
    citizen = Client()
    citizen.force_login(get_user_model().objects.create_user(username="citizen"))
    assert citizen.get("/announcements/manage/new/").status_code == 404
    other = signed_in_officer(units.city_police.code)
    assert other.get(f"/announcements/manage/{announcement.public_id}/edit/").status_code == 404
    other.post(f"/announcements/manage/{announcement.public_id}/withdraw/")
    announcement.refresh_from_db()
    assert announcement.withdrawn_at is None
