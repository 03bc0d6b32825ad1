import pytest
from pytest_django.fixtures import SettingsWrapper

from amane.authorities.tests.factories import Units
from amane.core.errors import InvalidInput, NotFound
from amane.core.viewer import PUBLIC
from amane.flags import selectors
from amane.flags.tests.factories import flag, flag_by, moderator_viewer, report_with_photo, visitor
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def test_a_case_shows_its_content_reasons_and_texts(units: Units) -> None:
    from amane.core.actors import ANONYMOUS_REPORTER
    from amane.flags.services import flag_submit

    report = file_report(description="وصف البلاغ المشار إليه").report
    flag("report", report.public_id, flagger=visitor(1), reason="abusive")
    flag("report", report.public_id, flagger=visitor(2), reason="abusive")
    flag_submit(
        actor=ANONYMOUS_REPORTER,
        flagger_key=visitor(3),
        kind="report",
        target_id=report.public_id,
        reason="other",
        text="ليس صحيحا",
    )
    (item,) = selectors.pending_cases(viewer=moderator_viewer()).items
    assert "وصف البلاغ المشار إليه" in item.description
    assert item.link == f"/reports/{report.public_id}/"
    assert [n for _label, n in item.reasons] == [2, 1]
    assert item.texts == ["ليس صحيحا"]


def test_the_photo_queue_holds_pending_photos_of_public_reports_only(units: Units) -> None:
    waiting = report_with_photo().report.photos.get()
    report_with_photo(category_code="domestic-violence")
    page = selectors.photos_awaiting_review(viewer=moderator_viewer())
    assert [photo.pk for photo in page.items] == [waiting.pk]


def test_queues_are_for_moderators_only(units: Units) -> None:
    with pytest.raises(NotFound):
        selectors.pending_cases(viewer=PUBLIC)
    with pytest.raises(NotFound):
        selectors.photos_awaiting_review(viewer=PUBLIC)


def test_a_bad_cursor_is_refused(units: Units) -> None:
    with pytest.raises(InvalidInput):
        selectors.pending_cases(viewer=moderator_viewer(), after="abc")


def test_hidden_photos_leave_the_review_queue(units: Units, settings: SettingsWrapper) -> None:
    settings.AMANE_PHOTOS_PREMODERATED = False
    settings.AMANE_FLAG_THRESHOLDS = "photo=1"
    photo = report_with_photo().report.photos.get()
    flag_by("photo", photo.public_id, 1)
    assert selectors.photos_awaiting_review(viewer=moderator_viewer()).items == []
