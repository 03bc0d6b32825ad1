"""Text answers are gzipped when the client takes gzip; fixed answers are gzipped once and revalidated."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from amane.core.compression import CompressText, FixedBody, accepts_gzip, fixed_response
from amane.geo import selectors
from amane.geo.tests.factories import build_square_geography
from amane.reports.tests.factories import file_report

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", True),
        ("deflate, GZIP;q=0.5", True),
        ("gzip;q=0", False),
        ("gzip; q=0.000", False),
        ("br", False),
        ("", False),
    ],
)
def test_accepts_gzip_reads_the_header(header: str, expected: bool) -> None:
    request = RequestFactory().get("/", headers={"Accept-Encoding": header})
    assert accepts_gzip(request) is expected


def _through_middleware(response: HttpResponse, accept: str = "gzip") -> HttpResponse:
    request = RequestFactory().get("/", headers={"Accept-Encoding": accept})
    answer = CompressText(lambda _request: response)(request)
    assert isinstance(answer, HttpResponse)
    return answer


def test_json_is_compressed_and_photos_are_not() -> None:
    text = b'{"results": [' + b'{"a": 1},' * 200 + b"]}"
    compressed = _through_middleware(HttpResponse(text, content_type="application/json"))
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == text
    assert "Accept-Encoding" in compressed["Vary"]
    photo = _through_middleware(HttpResponse(text, content_type="image/jpeg"))
    assert not photo.has_header("Content-Encoding") and photo.content == text


def test_a_client_without_gzip_gets_plain_text_that_varies_on_the_header() -> None:
    text = b"<p>" + b"x" * 500 + b"</p>"
    response = _through_middleware(HttpResponse(text, content_type="text/html"), accept="identity")
    assert response.content == text and not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]


def test_fixed_body_is_the_same_bytes_in_every_process() -> None:
    body = b'{"type":"FeatureCollection","features":[]}' * 50
    first, second = FixedBody.of(body), FixedBody.of(body)
    assert first.gzipped == second.gzipped and first.digest == second.digest
    assert gzip.decompress(first.gzipped) == body
    assert first.etag(gzipped=True) != first.etag(gzipped=False)


def test_fixed_response_answers_304_to_the_etag_of_its_own_encoding() -> None:
    body = FixedBody.of(b"[" + b"1," * 1000 + b"1]")
    factory = RequestFactory()
    full = fixed_response(factory.get("/", headers=GZIP), body, content_type="application/json", cache_control="public")
    assert full.status_code == 200 and full["Content-Encoding"] == "gzip" and full.content == body.gzipped
    assert full["ETag"].startswith('"') and "Accept-Encoding" in full["Vary"]
    again = factory.get("/", headers={**GZIP, "If-None-Match": full["ETag"]})
    not_modified = fixed_response(again, body, content_type="application/json", cache_control="public")
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == full["ETag"]
    # The gzipped bytes' tag does not validate the plain ones.
    plain = factory.get("/", headers={"If-None-Match": full["ETag"]})
    answer = fixed_response(plain, body, content_type="application/json", cache_control="public")
    assert answer.status_code == 200 and answer.content == body.plain and not answer.has_header("Content-Encoding")


@pytest.mark.django_db
def test_the_commune_layer_is_compressed_once_and_revalidated() -> None:
    build_square_geography()
    assert selectors.commune_boundaries_geojson() is selectors.commune_boundaries_geojson()
    client = Client()
    zipped = client.get("/api/v1/geo/communes.geojson", headers=GZIP)
    assert zipped.status_code == 200 and zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == client.get("/api/v1/geo/communes.geojson").content
    revalidated = client.get("/api/v1/geo/communes.geojson", headers={**GZIP, "If-None-Match": zipped["ETag"]})
    assert revalidated.status_code == 304


@pytest.mark.django_db
def test_the_public_cache_keeps_compressed_and_plain_answers_apart() -> None:
    build_square_geography()
    file_report()
    for first, second in ((GZIP, {}), ({}, GZIP)):
        Client().get("/api/v1/reports?limit=5", headers=first)
        answer = Client().get("/api/v1/reports?limit=5", headers=second)
        encoded = answer.get("Content-Encoding") == "gzip"
        assert encoded is bool(second)
        content = gzip.decompress(answer.content) if encoded else answer.content
        assert b'"results"' in content
        assert "Accept-Encoding" in answer["Vary"]
