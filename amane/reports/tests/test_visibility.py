"""One visibility gate: who sees which report, and which duplicate's original."""

import pytest

from amane.authorities.tests.factories import build_units, officer_of
from amane.core.viewer import PUBLIC, Viewer, officer, staff
from amane.geo.tests.factories import IN_RURAL, build_square_geography
from amane.reports.selectors import reports_visible_to
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report
from amane.reports.visibility import original_shown_to

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _geography() -> None:
    build_square_geography()


def _visible(viewer: Viewer) -> set[str]:
    return set(reports_visible_to(viewer).values_list("public_id", flat=True))


def test_the_public_and_signed_in_citizens_see_public_categories_only() -> None:
    shown = file_report().report.public_id
    file_report(category_code="domestic-violence")
    assert _visible(PUBLIC) == {shown}
    assert _visible(Viewer(user_id=3)) == {shown}


def test_staff_see_every_report() -> None:
    ids = {file_report().report.public_id, file_report(category_code="extremism").report.public_id}
    assert _visible(staff(1)) == ids


@pytest.mark.parametrize("unit", ["police-urban", "province-99.901"])
def test_an_officer_sees_the_confidential_reports_routed_to_their_unit_or_below_it_only(unit: str) -> None:
    build_units()
    theirs = file_report(category_code="domestic-violence").report.public_id  # police of Al Amane
    elsewhere = file_report(category_code="domestic-violence", point=IN_RURAL).report.public_id  # gendarmerie
    public = file_report(point=IN_RURAL).report.public_id
    seen = _visible(officer_of(unit))
    assert theirs in seen and public in seen
    assert (elsewhere in seen) is (unit == "province-99.901")


def test_a_unit_in_copy_of_a_public_category_does_not_see_a_confidential_one() -> None:
    build_units()
    confidential = file_report(category_code="domestic-violence", point=IN_RURAL).report.public_id
    theft = file_report(category_code="theft", point=IN_RURAL).report.public_id  # the cercle in copy
    seen = _visible(officer_of("cercle-test"))
    assert theft in seen and confidential not in seen


def test_an_officer_without_units_sees_what_the_public_sees() -> None:
    public = file_report().report.public_id
    file_report(category_code="domestic-violence")
    assert _visible(officer(5, ())) == {public}


def _duplicate_pair(category_code: str) -> tuple[str, str]:
    original = file_report(category_code=category_code).report
    repeat = file_report(category_code=category_code).report
    report_change_status(
        actor=AN_AUTHORITY,
        public_id=repeat.public_id,
        new_status="duplicate",
        duplicate_of_public_id=original.public_id,
    )
    return original.public_id, repeat.public_id


def test_a_public_original_is_shown_to_everyone() -> None:
    original, repeat = _duplicate_pair("theft")
    report = reports_visible_to(staff(1)).get(public_id=repeat)
    assert original_shown_to(PUBLIC, report) == original


@pytest.mark.parametrize(
    ("unit", "shown"),
    [(None, False), ("gendarmerie-rural", False), ("police-urban", True), ("province-99.901", True), ("staff", True)],
)
def test_a_confidential_original_is_shown_only_to_who_answers_for_it(unit: str | None, shown: bool) -> None:
    build_units()
    original, repeat = _duplicate_pair("domestic-violence")
    report = reports_visible_to(staff(1)).get(public_id=repeat)
    viewer = PUBLIC if unit is None else staff(1) if unit == "staff" else officer_of(unit)
    assert original_shown_to(viewer, report) == (original if shown else None)


def test_a_report_that_repeats_nothing_shows_no_original() -> None:
    assert original_shown_to(staff(1), file_report().report) is None
