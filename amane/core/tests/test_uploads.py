"""An oversized upload is cut while it arrives, and an absurd one is refused unread."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from pytest_django.fixtures import SettingsWrapper

from amane.core.uploads import PhotoSizeCap, max_report_body_bytes
from amane.geo.tests.factories import URBAN, build_square_geography
from amane.reports.models import Report

pytestmark = pytest.mark.django_db

LIMIT = 1000


@pytest.fixture(autouse=True)
def small_photo_limit(settings: SettingsWrapper) -> None:
    settings.AMANE_PHOTO_MAX_BYTES = LIMIT


def parse(body: bytes) -> dict[str, int]:
    """Sizes of the files Django's parser hands on, with the handlers in settings' order."""
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    handlers = [PhotoSizeCap(), MemoryFileUploadHandler()]
    _fields, files = MultiPartParser(meta, io.BytesIO(body), handlers).parse()
    return {name: upload.size or 0 for name in files for upload in files.getlist(name)}


def test_each_file_is_kept_only_to_one_byte_past_the_photo_limit() -> None:
    big = SimpleUploadedFile("big.jpg", b"x" * (40 * LIMIT), content_type="image/jpeg")
    small = SimpleUploadedFile("small.jpg", b"y" * (LIMIT // 2), content_type="image/jpeg")
    sizes = parse(encode_multipart(BOUNDARY, {"big": big, "small": small}))
    assert sizes == {"big": LIMIT + 1, "small": LIMIT // 2}


def test_a_cut_photo_is_still_refused_on_the_form_with_the_usual_message(client: Client) -> None:
    build_square_geography()
    photo = SimpleUploadedFile("big.jpg", b"x" * (40 * LIMIT), content_type="image/jpeg")
    form = {"category": "unsafe-space", "description": "Lampadaire éteint", "commune": URBAN, "photos": [photo]}
    response = client.post("/report/?lang=fr", data=form)
    assert response.status_code == 400
    assert "Cette photo dépasse la taille permise." in response.content.decode()
    assert not Report.objects.exists()


def test_a_body_too_large_for_ten_full_photos_is_a_413_before_it_is_read(client: Client) -> None:
    photo = SimpleUploadedFile("huge.jpg", b"x" * (max_report_body_bytes() + 1), content_type="image/jpeg")
    body = {"category": "theft", "description": "سرقة", "commune": URBAN, "photos": [photo]}
    response = client.post("/api/v1/reports", data=body)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert not Report.objects.exists()
