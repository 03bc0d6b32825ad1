"""What a report's card shows of its photos: the first the public may see, or that some wait for review."""

from django import template

from amane.reports import moderation
from amane.reports.models import Photo, Report
from amane.reports.serialisers import photos_of

register = template.Library()


@register.filter
def first_public_photo(report: Report) -> Photo | None:
    return next((p for p in photos_of(report) if moderation.photo_shown_to_public(p, report)), None)


@register.filter
def has_photo_waiting(report: Report) -> bool:
    return any(moderation.photo_waits_for_review(photo) for photo in photos_of(report))


@register.filter
def waits_for_review(photo: Photo) -> bool:
    return moderation.photo_waits_for_review(photo)
