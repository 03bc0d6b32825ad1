import pytest
from django.utils import translation

from amane.reports.event_messages import DEFAULT_MESSAGES, event_message
from amane.reports.models import ActorRole, ReportEvent, ReportStatus


def step(status: str, role: str = ActorRole.AUTHORITY, message: str = "") -> ReportEvent:
    return ReportEvent(status=status, actor_role=role, message=message)


def test_a_written_message_is_kept_as_written() -> None:
    assert event_message(step(ReportStatus.RESOLVED, message="أصلحت الإنارة")) == "أصلحت الإنارة"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "تمت معالجة المشكل."), ("fr", "Le problème a été traité.")],
)
def test_a_silent_authority_step_reads_in_the_active_language(language: str, expected: str) -> None:
    with translation.override(language):
        assert event_message(step(ReportStatus.RESOLVED)) == expected


def test_the_reporters_own_step_gets_no_default() -> None:
    assert event_message(step(ReportStatus.SUBMITTED, role=ActorRole.REPORTER)) == ""


def test_a_status_without_a_default_stays_silent() -> None:
    assert ReportStatus.REJECTED not in DEFAULT_MESSAGES
    assert event_message(step(ReportStatus.REJECTED)) == ""


def test_every_default_is_translated_into_both_languages() -> None:
    for message in DEFAULT_MESSAGES.values():
        with translation.override("en"):
            english = str(message)
        for language in ("ar", "fr"):
            with translation.override(language):
                assert str(message) != english, (language, english)


@pytest.mark.django_db
def test_the_api_gives_a_silent_step_its_default_in_the_callers_language(client) -> None:  # type: ignore[no-untyped-def]
    from amane.geo.tests.factories import build_square_geography
    from amane.reports.services import report_change_status
    from amane.reports.tests.factories import AN_AUTHORITY, file_report

    build_square_geography()
    filed = file_report()
    report_change_status(actor=AN_AUTHORITY, public_id=filed.report.public_id, new_status="acknowledged", message="")
    answer = client.get(f"/api/v1/reports/{filed.report.public_id}", headers={"Accept-Language": "fr"}).json()
    assert [event["message"] for event in answer["timeline"]] == ["", "L'autorité a pris en compte le signalement."]
