import pytest
from django.utils import translation

from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import Units, officer_of
from amane.core.actors import authority_user
from amane.core.errors import InvalidInput, NotAllowed, NotFound
from amane.core.viewer import PUBLIC
from amane.directory.models import DirectoryEntry, ServiceKind
from amane.directory.services import (
    MAX_ENTRIES_PER_UNIT,
    directory_entry_create,
    directory_entry_delete,
    directory_entry_update,
)
from amane.directory.tests.factories import AN_OFFICER, add_entry, entry_values

pytestmark = pytest.mark.django_db

BAD = {
    "service": "bakery",
    "name_ar": "",
    "name_fr": "",
    "number": "0428 85 12 34",
    "address_fr": "x" * 301,
    "hours": "8h\x00",
    "position": -1,
}


def _trail(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


class TestDirectoryEntryCreate:
    def test_an_officer_adds_a_number_to_their_unit_and_the_trail_says_so(self, units: Units) -> None:
        officer = officer_of("police-city")
        assert officer.user_id is not None
        entry = directory_entry_create(
            viewer=officer,
            actor=authority_user(officer.user_id),
            unit_id=units.city_police.pk,
            **entry_values(number="+212 5 28 85 12 34", name_fr="  Commissariat central  "),
        )
        entry.refresh_from_db()
        assert (entry.unit, entry.number, entry.name_fr) == (units.city_police, "0528851234", "Commissariat central")
        [row] = _trail("directory_entry.create")
        assert (row.target_id, row.actor_user_id) == (str(entry.pk), officer.user_id)
        assert row.after is not None and row.after["number"] == "0528851234" and row.after["unit"] == "police-city"

    def test_bad_input_is_refused_field_by_field_and_leaves_nothing(self, units: Units) -> None:
        officer = officer_of("police-city")
        with pytest.raises(InvalidInput) as refused:
            directory_entry_create(
                viewer=officer, actor=AN_OFFICER, unit_id=units.city_police.pk, **entry_values(**BAD)
            )
        assert set(refused.value.fields) == {"service", "name_ar", "number", "address_fr", "hours", "position"}
        assert not DirectoryEntry.objects.exists()
        assert not _trail("directory_entry.create")

    @pytest.mark.parametrize(
        ("language", "expected"),
        [("ar", "الرقم المغربي"), ("fr", "Un numéro marocain")],
    )
    def test_the_messages_speak_the_officers_language(self, units: Units, language: str, expected: str) -> None:
        with translation.override(language):
            with pytest.raises(InvalidInput) as refused:
                directory_entry_create(
                    viewer=officer_of("police-city"),
                    actor=AN_OFFICER,
                    unit_id=units.city_police.pk,
                    **entry_values(number="0428851234"),
                )
            messages = refused.value.field_messages()
        assert expected in messages["number"][0]

    def test_an_officer_cannot_list_a_number_for_a_unit_not_theirs(self, units: Units) -> None:
        with pytest.raises(InvalidInput) as refused:
            directory_entry_create(
                viewer=officer_of("police-urban"),
                actor=AN_OFFICER,
                unit_id=units.city_police.pk,
                **entry_values(),
            )
        assert set(refused.value.fields) == {"unit"}
        assert not DirectoryEntry.objects.exists()

    def test_the_public_cannot_add_numbers(self, units: Units) -> None:
        with pytest.raises(NotAllowed):
            directory_entry_create(viewer=PUBLIC, actor=AN_OFFICER, unit_id=units.city_police.pk, **entry_values())
        assert not DirectoryEntry.objects.exists()

    def test_a_unit_lists_a_bounded_number_of_numbers(self, units: Units) -> None:
        for _ in range(MAX_ENTRIES_PER_UNIT):
            add_entry(units.city_police)
        with pytest.raises(InvalidInput) as refused:
            add_entry(units.city_police)
        assert set(refused.value.fields) == {"unit"}
        assert DirectoryEntry.objects.count() == MAX_ENTRIES_PER_UNIT


class TestDirectoryEntryUpdate:
    def test_an_officer_changes_a_number_and_the_trail_keeps_before_and_after(self, units: Units) -> None:
        entry = add_entry(units.city_police, number="0528000001")
        officer = officer_of("police-city")
        values = entry_values(number="0528 00 00 02", service=ServiceKind.HOSPITAL)
        directory_entry_update(
            viewer=officer, actor=AN_OFFICER, entry_id=entry.pk, unit_id=units.city_police.pk, **values
        )
        entry.refresh_from_db()
        assert (entry.number, entry.service) == ("0528000002", ServiceKind.HOSPITAL)
        [row] = _trail("directory_entry.update")
        assert row.before is not None and row.after is not None
        assert (row.before["number"], row.after["number"]) == ("0528000001", "0528000002")

    def test_saving_the_same_values_writes_nothing(self, units: Units) -> None:
        entry = add_entry(units.city_police)
        values = {field: getattr(entry, field) for field in entry_values()}
        directory_entry_update(
            viewer=officer_of("police-city"),
            actor=AN_OFFICER,
            entry_id=entry.pk,
            unit_id=units.city_police.pk,
            **values,
        )
        assert DirectoryEntry.objects.get(pk=entry.pk).updated_at == entry.updated_at
        assert not _trail("directory_entry.update")

    def test_an_officer_moves_a_number_to_another_of_their_units(self, units: Units) -> None:
        entry = add_entry(units.city_police)
        officer = officer_of("police-city", "council-city")
        values = {field: getattr(entry, field) for field in entry_values()}
        directory_entry_update(
            viewer=officer, actor=AN_OFFICER, entry_id=entry.pk, unit_id=units.city_council.pk, **values
        )
        assert DirectoryEntry.objects.get(pk=entry.pk).unit == units.city_council

    def test_another_units_number_is_not_found_and_stays_as_it_was(self, units: Units) -> None:
        entry = add_entry(units.city_police, number="0528000001")
        with pytest.raises(NotFound):
            directory_entry_update(
                viewer=officer_of("police-urban"),
                actor=AN_OFFICER,
                entry_id=entry.pk,
                unit_id=units.urban_police.pk,
                **entry_values(),
            )
        assert DirectoryEntry.objects.get(pk=entry.pk).number == "0528000001"
        assert not _trail("directory_entry.update")

    def test_bad_input_changes_nothing(self, units: Units) -> None:
        entry = add_entry(units.city_police, number="0528000001")
        with pytest.raises(InvalidInput):
            directory_entry_update(
                viewer=officer_of("police-city"),
                actor=AN_OFFICER,
                entry_id=entry.pk,
                unit_id=units.city_police.pk,
                **entry_values(**BAD),
            )
        assert DirectoryEntry.objects.get(pk=entry.pk).number == "0528000001"


class TestDirectoryEntryDelete:
    def test_an_officer_removes_a_number_and_the_trail_keeps_it(self, units: Units) -> None:
        entry = add_entry(units.city_police, number="0528000001")
        directory_entry_delete(viewer=officer_of("police-city"), actor=AN_OFFICER, entry_id=entry.pk)
        assert not DirectoryEntry.objects.exists()
        [row] = _trail("directory_entry.delete")
        assert row.before is not None and row.before["number"] == "0528000001"

    def test_another_units_number_is_not_found_and_stays(self, units: Units) -> None:
        entry = add_entry(units.city_police)
        with pytest.raises(NotFound):
            directory_entry_delete(viewer=officer_of("police-urban"), actor=AN_OFFICER, entry_id=entry.pk)
        assert DirectoryEntry.objects.filter(pk=entry.pk).exists()
        assert not _trail("directory_entry.delete")

    def test_the_public_cannot_remove_numbers(self, units: Units) -> None:
        entry = add_entry(units.city_police)
        with pytest.raises(NotAllowed):
            directory_entry_delete(viewer=PUBLIC, actor=AN_OFFICER, entry_id=entry.pk)
        assert DirectoryEntry.objects.filter(pk=entry.pk).exists()
