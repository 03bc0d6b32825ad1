"""The officer's side of the conversation: the responsible unit asks, the reporter answers by receipt code."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from amane.authorities.tests.factories import NORTH_ANNEX, Units, point_of, signed_in_officer
from amane.conversations.services import message_from_reporter
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def test_the_annex_asks_the_reporter_is_told_without_the_text_and_answers_on_the_tracking_page(
    units: Units, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    filed = file_report(point=point_of(NORTH_ANNEX), contact="reporter@example.ma")
    annex = signed_in_officer("annex-north")
    url = f"/inbox/reports/{filed.report.public_id}/"
    question = "أي جهة من المدرسة بالضبط؟"
    with django_capture_on_commit_callbacks(execute=True):
        assert annex.post(url, {"action": "message", "body": question}).status_code == 302
    assert [m.to for m in mail.outbox] == [["reporter@example.ma"]] and question not in mail.outbox[0].body
    tracking = Client().post("/track/", {"receipt_code": filed.receipt_code}).content.decode()
    assert question in tracking
    message_from_reporter(receipt_code=filed.receipt_code, body="الباب الخلفي")
    page = annex.get(url).content.decode()
    assert question in page and "الباب الخلفي" in page


def test_a_unit_in_copy_neither_reads_nor_writes_the_conversation(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    police = signed_in_officer("police-city")
    url = f"/inbox/reports/{report.public_id}/"
    assert 'id="thread"' not in police.get(url).content.decode()
    refused = police.post(url, {"action": "message", "body": "سؤال"})
    assert refused.status_code == 403 and "لا يكتب إلى المبلّغ إلا" in refused.content.decode()


def test_an_empty_message_is_refused_on_its_field_and_nothing_is_sent(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    answer = signed_in_officer("annex-north").post(
        f"/inbox/reports/{report.public_id}/", {"action": "message", "body": ""}
    )
    assert answer.status_code == 400 and 'id="thread"' in answer.content.decode()
