"""
Hiding reports and photos from the public while a moderator decides, and the photos' first look.

These are the low-level writes behind amane.flags: each runs inside the caller's
transaction, which decides who acted and writes the audit row. A hidden report leaves every
public read at once, since `Report.public` gates them all; the public counts and the cached
public pages follow in the same transaction (the cache on commit).

A photo on a public report is public once a moderator has approved it, or at once when
AMANE_PHOTOS_PREMODERATED is off; never while it is hidden by flags or after its removal.
The reporter and the report's units see every photo of it all along.
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from amane.env import env_bool
from amane.reports import public_cache, tallies
from amane.reports.models import Photo, PhotoReview, Report


def premoderated() -> bool:
    """Whether a photo waits for a moderator's first look before the public sees it (default: yes)."""
    configured = getattr(settings, "AMANE_PHOTOS_PREMODERATED", None)
    if configured is None:
        return env_bool("AMANE_PHOTOS_PREMODERATED", True)
    return bool(configured)


def public_photo_filter(prefix: str = "") -> Q:
    """The photos the public may see, as a filter on Photo (or on a relation to it, through `prefix`)."""
    reviews = [PhotoReview.APPROVED] if premoderated() else [PhotoReview.APPROVED, PhotoReview.PENDING]
    return Q(**{f"{prefix}hidden": False, f"{prefix}review__in": reviews, f"{prefix}report__public": True})


def photo_shown_to_public(photo: Photo, report: Report | None = None) -> bool:
    """The same rule for one photo whose report is at hand."""
    report = report or photo.report
    if not report.public or photo.hidden:
        return False
    return photo.review == PhotoReview.APPROVED or (photo.review == PhotoReview.PENDING and not premoderated())


def photo_waits_for_review(photo: Photo) -> bool:
    """Whether the public misses this photo only because no moderator has looked at it yet."""
    return not photo.hidden and photo.review == PhotoReview.PENDING and premoderated()


def _locked_report(report_id: int) -> Report:
    no_key = connection.features.has_select_for_no_key_update
    return Report.objects.select_for_update(no_key=no_key).select_related("category").get(pk=report_id)


def report_hidden_set(report: Report, *, hidden: bool) -> Report:
    """
    Hide a report from the public or show it again; the caller's transaction must be open.

    The public counts lose or regain it in the same transaction; the cached public pages are
    made stale when it commits.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("A report is hidden inside the transaction that records who hid it.")
    locked = _locked_report(report.pk)
    if locked.hidden == hidden:
        return locked
    tallies.report_withdrawn(locked)  # does nothing unless the public counted it
    locked.hidden = hidden
    locked.public = not locked.category.confidential and not hidden
    locked.save(update_fields=["hidden", "public"])
    tallies.report_added(locked)  # does nothing unless the public now sees it
    transaction.on_commit(public_cache.invalidate)
    return locked


def photo_hidden_set(photo: Photo, *, hidden: bool) -> Photo:
    """Hide a photo from the public or show it again; the caller's transaction must be open."""
    if not connection.in_atomic_block:
        raise RuntimeError("A photo is hidden inside the transaction that records who hid it.")
    Photo.objects.filter(pk=photo.pk).update(hidden=hidden)
    photo.hidden = hidden
    transaction.on_commit(public_cache.invalidate)
    return photo


def photo_review_set(photo: Photo, *, review: PhotoReview) -> Photo:
    """Record a moderator's look at a photo; the caller's transaction must be open."""
    if not connection.in_atomic_block:
        raise RuntimeError("A photo's review is recorded inside the transaction that audits it.")
    Photo.objects.filter(pk=photo.pk).update(review=review.value)
    photo.review = review.value
    transaction.on_commit(public_cache.invalidate)
    return photo
