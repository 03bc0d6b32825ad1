"""Rules found in review: each guards a leak or a crash that once existed."""

import base64
import json
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from amane.core.errors import InvalidInput
from amane.geo.tests.factories import build_square_geography
from amane.reports.models import Report
from amane.reports.services import photo_bytes, report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _geography() -> None:
    build_square_geography()


def cursor(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def test_a_public_report_cannot_be_marked_a_duplicate_of_a_confidential_one() -> None:
    hidden = file_report(category_code="domestic-violence").report
    shown = file_report().report
    with pytest.raises(InvalidInput) as refused:
        report_change_status(
            actor=AN_AUTHORITY,
            public_id=shown.public_id,
            new_status="duplicate",
            duplicate_of_public_id=hidden.public_id,
        )
    assert "duplicate_of" in refused.value.fields
    assert Report.objects.get(pk=shown.pk).status == "submitted"


def test_a_cycle_of_duplicates_is_refused_not_looped() -> None:
    first, second = file_report().report, file_report().report
    report_change_status(
        actor=AN_AUTHORITY, public_id=first.public_id, new_status="duplicate", duplicate_of_public_id=second.public_id
    )
    with pytest.raises(InvalidInput):
        report_change_status(
            actor=AN_AUTHORITY,
            public_id=second.public_id,
            new_status="duplicate",
            duplicate_of_public_id=first.public_id,
        )
    assert Report.objects.get(pk=second.pk).duplicate_of is None


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


@pytest.mark.parametrize(
    "path", ["/api/v1/reports/%00", "/communes/%00/", "/api/v1/reports?commune=%00", "/?place=%00"]
)
def test_a_nul_character_in_an_address_is_a_400(client: Client, path: str) -> None:
    assert client.get(path).status_code == 400


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


def test_too_many_photos_are_refused_before_any_is_read() -> None:
    class Exploding(SimpleUploadedFile):
        def read(self, *args: object) -> bytes:
            raise AssertionError("read before the count was checked")

    with pytest.raises(InvalidInput) as refused:
        photo_bytes([Exploding(f"{i}.jpg", b"x", "image/jpeg") for i in range(6)])
    assert "photos" in refused.value.fields


def test_six_photos_through_the_api_get_a_message_on_photos(client: Client) -> None:
    files = [SimpleUploadedFile(f"{i}.jpg", b"x", "image/jpeg") for i in range(6)]
    data = {"category": "theft", "description": "x", "lat": "31.05", "lon": "-7.95", "occurred_at": "2026-01-01T10:00Z"}
    response = client.post("/api/v1/reports", data={**data, "photos": files})
    assert response.status_code == 400
    assert "photos" in response.json()["errors"]


def test_the_tracking_page_does_not_echo_the_code(client: Client) -> None:
    filed = file_report()
    html = client.post("/track/", {"receipt_code": filed.receipt_code}).content.decode()
    assert "مرسل" in html
    assert filed.receipt_code not in html


def test_tracking_by_post_body_keeps_the_code_out_of_the_url(client: Client) -> None:
    filed = file_report()
    response = client.post(
        "/api/v1/track", data=json.dumps({"receipt_code": filed.receipt_code}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["id"] == filed.report.public_id


@pytest.mark.parametrize("separator", [" ", ".", "_", "%20"])
def test_loosely_typed_codes_are_redacted_from_logs(
    client: Client, caplog: pytest.LogCaptureFixture, separator: str
) -> None:
    caplog.set_level(logging.WARNING)
    filed = file_report()
    groups = filed.receipt_code.split("-")
    typo = separator.join(groups)[:-1] + ("0" if groups[-1][-1] != "0" else "1")
    client.get(f"/api/v1/track/{typo}")
    secret = filed.receipt_code.replace("-", "")[6:12]
    assert not any(secret in record.getMessage().replace(separator, "") for record in caplog.records)


def test_photos_are_never_cached_by_shared_caches(client: Client) -> None:
    from amane.reports.tests.test_photos import photo_with_gps

    photo = file_report(photos=[photo_with_gps()]).report.photos.get()
    assert client.get(f"/photos/{photo.public_id}.jpg")["Cache-Control"].startswith("private")


def test_api_dates_are_morocco_dates(client: Client) -> None:
    import datetime as dt

    morning = dt.datetime(2026, 11, 20, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    report = file_report(occurred_at=morning).report
    body = client.get(f"/api/v1/reports/{report.public_id}").json()
    assert body["occurred_on"] == "2026-11-20"


def test_a_code_with_letters_outside_ascii_is_not_read() -> None:
    from amane.reports import receipt

    assert receipt.parse("K7QM3-XHD9T-PAW2R-C4Nß") is None


def test_a_nul_character_in_a_cookie_is_a_400(client: Client) -> None:
    client.cookies["sessionid"] = "\x00abcdefghij"
    assert client.get("/api/v1/reports").status_code == 400


def test_marking_a_duplicate_of_a_duplicate_links_to_the_root() -> None:
    root, middle, new = (file_report().report for _ in range(3))
    report_change_status(
        actor=AN_AUTHORITY, public_id=middle.public_id, new_status="duplicate", duplicate_of_public_id=root.public_id
    )
    report_change_status(
        actor=AN_AUTHORITY, public_id=new.public_id, new_status="duplicate", duplicate_of_public_id=middle.public_id
    )
    assert Report.objects.get(pk=new.pk).duplicate_of_id == root.pk
