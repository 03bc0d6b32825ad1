"""
Writes on black spots: declaring one, answering it, and registering sensitive places.

Every input is checked before the database is touched, each error on its field; a refused
declaration leaves no row and no file. Answers go through `black_spot_answer` alone, which
locks the row so that two officers cannot answer at once.
"""

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amane.audit.services import audit_record
from amane.authorities.routing import route
from amane.blackspots import access, lifecycle
from amane.blackspots.geometry import ShapeError, SpotShape, spot_shape
from amane.blackspots.messages import SHAPE_MESSAGES
from amane.blackspots.models import (
    ANSWER_TEXT_MAX,
    DESCRIPTION_MAX,
    PLACE_NAME_MAX,
    BlackSpot,
    BlackSpotAnswer,
    BlackSpotPhoto,
    BlackSpotPlace,
    BlackSpotReport,
    BlackSpotStatus,
    PlaceKind,
    SensitivePlace,
)
from amane.blackspots.selectors import black_spot_for_viewer
from amane.core import clock
from amane.core.actors import Actor
from amane.core.errors import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    Message,
    NotAllowed,
    NotFound,
    OutsideCoveredArea,
)
from amane.core.viewer import Viewer
from amane.core.writer_turn import writer_turn
from amane.geo.selectors import Location, locate_point
from amane.reports import limits
from amane.reports.models import Category, Report
from amane.reports.photos import CleanPhoto, PhotoRejected
from amane.reports.report_input import PHOTO_MESSAGES, clean_uploaded_photo
from amane.reports.services import PUBLIC_ID_ALPHABET
from amane.service_levels import deadlines
from amane.service_levels.models import ServiceLevel

MAX_LINKS = 50
Errors = dict[str, list[Message]]


def _new_public_id(length: int = 10) -> str:
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(length))


def _text(name: str, value: str, *, limit: int, required: Message | None, errors: Errors) -> str:
    text = (value or "").strip()
    if "\x00" in text:
        errors.setdefault(name, []).append(_("This text holds a character that is not allowed."))
    elif not text and required is not None:
        errors.setdefault(name, []).append(required)
    elif len(text) > limit:
        errors.setdefault(name, []).append(
            _("This text has %(count)d characters; the most is %(limit)d.") % {"count": len(text), "limit": limit}
        )
    return text


def _shape(geometry: object, errors: Errors) -> tuple[SpotShape | None, Location | None]:
    try:
        shape = spot_shape(geometry)
    except ShapeError as error:
        errors.setdefault("geometry", []).append(SHAPE_MESSAGES[error.reason])
        return None, None
    try:
        return shape, locate_point(lat=shape.lat, lon=shape.lon)
    except OutsideCoveredArea as error:
        errors.setdefault("geometry", []).append(error.detail)
        return shape, None


def _photos(photos: Sequence[bytes], errors: Errors) -> list[CleanPhoto]:
    if len(photos) > limits.PHOTOS_PER_REPORT:
        errors.setdefault("photos", []).append(_("At most %(count)d photos.") % {"count": limits.PHOTOS_PER_REPORT})
        return []
    cleaned = []
    for number, data in enumerate(photos, start=1):
        try:
            # The one cleaning path of every photo Amane keeps (amane.reports.photos.clean_photo).
            cleaned.append(clean_uploaded_photo(data))
        except PhotoRejected as refused:
            errors.setdefault("photos", []).append(
                _("Photo %(number)d: %(reason)s") % {"number": number, "reason": PHOTO_MESSAGES[refused.reason]}
            )
    return cleaned


def _linked_reports(public_ids: Sequence[str], shape: SpotShape | None, errors: Errors) -> list[Report]:
    wanted = list(dict.fromkeys(public_ids))
    if len(wanted) > MAX_LINKS:
        errors.setdefault("reports", []).append(_("Link at most %(count)d reports.") % {"count": MAX_LINKS})
        return []
    found = {
        report.public_id: report
        for report in Report.objects.filter(public_id__in=wanted, public__in=(True,)).only(
            "id", "public_id", "public_lat", "public_lon"
        )
    }
    for public_id in wanted:
        report = found.get(public_id)
        if report is None:
            errors.setdefault("reports", []).append(_("No public report has the id %(id)s.") % {"id": public_id[:20]})
        elif shape is not None and not shape.near(lat=report.public_lat, lon=report.public_lon):
            errors.setdefault("reports", []).append(_("Report %(id)s is not near this place.") % {"id": public_id})
    return [found[public_id] for public_id in wanted if public_id in found]


def _linked_places(place_ids: Sequence[int], shape: SpotShape | None, errors: Errors) -> list[SensitivePlace]:
    wanted = list(dict.fromkeys(place_ids))
    if len(wanted) > MAX_LINKS:
        errors.setdefault("places", []).append(_("Link at most %(count)d places.") % {"count": MAX_LINKS})
        return []
    found = SensitivePlace.objects.in_bulk(wanted)
    for place_id in wanted:
        place = found.get(place_id)
        if place is None:
            errors.setdefault("places", []).append(_("No sensitive place has the number %(id)s.") % {"id": place_id})
        elif shape is not None and not shape.near(lat=place.lat, lon=place.lon):
            errors.setdefault("places", []).append(_("%(name)s is not near this place.") % {"name": place.name_fr})
    return [found[place_id] for place_id in wanted if place_id in found]


@dataclass(frozen=True)
class ValidSpot:
    category: Category
    shape: SpotShape
    location: Location
    description: str


def black_spot_check(*, category_code: str, geometry: object, description: str) -> ValidSpot:
    """Check what a declaration's first step holds (category, place, description); raise InvalidInput."""
    errors: Errors = {}
    valid = _checked(category_code, geometry, description, errors)
    if errors or valid is None:
        raise InvalidInput(fields=errors)
    return valid


def _checked(category_code: str, geometry: object, description: str, errors: Errors) -> ValidSpot | None:
    category = Category.objects.filter(code=category_code, active=True, confidential=False).first()
    if category is None:
        errors.setdefault("category", []).append(_("Choose one of the categories."))
    shape, location = _shape(geometry, errors)
    text = _text("description", description, limit=DESCRIPTION_MAX, required=_("Describe the place."), errors=errors)
    if category is None or shape is None or location is None:
        return None
    return ValidSpot(category=category, shape=shape, location=location, description=text)


def black_spot_declare(
    *,
    actor: Actor,
    viewer: Viewer,
    category_code: str,
    geometry: object,
    description: str,
    association_slug: str | None = None,
    report_ids: Sequence[str] = (),
    place_ids: Sequence[int] = (),
    photos: Sequence[bytes] = (),
) -> BlackSpot:
    """Declare a black spot for the viewer's verified association, with its links and photos."""
    association = access.acting_association(viewer, association_slug)
    errors: Errors = {}
    valid = _checked(category_code, geometry, description, errors)
    shape = valid.shape if valid else None
    reports = _linked_reports(report_ids, shape, errors)
    places = _linked_places(place_ids, shape, errors)
    cleaned = _photos(photos, errors)
    if errors or valid is None:
        raise InvalidInput(fields=errors)
    assert viewer.user_id is not None
    now = clock.now()
    level = ServiceLevel.objects.filter(category=valid.category).first()
    due = deadlines.deadlines_for(
        filed_on=timezone.localdate(now),
        tz=timezone.get_default_timezone(),
        levels=level.levels() if level else deadlines.Levels(),
    )
    routing = route(
        category_id=valid.category.pk,
        lon=valid.shape.lon,
        lat=valid.shape.lat,
        area_codes=access.area_codes(valid.location),
    )
    min_lon, min_lat, max_lon, max_lat = valid.shape.bbox
    saved: list[str] = []
    try:
        with writer_turn(), transaction.atomic():
            spot = BlackSpot.objects.create(
                public_id=_new_public_id(),
                association=association,
                declared_by_id=viewer.user_id,
                category=valid.category,
                geometry=valid.shape.geojson,
                lat=valid.shape.lat,
                lon=valid.shape.lon,
                min_lat=min_lat,
                min_lon=min_lon,
                max_lat=max_lat,
                max_lon=max_lon,
                commune=valid.location.commune,
                description=valid.description,
                responsible_unit=routing.responsible,
                is_demo=actor.demo,
                declared_at=now,
                acknowledge_by=due.acknowledge_by,
                answer_by=due.resolve_by,
                watched_at=due.acknowledge_by,
                watched_kind=lifecycle.Deadline.ACKNOWLEDGE.value,
            )
            BlackSpotReport.objects.bulk_create([BlackSpotReport(black_spot=spot, report=r) for r in reports])
            BlackSpotPlace.objects.bulk_create([BlackSpotPlace(black_spot=spot, place=p) for p in places])
            for position, photo in enumerate(cleaned):
                photo_id = _new_public_id(16)
                name = default_storage.save(f"photos/{photo_id}.jpg", ContentFile(photo.jpeg))
                saved.append(name)
                BlackSpotPhoto.objects.create(
                    black_spot=spot,
                    public_id=photo_id,
                    file=name,
                    width=photo.width,
                    height=photo.height,
                    position=position,
                )
            audit_record(
                actor=actor,
                action="black_spot.declare",
                target_type="black_spot",
                target_id=spot.public_id,
                details={
                    "association": association.slug,
                    "category": valid.category.code,
                    "commune": valid.location.commune.code,
                    "responsible": routing.responsible.code if routing.responsible else None,
                    "reports": [r.public_id for r in reports],
                    "places": [p.pk for p in places],
                    "photos": len(cleaned),
                },
            )
    except BaseException:
        for name in saved:
            default_storage.delete(name)
        raise
    return spot


def _answer_input(status: str, text: str, planned_for: dt.date | None, today: dt.date) -> tuple[str, dt.date | None]:
    errors: Errors = {}
    if status not in BlackSpotStatus.values or status == BlackSpotStatus.DECLARED:
        errors.setdefault("status", []).append(_("Choose one of the answers."))
    required = _("Give the reason for declining.") if status == BlackSpotStatus.DECLINED else None
    text = _text("text", text, limit=ANSWER_TEXT_MAX, required=required, errors=errors)
    if status == BlackSpotStatus.ACTION_PLANNED:
        if planned_for is None:
            errors.setdefault("planned_for", []).append(_("Say when the action is planned."))
        elif planned_for < today:
            errors.setdefault("planned_for", []).append(_("The planned date cannot be in the past."))
    elif planned_for is not None:
        errors.setdefault("planned_for", []).append(_("A date goes with a planned action only."))
    if errors:
        raise InvalidInput(fields=errors)
    return text, planned_for


def black_spot_answer(
    *,
    actor: Actor,
    viewer: Viewer,
    public_id: str,
    status: str,
    text: str = "",
    planned_for: dt.date | None = None,
    expected_status: str | None = None,
) -> BlackSpotAnswer:
    """Answer a black spot in public for the responsible unit (or one above it) and move its status."""
    now = clock.now()
    seen = black_spot_for_viewer(viewer=viewer, public_id=public_id)
    unit = access.answering_unit(viewer, seen.responsible_unit)
    if unit is None:
        raise NotAllowed(_("Only the responsible unit, or a unit above it, answers this black spot."))
    text, planned_for = _answer_input(status, text, planned_for, timezone.localdate(now))
    with writer_turn(), transaction.atomic():
        no_key = connection.features.has_select_for_no_key_update
        spot = BlackSpot.objects.select_for_update(no_key=no_key).filter(pk=seen.pk).first()
        if spot is None:
            raise NotFound()
        if expected_status is not None and spot.status != expected_status:
            raise Conflict()
        if spot.responsible_unit_id != seen.responsible_unit_id:
            raise Conflict()
        if not lifecycle.can_move(spot.status, status):
            raise InvalidTransition()
        before: dict[str, object] = {
            "status": spot.status,
            "planned_for": spot.planned_for.isoformat() if spot.planned_for else None,
        }
        escalated = frozenset(spot.escalations.values_list("kind", flat=True))
        watch = lifecycle.next_watch(status, escalated=escalated)
        spot.status = status
        spot.planned_for = planned_for if status == BlackSpotStatus.ACTION_PLANNED else spot.planned_for
        spot.watched_kind = watch.value if watch else ""
        spot.watched_at = _deadline_of(spot, watch)
        spot.save(update_fields=["status", "planned_for", "watched_kind", "watched_at"])
        answer = BlackSpotAnswer.objects.create(
            black_spot=spot,
            status=status,
            text=text,
            planned_for=planned_for,
            unit=unit,
            officer_id=viewer.user_id,
            at=now,
        )
        audit_record(
            actor=actor,
            action="black_spot.answer",
            target_type="black_spot",
            target_id=spot.public_id,
            details={"unit": unit.code},
            before=before,
            after={"status": status, "planned_for": planned_for.isoformat() if planned_for else None},
        )
    return answer


def _deadline_of(spot: BlackSpot, watch: lifecycle.Deadline | None) -> dt.datetime | None:
    if watch is None:
        return None
    return spot.acknowledge_by if watch == lifecycle.Deadline.ACKNOWLEDGE else spot.answer_by


def sensitive_place_register(
    *,
    actor: Actor,
    viewer: Viewer,
    kind: str,
    name_ar: str,
    name_fr: str,
    lat: float | None,
    lon: float | None,
    association_slug: str | None = None,
) -> SensitivePlace:
    """Register a school (or another sensitive place) for a verified association or a covering unit."""
    errors: Errors = {}
    if kind not in PlaceKind.values:
        errors.setdefault("kind", []).append(_("Choose one of the kinds of place."))
    required = _("Give the place's name.")
    name_ar = _text("name_ar", name_ar, limit=PLACE_NAME_MAX, required=required, errors=errors)
    name_fr = _text("name_fr", name_fr, limit=PLACE_NAME_MAX, required=required, errors=errors)
    location = None
    if lat is None or lon is None:
        errors.setdefault("location", []).append(_("Click the place on the map, or give its latitude and longitude."))
    else:
        _point, location = _shape({"type": "Point", "coordinates": [lon, lat]}, errors)
        if "geometry" in errors:
            errors["location"] = errors.pop("geometry")
    owner = _place_owner(viewer, association_slug, lat, lon, location)
    if errors or location is None or lat is None or lon is None:
        raise InvalidInput(fields=errors)
    assert viewer.user_id is not None
    with writer_turn(), transaction.atomic():
        place = SensitivePlace.objects.create(
            kind=kind,
            name_ar=name_ar,
            name_fr=name_fr,
            lat=lat,
            lon=lon,
            commune=location.commune,
            registered_by_id=viewer.user_id,
            is_demo=actor.demo,
            created_at=clock.now(),
            **owner,
        )
        audit_record(
            actor=actor,
            action="sensitive_place.register",
            target_type="sensitive_place",
            target_id=str(place.pk),
            details={
                "kind": kind,
                "commune": location.commune.code,
                "unit": place.unit.code if place.unit else None,
                "association": place.association.slug if place.association else None,
            },
        )
    return place


def _place_owner(
    viewer: Viewer, slug: str | None, lat: float | None, lon: float | None, location: Location | None
) -> dict[str, Any]:
    """For whom the viewer registers: a unit covering the place, else their verified association."""
    if viewer.acts_for_units and location is not None and lat is not None and lon is not None:
        covering = access.covering_unit_ids(lat=lat, lon=lon, location=location) & viewer.unit_ids
        if covering:
            return {"unit_id": min(covering)}
    if viewer.association_ids:
        return {"association": access.acting_association(viewer, slug)}
    if viewer.is_staff:
        return {}
    raise NotAllowed(_("Only a verified association's members, or the units covering the place, register it."))
