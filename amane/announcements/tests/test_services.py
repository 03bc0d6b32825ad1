"""Publishing, changing and withdrawing announcements: who may, what is checked, what is recorded."""

import datetime as dt
from typing import Any

import pytest

from amane.announcements.models import Announcement, AnnouncementArea
from amane.announcements.services import announcement_create, announcement_update, announcement_withdraw
from amane.announcements.tests.factories import (
    AN_OFFICER_ACTOR,
    announcement_input,
    as_officer_of,
    publish,
    urgent_input,
)
from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import Units
from amane.core import clock
from amane.core.errors import InvalidInput, NotAllowed, NotFound
from amane.core.viewer import PUBLIC, staff
from amane.geo.tests.factories import CITY, PROVINCE, URBAN

pytestmark = pytest.mark.django_db


def _codes(announcement: Announcement) -> set[str]:
    return set(announcement.areas.values_list("code", flat=True))


def test_an_officer_publishes_for_the_whole_coverage_of_the_unit_by_default(units: Units) -> None:
    announcement = publish(units.pashalik)
    assert _codes(announcement) == {CITY}
    entry = AuditEntry.objects.get(action="announcement.create")
    assert entry.target_id == announcement.public_id
    assert entry.after is not None and entry.after["areas"] == [CITY]


def test_an_annex_without_coverage_announces_for_its_pashalik_s_commune(units: Units) -> None:
    assert _codes(publish(units.north_annex)) == {CITY}


def test_a_province_chooses_communes_inside_it(units: Units) -> None:
    announcement = publish(units.province, announcement_input(area_codes=(URBAN, CITY)))
    assert _codes(announcement) == {URBAN, CITY}


def test_the_body_is_stored_cleaned(units: Units) -> None:
    data = announcement_input(body_ar='<p onclick="x()">نص</p><script>alert(1)</script><a href="javascript:x">a</a>')
    announcement = publish(units.pashalik, data)
    assert announcement.body_ar == '<p>نص</p><a rel="noopener nofollow">a</a>'


def test_the_links_carry_the_dates_and_urgency(units: Units) -> None:
    announcement = publish(units.pashalik, urgent_input(days=2))
    link = AnnouncementArea.objects.get(announcement=announcement)
    assert (link.urgent, link.publishes_at, link.expires_at) == (
        True,
        announcement.publishes_at,
        announcement.expires_at,
    )


def _refused(units: Units, error: type[Exception], **input_fields: Any) -> Exception:
    with pytest.raises(error) as raised:
        publish(units.pashalik, announcement_input(**input_fields))
    assert not Announcement.objects.exists()
    assert not AnnouncementArea.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="announcement.").exists()
    return raised.value


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title_ar": "  "}, "title_ar"),
        ({"title_ar": "x" * 201}, "title_ar"),
        ({"body_ar": "<script>alert(1)</script>"}, "body_ar"),
        ({"body_ar": "<p>" + "x" * 5001 + "</p>"}, "body_ar"),
        ({"body_fr": ""}, "body_fr"),
        ({"area_codes": (URBAN,)}, "areas"),
        ({"area_codes": ("00.000",)}, "areas"),
        ({"area_codes": (PROVINCE,)}, "areas"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_written(
    units: Units, fields: dict[str, Any], field: str
) -> None:
    error = _refused(units, InvalidInput, **fields)
    assert isinstance(error, InvalidInput)
    assert list(error.fields) == [field]


def test_an_urgent_announcement_needs_an_end(units: Units) -> None:
    error = _refused(units, InvalidInput, urgent=True)
    assert isinstance(error, InvalidInput) and "expires_at" in error.fields


def test_an_urgent_announcement_lasts_thirty_days_at_most(units: Units) -> None:
    now = clock.now()
    error = _refused(
        units, InvalidInput, urgent=True, publishes_at=now, expires_at=now + dt.timedelta(days=30, seconds=1)
    )
    assert isinstance(error, InvalidInput) and "expires_at" in error.fields
    publish(units.pashalik, announcement_input(urgent=True, publishes_at=now, expires_at=now + dt.timedelta(days=30)))


@pytest.mark.parametrize("offset", [dt.timedelta(hours=-1), dt.timedelta(0)])
def test_the_end_comes_after_the_start_and_in_the_future(units: Units, offset: dt.timedelta) -> None:
    now = clock.now()
    past = now - dt.timedelta(days=3)
    error = _refused(units, InvalidInput, publishes_at=past, expires_at=past + dt.timedelta(days=2) + offset)
    assert isinstance(error, InvalidInput) and "expires_at" in error.fields
    error = _refused(units, InvalidInput, publishes_at=now, expires_at=now + offset)
    assert isinstance(error, InvalidInput) and "expires_at" in error.fields


def test_only_an_officer_of_the_unit_publishes(units: Units) -> None:
    for viewer in (PUBLIC, staff(1), as_officer_of(units.city_police)):
        with pytest.raises(NotAllowed):
            announcement_create(
                viewer=viewer, actor=AN_OFFICER_ACTOR, unit_code=units.pashalik.code, data=announcement_input()
            )
    assert not Announcement.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="announcement.").exists()


def test_an_update_rewrites_the_texts_and_areas_with_an_audit_row(units: Units) -> None:
    announcement = publish(units.province)
    updated = announcement_update(
        viewer=as_officer_of(units.province),
        actor=AN_OFFICER_ACTOR,
        public_id=announcement.public_id,
        data=announcement_input(title_ar="عنوان جديد", area_codes=(URBAN,)),
    )
    assert updated.title_ar == "عنوان جديد"
    assert _codes(updated) == {URBAN}
    entry = AuditEntry.objects.get(action="announcement.update")
    assert entry.before is not None and entry.before["areas"] == [PROVINCE]
    assert entry.after is not None and entry.after["areas"] == [URBAN]


def test_a_refused_update_changes_nothing(units: Units) -> None:
    announcement = publish(units.pashalik)
    with pytest.raises(InvalidInput):
        announcement_update(
            viewer=as_officer_of(units.pashalik),
            actor=AN_OFFICER_ACTOR,
            public_id=announcement.public_id,
            data=announcement_input(title_ar="جديد", urgent=True),
        )
    with pytest.raises(NotAllowed):
        announcement_update(
            viewer=as_officer_of(units.city_police),
            actor=AN_OFFICER_ACTOR,
            public_id=announcement.public_id,
            data=announcement_input(title_ar="جديد"),
        )
    announcement.refresh_from_db()
    assert announcement.title_ar == announcement_input().title_ar
    assert not AuditEntry.objects.filter(action="announcement.update").exists()


def test_withdrawing_takes_it_off_its_links_once(units: Units) -> None:
    announcement = publish(units.pashalik)
    for _ in range(2):
        announcement_withdraw(
            viewer=as_officer_of(units.pashalik), actor=AN_OFFICER_ACTOR, public_id=announcement.public_id
        )
    assert AnnouncementArea.objects.get(announcement=announcement).withdrawn is True
    assert AuditEntry.objects.filter(action="announcement.withdraw").count() == 1
    with pytest.raises(NotAllowed):
        announcement_update(
            viewer=as_officer_of(units.pashalik),
            actor=AN_OFFICER_ACTOR,
            public_id=announcement.public_id,
            data=announcement_input(),
        )


def test_staff_withdraw_and_other_units_do_not(units: Units) -> None:
    announcement = publish(units.pashalik)
    with pytest.raises(NotAllowed):
        announcement_withdraw(
            viewer=as_officer_of(units.city_police), actor=AN_OFFICER_ACTOR, public_id=announcement.public_id
        )
    announcement_withdraw(viewer=staff(1), actor=AN_OFFICER_ACTOR, public_id=announcement.public_id)
    # Withdrawn, it is no longer anyone's business outside the unit: "not found".
    with pytest.raises(NotFound):
        announcement_withdraw(
            viewer=as_officer_of(units.city_police), actor=AN_OFFICER_ACTOR, public_id=announcement.public_id
        )
    with pytest.raises(NotFound):
        announcement_withdraw(viewer=PUBLIC, actor=AN_OFFICER_ACTOR, public_id="nothing")


def test_flags_hide_and_a_moderator_restores_with_the_ticker_made_stale(
    units: Units, django_capture_on_commit_callbacks: Any
) -> None:
    from amane.announcements import ticker
    from amane.announcements.services import announcement_set_hidden
    from amane.geo.models import Area

    announcement = publish(units.pashalik, urgent_input())
    city = Area.objects.get(code=CITY)
    assert len(ticker.ticker_items(city)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        announcement_set_hidden(actor=AN_OFFICER_ACTOR, public_id=announcement.public_id, hidden=True)
    assert ticker.ticker_items(city) == []
    with django_capture_on_commit_callbacks(execute=True):
        announcement_set_hidden(actor=AN_OFFICER_ACTOR, public_id=announcement.public_id, hidden=False)
        announcement_set_hidden(actor=AN_OFFICER_ACTOR, public_id=announcement.public_id, hidden=False)
    assert len(ticker.ticker_items(city)) == 1
    actions = list(AuditEntry.objects.filter(target_id=announcement.public_id).values_list("action", flat=True))
    assert actions == ["announcement.create", "announcement.hide", "announcement.restore"]
    with pytest.raises(NotFound):
        announcement_set_hidden(actor=AN_OFFICER_ACTOR, public_id="nothing", hidden=True)
