"""Filing and tracking are limited per client, by a keyed hash held only in the cache."""

import json
from collections.abc import Iterator
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from pytest_django.fixtures import SettingsWrapper

from amane.core.throttle import client_address, client_key
from amane.geo.tests.factories import build_square_geography
from amane.reports.models import Report
from amane.reports.tests.factories import report_body

pytestmark = pytest.mark.django_db
CODE = "K7QM3-XHD9T-PAW2R-C4NBE"


@pytest.fixture(autouse=True)
def limits(settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The counting windows are aligned on the clock: a slow run must not cross into the next one.
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    build_square_geography()
    settings.RATELIMIT_ENABLE = True
    settings.AMANE_RATE_LIMITS = {"file": "2/m", "track": "3/m"}
    cache.clear()
    yield
    cache.clear()


def file_json(client: Client, language: str = "ar") -> object:
    return client.post(
        "/api/v1/reports",
        data=json.dumps(report_body()),
        content_type="application/json",
        headers={"Accept-Language": language},
    )


def test_filing_past_the_limit_is_a_429_problem_in_the_callers_language() -> None:
    client = Client()
    assert [file_json(client).status_code for _ in range(2)] == [201, 201]  # type: ignore[attr-defined]
    refused = file_json(client, "fr")
    assert refused.status_code == 429  # type: ignore[attr-defined]
    assert refused["Content-Type"] == "application/problem+json"  # type: ignore[index]
    assert refused.json()["code"] == "rate_limited"  # type: ignore[attr-defined]
    assert "tentatives" in refused.json()["title"]  # type: ignore[attr-defined]
    assert 1 <= int(refused["Retry-After"]) <= 60  # type: ignore[index]
    assert Report.objects.count() == 2


def test_another_address_has_its_own_count() -> None:
    for _ in range(2):
        file_json(Client(REMOTE_ADDR="10.0.0.1"))
    assert file_json(Client(REMOTE_ADDR="10.0.0.2")).status_code == 201  # type: ignore[attr-defined]


def test_tracking_guesses_past_the_limit_get_a_429_page_in_arabic() -> None:
    client = Client()
    for _ in range(3):
        assert client.post("/track/", {"receipt_code": CODE}).status_code == 400
    refused = client.post("/track/", {"receipt_code": CODE})
    assert refused.status_code == 429
    assert '<html lang="ar" dir="rtl">' in refused.content.decode()
    assert CODE not in refused.content.decode()
    api = client.post("/api/v1/track", data=json.dumps({"receipt_code": CODE}), content_type="application/json")
    assert api.status_code == 429


def test_reading_the_form_does_not_count() -> None:
    client = Client()
    for _ in range(5):
        assert client.get("/track/").status_code == 200
    assert client.post("/track/", {"receipt_code": CODE}).status_code == 400


def test_the_limits_can_be_turned_off(settings: SettingsWrapper) -> None:
    settings.RATELIMIT_ENABLE = False
    client = Client()
    assert {file_json(client).status_code for _ in range(4)} == {201}  # type: ignore[attr-defined]


def test_the_client_is_known_by_a_keyed_hash_never_its_address(settings: SettingsWrapper) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="196.200.1.7")
    key = client_key("amane.file", request)
    assert "196.200.1.7" not in key and len(key) == 32
    settings.SECRET_KEY = "another secret key of fifty characters or so, not the same"
    assert client_key("amane.file", request) != key


def test_the_address_is_read_past_trusted_proxies_only(settings: SettingsWrapper) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 196.200.1.7")
    assert client_address(request) == "10.0.0.9"
    settings.AMANE_TRUSTED_PROXIES = 1
    assert client_address(request) == "196.200.1.7"
