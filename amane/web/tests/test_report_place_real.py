"""Casablanca's arrondissements typed in the report form, on the national data, without JavaScript."""

import pytest
from django.test import Client

from amane.reports.models import Report
from amane.web.tests.test_pages import form_data

pytestmark = [pytest.mark.realdata, pytest.mark.django_db, pytest.mark.usefixtures("real_geography")]


@pytest.mark.parametrize("place", ["Anfa", "Maarif", "Sidi Belyout", "أنفا"])
def test_a_casablanca_arrondissement_typed_in_the_form_is_found(client: Client, place: str) -> None:
    response = client.post("/report/", form_data(place=place))
    assert response.status_code == 303, response.content.decode()[:2000]
    report = Report.objects.select_related("commune", "arrondissement").get()
    assert report.commune.name_fr == "Casablanca"
    assert report.arrondissement is not None and report.arrondissement.parent == report.commune
