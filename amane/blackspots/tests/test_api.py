"""The black spots API: the fixed shape of the map's layer, its refusals, and the writes."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from amane.accounts.tokens import token_issue
from amane.authorities.tests.factories import Units, member_of
from amane.blackspots.models import BlackSpot, BlackSpotAnswer
from amane.blackspots.tests.factories import NEAR, SPOT_POINT, declare, make_association, make_member
from amane.core.actors import Actor, Role
from amane.core.viewer import viewer_for
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db
BOX = "-7.98,31.27,-7.96,31.29"


def bearer(user: User) -> Client:
    token = token_issue(actor=Actor(role=Role.SYSTEM), user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


class TestList:
    def test_the_layer_has_the_fixed_shape(self, units: Units) -> None:
        report = file_report(category_code="harassment", point=NEAR).report
        spot = declare(report_ids=[report.public_id])
        response = Client().get("/api/v1/black-spots", {"bbox": BOX})
        assert response.status_code == 200
        body = response.json()
        assert body["next"] is None
        (item,) = body["results"]
        assert {"id", "category", "status", "geometry", "answer", "reports"} <= set(item)
        assert item["id"] == spot.public_id and item["category"] == "gathering-place"
        assert item["status"] == "declared" and item["answer"] is None
        assert item["geometry"] == SPOT_POINT and item["reports"] == [report.public_id]
        assert "declared_by" not in item and "member" not in str(item)

    def test_the_latest_answer_is_given(self, units: Units) -> None:
        spot = declare()
        client = bearer(member_of("annex-north"))
        planned = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
        client.post(
            f"/api/v1/black-spots/{spot.public_id}/answers", {"status": "acknowledged"}, content_type="application/json"
        )
        client.post(
            f"/api/v1/black-spots/{spot.public_id}/answers",
            {"status": "action-planned", "text": "دوريات", "planned_for": planned},
            content_type="application/json",
        )
        (item,) = Client().get("/api/v1/black-spots", {"bbox": BOX}).json()["results"]
        assert item["answer"]["status"] == "action-planned" and item["answer"]["planned_for"] == planned
        assert item["answer"]["unit"]["code"] == "annex-north" and item["answer"]["text"] == "دوريات"

    def test_pages_follow_the_cursor(self, units: Units) -> None:
        viewer = viewer_for(make_member(make_association()))
        made = sorted(declare(viewer=viewer).public_id for _ in range(3))
        query: dict[str, str | int] = {"bbox": BOX, "limit": 2}
        first = Client().get("/api/v1/black-spots", query).json()
        second = Client().get("/api/v1/black-spots", {**query, "cursor": first["next"]}).json()
        assert [i["id"] for i in first["results"] + second["results"]] == made and second["next"] is None

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ({"bbox": "1,2,3"}, "bbox"),
            ({"bbox": "a,b,c,d"}, "bbox"),
            ({"bbox": BOX, "status": "maybe"}, "status"),
            ({"bbox": BOX, "limit": 500}, "limit"),
            ({"bbox": BOX, "cursor": "!!"}, "cursor"),
        ],
    )
    def test_bad_queries_are_400_problems_on_their_field(self, query: dict[str, str | int], field: str) -> None:
        response = Client().get("/api/v1/black-spots", query, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/problem+json")
        assert field in response.json()["errors"]

    def test_one_black_spot_with_its_timeline(self, units: Units) -> None:
        spot = declare()
        body = Client().get(f"/api/v1/black-spots/{spot.public_id}").json()
        assert body["id"] == spot.public_id and [step["kind"] for step in body["timeline"]] == ["declared"]
        assert Client().get("/api/v1/black-spots/nope").status_code == 404


class TestWrites:
    def test_a_member_declares_with_a_token(self, units: Units) -> None:
        client = bearer(make_member(make_association()))
        response = client.post(
            "/api/v1/black-spots",
            {"category": "gathering-place", "geometry": SPOT_POINT, "description": "مقهى قرب الإعدادية"},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        assert BlackSpot.objects.get().public_id == response.json()["id"]

    def test_a_member_declares_with_the_session(self, units: Units) -> None:
        client = Client()
        client.force_login(make_member(make_association()))
        response = client.post(
            "/api/v1/black-spots",
            {"category": "gathering-place", "geometry": SPOT_POINT, "description": "مقهى"},
            content_type="application/json",
        )
        assert response.status_code == 201

    def test_without_sign_in_it_is_401_and_for_a_citizen_403(self, units: Units) -> None:
        body = {"category": "gathering-place", "geometry": SPOT_POINT, "description": "x"}
        assert Client().post("/api/v1/black-spots", body, content_type="application/json").status_code == 401
        citizen = bearer(get_user_model().objects.create_user(username="citizen"))
        assert citizen.post("/api/v1/black-spots", body, content_type="application/json").status_code == 403
        assert not BlackSpot.objects.exists()

    def test_bad_fields_are_named_in_the_readers_language(self, units: Units) -> None:
        client = bearer(make_member(make_association()))
        response = client.post(
            "/api/v1/black-spots",
            {"category": "nope", "geometry": {"type": "Point", "coordinates": [2.35, 48.85]}, "description": ""},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="fr",
        )
        assert response.status_code == 400
        errors = response.json()["errors"]
        assert set(errors) == {"category", "geometry", "description"}
        assert not BlackSpot.objects.exists()

    def test_an_unknown_field_is_refused(self, units: Units) -> None:
        client = bearer(make_member(make_association()))
        response = client.post(
            "/api/v1/black-spots",
            {"category": "gathering-place", "geometry": SPOT_POINT, "description": "x", "declared_by": 1},
            content_type="application/json",
        )
        assert response.status_code == 400

    def test_answers_another_unit_403_unknown_404_conflict_409(self, units: Units) -> None:
        spot = declare()
        url = f"/api/v1/black-spots/{spot.public_id}/answers"
        police = bearer(member_of("police-city"))
        assert police.post(url, {"status": "resolved"}, content_type="application/json").status_code == 403
        annex = bearer(member_of("annex-north"))
        assert (
            annex.post(
                "/api/v1/black-spots/nope/answers", {"status": "resolved"}, content_type="application/json"
            ).status_code
            == 404
        )
        bad = annex.post(url, {"status": "action-planned"}, content_type="application/json")
        assert bad.status_code == 400 and "planned_for" in bad.json()["errors"]
        ok = annex.post(url, {"status": "acknowledged", "expected_status": "declared"}, content_type="application/json")
        assert ok.status_code == 201 and ok.json()["unit"]["code"] == "annex-north"
        late = annex.post(url, {"status": "resolved", "expected_status": "declared"}, content_type="application/json")
        assert late.status_code == 409
        assert BlackSpotAnswer.objects.count() == 1


def test_offers_name_the_reports_and_places_nearby(units: Units) -> None:
    from amane.blackspots.tests.factories import make_place, member_viewer

    near = file_report(category_code="harassment", point=NEAR).report
    school = make_place(member_viewer())
    body = Client().post("/api/v1/black-spots/offers", {"geometry": SPOT_POINT}, content_type="application/json").json()
    assert [r["id"] for r in body["reports"]] == [near.public_id] and [p["id"] for p in body["places"]] == [school.pk]
    bad = Client().post("/api/v1/black-spots/offers", {"geometry": {"type": "Line"}}, content_type="application/json")
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["geometry"]
