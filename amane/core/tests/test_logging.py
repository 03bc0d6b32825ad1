"""No receipt code reaches a log line, however it was typed."""

import logging

import pytest
from django.test import Client

from amane.core.logging import REDACTED, RedactReceiptCodes, redact
from amane.geo.tests.factories import build_square_geography
from amane.reports import receipt
from amane.reports.tests.factories import file_report

CODE = "K7QM3-XHD9T-PAW2R-C4NBE"


def logged(message: str, *args: object, exc_info: object = None) -> logging.LogRecord:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, message, args, exc_info)  # type: ignore[arg-type]
    RedactReceiptCodes().filter(record)
    return record


@pytest.mark.parametrize(
    "separator", [" - ", "--", "  ", ". ", "+", "%20", "%2B", "–", "—", "%E2%80%93", "\u2212", "_"]
)
def test_a_code_typed_with_any_separator_is_redacted(separator: str) -> None:
    typed = CODE.replace("-", separator)
    assert redact(f"Not Found: /api/v1/track/{typed}") == f"Not Found: /api/v1/track/{REDACTED}"


def test_what_the_tracking_form_would_read_as_a_code_is_redacted() -> None:
    for _ in range(50):
        code = receipt.generate().display()
        for typed in (code, code.lower(), code.replace("-", ""), code.replace("0", "O").replace("1", "l")):
            assert receipt.parse(typed) is not None
            assert REDACTED in redact(f"path /track/{typed}?x=1")
            assert typed not in redact(f"path /track/{typed}?x=1")


@pytest.mark.parametrize("extra", ["X", "7", "XY"])
def test_a_code_with_a_character_or_two_too_many_is_still_redacted(extra: str) -> None:
    assert redact(f"/track/{CODE}{extra}") == f"/track/{REDACTED}"


def test_ordinary_messages_and_long_tokens_are_left_alone() -> None:
    for message in ("Not Found: /reports/abc123/", "GET /api/v1/reports?limit=50 200", "x" * 30, "a1b2c3d4e5f6" * 3):
        assert redact(message) == message


def test_the_filter_redacts_formatted_arguments_and_tracebacks() -> None:
    record = logged("Not Found: %s", f"/track/{CODE}")
    assert record.getMessage() == f"Not Found: /track/{REDACTED}"
    try:
        raise ValueError(f"bad code {CODE}")
    except ValueError:
        import sys

        record = logged("failed", exc_info=sys.exc_info())
    assert record.exc_text is not None
    assert CODE not in record.exc_text and REDACTED in record.exc_text


def test_words_on_separate_lines_never_join_into_a_code() -> None:
    traceback = "no such table: reports_idempotencyrecord\n\nThe above exception was the direct cause"
    assert "idempotencyrecord" in redact(traceback)


@pytest.mark.django_db
@pytest.mark.parametrize("separator", [" ", ".", "_", "%20"])
def test_loosely_typed_codes_are_redacted_from_logs(
    client: Client, caplog: pytest.LogCaptureFixture, separator: str
) -> None:
    caplog.set_level(logging.WARNING)
    build_square_geography()
    filed = file_report()
    groups = filed.receipt_code.split("-")
    typo = separator.join(groups)[:-1] + ("0" if groups[-1][-1] != "0" else "1")
    client.get(f"/api/v1/track/{typo}")
    secret = filed.receipt_code.replace("-", "")[6:12]
    assert not any(secret in record.getMessage().replace(separator, "") for record in caplog.records)


def test_a_sentence_of_words_is_not_taken_for_a_code() -> None:
    for message in (
        "AXES: BEGIN version 8.3.1, blocking by combination of username and ip_address",
        "User login failed, running database handler for failure.",
    ):
        assert redact(message) == message


def test_a_code_written_with_spaces_is_redacted_when_it_holds_a_digit_and_joined_whatever_it_holds() -> None:
    assert redact(f"track: {CODE.replace('-', ' ')}.") == f"track: {REDACTED}."
    # A word just before it may go with it, but no group of the code stays in view.
    hidden = redact(f"track {CODE.replace('-', ' ')} now")
    assert REDACTED in hidden and not any(group in hidden for group in CODE.split("-"))
    assert hidden.endswith(" now")
    letters_only = "KXQMB-XHDRT-PAWZR-CYNBE"
    assert redact(f"/track/{letters_only}") == f"/track/{REDACTED}"
    assert redact(f"/track/{letters_only.replace('-', '')}") == f"/track/{REDACTED}"
