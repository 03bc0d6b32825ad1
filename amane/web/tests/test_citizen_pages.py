"""Tracking, the home filter, the language switch and the map's popup, as a citizen meets them."""

import pytest
from django.test import Client

from amane.geo.tests.factories import IN_RURAL, SquareGeography, build_square_geography
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography() -> SquareGeography:
    return build_square_geography()


class TestTracking:
    def test_a_malformed_code_gets_a_format_hint_not_no_such_report(self, client: Client) -> None:
        response = client.post("/track/", {"receipt_code": "K7QM3-XHD9"})
        html = response.content.decode()
        assert response.status_code == 400
        assert "أربع مجموعات من خمسة" in html
        assert "لا يوجد بلاغ بهذا الرمز" not in html

    def test_a_well_formed_unknown_code_is_no_such_report(self, client: Client) -> None:
        html = client.post("/track/", {"receipt_code": "AAAAA-BBBBB-CCCCC-DDDDD"}).content.decode()
        assert "لا يوجد بلاغ بهذا الرمز" in html and "أربع مجموعات من خمسة" not in html

    @pytest.mark.parametrize("typed", ["AAAAA-BBBBB-CCCCC-DDDDD", "QWERTZ-12", "<b>K7QM3</b>"])
    def test_a_wrong_code_is_never_echoed(self, client: Client, typed: str) -> None:
        html = client.post("/track/", {"receipt_code": typed}).content.decode()
        assert typed not in html and "QWERTZ" not in html and "&lt;b&gt;K7QM3" not in html

    def test_a_right_code_is_never_echoed(self, client: Client) -> None:
        filed = file_report()
        html = client.post("/track/", {"receipt_code": filed.receipt_code}).content.decode()
        assert 'id="tracked-status"' in html
        assert filed.receipt_code not in html

    def test_an_authoritys_silent_step_reads_in_the_readers_language(self, client: Client) -> None:
        filed = file_report()
        report_change_status(
            actor=AN_AUTHORITY, public_id=filed.report.public_id, new_status="acknowledged", message=""
        )
        arabic = client.post("/track/", {"receipt_code": filed.receipt_code}).content.decode()
        french = client.post("/track/?lang=fr", {"receipt_code": filed.receipt_code}).content.decode()
        assert "توصلت السلطة بالبلاغ." in arabic and "L&#x27;autorité a pris en compte" not in arabic
        assert "L&#x27;autorité a pris en compte le signalement." in french and "توصلت السلطة" not in french

    def test_a_written_message_is_shown_as_written(self, client: Client) -> None:
        filed = file_report()
        report_change_status(
            actor=AN_AUTHORITY, public_id=filed.report.public_id, new_status="acknowledged", message="دورية في الطريق"
        )
        html = client.post("/track/?lang=fr", {"receipt_code": filed.receipt_code}).content.decode()
        assert "دورية في الطريق" in html and "L&#x27;autorité a pris en compte" not in html


class TestHomeFilter:
    def test_an_unknown_place_is_said_not_ignored(self, client: Client) -> None:
        html = client.get("/?place=Zzyzxqv").content.decode()
        assert 'id="unknown-place"' in html

    def test_a_known_place_says_nothing_of_the_kind(self, client: Client) -> None:
        html = client.get("/?place=دوار الاختبار").content.decode()
        assert 'id="unknown-place"' not in html

    def test_a_close_spelling_gets_suggestions_not_the_unknown_note(self, client: Client) -> None:
        html = client.get("/?place=Al Aman").content.decode()
        assert "?commune=99.901.01.01" in html and 'id="unknown-place"' not in html


class TestLanguageSwitch:
    def test_the_switch_keeps_the_filters(self, client: Client) -> None:
        html = client.get("/?category=vandalism&place=Al+Amane").content.decode()
        assert 'href="?category=vandalism&amp;place=Al+Amane&amp;lang=fr"' in html

    def test_the_switch_replaces_the_language_it_came_with(self, client: Client) -> None:
        html = client.get("/?lang=fr&status=resolved").content.decode()
        assert 'href="?lang=ar&amp;status=resolved"' in html


class TestCommuneSummary:
    def test_it_counts_public_reports_by_status_in_the_readers_language(
        self, client: Client, geography: SquareGeography
    ) -> None:
        file_report()
        file_report(point=IN_RURAL)
        file_report(category_code="domestic-violence")
        body = client.get(f"/communes/{geography.urban.code}/summary.json?lang=fr").json()
        assert body == {
            "name": geography.urban.name_fr,
            "total": 1,
            "statuses": [{"label": "Envoyé", "count": 1}],
            "url": f"/communes/{geography.urban.code}/",
        }

    def test_an_unknown_commune_is_404(self, client: Client) -> None:
        assert client.get("/communes/00.000.00.00/summary.json").status_code == 404


class TestMapPages:
    def test_maps_load_the_shared_setup_with_translated_controls(self, client: Client) -> None:
        html = client.get("/").content.decode()
        assert "amane/map-setup." in html and 'data-zoom-in="تكبير"' in html

    def test_maps_wait_hidden_for_the_script_that_draws_them(self, client: Client, geography: SquareGeography) -> None:
        report = file_report().report
        for path in ("/", f"/communes/{geography.urban.code}/", f"/reports/{report.public_id}/"):
            assert '<div id="map" class="map' in (html := client.get(path).content.decode())
            assert html.split('<div id="map"')[1].split(">")[0].count(" hidden") == 1, path

    def test_every_page_names_a_local_svg_favicon(self, client: Client) -> None:
        html = client.get("/track/").content.decode()
        assert 'rel="icon"' in html and "/static/amane/favicon." in html and 'type="image/svg+xml"' in html
