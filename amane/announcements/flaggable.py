"""Announcements as content anyone may flag (amane.flags.registry); the flags' services audit it."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amane.announcements import ticker
from amane.announcements.models import Announcement
from amane.core.errors import NotFound
from amane.flags.registry import register_flaggable
from amane.reports import public_cache


def _find(public_id: str) -> Announcement:
    announcement = Announcement.objects.filter(public_id=public_id).first()
    if announcement is None:
        raise NotFound(_("No announcement has this id."))
    return announcement


def _set_hidden(announcement: Announcement, hidden: bool) -> None:
    Announcement.objects.filter(pk=announcement.pk).update(hidden=hidden)
    # The ticker and the cached pages would show it for another minute.
    transaction.on_commit(ticker.forget_all)
    transaction.on_commit(public_cache.invalidate)


def register() -> None:
    register_flaggable(
        "announcement",
        label=gettext_lazy("Announcement"),
        find=_find,
        is_public=lambda announcement: not announcement.hidden,
        set_hidden=_set_hidden,
        describe=lambda announcement: f"{announcement.title_fr} · {announcement.title_ar}",
        link=lambda announcement: reverse("announcement", args=[announcement.public_id]),
    )
