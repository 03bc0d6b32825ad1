"""Reading a thread: the reporter by code, with no officer; the responsible unit only, else not found."""

import pytest

from amane.authorities.tests.factories import Units
from amane.conversations.selectors import (
    message_photo_for_unit,
    thread_for_reporter,
    thread_for_unit,
)
from amane.conversations.services import message_from_reporter
from amane.conversations.tests.factories import asked, filed_in_north_annex
from amane.core.errors import NotFound
from amane.reports.tests.test_photos import photo_with_gps

pytestmark = pytest.mark.django_db


def test_the_reporter_reads_the_thread_in_order_with_the_unit_and_no_officer(units: Units) -> None:
    done = asked(units, body="أي باب؟")
    message_from_reporter(receipt_code=done.filed.receipt_code, body="الشرقي")
    thread = thread_for_reporter(receipt_code=done.filed.receipt_code)
    assert thread.report == done.filed.report and thread.can_answer
    assert [(m.from_reporter, m.body, m.unit_name_fr) for m in thread.messages] == [
        (False, "أي باب؟", "Unité annex-north"),
        (True, "الشرقي", None),
    ]
    assert not any(hasattr(m, "officer") or hasattr(m, "officer_id") for m in thread.messages)


def test_a_wrong_code_reads_nothing(units: Units) -> None:
    asked(units)
    with pytest.raises(NotFound):
        thread_for_reporter(receipt_code="K7QM3-XHD9T-PAW2R-C4NBE")


def test_the_responsible_unit_reads_the_thread_with_its_officer(units: Units) -> None:
    done = asked(units)
    messages = list(thread_for_unit(report=done.filed.report, unit_ids={units.north_annex.pk, units.city_police.pk}))
    assert messages == [done.question] and messages[0].officer_id == done.question.officer_id


@pytest.mark.parametrize("unit_name", ["pashalik", "city_police", "province", "wilaya", "south_west_annex"])
def test_units_in_copy_above_or_elsewhere_are_told_not_found(units: Units, unit_name: str) -> None:
    done = asked(units)
    with pytest.raises(NotFound):
        thread_for_unit(report=done.filed.report, unit_ids={getattr(units, unit_name).pk})


def test_an_unrouted_report_has_no_unit_thread(units: Units) -> None:
    filed = filed_in_north_annex()
    with pytest.raises(NotFound):
        thread_for_unit(report=filed.report, unit_ids=set())


def test_a_message_photo_is_served_to_the_responsible_unit_only(units: Units) -> None:
    done = asked(units)
    answer = message_from_reporter(receipt_code=done.filed.receipt_code, body="صورة", photo=photo_with_gps())
    assert message_photo_for_unit(photo_public_id=answer.photo_public_id, unit_ids={units.north_annex.pk}) == answer
    with pytest.raises(NotFound):
        message_photo_for_unit(photo_public_id=answer.photo_public_id, unit_ids={units.pashalik.pk})
    with pytest.raises(NotFound):
        message_photo_for_unit(photo_public_id="", unit_ids={units.north_annex.pk})
