"""The report form files once, answers with a redirect, and shows the receipt code once."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from amane.geo.tests.factories import build_square_geography
from amane.reports.models import IdempotencyRecord, Report

pytestmark = pytest.mark.django_db
RECEIPT = re.compile(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}")


@pytest.fixture(autouse=True)
def geography():  # type: ignore[no-untyped-def]
    return build_square_geography()


def drawn_form(client: Client) -> dict[str, str]:
    """The fields of the form as the server drew it, filled in as a citizen would."""
    html = client.get("/report/").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html)
    assert token is not None
    return {
        "form_token": token.group(1),
        "category": "unsafe-space",
        "description": "الإنارة مقطوعة في الزنقة منذ أسبوعين",
        "place": "Al Amane",
        "occurred_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
    }


class TestFilingOnce:
    def test_filing_answers_with_a_redirect_to_the_receipt_page(self, client: Client) -> None:
        response = client.post("/report/", drawn_form(client))
        assert response.status_code == 303
        assert response["Location"] == "/report/received/"
        assert not RECEIPT.search(response.content.decode())

    def test_the_receipt_page_shows_the_code_once_and_a_reload_files_nothing(self, client: Client) -> None:
        client.post("/report/", drawn_form(client))
        first = client.get("/report/received/").content.decode()
        code = RECEIPT.search(first)
        assert code is not None
        again = client.get("/report/received/").content.decode()
        assert not RECEIPT.search(again)
        assert 'id="receipt-shown"' in again
        assert Report.objects.count() == 1

    def test_the_code_is_the_one_that_tracks_the_report(self, client: Client) -> None:
        client.post("/report/", drawn_form(client))
        code = RECEIPT.search(client.get("/report/received/").content.decode())
        assert code is not None
        html = client.post("/track/", {"receipt_code": code.group(0)}).content.decode()
        assert 'id="tracked-status"' in html

    def test_the_same_form_sent_twice_gets_the_first_answer(self, client: Client) -> None:
        form = drawn_form(client)
        client.post("/report/", form)
        first = RECEIPT.search(client.get("/report/received/").content.decode())
        assert client.post("/report/", form).status_code == 303
        second = RECEIPT.search(client.get("/report/received/").content.decode())
        assert Report.objects.count() == 1
        assert first is not None and second is not None and first.group(0) == second.group(0)

    def test_another_browser_does_not_see_the_code(self, client: Client) -> None:
        client.post("/report/", drawn_form(client))
        assert not RECEIPT.search(Client().get("/report/received/").content.decode())

    def test_a_form_sent_again_with_other_content_files_nothing_and_says_so(self, client: Client) -> None:
        form = drawn_form(client)
        client.post("/report/", form)
        response = client.post("/report/", {**form, "description": "وصف آخر مختلف تماما"})
        html = response.content.decode()
        assert response.status_code == 400
        assert "سبق إرسال هذه الاستمارة" in html
        assert f'value="{form["form_token"]}"' not in html  # a fresh token, so that sending it again files
        assert Report.objects.count() == 1

    def test_the_session_and_the_record_never_hold_the_code_in_clear(self, client: Client) -> None:
        client.post("/report/", drawn_form(client))
        kept = str(dict(client.session))
        record = IdempotencyRecord.objects.get()
        assert not RECEIPT.search(kept) and not RECEIPT.search(record.sealed_receipt)

    def test_a_form_without_a_token_still_files_once_and_redirects(self, client: Client) -> None:
        form = drawn_form(client)
        del form["form_token"]
        assert client.post("/report/", form).status_code == 303
        assert RECEIPT.search(client.get("/report/received/").content.decode())
        assert Report.objects.count() == 1
