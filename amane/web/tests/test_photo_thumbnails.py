"""A report's page shows thumbnails, made once on first view, and links to the full photo."""

import io

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image
from pytest_django.fixtures import SettingsWrapper

from amane.geo.tests.factories import build_square_geography
from amane.reports.photos import THUMBNAIL_EDGE, THUMBNAIL_MAX_BYTES
from amane.reports.tests.factories import file_report
from amane.reports.tests.test_photos import noisy_photo
from amane.reports.thumbnails import thumbnail_name

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography(settings: SettingsWrapper) -> None:
    build_square_geography()
    # Thumbnails as the public gets them, with no moderator's first look to wait for (amane.flags).
    settings.AMANE_PHOTOS_PREMODERATED = False


def test_the_thumbnail_is_made_on_first_view_and_kept_beside_the_photo() -> None:
    photo = file_report(photos=[noisy_photo((2000, 1500))]).report.photos.get()
    assert not default_storage.exists(thumbnail_name(photo))
    answer = Client().get(f"/photos/{photo.public_id}/thumb.jpg")
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
    body = answer.getvalue()
    assert len(body) <= THUMBNAIL_MAX_BYTES
    assert Image.open(io.BytesIO(body)).size == (THUMBNAIL_EDGE, 360)
    assert default_storage.exists(thumbnail_name(photo))
    assert (photo.thumbnail_width, photo.thumbnail_height) == (THUMBNAIL_EDGE, 360)


def test_the_report_page_and_the_api_point_at_the_thumbnail() -> None:
    report = file_report(photos=[noisy_photo((800, 600))]).report
    photo = report.photos.get()
    page = Client().get(f"/reports/{report.public_id}/").content.decode()
    assert f'src="/photos/{photo.public_id}/thumb.jpg"' in page
    assert f'href="/photos/{photo.public_id}.jpg"' in page
    api = Client().get(f"/api/v1/reports/{report.public_id}").json()
    assert api["photos"][0]["thumbnail_url"] == f"/photos/{photo.public_id}/thumb.jpg"


def test_a_confidential_reports_thumbnail_is_not_found() -> None:
    photo = file_report(category_code="domestic-violence", photos=[noisy_photo((400, 300))]).report.photos.get()
    assert Client().get(f"/photos/{photo.public_id}/thumb.jpg").status_code == 404
    assert not default_storage.exists(thumbnail_name(photo))


def test_a_list_card_shows_the_first_photo_as_its_thumbnail_loaded_lazily() -> None:
    report = file_report(photos=[noisy_photo((800, 600)), noisy_photo((600, 800))]).report
    first = report.photos.order_by("position").first()
    assert first is not None
    Client().get(f"/photos/{first.public_id}/thumb.jpg")  # made, so its size is known
    for path in ("/", f"/communes/{report.commune.code}/"):
        page = Client().get(path).content.decode()
        card = page[page.index('<article class="card') :]
        card = card[: card.index("</article>")]
        assert f'src="/photos/{first.public_id}/thumb.jpg"' in card, path
        assert 'loading="lazy"' in card and f'width="{THUMBNAIL_EDGE}" height="{THUMBNAIL_EDGE * 3 // 4}"' in card, path
        assert card.count("<img") == 1
