"""
The API does what its OpenAPI document says, for requests nobody thought to write down.

Schemathesis reads /api/v1/openapi.json and sends each operation requests generated from
it, valid and invalid, then checks every answer: never a 5xx, only documented status
codes and content types, bodies that match the documented schemas, and schema-invalid
requests refused. The generation is derandomised, so a run is repeatable; a failure
prints the request that caused it.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from amane.wsgi import application

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]
# Where a schema-valid request may still be refused for what it means, not its form:
# a point outside Morocco, a category that does not exist, a time in the future, an
# opaque cursor that was never issued, a bounding box beyond +/-180 degrees.
MEANING_CHECKED = {"GET /api/v1/geo/locate", "POST /api/v1/reports", "GET /api/v1/reports", "GET /api/v1/reports/cells"}


@pytest.fixture
def api_schema(real_geography: None, db: None) -> Iterator[Any]:
    # As Django's test client does: closing "old" connections at the end of each request
    # would close the one that holds the test's transaction (PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.realdata
@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_keeps_to_its_openapi_document(case: Any) -> None:
    # The WSGI transport hands gzip bodies (communes.geojson) to the checks undecoded.
    extra = [] if case.operation.label in MEANING_CHECKED else [checks.positive_data_acceptance]
    case.call_and_validate(checks=CHECKS + extra, headers={"Accept-Encoding": "identity"})
