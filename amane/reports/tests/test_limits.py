"""Each limit of a report is defined once, and the model, the services and the API all hold to it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from amane.core.errors import InvalidInput
from amane.geo.tests.factories import build_square_geography
from amane.reports import limits
from amane.reports.models import Report, ReportEvent
from amane.reports.services import photo_bytes, report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _geography() -> None:
    build_square_geography()


def test_the_model_columns_are_as_wide_as_the_limits() -> None:
    assert Report._meta.get_field("description").max_length == limits.DESCRIPTION_MAX
    assert Report._meta.get_field("contact").max_length == limits.CONTACT_MAX
    assert ReportEvent._meta.get_field("message").max_length == limits.STATUS_MESSAGE_MAX


def test_the_openapi_document_states_the_same_limits(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    body = schema["paths"]["/api/v1/reports"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    properties = body.get("properties") or schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]["properties"]
    assert properties["description"]["maxLength"] == limits.DESCRIPTION_MAX
    assert properties["contact"]["maxLength"] == limits.CONTACT_MAX
    multipart = schema["paths"]["/api/v1/reports"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert multipart["properties"]["photos"]["maxItems"] == limits.PHOTOS_PER_REPORT


def test_a_description_at_the_limit_is_filed_and_one_over_is_refused_with_its_count() -> None:
    assert file_report(description="أ" * limits.DESCRIPTION_MAX).report.pk
    with pytest.raises(InvalidInput) as refused:
        file_report(description="أ" * (limits.DESCRIPTION_MAX + 7))
    (message,) = refused.value.fields["description"]
    assert str(limits.DESCRIPTION_MAX + 7) in str(message) and "7" in str(message)
    assert Report.objects.count() == 1


def test_a_contact_over_the_limit_is_refused_naming_the_limit() -> None:
    with pytest.raises(InvalidInput) as refused:
        file_report(contact="0" * (limits.CONTACT_MAX + 1))
    assert str(limits.CONTACT_MAX) in str(refused.value.fields["contact"][0])


def test_a_status_message_over_the_limit_is_refused() -> None:
    report = file_report().report
    with pytest.raises(InvalidInput) as refused:
        report_change_status(
            actor=AN_AUTHORITY,
            public_id=report.public_id,
            new_status="acknowledged",
            message="x" * (limits.STATUS_MESSAGE_MAX + 1),
        )
    assert str(limits.STATUS_MESSAGE_MAX) in str(refused.value.fields["message"][0])


def test_the_api_refuses_one_photo_more_than_the_limit(client: Client) -> None:
    from amane.reports.tests.factories import report_body

    photos = [_upload(f"photo-{n}") for n in range(limits.PHOTOS_PER_REPORT + 1)]
    response = client.post("/api/v1/reports", {**{k: str(v) for k, v in report_body().items()}, "photos": photos})
    assert response.status_code == 400
    assert str(limits.PHOTOS_PER_REPORT) in response.json()["errors"]["photos"][0]
    assert not Report.objects.exists()


def _upload(name: str) -> object:
    return SimpleUploadedFile(f"{name}.jpg", b"not really a photo", content_type="image/jpeg")


def test_too_many_photos_are_refused_before_any_is_read() -> None:
    class Exploding(SimpleUploadedFile):
        def read(self, *args: object) -> bytes:
            raise AssertionError("read before the count was checked")

    with pytest.raises(InvalidInput) as refused:
        photo_bytes([Exploding(f"{i}.jpg", b"x", "image/jpeg") for i in range(limits.PHOTOS_PER_REPORT + 1)])
    assert "photos" in refused.value.fields
