"""A thread is private: no public page, list or API answer shows it."""

import pytest
from django.test import Client

from amane.authorities.tests.factories import Units
from amane.conversations.services import message_from_reporter
from amane.conversations.tests.factories import asked
from amane.reports.tests.test_photos import photo_with_gps

pytestmark = pytest.mark.django_db

QUESTION = "سؤال خاص من الملحقة"
ANSWER = "جواب خاص من المبلغ"


@pytest.fixture
def talked(units: Units) -> str:
    done = asked(units, body=QUESTION)
    answer = message_from_reporter(receipt_code=done.filed.receipt_code, body=ANSWER, photo=photo_with_gps())
    assert answer.photo_public_id
    return done.filed.report.public_id


def test_the_public_api_answer_holds_no_message(talked: str) -> None:
    response = Client().get(f"/api/v1/reports/{talked}")
    assert response.status_code == 200
    body = response.content.decode()
    assert QUESTION not in body and ANSWER not in body and "messages" not in response.json()


def test_the_public_report_page_holds_no_message(talked: str) -> None:
    response = Client().get(f"/reports/{talked}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert QUESTION not in html and ANSWER not in html and "/track/thread/photos/" not in html


def test_the_public_lists_hold_no_message(talked: str) -> None:
    for path in ("/api/v1/reports", "/"):
        response = Client().get(path)
        body = response.content.decode()
        assert response.status_code == 200, path
        assert QUESTION not in body and ANSWER not in body, path
