"""
The printable sheet, read back from the PDF with pypdf.

WeasyPrint writes each shaped Arabic run with its source text, so pypdf gives the letters in
their logical order; a PDF may still hand back presentation forms (the joined shapes of
U+FB50–U+FEFF, such as the lam-alef ligature ﻻ) and invisible direction marks. NFKC folds
presentation forms back to the letters typed, and dropping format characters (category Cf)
removes the marks, so a name compares equal to the database's spelling.
"""

import datetime as dt
import io
import unicodedata

import pypdf
import pytest
from django.test import Client
from django.utils import translation

from amane.authorities.tests.factories import Units
from amane.directory import sheet
from amane.directory.models import ServiceKind
from amane.directory.selectors import commune_numbers
from amane.directory.tests.factories import add_entry
from amane.geo.tests.factories import CITY, RURAL

pytestmark = pytest.mark.django_db


def plain(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return " ".join("".join(c for c in folded if unicodedata.category(c) != "Cf").split())


def pages_of(pdf: bytes) -> list[str]:
    return [plain(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def city_numbers(units: Units) -> Units:
    add_entry(
        units.north_annex,
        service=ServiceKind.ANNEX,
        name_ar="الملحقة الإدارية الشمالية",
        name_fr="Annexe administrative nord",
        number="0528000101",
        address_ar="ساحة العلويين",
        address_fr="Place des Alaouites",
    )
    add_entry(units.city_police, number="0528000202", hours="24/7")
    return units


class TestTheSheet:
    @pytest.mark.parametrize("language", ["ar", "fr"])
    def test_one_page_pdf_with_the_numbers_and_the_communes_name_in_both_languages(
        self, client: Client, city_numbers: Units, language: str
    ) -> None:
        response = client.get(f"/communes/{CITY}/numbers.pdf", {"lang": language})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        [text] = pages_of(response.content)
        for expected in ("19", "15", "05 28 00 01 01", "05 28 00 02 02", "المدينة الكبرى", "Grande Ville"):
            assert expected in text
        if language == "ar":
            assert "الملحقة الإدارية الشمالية" in text and "ساحة العلويين" in text
            assert "الأرقام الوطنية" in text
        else:
            assert "Annexe administrative nord" in text and "Place des Alaouites" in text
            assert "Numéros nationaux" in text

    def test_a_rural_sheet_gives_the_gendarmerie(self, client: Client, units: Units) -> None:
        [text] = pages_of(client.get(f"/communes/{RURAL}/numbers.pdf?lang=fr").content)
        assert "177" in text and "Gendarmerie royale" in text
        assert "Douar Test" in text and "دوار الاختبار" in text

    def test_a_long_list_still_fits_one_page(self, client: Client, units: Units) -> None:
        for unit in (units.pashalik, units.city_police, units.city_council):
            for _ in range(9):
                add_entry(unit, address_fr="Rue " + "très longue " * 6)
        [text] = pages_of(client.get(f"/communes/{CITY}/numbers.pdf?lang=fr").content)
        assert "sur la page de la commune" in text  # the rest is online

    def test_demo_numbers_are_said_to_be_fictitious(self, client: Client, units: Units) -> None:
        entry = add_entry(units.city_police)
        entry.is_demo = True
        entry.save()
        [text] = pages_of(client.get(f"/communes/{CITY}/numbers.pdf?lang=fr").content)
        assert "fictifs" in text


class TestRefusals:
    @pytest.mark.parametrize("language", ["en", "zz", "ar,fr", "x" * 300])
    def test_another_language_is_refused(self, client: Client, units: Units, language: str) -> None:
        response = client.get(f"/communes/{CITY}/numbers.pdf", {"lang": language})
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")

    def test_an_unknown_commune_is_404(self, client: Client, units: Units) -> None:
        assert client.get("/communes/00.000.00.00/numbers.pdf?lang=ar").status_code == 404

    def test_only_reads(self, client: Client, units: Units) -> None:
        assert client.post(f"/communes/{CITY}/numbers.pdf?lang=ar").status_code == 405


class TestCache:
    def test_the_sheet_is_laid_out_once_until_an_entry_changes(
        self, client: Client, units: Units, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        laid_out: list[str] = []
        real = sheet._one_page_pdf

        def counting(**kwargs: object) -> bytes:
            laid_out.append(str(kwargs["language"]))
            return real(**kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(sheet, "_one_page_pdf", counting)
        entry = add_entry(units.city_police, number="0528000001")
        first = client.get(f"/communes/{CITY}/numbers.pdf?lang=ar").content
        assert client.get(f"/communes/{CITY}/numbers.pdf?lang=ar").content == first
        client.get(f"/communes/{CITY}/numbers.pdf?lang=fr")
        assert laid_out == ["ar", "fr"]
        entry.number = "0528000009"
        entry.save()
        [text] = pages_of(client.get(f"/communes/{CITY}/numbers.pdf?lang=ar").content)
        assert laid_out == ["ar", "fr", "ar"]
        assert "05 28 00 00 09" in text


def test_the_sheet_speaks_its_own_language_whatever_the_readers(units: Units) -> None:
    add_entry(units.city_police, service=ServiceKind.HOSPITAL)
    with translation.override("ar"):
        numbers = commune_numbers(code=CITY)
    html = sheet.sheet_html(numbers=numbers, language="fr", day=dt.date(2026, 12, 2))
    assert "Hôpital ou centre de santé" in html
    assert "مستشفى أو مركز صحي" not in html
