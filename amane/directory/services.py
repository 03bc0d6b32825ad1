"""Writes of the directory: a unit's officers add, change and remove its local numbers, each with its audit row."""

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amane.audit.services import audit_record
from amane.authorities.models import Unit
from amane.core.actors import Actor
from amane.core.errors import InvalidInput, Message, NotAllowed, NotFound
from amane.core.viewer import Viewer
from amane.directory.models import DirectoryEntry, ServiceKind
from amane.directory.phones import PhoneError, normalise_phone

# Beyond this a unit's numbers no longer fit the one-page sheet beside the others.
MAX_ENTRIES_PER_UNIT = 20
MAX_POSITION = 999
TEXT_FIELDS = ("name_ar", "name_fr", "address_ar", "address_fr", "hours")
AUDITED_FIELDS = ("unit", "service", "number", *TEXT_FIELDS, "position")

PHONE_MESSAGES = {
    "empty": pgettext_lazy("directory", "Give the telephone number."),
    "characters": pgettext_lazy(
        "directory", "A telephone number holds digits only, with spaces or dashes between them."
    ),
    "prefix": pgettext_lazy("directory", "A Moroccan number starts with 05, 06, 07 or 08 (or +212 5…8)."),
    "length": pgettext_lazy(
        "directory", "A number has ten digits (05 28 85 12 34), or two to four for a short number (19, 177)."
    ),
}


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(character) == "Cc" for character in text)


def _cleaned_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Return the entry's fields trimmed and normalised, or raise InvalidInput naming each bad one."""
    errors: dict[str, list[Message]] = {}
    cleaned: dict[str, Any] = {}
    for field in TEXT_FIELDS:
        text = values.get(field)
        text = text.strip() if isinstance(text, str) else ""
        if _has_control_characters(text):
            errors[field] = [_("This text holds a character that is not allowed.")]
        cleaned[field] = text
    if not cleaned["name_ar"] and not cleaned["name_fr"]:
        errors.setdefault("name_ar", []).append(pgettext_lazy("directory", "Give the name in Arabic or in French."))
    service = values.get("service")
    if service not in ServiceKind.values:
        errors["service"] = [pgettext_lazy("directory", "Choose a service from the list.")]
    cleaned["service"] = service
    try:
        cleaned["number"] = normalise_phone(str(values.get("number") or ""))
    except PhoneError as error:
        errors["number"] = [PHONE_MESSAGES[error.reason]]
    position = values.get("position", 0)
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= MAX_POSITION:
        errors["position"] = [
            pgettext_lazy("directory", "Give a whole number from 0 to %(max)d.") % {"max": MAX_POSITION}
        ]
    cleaned["position"] = position
    # Lengths and the rest of the model's own rules, in Django's translated words.
    probe = DirectoryEntry(**{key: value for key, value in cleaned.items() if key not in errors})
    try:
        probe.full_clean(exclude=["unit", *errors])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise InvalidInput(fields=errors)
    return cleaned


def _unit_for(viewer: Viewer, unit_id: Any) -> Unit:
    """Return the unit the viewer may list numbers for, or raise."""
    if not (viewer.is_staff or viewer.acts_for_units):
        raise NotAllowed()
    unit = Unit.objects.filter(pk=unit_id).first() if isinstance(unit_id, int) else None
    if unit is None or not (viewer.is_staff or unit.pk in viewer.unit_ids):
        raise InvalidInput(fields={"unit": [pgettext_lazy("directory", "Choose one of your units.")]})
    return unit


def _entry_for_change(viewer: Viewer, entry_id: int) -> DirectoryEntry:
    """Return the entry locked for a change; another unit's entry is as missing as a deleted one."""
    entry = DirectoryEntry.objects.select_for_update().select_related("unit").filter(pk=entry_id).first()
    if entry is None or not (viewer.is_staff or entry.unit_id in viewer.unit_ids):
        raise NotFound(pgettext_lazy("directory", "No such number in your units' directory."))
    return entry


def _snapshot(entry: DirectoryEntry) -> dict[str, object]:
    return {field: entry.unit.code if field == "unit" else getattr(entry, field) for field in AUDITED_FIELDS}


def _check_room(unit: Unit) -> None:
    if DirectoryEntry.objects.filter(unit=unit).count() >= MAX_ENTRIES_PER_UNIT:
        message = pgettext_lazy("directory", "A unit lists at most %(max)d numbers; remove one first.") % {
            "max": MAX_ENTRIES_PER_UNIT
        }
        raise InvalidInput(fields={"unit": [message]})


def directory_entry_create(
    *, viewer: Viewer, actor: Actor, unit_id: int, is_demo: bool = False, **values: Any
) -> DirectoryEntry:
    """Add a local number to one of the viewer's units (fields: service, number, names, addresses, hours, position)."""
    unit = _unit_for(viewer, unit_id)
    cleaned = _cleaned_fields(values)
    with transaction.atomic():
        # Locks the unit's row: two officers adding at once cannot both take the last place.
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        _check_room(unit)
        entry = DirectoryEntry.objects.create(unit=unit, is_demo=is_demo or actor.demo, **cleaned)
        audit_record(
            actor=actor,
            action="directory_entry.create",
            target_type="directory_entry",
            target_id=str(entry.pk),
            after=_snapshot(entry),
        )
    return entry


def directory_entry_update(
    *, viewer: Viewer, actor: Actor, entry_id: int, unit_id: int, **values: Any
) -> DirectoryEntry:
    """Change a local number of one of the viewer's units; it may move to another of their units."""
    unit = _unit_for(viewer, unit_id)
    cleaned = _cleaned_fields(values)
    with transaction.atomic():
        entry = _entry_for_change(viewer, entry_id)
        before = _snapshot(entry)
        if unit.pk != entry.unit_id:
            _check_room(unit)
        entry.unit = unit
        for field, value in cleaned.items():
            setattr(entry, field, value)
        after = _snapshot(entry)
        # Saved only when something changed: the sheet's cache is keyed on the last change.
        if after != before:
            entry.save()
            audit_record(
                actor=actor,
                action="directory_entry.update",
                target_type="directory_entry",
                target_id=str(entry.pk),
                before=before,
                after=after,
            )
    return entry


def directory_entry_delete(*, viewer: Viewer, actor: Actor, entry_id: int) -> None:
    """Remove a local number of one of the viewer's units."""
    if not (viewer.is_staff or viewer.acts_for_units):
        raise NotAllowed()
    with transaction.atomic():
        entry = _entry_for_change(viewer, entry_id)
        before = _snapshot(entry)
        entry.delete()
        audit_record(
            actor=actor,
            action="directory_entry.delete",
            target_type="directory_entry",
            target_id=str(entry_id),
            before=before,
        )
