"""
What a citizen sends, checked: every error found at once, before anything is written.

The web form, the API and the demo all file through `report_submit`, which checks here
first; `report_check` runs the same checks alone, so that a form whose own parsing failed
still shows every other error in the same pass.
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amane.core.errors import InvalidInput, Message, NotFound, OutsideCoveredArea
from amane.geo.selectors import Location, filing_location, locate_point
from amane.reports import limits
from amane.reports.models import Category, LocationPrecision
from amane.reports.photos import CleanPhoto, PhotoRejected, clean_photo

EARLIEST_OCCURRENCE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# Phones with a clock a few minutes fast should not be told their report is in the future.
CLOCK_SKEW = dt.timedelta(minutes=10)

PHOTO_MESSAGES = {
    "too_large": gettext_lazy("This photo is larger than the limit."),
    "too_many_pixels": gettext_lazy("This photo has too many pixels."),
    "not_an_image": gettext_lazy("This file is not a photo Amane can read (JPEG, PNG or WebP)."),
}


def too_many_photos() -> str:
    return _("At most %(count)d photos.") % {"count": limits.PHOTOS_PER_REPORT}


def _check_description(description: str, errors: dict[str, list[Message]]) -> str:
    text = (description or "").strip()
    if not text:
        errors.setdefault("description", []).append(_("Describe what happened."))
    elif len(text) > limits.DESCRIPTION_MAX:
        # The count, so that the reporter knows how much to cut; nothing is ever cut for them.
        errors.setdefault("description", []).append(
            _("The description has %(count)d characters; the most is %(limit)d. Shorten it by %(over)d.")
            % {"count": len(text), "limit": limits.DESCRIPTION_MAX, "over": len(text) - limits.DESCRIPTION_MAX}
        )
    return text


def _check_category(code: str, errors: dict[str, list[Message]]) -> Category | None:
    category = Category.objects.filter(code=code, active=True).first()
    if category is None:
        errors.setdefault("category", []).append(_("Choose one of the categories."))
    return category


def _check_occurred_at(occurred_at: dt.datetime | None, now: dt.datetime, errors: dict[str, list[Message]]) -> None:
    if occurred_at is None:
        errors.setdefault("occurred_at", []).append(_("Say when it happened."))
    elif timezone.is_naive(occurred_at):
        errors.setdefault("occurred_at", []).append(_("The time must include a time zone."))
    elif occurred_at > now + CLOCK_SKEW:
        errors.setdefault("occurred_at", []).append(_("The time cannot be in the future."))
    elif occurred_at < EARLIEST_OCCURRENCE:
        errors.setdefault("occurred_at", []).append(_("The time is too far in the past."))


def _check_location(
    lat: float | None, lon: float | None, commune_code: str | None, errors: dict[str, list[Message]]
) -> tuple[Location | None, float, float, str]:
    if lat is not None and lon is not None:
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            errors.setdefault("location", []).append(_("These coordinates are not valid."))
            return None, 0.0, 0.0, LocationPrecision.POINT
        try:
            return locate_point(lat=lat, lon=lon), lat, lon, LocationPrecision.POINT
        except OutsideCoveredArea as error:
            errors.setdefault("location", []).append(error.detail)
            return None, lat, lon, LocationPrecision.POINT
    if commune_code:
        # A commune's code, or an arrondissement's: the report is filed under its city and keeps it.
        try:
            location = filing_location(code=commune_code)
        except NotFound:
            errors.setdefault("commune", []).append(_("Choose a commune from the list."))
            return None, 0.0, 0.0, LocationPrecision.COMMUNE
        centre = location.arrondissement or location.commune
        if centre.centroid_lat is None or centre.centroid_lon is None:
            centre = location.commune
        assert centre.centroid_lat is not None and centre.centroid_lon is not None
        return location, centre.centroid_lat, centre.centroid_lon, LocationPrecision.COMMUNE
    errors.setdefault("location", []).append(_("Say where it happened: type the name of the commune or district."))
    return None, 0.0, 0.0, LocationPrecision.POINT


def clean_uploaded_photo(data: bytes) -> CleanPhoto:
    """Return one photo cleaned within the deployer's limits; raise PhotoRejected (see PHOTO_MESSAGES)."""
    return clean_photo(
        data,
        max_bytes=settings.AMANE_PHOTO_MAX_BYTES,
        max_pixels=settings.AMANE_PHOTO_MAX_PIXELS,
        max_edge=settings.AMANE_PHOTO_MAX_EDGE,
    )


def _check_photos(photos: Sequence[bytes], errors: dict[str, list[Message]]) -> list[CleanPhoto]:
    if len(photos) > limits.PHOTOS_PER_REPORT:
        errors.setdefault("photos", []).append(too_many_photos())
        return []
    cleaned = []
    for index, data in enumerate(photos, start=1):
        try:
            cleaned.append(clean_uploaded_photo(data))
        except PhotoRejected as refused:
            errors.setdefault("photos", []).append(
                _("Photo %(number)d: %(reason)s") % {"number": index, "reason": PHOTO_MESSAGES[refused.reason]}
            )
    return cleaned


@dataclass(frozen=True)
class ValidReport:
    category: Category
    description: str
    occurred_at: dt.datetime
    location: Location
    lat: float | None
    lon: float | None
    precision: str
    contact: str
    photos: list[CleanPhoto]


def validated(
    *,
    now: dt.datetime,
    category_code: str,
    description: str,
    occurred_at: dt.datetime | None,
    lat: float | None,
    lon: float | None,
    commune_code: str | None,
    photos: Sequence[bytes],
    contact: str,
) -> ValidReport:
    """Check every input at once and raise InvalidInput with all that is wrong, or return them cleaned."""
    errors: dict[str, list[Message]] = {}
    category = _check_category(category_code, errors)
    text = _check_description(description, errors)
    _check_occurred_at(occurred_at, now, errors)
    location, lat, lon, precision = _check_location(lat, lon, commune_code, errors)
    contact = _check_texts(text, contact, errors)
    cleaned_photos = _check_photos(photos, errors)
    if errors:
        raise InvalidInput(fields=errors)
    assert category is not None and location is not None and occurred_at is not None
    return ValidReport(category, text, occurred_at, location, lat, lon, precision, contact, cleaned_photos)


def _check_texts(description: str, contact: str, errors: dict[str, list[Message]]) -> str:
    contact = (contact or "").strip()
    for name, value in (("description", description), ("contact", contact)):
        if "\x00" in value:
            # PostgreSQL cannot store NUL in text; no keyboard types one.
            errors.setdefault(name, []).append(_("This text holds a character that is not allowed."))
    if len(contact) > limits.CONTACT_MAX:
        errors.setdefault("contact", []).append(
            _("The contact may have at most %(limit)d characters.") % {"limit": limits.CONTACT_MAX}
        )
    return contact
