"""The report form resolves a typed place without JavaScript: communes and arrondissements, never a guess."""

import pytest
from django.test import Client

from amane.geo.models import Area
from amane.geo.tests.factories import PROVINCE, SquareGeography, build_square_geography
from amane.geo.tests.test_selectors import far_namesake
from amane.reports.models import Report
from amane.web.tests.test_pages import RECEIPT, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography() -> SquareGeography:
    return build_square_geography()


def test_a_typed_arrondissement_files_under_its_city_and_keeps_it(client: Client, geography: SquareGeography) -> None:
    response = client.post("/report/", form_data(place="Arrondissement Est"), follow=True)
    assert response.redirect_chain == [("/report/received/", 303)]
    assert RECEIPT.search(response.content.decode())
    report = Report.objects.get()
    assert (report.commune, report.arrondissement) == (geography.city, geography.city_east)


def test_a_name_two_communes_bear_lists_both_with_their_province_and_files_nothing(
    client: Client, geography: SquareGeography
) -> None:
    namesake = far_namesake("Al Amane", "الأمان")
    response = client.post("/report/?lang=fr", form_data(place="Al Amane"))
    html = response.content.decode()
    assert response.status_code == 400
    assert not Report.objects.exists()
    assert "Plusieurs communes portent ce nom" in html
    assert f'<input type="radio" name="commune" value="{geography.urban.code}">' in html
    assert f'<input type="radio" name="commune" value="{namesake.code}">' in html
    assert "Al Amane (Province test)" in html and "Al Amane (Province lointaine)" in html
    # The hidden commune field gives way to the radio list: one value for "commune" only.
    assert 'type="hidden" name="commune"' not in html


def test_the_chosen_namesake_is_where_the_report_is_filed(client: Client, geography: SquareGeography) -> None:
    namesake = far_namesake("Al Amane", "الأمان")
    response = client.post("/report/", form_data(place="Al Amane", commune=namesake.code))
    assert response.status_code == 303
    assert Report.objects.get().commune == namesake


def test_a_close_spelling_is_offered_not_filed(client: Client, geography: SquareGeography) -> None:
    response = client.post("/report/?lang=fr", form_data(place="Grand Ville"))
    html = response.content.decode()
    assert response.status_code == 400
    assert not Report.objects.exists()
    assert "Aucune commune ne porte exactement ce nom" in html
    assert f'value="{geography.city.code}"' in html


def test_an_arrondissement_in_the_choices_names_its_city(client: Client, geography: SquareGeography) -> None:
    html = client.post("/report/?lang=fr", form_data(place="Arrondissement")).content.decode()
    assert "Arrondissement Est, Grande Ville (Province test)" in html
    assert "Arrondissement Ouest, Grande Ville (Province test)" in html


def test_a_province_is_never_offered_to_file_under(client: Client, geography: SquareGeography) -> None:
    html = client.post("/report/?lang=fr", form_data(place="Province test")).content.decode()
    province = Area.objects.get(code=PROVINCE)
    assert f'value="{province.code}"' not in html
    assert not Report.objects.exists()
