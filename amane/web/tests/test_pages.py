import datetime as dt
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amane.core import clock
from amane.core.actors import DEMO_REPORTER
from amane.geo.tests.factories import IN_RURAL, SquareGeography, build_square_geography
from amane.reports.models import PhotoReview, Report
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report
from amane.reports.tests.test_photos import photo_with_gps

pytestmark = pytest.mark.django_db
RECEIPT = re.compile(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}")


@pytest.fixture(autouse=True)
def geography():  # type: ignore[no-untyped-def]
    return build_square_geography()


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "category": "unsafe-space",
        "description": "الإنارة مقطوعة في الزنقة منذ أسبوعين",
        "place": "Al Amane",
        "occurred_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
    }
    data.update(overrides)
    return data


class TestHome:
    def test_it_speaks_arabic_right_to_left_by_default(self, client: Client) -> None:
        html = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).content.decode()
        assert '<html lang="ar" dir="rtl">' in html
        assert "بلغ عن مشكل" in html

    def test_french_is_one_tap_away_and_remembered(self, client: Client) -> None:
        html = client.get("/?lang=fr").content.decode()
        assert '<html lang="fr" dir="ltr">' in html
        assert "Signaler un problème" in html
        assert '<html lang="fr"' in client.get("/").content.decode()

    def test_it_lists_public_reports_marked_as_demo_when_they_are(self, client: Client) -> None:
        file_report(description="تجمع مشبوه أمام الإعدادية", category_code="gathering-place", actor=DEMO_REPORTER)
        html = client.get("/").content.decode()
        assert "تجمع مشبوه أمام الإعدادية" in html
        assert "معطيات تجريبية" in html

    def test_filters_narrow_the_list(self, client: Client, geography) -> None:  # type: ignore[no-untyped-def]
        file_report(description="وصف أول للسرقة")
        file_report(description="وصف ثان للتخريب", category_code="vandalism", point=IN_RURAL)
        html = client.get("/?category=vandalism").content.decode()
        assert "وصف ثان للتخريب" in html and "وصف أول للسرقة" not in html
        html = client.get(f"/?commune={geography.urban.code}").content.decode()
        assert "وصف أول للسرقة" in html and "وصف ثان للتخريب" not in html

    def test_the_map_loads_leaflet_from_this_server(self, client: Client) -> None:
        html = client.get("/").content.decode()
        assert "/static/leaflet/leaflet.js" in html
        assert "://" not in "".join(re.findall(r'src="([^"]+)"', html))


class TestReportForm:
    def test_the_form_works_without_javascript_with_a_commune_name(self, client: Client, geography) -> None:  # type: ignore[no-untyped-def]
        response = client.post("/report/", form_data(), follow=True)
        html = response.content.decode()
        assert response.status_code == 200
        report = Report.objects.get()
        assert report.commune == geography.urban
        assert RECEIPT.search(html)
        assert ">19<" in html and ">15<" in html and ">177<" not in html

    def test_a_rural_commune_shows_the_gendarmerie_number(self, client: Client, geography) -> None:  # type: ignore[no-untyped-def]
        html = client.post("/report/", form_data(place="", commune=geography.rural.code), follow=True).content.decode()
        assert ">177<" in html and ">15<" in html and ">19<" not in html

    def test_a_point_from_the_map_wins_over_the_name(self, client: Client, geography) -> None:  # type: ignore[no-untyped-def]
        client.post("/report/", form_data(lat=IN_RURAL[0], lon=IN_RURAL[1]))
        assert Report.objects.get().commune == geography.rural

    def test_errors_are_shown_next_to_their_fields_and_nothing_is_kept(self, client: Client) -> None:
        response = client.post("/report/", form_data(description="", place="Nowhere at all", occurred_on="2999-01-01"))
        html = response.content.decode()
        assert response.status_code == 400
        assert "صف ما حدث" in html or "هذه الخانة إلزامية" in html
        assert "قل أين وقع ذلك: اكتب اسم الجماعة أو المقاطعة" in html
        assert Report.objects.count() == 0

    def test_a_future_date_is_refused_in_the_users_language(self, client: Client) -> None:
        tomorrow = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
        html = client.post("/report/?lang=fr", form_data(occurred_on=tomorrow)).content.decode()
        assert "La date ne peut pas être dans le futur." in html
        assert Report.objects.count() == 0

    def test_a_bad_photo_is_refused_with_the_form_kept(self, client: Client) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("x.jpg", b"not an image", "image/jpeg")
        response = client.post("/report/", {**form_data(), "photos": [upload]})
        assert response.status_code == 400
        assert "الإنارة مقطوعة" in response.content.decode()
        assert Report.objects.count() == 0

    def test_photos_sent_through_the_form_are_kept_cleaned(self, client: Client) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("x.jpg", photo_with_gps(), "image/jpeg")
        assert client.post("/report/", {**form_data(), "photos": [upload]}, follow=True).status_code == 200
        assert Report.objects.get().photos.count() == 1


class TestTrackPage:
    def test_the_receipt_code_shows_the_timeline(self, client: Client) -> None:
        filed = file_report()
        report_change_status(
            actor=AN_AUTHORITY, public_id=filed.report.public_id, new_status="acknowledged", message="تم إشعار الدورية"
        )
        html = client.post("/track/", {"receipt_code": filed.receipt_code.lower()}).content.decode()
        assert "تم التوصل به" in html and "تم إشعار الدورية" in html

    def test_the_reporters_day_and_the_authoritys_time_read_in_the_page_language(self, client: Client) -> None:
        occurred = timezone.make_aware(dt.datetime(2026, 11, 19, 22, 0))
        with clock.pinned_at(occurred):
            filed = file_report(occurred_at=occurred)
        with clock.pinned_at(timezone.make_aware(dt.datetime(2026, 11, 20, 18, 30))):
            report_change_status(
                actor=AN_AUTHORITY, public_id=filed.report.public_id, new_status="acknowledged", message=""
            )
        arabic = client.post("/track/", {"receipt_code": filed.receipt_code}).content.decode()
        french = client.post("/track/?lang=fr", {"receipt_code": filed.receipt_code}).content.decode()
        assert '<time datetime="2026-11-19">' in arabic  # the reporter's day, not its midnight
        assert "20 نوفمبر 2026، 18:30" in arabic
        assert "20 novembre 2026 18:30" in french

    def test_a_public_report_links_to_its_public_page(self, client: Client) -> None:
        filed = file_report()
        html = client.post("/track/", {"receipt_code": filed.receipt_code}).content.decode()
        assert f'href="/reports/{filed.report.public_id}/"' in html
        assert "tracked-confidential" not in html

    def test_a_confidential_report_says_who_sees_it_and_links_nowhere_public(self, client: Client) -> None:
        filed = file_report(category_code="domestic-violence")
        html = client.post("/track/", {"receipt_code": filed.receipt_code}).content.decode()
        assert 'id="tracked-confidential"' in html and "هذا البلاغ سري" in html
        assert f"/reports/{filed.report.public_id}/" not in html

    def test_a_wrong_code_says_so_without_detail(self, client: Client) -> None:
        response = client.post("/track/", {"receipt_code": "AAAAA-BBBBB-CCCCC-DDDDD"})
        assert response.status_code == 400
        assert "لا يوجد بلاغ بهذا الرمز" in response.content.decode()

    def test_the_tracking_page_is_never_cached(self, client: Client) -> None:
        assert "no-cache" in client.get("/track/")["Cache-Control"]


class TestReportAndCommunePages:
    def test_a_public_report_page_shows_the_timeline_and_no_contact(self, client: Client) -> None:
        report = file_report(contact="0661000000").report
        html = client.get(f"/reports/{report.public_id}/").content.decode()
        assert report.description in html and "0661000000" not in html

    def test_the_report_map_draws_the_configured_tiles(self, client: Client, settings: Any) -> None:
        settings.AMANE_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
        report = file_report().report
        html = client.get(f"/reports/{report.public_id}/").content.decode()
        assert 'data-tile-url="https://tiles.example/{z}/{x}/{y}.png"' in html

    def test_a_confidential_report_page_is_404(self, client: Client) -> None:
        report = file_report(category_code="domestic-violence").report
        assert client.get(f"/reports/{report.public_id}/").status_code == 404

    def test_the_commune_page_shows_population_counts_and_numbers(self, client: Client, geography) -> None:  # type: ignore[no-untyped-def]
        file_report()
        file_report(category_code="extremism")
        html = client.get(f"/communes/{geography.urban.code}/").content.decode()
        assert "<dd>40\xa0000</dd>" in html  # grouped by thousands, as HCP writes it in Arabic too
        assert '<dd id="report-count">1</dd>' in html
        assert ">19<" in html

    def test_french_groups_thousands_too(self, client: Client, geography) -> None:  # type: ignore[no-untyped-def]
        html = client.get(f"/communes/{geography.urban.code}/?lang=fr").content.decode()
        assert "<dd>40\u202f000</dd>" in html or "<dd>40\xa0000</dd>" in html

    def test_an_unknown_commune_is_404(self, client: Client) -> None:
        assert client.get("/communes/00.000.00.00/").status_code == 404

    def test_the_list_page_makes_a_fixed_number_of_queries(self, client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
        for _ in range(10):
            file_report(photos=[photo_with_gps()])
        with django_assert_max_num_queries(6):
            client.get("/")


def test_the_commune_filter_takes_a_typed_name(client: Client) -> None:
    file_report(description="وصف أول للسرقة")
    file_report(description="وصف ثان للتخريب", point=IN_RURAL)
    html = client.get("/?place=دوار الاختبار").content.decode()
    assert "وصف ثان للتخريب" in html and "وصف أول للسرقة" not in html


def test_the_receipt_page_offers_no_language_switch_that_would_lose_the_code(client: Client) -> None:
    html = client.post("/report/", form_data(), follow=True).content.decode()
    assert RECEIPT.search(html)
    assert "?lang=" not in html


def test_a_report_without_a_time_keeps_the_day_only(client: Client) -> None:
    client.post("/report/", form_data(occurred_on=timezone.localdate().isoformat()))
    occurred = timezone.localtime(Report.objects.get().occurred_at)
    assert (occurred.hour, occurred.minute, occurred.second, occurred.microsecond) == (0, 0, 0, 0)


def test_a_filter_name_that_is_not_exact_suggests_communes(client: Client) -> None:
    html = client.get("/?place=Al Aman").content.decode()
    assert "?commune=99.901.01.01" in html


def test_the_date_picker_stops_at_today(client: Client) -> None:
    html = client.get("/report/").content.decode()
    assert f'max="{timezone.localdate().isoformat()}"' in html


def test_the_commune_page_makes_a_fixed_number_of_queries(client: Client, geography: SquareGeography) -> None:
    def queries() -> int:
        cache.clear()  # neither the whole page nor the urgent ticker's answer from the last request
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/communes/{geography.urban.code}/").status_code == 200
        return len(captured)

    file_report(photos=[photo_with_gps()])
    queries()  # a first request fills what sections hold in the process (the directory's numbers)
    with_one = queries()
    for _ in range(9):
        file_report(photos=[photo_with_gps()])
    # The same whatever the reports; each section of another app (numbers, black spots…) adds its own few.
    assert queries() == with_one <= 20


def test_the_tracking_page_does_not_echo_the_code(client: Client) -> None:
    filed = file_report()
    html = client.post("/track/", {"receipt_code": filed.receipt_code}).content.decode()
    assert "مرسل" in html
    assert filed.receipt_code not in html


def test_photos_are_never_cached_by_shared_caches(client: Client) -> None:
    from amane.reports.tests.test_photos import photo_with_gps

    photo = file_report(photos=[photo_with_gps()]).report.photos.get()
    photo.report.photos.update(review=PhotoReview.APPROVED)  # past the moderator's first look
    assert client.get(f"/photos/{photo.public_id}.jpg")["Cache-Control"].startswith("private")


def test_tracking_a_duplicate_links_its_original_only_where_the_public_may_see_it(client: Client) -> None:
    def tracked_page_of_a_duplicate(category_code: str) -> tuple[str, str]:
        original = file_report(category_code=category_code).report
        repeat = file_report(category_code=category_code)
        report_change_status(
            actor=AN_AUTHORITY,
            public_id=repeat.report.public_id,
            new_status="duplicate",
            duplicate_of_public_id=original.public_id,
        )
        return original.public_id, client.post("/track/", {"receipt_code": repeat.receipt_code}).content.decode()

    public_original, page = tracked_page_of_a_duplicate("theft")
    assert f"/reports/{public_original}/" in page
    confidential_original, page = tracked_page_of_a_duplicate("domestic-violence")
    assert confidential_original not in page
