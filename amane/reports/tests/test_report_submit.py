import datetime as dt
import io
import logging

import pytest
from django.utils import timezone
from PIL import Image

from amane.core.errors import InvalidInput
from amane.geo.tests.factories import FAR_AT_SEA, IN_CITY_EAST, IN_GAP_NEAR_URBAN, build_square_geography
from amane.reports import receipt
from amane.reports.models import Photo, Report, ReportEvent
from amane.reports.tests.factories import file_report
from amane.reports.tests.test_photos import GPS_IFD, photo_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography():  # type: ignore[no-untyped-def]
    return build_square_geography()


class TestReportSubmit:
    def test_it_files_the_report_under_the_commune_at_its_point(self, geography) -> None:  # type: ignore[no-untyped-def]
        filed = file_report()
        report = Report.objects.get()
        assert report.commune == geography.urban
        assert report.status == "submitted"
        assert list(report.events.values_list("status", "actor_role")) == [("submitted", "reporter")]
        assert filed.report == report

    def test_an_arrondissement_and_its_city_are_both_recorded(self, geography) -> None:  # type: ignore[no-untyped-def]
        report = file_report(point=IN_CITY_EAST).report
        assert report.arrondissement == geography.city_east
        assert report.commune == geography.city

    def test_a_point_in_a_sliver_between_communes_goes_to_the_nearest(self, geography) -> None:  # type: ignore[no-untyped-def]
        assert file_report(point=IN_GAP_NEAR_URBAN).report.commune == geography.urban

    def test_a_point_far_outside_is_refused_with_a_location_error_and_no_row(self) -> None:
        with pytest.raises(InvalidInput) as refused:
            file_report(point=FAR_AT_SEA)
        assert "location" in refused.value.fields
        assert Report.objects.count() == 0

    def test_every_bad_field_is_reported_at_once(self) -> None:
        with pytest.raises(InvalidInput) as refused:
            file_report(category_code="nope", description="  ", occurred_at=timezone.now() + dt.timedelta(days=1))
        assert set(refused.value.fields) == {"category", "description", "occurred_at"}
        assert Report.objects.count() == 0 and ReportEvent.objects.count() == 0

    def test_a_description_over_5000_characters_is_refused(self) -> None:
        with pytest.raises(InvalidInput) as refused:
            file_report(description="ا" * 5001)
        assert "description" in refused.value.fields

    def test_a_commune_without_a_point_places_the_report_inside_the_commune(self, geography) -> None:  # type: ignore[no-untyped-def]
        report = file_report(point=(None, None), commune_code=geography.rural.code).report
        assert report.commune == geography.rural
        assert report.location_precision == "commune"
        assert -7.89 <= report.lon <= -7.79 and 31.0 <= report.lat <= 31.1

    def test_an_arrondissement_code_files_under_its_city_and_keeps_the_arrondissement(self, geography) -> None:  # type: ignore[no-untyped-def]
        report = file_report(point=(None, None), commune_code=geography.city_east.code).report
        assert (report.commune, report.arrondissement) == (geography.city, geography.city_east)
        # Placed inside the arrondissement, not merely inside the city.
        assert -7.95 <= report.lon <= -7.90 and 31.2 <= report.lat <= 31.3

    def test_a_province_code_is_no_place_to_file_a_report(self, geography) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(InvalidInput) as refused:
            file_report(point=(None, None), commune_code=geography.urban.province.code)
        assert "commune" in refused.value.fields
        assert not Report.objects.exists()

    def test_the_receipt_code_is_not_stored_in_clear(self) -> None:
        filed = file_report()
        code = receipt.parse(filed.receipt_code)
        assert code is not None
        stored = Report.objects.values().get()
        for value in stored.values():
            assert code.secret not in str(value)
            assert filed.receipt_code not in str(value)
        assert receipt.verify_secret(code.secret, stored["receipt_hash"])

    def test_the_receipt_code_is_never_logged(self, caplog: pytest.LogCaptureFixture, client) -> None:  # type: ignore[no-untyped-def]
        caplog.set_level(logging.DEBUG)
        filed = file_report()
        client.get(f"/api/v1/track/{filed.receipt_code}")
        client.get("/api/v1/track/" + filed.receipt_code.replace("-", "")[:-1] + "Z")
        code = receipt.parse(filed.receipt_code)
        assert code is not None
        for record in caplog.records:
            text = record.getMessage()
            assert code.secret not in text.replace("-", "")

    def test_an_anonymous_report_keeps_only_the_day_it_was_sent(self) -> None:
        report = file_report().report
        assert report.submitted_on == timezone.localdate()
        event = report.events.get()
        assert timezone.localtime(event.at).time() == dt.time(0, 0)
        assert not hasattr(report, "ip_address") and not hasattr(report, "user_agent")

    def test_the_public_location_is_coarsened_to_a_cell_centre(self) -> None:
        report = file_report(point=(31.0512, -7.9533)).report
        assert (report.lat, report.lon) == (31.0512, -7.9533)
        moved = abs(report.public_lat - report.lat) * 111_000 + abs(report.public_lon - report.lon) * 95_000
        assert 0 < moved < 400
        assert file_report(point=(31.05121, -7.95331)).report.public_lat == report.public_lat


class TestReportSubmitPhotos:
    def test_photos_are_stored_cleaned(self) -> None:
        report = file_report(photos=[photo_with_gps(), photo_with_gps(fmt="PNG")]).report
        photos = list(report.photos.all())
        assert len(photos) == 2
        for photo in photos:
            with photo.file.open("rb") as handle:
                image = Image.open(io.BytesIO(handle.read()))
                assert image.getexif().get_ifd(GPS_IFD) == {}
                assert dict(image.getexif()) == {}

    def test_a_report_with_one_bad_photo_is_refused_whole(self) -> None:
        with pytest.raises(InvalidInput) as refused:
            file_report(photos=[photo_with_gps(), b"GIF89a not really"])
        assert list(refused.value.fields) == ["photos"]
        assert Report.objects.count() == 0 and Photo.objects.count() == 0

    def test_more_than_five_photos_are_refused(self) -> None:
        with pytest.raises(InvalidInput):
            file_report(photos=[photo_with_gps()] * 6)
        assert Report.objects.count() == 0


def test_a_nul_character_is_refused_by_the_service_itself() -> None:
    with pytest.raises(InvalidInput) as refused:
        file_report(description="a\x00b", contact="0600\x00")
    assert set(refused.value.fields) == {"description", "contact"}
    assert Report.objects.count() == 0
