"""The report form as the server draws it: dates, errors all at once, and what needs JavaScript."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from amane.geo.tests.factories import build_square_geography
from amane.reports import limits
from amane.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography():  # type: ignore[no-untyped-def]
    return build_square_geography()


class Elements(HTMLParser):
    """Every element's attributes, to check ids and the ARIA that points at them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[dict[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append({"tag": tag, **{name: value or "" for name, value in attrs}})

    def ids(self) -> set[str]:
        return {element["id"] for element in self.elements if "id" in element}

    def by_id(self, id_: str) -> dict[str, str]:
        return next(element for element in self.elements if element.get("id") == id_)


def broken_post(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "category": "",
        "description": "",
        "place": "",
        "occurred_on": "21/03/2026",
        "contact": "",
    }
    data.update(overrides)
    return data


class TestDates:
    @pytest.mark.parametrize("language", ["ar", "fr"])
    def test_the_default_date_is_iso_in_every_language(self, client: Client, language: str) -> None:
        html = client.get(f"/report/?lang={language}").content.decode()
        field = Elements(html).by_id("id_occurred_on")
        assert field["value"] == timezone.localdate().isoformat()

    def test_a_french_form_files_with_its_default_date(self, client: Client) -> None:
        html = client.get("/report/?lang=fr").content.decode()
        day = Elements(html).by_id("id_occurred_on")["value"]
        post = {"category": "theft", "description": "Vol de téléphone", "place": "Al Amane", "occurred_on": day}
        assert client.post("/report/", post).status_code == 303
        assert Report.objects.count() == 1

    def test_a_future_date_is_called_a_date(self, client: Client) -> None:
        later = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
        html = client.post("/report/?lang=fr", broken_post(occurred_on=later)).content.decode()
        assert "La date ne peut pas être dans le futur." in html
        assert "L&#x27;heure ne peut pas" not in html


class TestErrorsInOnePass:
    def test_every_field_in_error_is_reported_in_one_answer(self, client: Client) -> None:
        response = client.post("/report/", broken_post())
        html = response.content.decode()
        assert response.status_code == 400
        elements = Elements(html)
        for field in ("category", "description", "place", "occurred_on"):
            assert f"id_{field}_error" in elements.ids(), field
        assert Report.objects.count() == 0

    def test_each_message_says_what_to_do_not_that_a_field_is_required(self, client: Client) -> None:
        html = client.post("/report/", broken_post()).content.decode()
        assert "اختر أحد الأصناف." in html and "هذه الخانة إلزامية" not in html

    def test_the_summary_links_to_fields_that_exist_and_takes_focus(self, client: Client) -> None:
        html = client.post("/report/", broken_post()).content.decode()
        elements = Elements(html)
        summary = elements.by_id("error-summary")
        assert summary["tabindex"] == "-1" and "autofocus" in summary
        targets = re.findall(r'<a href="#([^"]+)"', html.split('id="error-summary"')[1].split("</div>")[0])
        assert len(targets) >= 4
        assert set(targets) <= elements.ids()

    def test_invalid_fields_are_marked_and_described_by_ids_that_exist(self, client: Client) -> None:
        elements = Elements(client.post("/report/", broken_post()).content.decode())
        ids = elements.ids()
        for element in elements.elements:
            for target in element.get("aria-describedby", "").split():
                assert target in ids, (element.get("id"), target)
        for field in ("id_description", "id_place", "id_occurred_on", "id_category_0"):
            assert elements.by_id(field).get("aria-invalid") == "true", field

    def test_photos_sent_with_an_error_are_said_to_be_lost(self, client: Client) -> None:
        upload = SimpleUploadedFile("x.jpg", b"not looked at", "image/jpeg")
        html = client.post("/report/", {**broken_post(), "photos": [upload]}).content.decode()
        assert 'id="photos-again"' in html and "اخترها من جديد" in html

    def test_no_photo_no_warning(self, client: Client) -> None:
        assert 'id="photos-again"' not in client.post("/report/", broken_post()).content.decode()


class TestLongText:
    def test_no_maxlength_cuts_the_description(self, client: Client) -> None:
        textarea = Elements(client.get("/report/").content.decode()).by_id("id_description")
        assert "maxlength" not in textarea

    def test_a_long_description_is_refused_with_its_count(self, client: Client) -> None:
        text = "ب" * (limits.DESCRIPTION_MAX + 7)
        html = client.post("/report/", broken_post(description=text)).content.decode()
        assert str(limits.DESCRIPTION_MAX + 7) in html
        assert text in html  # given back whole, to be shortened

    def test_the_counter_knows_the_limit(self, client: Client) -> None:
        counter = Elements(client.get("/report/").content.decode()).by_id("description-count")
        assert counter["data-limit"] == str(limits.DESCRIPTION_MAX)


class TestPage:
    def test_the_emergency_numbers_open_the_form(self, client: Client) -> None:
        html = client.get("/report/").content.decode()
        top = html.split("<h1>")[0]
        assert 'href="tel:19"' in top and 'href="tel:177"' in top and 'href="tel:15"' in top

    def test_what_needs_javascript_is_hidden_without_it(self, client: Client) -> None:
        elements = Elements(client.get("/report/").content.decode())
        for id_ in ("use-location", "pick-map", "pick-hint", "description-count", "place-suggestions"):
            assert "hidden" in elements.by_id(id_), id_

    def test_hidden_wins_over_display_rules_in_the_style_sheet(self) -> None:
        from django.contrib.staticfiles import finders

        path = finders.find("amane/amane.css")
        assert path is not None
        with open(str(path), encoding="utf-8") as sheet:
            assert re.search(r"\[hidden\]\s*\{\s*display:\s*none\s*!important", sheet.read())
