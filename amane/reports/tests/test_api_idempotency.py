"""A client that lost the answer to its report sends the same request again and gets the first answer."""

import json
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client

from amane.geo.tests.factories import build_square_geography
from amane.reports.models import IdempotencyRecord, Report
from amane.reports.tests.factories import report_body

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def file(body: dict[str, object], key: str | None, language: str = "ar") -> object:
    headers = {"Accept-Language": language, **({"Idempotency-Key": key} if key is not None else {})}
    return Client().post("/api/v1/reports", data=json.dumps(body), content_type="application/json", headers=headers)


def test_a_retry_with_the_same_key_gets_the_first_answer_and_files_nothing_more() -> None:
    key, body = str(uuid.uuid4()), report_body()
    first = file(body, key)
    again = file(body, key)
    assert first.status_code == again.status_code == 201  # type: ignore[attr-defined]
    assert again.json() == first.json()  # type: ignore[attr-defined]
    assert Report.objects.count() == 1
    assert "no-store" in again["Cache-Control"]  # type: ignore[index]


def test_the_stored_record_holds_neither_the_key_nor_the_receipt_code() -> None:
    key = str(uuid.uuid4())
    code = file(report_body(), key).json()["receipt_code"]  # type: ignore[attr-defined]
    record = IdempotencyRecord.objects.get()
    stored = " ".join(str(value) for value in vars(record).values())
    assert key not in stored and code not in stored and code.replace("-", "") not in stored


def test_the_same_key_with_another_request_is_a_422_and_files_nothing() -> None:
    key = str(uuid.uuid4())
    file(report_body(), key)
    other = file(report_body(description="شيء آخر تماما"), key, language="fr")
    assert other.status_code == 422  # type: ignore[attr-defined]
    assert other.json()["code"] == "idempotency_key_reused"  # type: ignore[attr-defined]
    assert "Idempotency-Key" in other.json()["title"]  # type: ignore[attr-defined]
    assert Report.objects.count() == 1


def test_without_a_key_each_request_files_a_report() -> None:
    body = report_body()
    file(body, None)
    file(body, None)
    assert Report.objects.count() == 2


@pytest.mark.parametrize("key", ["short", "x" * 256, "with spaces inside it"])
def test_a_malformed_key_is_a_400_on_that_header(key: str) -> None:
    refused = file(report_body(), key)
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "Idempotency-Key" in refused.json()["errors"]  # type: ignore[attr-defined]
    assert not Report.objects.exists()


def test_the_openapi_document_describes_the_header_and_the_422() -> None:
    operation = Client().get("/api/v1/openapi.json").json()["paths"]["/api/v1/reports"]["post"]
    assert any(parameter["name"] == "Idempotency-Key" for parameter in operation["parameters"])
    assert "422" in operation["responses"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers; no race to lose")
def test_two_retries_racing_file_one_report_and_get_the_same_code() -> None:
    key, body = str(uuid.uuid4()), report_body()
    answers: list[object] = []
    barrier = threading.Barrier(4)

    def retry() -> None:
        barrier.wait()
        answers.append(file(body, key))
        connection.close()

    threads = [threading.Thread(target=retry) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answer.status_code for answer in answers] == [201] * 4  # type: ignore[attr-defined]
    assert len({answer.json()["receipt_code"] for answer in answers}) == 1  # type: ignore[attr-defined]
    assert Report.objects.count() == 1
