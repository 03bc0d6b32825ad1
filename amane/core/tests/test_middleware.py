"""The request guard: what no view should ever have to read."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/v1/reports/%00", "/communes/%00/", "/api/v1/reports?commune=%00", "/?place=%00"]
)
def test_a_nul_character_in_an_address_is_a_400(client: Client, path: str) -> None:
    assert client.get(path).status_code == 400


def test_a_nul_character_in_a_cookie_is_a_400(client: Client) -> None:
    client.cookies["sessionid"] = "\x00abcdefghij"
    assert client.get("/api/v1/reports").status_code == 400
