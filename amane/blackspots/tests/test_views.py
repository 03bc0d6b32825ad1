"""The pages, in Arabic (the default) and French, without JavaScript."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from amane.authorities.tests.factories import Units, signed_in_officer
from amane.blackspots.models import BlackSpot, BlackSpotAnswer
from amane.blackspots.tests.factories import NEAR, SPOT_LAT, SPOT_LON, declare, make_association, make_member
from amane.reports.tests.factories import file_report
from amane.reports.tests.test_photos import photo_with_gps

pytestmark = pytest.mark.django_db


def member_client() -> Client:
    client = Client()
    client.force_login(make_member(make_association()))
    return client


class TestBlackSpotPage:
    def test_in_arabic_by_default_without_the_declarer(self, units: Units) -> None:
        spot = declare()
        page = Client().get(f"/black-spots/{spot.public_id}/")
        text = page.content.decode()
        assert page.status_code == 200 and 'lang="ar"' in text and 'dir="rtl"' in text
        assert "نقطة سوداء" in text and spot.association.name_ar in text
        assert spot.declared_by.username not in text

    def test_in_french(self, units: Units) -> None:
        spot = declare()
        text = Client().get(f"/black-spots/{spot.public_id}/?lang=fr").content.decode()
        assert 'lang="fr"' in text and "Point noir" in text and "Historique" in text

    def test_a_hidden_black_spot_is_not_found_for_the_public(self, units: Units) -> None:
        spot = declare(photos=[photo_with_gps()])
        photo = spot.photos.get()
        assert Client().get(f"/black-spots/photos/{photo.public_id}.jpg").status_code == 200
        BlackSpot.objects.filter(pk=spot.pk).update(hidden=True)
        assert Client().get(f"/black-spots/{spot.public_id}/").status_code == 404
        assert Client().get(f"/black-spots/photos/{photo.public_id}.jpg").status_code == 404

    def test_the_commune_page_lists_its_black_spots(self, units: Units) -> None:
        spot = declare()
        text = Client().get(f"/communes/{spot.commune.code}/?lang=fr").content.decode()
        assert "Points noirs" in text and f"/black-spots/{spot.public_id}/" in text


class TestDeclarePage:
    def test_only_members_of_a_verified_association_get_the_form(self, units: Units) -> None:
        assert Client().get("/black-spots/new/").status_code == 302
        citizen = Client()
        citizen.force_login(get_user_model().objects.create_user(username="citizen"))
        assert citizen.get("/black-spots/new/").status_code == 403
        page = member_client().get("/black-spots/new/?lang=fr")
        assert page.status_code == 200 and "Déclarer un point noir" in page.content.decode()

    def test_two_steps_without_javascript(self, units: Units) -> None:
        report = file_report(category_code="harassment", point=NEAR).report
        client = member_client()
        fields = {"category": "gathering-place", "lat": SPOT_LAT, "lon": SPOT_LON, "description": "مقهى قرب المدرسة"}
        offer = client.post("/black-spots/new/", fields)
        assert offer.status_code == 200 and report.public_id in offer.content.decode()
        assert not BlackSpot.objects.exists()
        done = client.post("/black-spots/new/", {**fields, "confirm": "True", "reports": [report.public_id]})
        spot = BlackSpot.objects.get()
        assert done.status_code == 303 and done["Location"] == f"/black-spots/{spot.public_id}/"
        assert list(spot.reports.all()) == [report]

    def test_bad_input_is_shown_on_its_fields_and_nothing_is_written(self, units: Units) -> None:
        page = member_client().post("/black-spots/new/?lang=fr", {"category": "", "lat": "", "description": ""})
        assert page.status_code == 400
        text = page.content.decode()
        assert "Choisissez" in text and not BlackSpot.objects.exists()

    def test_a_drawn_area_is_taken(self, units: Units) -> None:
        area = (
            '{"type": "Polygon", "coordinates": [[[-7.971, 31.279], [-7.969, 31.279], [-7.969, 31.281], '
            "[-7.971, 31.281], [-7.971, 31.279]]]}"
        )
        fields = {"category": "gathering-place", "geometry": area, "description": "ساحة", "confirm": "True"}
        assert member_client().post("/black-spots/new/", fields).status_code == 303
        assert BlackSpot.objects.get().geometry["type"] == "Polygon"


class TestOfficerPages:
    def test_the_officer_lists_and_answers(self, units: Units) -> None:
        spot = declare()
        annex = signed_in_officer("annex-north")
        listed = annex.get("/inbox/black-spots/?lang=fr")
        assert listed.status_code == 200 and spot.public_id in listed.content.decode()
        page = annex.get(f"/black-spots/{spot.public_id}/")
        assert 'id="answer-form"' in page.content.decode()
        planned = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
        answered = annex.post(
            f"/black-spots/{spot.public_id}/",
            {"status": "action-planned", "planned_for": planned, "text": "دوريات", "expected_status": "declared"},
        )
        assert answered.status_code == 303
        spot.refresh_from_db()
        assert spot.status == "action-planned"
        public = Client().get(f"/black-spots/{spot.public_id}/?lang=fr").content.decode()
        assert "Action planifiée" in public and "دوريات" in public and 'id="answer-form"' not in public

    def test_a_bad_answer_is_400_and_another_unit_403(self, units: Units) -> None:
        spot = declare()
        bad = signed_in_officer("annex-north").post(f"/black-spots/{spot.public_id}/", {"status": "declined"})
        assert bad.status_code == 400
        other = signed_in_officer("police-city").post(f"/black-spots/{spot.public_id}/", {"status": "resolved"})
        assert other.status_code == 403
        assert not BlackSpotAnswer.objects.exists()

    def test_the_list_is_for_officers_only(self, units: Units) -> None:
        assert member_client().get("/inbox/black-spots/").status_code == 404
