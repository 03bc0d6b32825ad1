"""The report form without JavaScript, on the national geography."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from amane.reports.models import Report

pytestmark = [pytest.mark.realdata, pytest.mark.django_db, pytest.mark.usefixtures("real_geography")]


def post(client: Client, place: str, **extra: str):  # type: ignore[no-untyped-def]
    data = {
        "category": "gathering-place",
        "description": "مقهى قرب المدرسة كيتجمعو فيه المنحرفين",
        "place": place,
        "occurred_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        **extra,
    }
    return client.post("/report/", data, follow=True)


@pytest.mark.parametrize("typed", ["Taroudant", "تارودانت", "taroudannt"])
def test_a_typed_town_name_files_the_report_there(client: Client, typed: str) -> None:
    response = post(client, typed)
    assert response.status_code == 200
    assert Report.objects.get().commune.name_fr == "Taroudannt"


def test_an_ambiguous_name_asks_which_commune(client: Client) -> None:
    response = post(client, "Ajdir")
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('name="commune" value="') >= 2
    assert Report.objects.count() == 0
    code = html.split('name="commune" value="')[1].split('"')[0]
    assert post(client, "Ajdir", commune=code).status_code == 200
    assert Report.objects.get().commune.code == code


@pytest.mark.parametrize(("typed", "commune"), [("Mogador", "Essaouira"), ("Sla", "Salé"), ("سلا", "Salé")])
def test_another_name_of_one_commune_files_the_report_there(client: Client, typed: str, commune: str) -> None:
    response = post(client, typed)
    assert response.status_code == 200
    assert Report.objects.get().commune.name_fr == commune


@pytest.mark.parametrize(("typed", "meant"), [("Casablnca", "06.141.01.0"), ("Tarodant", "09.541.01.13")])
def test_a_close_spelling_is_offered_never_guessed(client: Client, typed: str, meant: str) -> None:
    response = post(client, typed)
    assert response.status_code == 400
    assert f'name="commune" value="{meant}"' in response.content.decode()
    assert Report.objects.count() == 0
