"""Reports as the public sees them, as plain data: shared by the API and, later, feeds, Open311 and the inbox."""

from django.urls import reverse
from django.utils import timezone

from amane.core.viewer import PUBLIC, Viewer
from amane.geo.api import unit
from amane.reports import moderation
from amane.reports.event_messages import event_message
from amane.reports.models import Category, Photo, Report, ReportEvent
from amane.reports.selectors import PHOTO_LIST
from amane.reports.visibility import original_shown_to


def category_out(category: Category) -> dict[str, object]:
    return {
        "code": category.code,
        "name_ar": category.name_ar,
        "name_fr": category.name_fr,
        "confidential": category.confidential,
    }


def event_out(event: ReportEvent) -> dict[str, object]:
    at = timezone.localtime(event.at)
    # A silent authority step reads as its status's default, in the caller's language.
    return {"status": event.status, "at": at, "actor_role": event.actor_role, "message": event_message(event)}


def photos_of(report: Report) -> list[Photo]:
    """A report's photos in order, from the list a page's selector prefetched when there is one."""
    prefetched: list[Photo] | None = getattr(report, PHOTO_LIST, None)
    return prefetched if prefetched is not None else list(report.photos.all())


def report_out(report: Report, *, viewer: Viewer) -> dict[str, object]:
    return {
        "id": report.public_id,
        "category": report.category.code,
        "category_name_ar": report.category.name_ar,
        "category_name_fr": report.category.name_fr,
        "status": report.status,
        "description": report.description,
        "lat": report.public_lat,
        "lon": report.public_lon,
        "location_precision": report.location_precision,
        "commune": unit(report.commune),
        "arrondissement": unit(report.arrondissement) if report.arrondissement else None,
        "occurred_on": report.occurred_on,
        "submitted_on": report.submitted_on,
        "photos": [
            {
                "url": reverse("photo", args=[photo.public_id]),
                "width": photo.width,
                "height": photo.height,
                "thumbnail_url": reverse("photo_thumbnail", args=[photo.public_id]),
            }
            for photo in photos_of(report)
            # Lists show what the public may see; the units see the rest in their inbox.
            if moderation.photo_shown_to_public(photo, report) or viewer.is_staff or viewer.is_moderator
        ],
        "duplicate_of": original_shown_to(viewer, report),
        "is_demo": report.is_demo,
    }


def tracked_out(report: Report) -> dict[str, object]:
    return {
        "id": report.public_id,
        "status": report.status,
        "category": report.category.code,
        "commune": unit(report.commune),
        # Whoever holds the code sees the original only where the public would.
        "duplicate_of": original_shown_to(PUBLIC, report),
        "timeline": [event_out(e) for e in report.events.all()],
    }
