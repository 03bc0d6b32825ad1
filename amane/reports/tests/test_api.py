import base64
import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from amane.geo.tests.factories import FAR_AT_SEA, IN_RURAL, IN_URBAN, build_square_geography
from amane.reports.models import PhotoReview, Report
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report
from amane.reports.tests.test_photos import photo_with_gps

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def geography():  # type: ignore[no-untyped-def]
    return build_square_geography()


def post_json(client: Client, body: object, accept_language: str = "ar"):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/reports",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Accept-Language": accept_language},
    )


def valid_body(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "category": "theft",
        "description": "سرقة دراجة نارية أمام السوق",
        "lat": IN_URBAN[0],
        "lon": IN_URBAN[1],
        "occurred_at": (timezone.now() - dt.timedelta(hours=2)).isoformat(),
    }
    body.update(overrides)
    return body


class TestCreateReport:
    def test_it_files_a_json_report_and_returns_the_receipt(self, client: Client, geography) -> None:  # type: ignore[no-untyped-def]
        response = post_json(client, valid_body())
        assert response.status_code == 201
        body = response.json()
        assert set(body) >= {"id", "receipt_code", "status", "commune"}
        assert body["status"] == "submitted"
        assert body["commune"] == {"code": geography.urban.code, "name_ar": "مدينة الأمان", "name_fr": "Al Amane"}
        assert Report.objects.get().public_id == body["id"]

    def test_it_files_a_multipart_report_with_photos(self, client: Client) -> None:
        body = valid_body()
        photo = photo_with_gps()
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(
            "/api/v1/reports",
            data={**body, "photos": [SimpleUploadedFile("a.jpg", photo, "image/jpeg")]},
        )
        assert response.status_code == 201, response.content
        report = Report.objects.get(public_id=response.json()["id"])
        assert report.photos.count() == 1
        assert photo not in report.photos.get().file.read()

    def test_bad_fields_get_a_problem_document_with_messages_per_field(self, client: Client) -> None:
        response = post_json(client, valid_body(lat="north", category="nope", occurred_at="yesterday"))
        assert response.status_code == 400
        assert response["Content-Type"] == PROBLEM
        problem = response.json()
        assert problem["status"] == 400 and problem["code"] == "invalid_input"
        assert set(problem["errors"]) == {"lat", "occurred_at"}
        assert Report.objects.count() == 0

    @pytest.mark.parametrize(
        ("field", "value"),
        [("lat", True), ("lon", False), ("occurred_at", 1700000000), ("occurred_at", "1700000000")],
    )
    def test_values_that_only_look_like_numbers_or_times_are_refused(
        self, client: Client, field: str, value: object
    ) -> None:
        response = post_json(client, valid_body(**{field: value}))
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {field}
        assert Report.objects.count() == 0

    def test_messages_follow_the_callers_language(self, client: Client) -> None:
        arabic = post_json(client, valid_body(description=""), accept_language="ar").json()
        french = post_json(client, valid_body(description=""), accept_language="fr").json()
        assert arabic["errors"]["description"] != french["errors"]["description"]
        assert any("\u0600" <= ch <= "\u06ff" for ch in arabic["errors"]["description"][0])

    def test_a_point_outside_the_covered_area_is_a_400_on_location(self, client: Client) -> None:
        response = post_json(client, valid_body(lat=FAR_AT_SEA[0], lon=FAR_AT_SEA[1]))
        assert response.status_code == 400
        assert "location" in response.json()["errors"]

    @pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'"text"'])
    def test_a_body_that_is_not_a_json_object_is_a_400(self, client: Client, raw: bytes) -> None:
        response = client.post("/api/v1/reports", data=raw, content_type="application/json")
        assert response.status_code == 400
        assert response["Content-Type"] == PROBLEM

    def test_unknown_fields_are_refused(self, client: Client) -> None:
        response = post_json(client, valid_body(ip_address="1.2.3.4"))
        assert response.status_code == 400
        assert "ip_address" in response.json()["errors"]


class TestReadReports:
    def test_the_public_view_has_the_fixed_shape_and_no_private_field(self, client: Client) -> None:
        filed = file_report(contact="0612345678", photos=[photo_with_gps()])
        filed.report.photos.update(review=PhotoReview.APPROVED)  # past the moderator's first look
        body = client.get(f"/api/v1/reports/{filed.report.public_id}").json()
        assert {"id", "category", "status", "lat", "lon", "commune", "photos", "timeline"} <= set(body)
        assert body["lat"] == filed.report.public_lat and body["lat"] != filed.report.lat
        assert body["photos"][0]["url"].startswith("/photos/")
        assert body["timeline"][0]["status"] == "submitted"
        text = json.dumps(body)
        assert "0612345678" not in text and "receipt" not in text
        assert client.get(body["photos"][0]["url"]).status_code == 200

    def test_a_confidential_report_is_not_found_anywhere_public(self, client: Client) -> None:
        hidden = file_report(category_code="domestic-violence", photos=[photo_with_gps()]).report
        shown = file_report().report
        assert client.get(f"/api/v1/reports/{hidden.public_id}").status_code == 404
        listing = client.get("/api/v1/reports").json()
        assert [r["id"] for r in listing["results"]] == [shown.public_id]
        cells = client.get("/api/v1/reports/cells?resolution=9").json()["results"]
        assert sum(c["count"] for c in cells) == 1
        photo_id = hidden.photos.get().public_id
        assert client.get(f"/photos/{photo_id}.jpg").status_code == 404
        for page in ("/", f"/communes/{hidden.commune.code}/", f"/reports/{hidden.public_id}/"):
            response = client.get(page)
            assert hidden.public_id not in response.content.decode()
            assert hidden.description not in response.content.decode() or hidden.description == shown.description

    def test_the_list_filters_and_paginates_with_a_cursor(self, client: Client, geography) -> None:  # type: ignore[no-untyped-def]
        ids = [file_report().report.public_id for _ in range(5)]
        rural = file_report(point=IN_RURAL, category_code="vandalism").report
        report_change_status(actor=AN_AUTHORITY, public_id=ids[0], new_status="acknowledged")
        first = client.get("/api/v1/reports?limit=4").json()
        second = client.get(f"/api/v1/reports?limit=4&cursor={first['next']}").json()
        assert len(first["results"]) == 4 and second["next"] is None
        seen = [r["id"] for r in first["results"] + second["results"]]
        assert sorted(seen) == sorted([rural.public_id, *ids])
        assert seen == sorted(seen, reverse=True)  # one day: by public id, which says nothing
        by_commune = client.get(f"/api/v1/reports?commune={geography.rural.code}").json()["results"]
        assert [r["id"] for r in by_commune] == [rural.public_id]
        by_status = client.get("/api/v1/reports?status=acknowledged").json()["results"]
        assert [r["id"] for r in by_status] == [ids[0]]
        by_category = client.get("/api/v1/reports?category=vandalism&category=drugs").json()["results"]
        assert [r["id"] for r in by_category] == [rural.public_id]
        in_box = client.get("/api/v1/reports?bbox=-7.89,31.0,-7.79,31.1").json()["results"]
        assert [r["id"] for r in in_box] == [rural.public_id]
        # The reports' own day, not today's: filed "3 hours ago" may be yesterday after midnight.
        day = dt.date.fromisoformat(min(r["occurred_on"] for r in first["results"] + second["results"]))
        assert len(client.get(f"/api/v1/reports?from={day}").json()["results"]) == 6
        assert client.get(f"/api/v1/reports?to={day - dt.timedelta(days=1)}").json()["results"] == []

    @pytest.mark.parametrize(
        "query",
        [
            "bbox=1,2,3",
            "bbox=1e-3,0,1,1",
            "bbox=nan,0,1,1",
            "cursor=@@@",
            "from=someday",
            "to=0",
            "to=1700000000",
            "limit=0",
        ],
    )
    def test_bad_list_parameters_are_a_400(self, client: Client, query: str) -> None:
        response = client.get(f"/api/v1/reports?{query}")
        assert response.status_code == 400
        assert response["Content-Type"] == PROBLEM

    def test_the_list_makes_a_fixed_number_of_queries(self, client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
        for _ in range(8):
            file_report(photos=[photo_with_gps()])
        # The cache's version, the page's ids, their rows, their photos: whatever the page's size.
        with django_assert_max_num_queries(4):
            assert len(client.get("/api/v1/reports").json()["results"]) == 8


class TestTrack:
    def test_the_receipt_code_shows_the_timeline_even_for_a_confidential_report(self, client: Client) -> None:
        filed = file_report(category_code="extremism")
        report_change_status(
            actor=AN_AUTHORITY, public_id=filed.report.public_id, new_status="acknowledged", message="شكرا"
        )
        body = client.get(f"/api/v1/track/{filed.receipt_code}").json()
        assert body["id"] == filed.report.public_id and body["status"] == "acknowledged"
        assert [e["status"] for e in body["timeline"]] == ["submitted", "acknowledged"]
        assert body["timeline"][1]["message"] == "شكرا"

    def test_a_code_typed_loosely_still_works(self, client: Client) -> None:
        filed = file_report()
        loose = filed.receipt_code.lower().replace("-", "")
        assert client.get(f"/api/v1/track/{loose}").status_code == 200

    def test_a_wrong_code_is_a_404_problem(self, client: Client) -> None:
        filed = file_report()
        wrong = filed.receipt_code[:-1] + ("0" if filed.receipt_code[-1] != "0" else "1")
        for code in (wrong, "nonsense"):
            response = client.get(f"/api/v1/track/{code}")
            assert response.status_code == 404
            assert response["Content-Type"] == PROBLEM


class TestCategoriesAndOpenAPI:
    def test_categories_list_every_active_category_with_its_confidentiality(self, client: Client) -> None:
        results = client.get("/api/v1/categories").json()["results"]
        assert len(results) == 11
        confidential = {c["code"] for c in results if c["confidential"]}
        assert confidential == {"domestic-violence", "extremism"}
        assert all(set(c) >= {"code", "name_ar", "name_fr", "confidential"} for c in results)

    def test_the_openapi_document_describes_every_endpoint(self, client: Client) -> None:
        spec = client.get("/api/v1/openapi.json").json()
        assert spec["openapi"].startswith("3.")
        paths = set(spec["paths"])
        assert {
            "/api/v1/reports",
            "/api/v1/reports/{public_id}",
            "/api/v1/track/{receipt_code}",
            "/api/v1/categories",
            "/api/v1/geo/locate",
            "/api/v1/geo/places",
            "/api/v1/geo/communes.geojson",
        } <= paths
        assert "multipart/form-data" in spec["paths"]["/api/v1/reports"]["post"]["requestBody"]["content"]

    def test_every_operation_documents_its_refusals_as_problem_documents(self, client: Client) -> None:
        spec = client.get("/api/v1/openapi.json").json()
        assert spec["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status", "code"]
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                refusal = operation["responses"].get("400", {}).get("content", {})
                assert "application/problem+json" in refusal, f"{method.upper()} {path}"
                if "{" in path:
                    assert "404" in operation["responses"], f"{method.upper()} {path}"


def test_a_body_the_framework_cannot_parse_is_a_problem_in_the_callers_language(client: Client) -> None:
    response = client.post("/api/v1/track", data=b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"] == {"body": ["محتوى الطلب ليس JSON صحيحا."]}


def test_a_box_the_documented_pattern_allows_is_read_whatever_its_corners(client: Client) -> None:
    shown = file_report().report
    ids = [shown.public_id]
    for box in ("-8,31,-7,32", "-7,32,-8,31", "-800,-100,500,90", "-180,-90,180,90"):
        response = client.get(f"/api/v1/reports?bbox={box}")
        assert response.status_code == 200, box
        assert [r["id"] for r in response.json()["results"]] == ids, box
    assert client.get("/api/v1/reports?bbox=10,10,20,20").json()["results"] == []


def test_an_empty_box_as_a_map_form_sends_it_means_no_box(client: Client) -> None:
    shown = file_report().report
    assert [r["id"] for r in client.get("/api/v1/reports?bbox=").json()["results"]] == [shown.public_id]


def test_a_cell_resolution_outside_5_7_9_is_a_400_on_that_field(client: Client) -> None:
    response = client.get("/api/v1/reports/cells?resolution=8", headers={"Accept-Language": "fr"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"resolution": ["Choisissez l’une des valeurs autorisées."]}


def test_the_cell_counts_take_one_query(client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        file_report()
    with django_assert_max_num_queries(2):  # the public cache's version, then the counts
        cells = client.get("/api/v1/reports/cells?resolution=7").json()["results"]
    assert sum(cell["count"] for cell in cells) == 5


def cursor(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def test_the_list_cursor_carries_no_internal_id(client: Client) -> None:
    for _ in range(3):
        file_report()
    page = client.get("/api/v1/reports?limit=1").json()
    decoded = json.loads(base64.urlsafe_b64decode(page["next"] + "=="))
    assert set(decoded) == {"d", "p"}
    assert decoded["p"] == page["results"][0]["id"]


@pytest.mark.parametrize(
    "bad",
    [cursor({"before": float("inf")}), cursor({"d": "2026-13-40", "p": "x"}), cursor({"d": "2026-01-01", "p": 5})],
)
def test_a_forged_cursor_is_a_400_or_ignored_never_a_500(client: Client, bad: str) -> None:
    assert client.get(f"/api/v1/reports?cursor={bad}").status_code == 400
    assert client.get(f"/?cursor={bad}").status_code == 200
    assert client.get(f"/communes/99.901.01.01/?cursor={bad}").status_code == 200


def test_a_nul_character_in_a_json_field_is_a_400_on_that_field(client: Client) -> None:
    body = {
        "category": "theft",
        "description": "a\x00b",
        "lat": 31.05,
        "lon": -7.95,
        "occurred_at": "2026-01-01T10:00Z",
    }
    response = client.post("/api/v1/reports", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["description"]


def test_tracking_by_post_body_keeps_the_code_out_of_the_url(client: Client) -> None:
    filed = file_report()
    response = client.post(
        "/api/v1/track", data=json.dumps({"receipt_code": filed.receipt_code}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["id"] == filed.report.public_id


def test_api_dates_are_morocco_dates(client: Client) -> None:
    import datetime as dt

    morning = dt.datetime(2026, 11, 20, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    report = file_report(occurred_at=morning).report
    body = client.get(f"/api/v1/reports/{report.public_id}").json()
    assert body["occurred_on"] == "2026-11-20"
