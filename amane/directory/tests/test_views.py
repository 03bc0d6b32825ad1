import pytest
from django.test import Client

from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import Units, signed_in_officer
from amane.directory.models import DirectoryEntry, ServiceKind
from amane.directory.tests.factories import add_entry, entry_values, signed_in, staff_user
from amane.geo.tests.factories import CITY, RURAL

pytestmark = pytest.mark.django_db


def _form(unit_id: int, **overrides: object) -> dict[str, object]:
    return {"unit": unit_id, **entry_values(**overrides)}


class TestUnitPage:
    def test_an_officer_adds_a_number_from_the_form(self, units: Units) -> None:
        browser = signed_in_officer("police-city")
        response = browser.post("/directory/units/police-city/", _form(units.city_police.pk, number="05-28-00-00-07"))
        assert response.status_code == 302 and response["Location"] == "/directory/units/police-city/"
        assert DirectoryEntry.objects.get().number == "0528000007"
        page = browser.get("/directory/units/police-city/").content.decode()
        assert "0528000007" in page

    @pytest.mark.parametrize(
        ("language", "expected"),
        [("ar", "الرقم المغربي يبدأ"), ("fr", "Un numéro marocain commence")],
    )
    def test_a_refused_number_is_explained_beside_its_field_in_the_officers_language(
        self, units: Units, language: str, expected: str
    ) -> None:
        browser = signed_in_officer("police-city")
        response = browser.post(
            f"/directory/units/police-city/?lang={language}",
            _form(units.city_police.pk, number="0428000000", name_ar="", name_fr=""),
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert expected in page
        assert ("أدخل الاسم" if language == "ar" else "Donnez le nom") in page
        assert not DirectoryEntry.objects.exists()

    def test_a_form_refused_by_the_form_itself_writes_nothing(self, units: Units) -> None:
        browser = signed_in_officer("police-city")
        data = _form(units.city_police.pk, service="bakery", position="first", name_ar="x" * 201)
        assert browser.post("/directory/units/police-city/", data).status_code == 400
        assert not DirectoryEntry.objects.exists()
        assert not AuditEntry.objects.filter(action__startswith="directory_entry").exists()

    def test_an_officer_cannot_slip_in_a_unit_not_theirs(self, units: Units) -> None:
        browser = signed_in_officer("police-city")
        response = browser.post("/directory/units/police-city/", _form(units.urban_police.pk))
        assert response.status_code == 400
        assert not DirectoryEntry.objects.exists()

    def test_the_home_page_lists_the_officers_units(self, units: Units) -> None:
        page = signed_in_officer("police-city", "council-city").get("/directory/").content.decode()
        assert "/directory/units/police-city/" in page and "/directory/units/council-city/" in page
        assert "/directory/units/police-urban/" not in page

    @pytest.mark.parametrize(("asked", "goes_to"), [("police-city", "/directory/units/police-city/"), ("a/b", None)])
    def test_staff_open_a_unit_by_its_code(self, units: Units, asked: str, goes_to: str | None) -> None:
        response = signed_in(staff_user()).get("/directory/", {"unit": asked})
        if goes_to is None:
            assert response.status_code == 200
        else:
            assert (response.status_code, response["Location"]) == (302, goes_to)


class TestEntryPages:
    def test_an_officer_changes_a_number(self, units: Units) -> None:
        entry = add_entry(units.city_police, number="0528000001")
        browser = signed_in_officer("police-city")
        form = browser.get(f"/directory/entries/{entry.pk}/").content.decode()
        assert 'value="0528000001"' in form
        response = browser.post(f"/directory/entries/{entry.pk}/", _form(units.city_police.pk, number="0528000002"))
        assert response.status_code == 302
        entry.refresh_from_db()
        assert entry.number == "0528000002"

    def test_a_refused_change_keeps_the_number(self, units: Units) -> None:
        entry = add_entry(units.city_police, number="0528000001")
        response = signed_in_officer("police-city").post(
            f"/directory/entries/{entry.pk}/", _form(units.city_police.pk, number="01 28")
        )
        assert response.status_code == 400
        entry.refresh_from_db()
        assert entry.number == "0528000001"

    def test_an_officer_removes_a_number(self, units: Units) -> None:
        entry = add_entry(units.city_police)
        response = signed_in_officer("police-city").post(f"/directory/entries/{entry.pk}/delete/")
        assert response.status_code == 302
        assert not DirectoryEntry.objects.exists()
        assert AuditEntry.objects.filter(action="directory_entry.delete", target_id=str(entry.pk)).exists()

    def test_removing_takes_a_post(self, units: Units) -> None:
        entry = add_entry(units.city_police)
        assert signed_in_officer("police-city").get(f"/directory/entries/{entry.pk}/delete/").status_code == 405
        assert DirectoryEntry.objects.exists()


class TestCommunePageSection:
    def test_the_commune_page_lists_national_and_local_numbers_and_links_the_sheets(
        self, client: Client, units: Units
    ) -> None:
        add_entry(units.north_annex, service=ServiceKind.ANNEX, number="0528000101", name_fr="Annexe nord")
        page = client.get(f"/communes/{CITY}/?lang=fr").content.decode()
        assert '<strong dir="ltr">19</strong>' in page and '<strong dir="ltr">15</strong>' in page
        assert 'href="tel:+212528000101"' in page and '<strong dir="ltr">05 28 00 01 01</strong>' in page
        assert "Annexe nord" in page
        assert f"/communes/{CITY}/numbers.pdf?lang=ar" in page and f"/communes/{CITY}/numbers.pdf?lang=fr" in page
        # Before the reports: someone in danger finds a number first.
        assert page.index('id="numbers"') < page.index('class="reports"')

    def test_a_rural_commune_page_gives_the_gendarmerie_and_says_when_no_local_number_exists(
        self, client: Client, units: Units
    ) -> None:
        page = client.get(f"/communes/{RURAL}/?lang=fr").content.decode()
        assert '<strong dir="ltr">177</strong>' in page
        assert "pas encore saisi de numéros locaux" in page

    def test_officers_find_their_directory_from_the_commune_page(self, client: Client, units: Units) -> None:
        assert 'href="/directory/"' not in client.get(f"/communes/{CITY}/").content.decode()
        assert 'href="/directory/"' in signed_in_officer("police-city").get(f"/communes/{CITY}/").content.decode()
